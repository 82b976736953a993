/**
 * SIP Live server processes for tests of several processes (issue 16): each a real child process
 * running the server from source (`node --import tsx server/index.ts`, as `npm run dev:server` does
 * without the watcher: no build step), on 127.0.0.1 and a port of its own, with the environment the
 * test gives (SIP_DATABASE_URL, SIP_REDIS_URL, SIP_PUBLIC_URL …). A process can be stopped (SIGTERM,
 * the graceful close), killed (SIGKILL, a crash) and started again on the same port.
 *
 * Its stdout and stderr go to a log file (kept across restarts) whose tail a failed start reports.
 * Nothing is left running: an exit handler kills every child a test did not stop, and a watchdog
 * shell per child kills it when the test process dies without running exit handlers (as
 * server/test/engines.ts does for the engines).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Role } from '../../shared/roles'
import { AddedParticipantSchema } from '../../shared/schemas/meeting'
import { hashPassword } from '../auth/passwords'
import { postgresStorage } from '../db/postgres/storage'
import { api, CONSENT, meetingInput, signIn, TEST_PASSWORD, tokenOf } from './harness'

const ROOT = path.resolve(import.meta.dirname, '../..')
/** Bounds for every wait below. */
const START_TIMEOUT_MS = 30_000
/** The server forces its own exit after 10 s of graceful close (server/main.ts); a little more here. */
const STOP_TIMEOUT_MS = 15_000
const HEALTH_POLL_MS = 50

export interface ServerProcessOptions {
  /** The server's environment on top of the defaults below (SIP_DATABASE_URL, SIP_REDIS_URL, …). */
  env?: Record<string, string>
  /** The port to listen on; default a free one (freePort). Kept across restarts. */
  port?: number
  /** A name for messages and the log file ("a", "b"). */
  name?: string
}

export interface ServerProcess {
  name: string
  port: number
  /** http://127.0.0.1:<port> and ws://127.0.0.1:<port>. */
  url: string
  wsUrl: string
  /** The running child's pid; undefined while stopped or killed. */
  readonly pid: number | undefined
  readonly running: boolean
  /** Its data folder (SIP_DATA_DIR) and the file holding its stdout and stderr. */
  dataDir: string
  logFile: string
  /** The log's last lines, for a failure message. */
  logTail(lines?: number): string
  /** SIGTERM and wait for the exit (SIGKILL after STOP_TIMEOUT_MS); answers the exit code. */
  stop(): Promise<number | null>
  /** SIGKILL and wait for the exit: a crash, nothing stored on the way out. */
  kill(): Promise<void>
  /** Starts it again on the same port and data folder; resolves once /healthz answers 200. */
  start(): Promise<void>
  /** Kills it if it runs and removes its data folder, log included (the end of a test). */
  dispose(): Promise<void>
}

/** Every child started here that has not exited yet, for the exit handler. */
const live = new Set<ChildProcess>()
let exitHookInstalled = false

/**
 * Starts a server process and resolves once GET /healthz answers 200 (bounded); a child that exits
 * first or does not answer in time fails the start with its log's tail.
 */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort())
  const name = options.name ?? `server-${port}`
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sip-process-${name}-`))
  const logFile = path.join(dataDir, 'server.log')
  const url = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    ...runnerFreeEnv(),
    SIP_HOST: '127.0.0.1',
    SIP_PORT: String(port),
    SIP_DATA_DIR: dataDir,
    SIP_DEMO: 'off',
    SIP_LOG_LEVEL: 'info',
    ...options.env,
  }
  let child: ChildProcess | undefined
  let watchdog: ChildProcess | undefined

  const logTail = (lines = 30) => {
    try {
      return fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n')
    } catch {
      return ''
    }
  }

  const start = async () => {
    if (child) throw new Error(`${name} is already running`)
    const log = fs.openSync(logFile, 'a')
    fs.writeSync(log, `\n--- ${name}: start on port ${port} ---\n`)
    const started = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', log, log],
    })
    fs.closeSync(log)
    started.on('error', () => {})
    if (started.pid === undefined) throw new Error(`${name} did not start`)
    child = started
    live.add(started)
    installExitHook()
    watchdog = guard(started.pid, dataDir)
    started.once('exit', () => {
      live.delete(started)
      watchdog?.kill('SIGKILL')
      watchdog = undefined
      if (child === started) child = undefined
    })
    try {
      await waitForHealth(url, started)
    } catch (error) {
      await halt('SIGKILL')
      throw new Error(`${name}: ${(error as Error).message}\n${logTail()}`)
    }
  }

  /** Sends `signal` to the running child and waits (bounded) for its exit; its exit code. */
  const halt = async (signal: NodeJS.Signals): Promise<number | null> => {
    const running = child
    if (!running || running.exitCode !== null || running.signalCode !== null) {
      child = undefined
      return running?.exitCode ?? null
    }
    const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)))
    running.kill(signal)
    const timer = setTimeout(() => running.kill('SIGKILL'), STOP_TIMEOUT_MS)
    const code = await exited
    clearTimeout(timer)
    return code
  }

  try {
    await start()
  } catch (error) {
    // The message carries the log's tail; nothing else of a process that never served is kept.
    fs.rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  return {
    name,
    port,
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    get pid() {
      return child?.pid
    },
    get running() {
      return child !== undefined
    },
    dataDir,
    logFile,
    logTail,
    stop: () => halt('SIGTERM'),
    kill: async () => {
      await halt('SIGKILL')
    },
    start,
    async dispose() {
      await halt('SIGKILL')
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * A free port on 127.0.0.1 for a server or balancer of the test: one the OS hands out, given back at
 * once for the server to take – or, with SIP_TEST_PORTS=A-B (several people's tests on one machine,
 * each in a range of their own), a free one in that range not handed out here before.
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.SIP_TEST_PORTS ?? '')
  if (!range) return listenOnce(0)
  const [low, high] = [Number(range[1]), Number(range[2])]
  // Two test workers share the range: each starts at a random place in it.
  const offset = Math.floor(Math.random() * (high - low + 1))
  for (let i = 0; i <= high - low; i++) {
    const port = low + ((offset + i) % (high - low + 1))
    if (handedOut.has(port)) continue
    const taken = await listenOnce(port).then(
      () => false,
      () => true,
    )
    if (taken) continue
    handedOut.add(port)
    return port
  }
  throw new Error(`no free port in SIP_TEST_PORTS=${process.env.SIP_TEST_PORTS}`)
}

const handedOut = new Set<number>()

/** Listens on `port` (0: any) and closes again; the port it had. */
function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/**
 * The test runner's environment without what would make the child something other than a real
 * server: SIP_* (a developer's own settings) and VITEST* (the storage's test-only strictness).
 */
function runnerFreeEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('SIP_') && !key.startsWith('VITEST')),
  )
}

/** Polls GET /healthz until it answers 200; fails if the child exits or START_TIMEOUT_MS passes. */
async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS
  let last = 'no answer yet'
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited before answering /healthz (${child.exitCode ?? child.signalCode})`)
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })
      if (response.status === 200) return
      last = `/healthz answered ${response.status}`
    } catch (error) {
      last = (error as Error).message
    }
    if (Date.now() > deadline)
      throw new Error(`/healthz did not answer 200 in ${START_TIMEOUT_MS} ms (${last})`)
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS))
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL')
  })
}

/**
 * A shell that SIGKILLs `pid` and removes its data folder once this process is gone (polled once a
 * second): the test runner may end a worker with SIGKILL, and exit handlers do not run then. Ended
 * when the child exits (a restart starts a new one).
 */
function guard(pid: number, dataDir: string): ChildProcess {
  const watchdog = spawn(
    'sh',
    [
      '-c',
      'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -KILL "$2" 2>/dev/null; sleep 1; rm -rf "$3"',
      'sip-test-watchdog',
      String(process.pid),
      String(pid),
      dataDir,
    ],
    { detached: true, stdio: 'ignore' },
  )
  watchdog.unref()
  return watchdog
}

/** The meeting setUpMeeting made: its id and each person's link token, in the order asked for. */
export interface ApiMeeting {
  id: string
  tokens: string[]
}

/**
 * A meeting as staff set it up, all through `entry`'s API (a process, or the balancer in front of
 * several): a staff account (written straight into the database, as createUser does in-process),
 * sign-in, the meeting, consent, and one participant with a link per role in `roles`.
 */
export async function setUpMeeting(
  entry: { url: string },
  databaseUrl: string,
  roles: readonly Role[],
): Promise<ApiMeeting> {
  const email = `convener-${Math.random().toString(36).slice(2, 10)}@skolan.se`
  const storage = await postgresStorage({ url: databaseUrl, migrate: false, maxConnections: 1 })
  try {
    await storage.stores.users.create({
      email,
      name: 'Maja Lind',
      isAdmin: false,
      passwordHash: await hashPassword(TEST_PASSWORD),
    })
  } finally {
    await storage.close()
  }
  const cookie = await signIn(entry, email)
  const created = await api<{ id: string }>(entry, 'POST', '/api/meetings', { cookie, body: meetingInput() })
  if (created.status !== 201) throw new Error(`creating the meeting answered ${created.status}`)
  const id = created.body.id
  const consent = await api(entry, 'PUT', `/api/meetings/${id}/consent`, { cookie, body: CONSENT })
  if (consent.status !== 200) throw new Error(`consent answered ${consent.status}`)
  const tokens: string[] = []
  for (const [i, role] of roles.entries()) {
    const added = await api(entry, 'POST', `/api/meetings/${id}/participants`, {
      cookie,
      body: { role, organisation: 'skola', function: 'lärare', name: `Person ${i + 1}` },
    })
    if (added.status !== 201) throw new Error(`adding a ${role} answered ${added.status}`)
    tokens.push(tokenOf(AddedParticipantSchema.parse(added.body).link.url))
  }
  return { id, tokens }
}
