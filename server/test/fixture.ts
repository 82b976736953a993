import { afterEach } from 'vitest'
import {
  type CookieAuth,
  connectClient,
  rawSocket,
  type ServerOptions,
  startServer,
  type TestClient,
  type TestServer,
  tempDataDir,
} from './harness'

export type RawSocket = Awaited<ReturnType<typeof rawSocket>>

export interface IntegrationFixture {
  /** The running server; throws if the test has not started one. */
  readonly server: TestServer
  /**
   * Starts a server on port 0 (options default to the fixture's). Whatever ran before – its
   * clients, raw sockets and the server itself – is ended first.
   */
  start(options?: ServerOptions, dataDir?: string): Promise<TestServer>
  /** Ends the clients and the server, then starts a new one on the same data folder. */
  restart(options?: ServerOptions): Promise<TestServer>
  /** A stock y-websocket client of the running server, destroyed when the test ends. */
  client(meetingId: string, auth: string | CookieAuth): TestClient
  /** A raw socket of the running server, terminated when the test ends. */
  raw(meetingId: string, token: string, headers?: Record<string, string>): Promise<RawSocket>
  /** Runs `end` when the test ends, before the server closes (e.g. to kill a child process). */
  onTeardown(end: () => void): void
}

/**
 * The set-up every integration test file shares: a real server per test, and the clients and
 * sockets it opens, all ended in an `afterEach` that this registers in the calling file.
 */
export function integrationFixture(defaultOptions: ServerOptions = {}): IntegrationFixture {
  let current: TestServer | undefined
  const clients: TestClient[] = []
  const sockets: RawSocket['ws'][] = []
  const teardowns: (() => void)[] = []

  async function end(): Promise<void> {
    for (const c of clients.splice(0)) c.destroy()
    for (const ws of sockets.splice(0)) ws.terminate()
    for (const teardown of teardowns.splice(0)) teardown()
    const running = current
    current = undefined
    await running?.close()
  }

  function server(): TestServer {
    if (!current) throw new Error('no server: call start() first')
    return current
  }

  async function start(
    options: ServerOptions = defaultOptions,
    dataDir = tempDataDir(),
  ): Promise<TestServer> {
    await end()
    current = await startServer(dataDir, options)
    return current
  }

  afterEach(end)

  return {
    get server() {
      return server()
    },
    start,
    restart: (options = defaultOptions) => start(options, server().dataDir),
    client(meetingId, auth) {
      const c = connectClient(server(), meetingId, auth)
      clients.push(c)
      return c
    },
    async raw(meetingId, token, headers = {}) {
      const socket = await rawSocket(server(), meetingId, token, headers)
      sockets.push(socket.ws)
      return socket
    },
    onTeardown(teardown) {
      teardowns.push(teardown)
    },
  }
}
