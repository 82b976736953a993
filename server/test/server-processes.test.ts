import { afterEach, describe, expect, it, onTestFailed } from 'vitest'
import { postgresStorage } from '../db/postgres/storage'
import { type Balancer, startBalancer } from './balancer'
import { testDatabase } from './engine-access'
import { connectClient, storedDocText, type TestClient, waitFor } from './harness'
import { freePort, type ServerProcess, setUpMeeting, startServerProcess } from './server-processes'

/**
 * The machinery of the multi-process tests (issue 16) on one real server process: started from
 * source on a throwaway PostgreSQL database, a meeting set up through the API behind the tests'
 * load balancer, stock y-websocket clients syncing through it – across a SIGKILL and a restart on
 * the same port – and a SIGTERM that closes gracefully.
 */

const clients: TestClient[] = []
const processes: ServerProcess[] = []
const balancers: Balancer[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const lb of balancers.splice(0)) await lb.close()
  for (const server of processes.splice(0)) await server.dispose()
})

describe('server processes behind the tests’ balancer', () => {
  it('one process on PostgreSQL: set up through the API, clients sync through the balancer, survive a SIGKILL and restart on the same port, and SIGTERM exits 0', async () => {
    const { url: databaseUrl } = await testDatabase({ migrated: true })
    const port = await freePort()
    const lb = await startBalancer({ backends: [port], port: await freePort() })
    balancers.push(lb)
    const server = await startServerProcess({
      name: 'a',
      port,
      env: { SIP_DATABASE_URL: databaseUrl, SIP_PUBLIC_URL: lb.url, SIP_TRUST_PROXY: 'loopback' },
    })
    processes.push(server)
    onTestFailed(() => console.error(`--- log of ${server.name} ---\n${server.logTail(60)}`))
    expect(server.running).toBe(true)

    const meeting = await setUpMeeting(lb, databaseUrl, ['notetaker', 'guardian'])
    const [notetaker, guardian] = meeting.tokens as [string, string]
    const writer = connectClient(lb, meeting.id, notetaker)
    const reader = connectClient(lb, meeting.id, guardian)
    clients.push(writer, reader)
    await waitFor(() => writer.provider.synced && reader.provider.synced, 'both synced', 15_000)
    writer.doc.getText('t').insert(0, 'före')
    await waitFor(() => reader.doc.getText('t').toString() === 'före', 'the reader sees the edit', 15_000)

    // A crash: the balancer's tunnels close with the process, the clients keep retrying through it.
    const pid = server.pid
    await server.kill()
    expect(server.running).toBe(false)
    await waitFor(() => !writer.provider.wsconnected && !reader.provider.wsconnected, 'both lost the socket')
    writer.doc.getText('t').insert(4, ' och efter')
    await server.start()
    expect(server.pid).not.toBe(pid)
    expect(server.port).toBe(port)
    await waitFor(
      () => reader.doc.getText('t').toString() === 'före och efter',
      'the edit made while the process was down reaches the reader after the restart',
      20_000,
    )

    const storage = await postgresStorage({ url: databaseUrl, migrate: false, maxConnections: 1 })
    try {
      await waitFor(
        async () => (await storedDocText({ storage }, meeting.id)) === 'före och efter',
        'the edit is stored in PostgreSQL',
        15_000,
      )
    } finally {
      await storage.close()
    }

    expect(await server.stop()).toBe(0)
    expect(server.logTail(200)).toMatch(/SIP Live is running/)
  }, 90_000)
})
