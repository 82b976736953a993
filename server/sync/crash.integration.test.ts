import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase } from '../db/connection'
import { testEngine } from '../test/engine-access'
import {
  connectClient,
  createMeetingInFile,
  loadStoredDocFromFile,
  type TestClient,
  tempDataDir,
  waitFor,
} from '../test/harness'

const ROOT = path.resolve(import.meta.dirname, '../..')
const KILLS = 5

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

function startChild(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SIP_DATA_DIR: dataDir,
      SIP_PORT: String(port),
      SIP_DEMO: 'off',
      SIP_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000)
    child.stdout!.on('data', (chunk) => {
      out += String(chunk)
      if (out.includes('SIP Live is running')) {
        clearTimeout(timer)
        resolve(child)
      }
    })
    child.stderr!.on('data', (chunk) => {
      out += String(chunk)
    })
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)))
  })
}

/** Does `stored` contain every change that `seen` contains? (state vector comparison) */
function containsAll(stored: Y.Doc, seen: Y.Doc): boolean {
  const storedSv = Y.decodeStateVector(Y.encodeStateVector(stored))
  for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(seen))) {
    if ((storedSv.get(clientId) ?? 0) < clock) return false
  }
  return true
}

function loadStored(dbFile: string, meetingId: string): Y.Doc {
  const db = new Database(dbFile, { readonly: true })
  try {
    return loadStoredDocFromFile(db, meetingId)
  } finally {
    db.close()
  }
}

/** A data folder with one meeting, and a free port for a server child process to use. */
async function prepareChildServer() {
  const dataDir = tempDataDir()
  const dbFile = path.join(dataDir, 'sip-live.db')
  const setup = openDatabase({ file: dbFile })
  const meeting = createMeetingInFile(setup)
  setup.close()
  const port = await freePort()
  return { dataDir, dbFile, meeting, port, server: { wsUrl: `ws://127.0.0.1:${port}` } }
}

function integrity(dbFile: string): string {
  const db = new Database(dbFile)
  try {
    return db.pragma('integrity_check', { simple: true }) as string
  } finally {
    db.close()
  }
}

// SQLite only: these kill a server process and check the SQLite file it left (integrity, WAL);
// the app on PostgreSQL has its own start-up tests (server/db/postgres/app.test.ts).
describe.skipIf(testEngine() === 'postgres')('crash durability', () => {
  let child: ChildProcess | undefined
  const clients: TestClient[] = []
  // Each test's last server is ended with it: a later test's start must not leave it running.
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy()
    child?.kill('SIGKILL')
    child = undefined
  })

  it(`S4: after SIGKILL at a random moment (${KILLS} times), everything any client had received is stored`, async () => {
    const { dataDir, dbFile, meeting, port, server } = await prepareChildServer()
    child = await startChild(dataDir, port)

    const chair = connectClient(server, meeting.id, meeting.people.chair.token)
    const notetaker = connectClient(server, meeting.id, meeting.people.notetaker.token)
    clients.push(chair, notetaker)
    let typed = 0
    const typing = setInterval(() => {
      // Two writers type into two parts, a few characters per tick, while the server lives and dies.
      for (const writer of [chair, notetaker]) {
        const text = writer.doc.getText(writer === chair ? 'opening' : 'needs')
        text.insert(text.length, `${typed % 10}`)
      }
      typed++
    }, 5)

    try {
      for (let round = 0; round < KILLS; round++) {
        // A fresh observer each round: what it receives is what "any other client had received".
        const observer = connectClient(server, meeting.id, meeting.people.guardian.token)
        clients.push(observer)
        await waitFor(() => observer.provider.synced, 'observer synced', 15_000)
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 400))
        child.kill('SIGKILL')
        await new Promise((resolve) => child!.once('exit', resolve))
        const seen = new Y.Doc()
        Y.applyUpdate(seen, Y.encodeStateAsUpdate(observer.doc))
        observer.destroy()

        expect(integrity(dbFile)).toBe('ok')
        const stored = loadStored(dbFile, meeting.id)
        expect(seen.getText('opening').length + seen.getText('needs').length).toBeGreaterThan(0)
        expect(containsAll(stored, seen)).toBe(true)
        stored.destroy()
        seen.destroy()
        child = await startChild(dataDir, port)
      }
    } finally {
      clearInterval(typing)
    }

    // The writers' clients reconnect and resend what the killed servers never stored: nothing is lost.
    await waitFor(() => chair.provider.synced && notetaker.provider.synced, 'writers back', 15_000)
    await waitFor(
      () => {
        const stored = loadStored(dbFile, meeting.id)
        const ok = containsAll(stored, chair.doc) && containsAll(stored, notetaker.doc)
        stored.destroy()
        return ok
      },
      'all typed text stored',
      15_000,
    )
    expect(chair.doc.getText('opening').length).toBe(typed)
  }, 120_000)

  it('A10: after SIGKILL, every join that was answered and every socket whose client synced is in the audit log, in order', async () => {
    const { dataDir, dbFile, meeting, port, server } = await prepareChildServer()
    child = await startChild(dataDir, port)
    // A server just started on a busy machine may answer 503 for a moment (A15): ask again then.
    let joined: Response
    const deadline = Date.now() + 30_000
    do {
      joined = await fetch(`http://127.0.0.1:${port}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-SIP-Request': '1' },
        body: JSON.stringify({ token: meeting.people.child.token }),
      })
      if (joined.status === 503) await new Promise((resolve) => setTimeout(resolve, 500))
    } while (joined.status === 503 && Date.now() < deadline)
    expect(joined.status).toBe(200)
    // One after the other, each killed-for right after its client synced: the last has no turn to spare.
    const order = [meeting.people.guardian, meeting.people.chair, meeting.people.notetaker]
    for (const person of order) {
      const client = connectClient(server, meeting.id, person.token)
      clients.push(client)
      await waitFor(() => client.provider.synced, `${person.role} synced`, 15_000)
    }
    child.kill('SIGKILL')
    await new Promise((resolve) => child!.once('exit', resolve))

    const db = new Database(dbFile, { readonly: true })
    try {
      const rows = db
        .prepare(
          "SELECT action, actor FROM audit_log WHERE action IN ('link.opened', 'plan.opened') ORDER BY id",
        )
        .all()
      expect(rows).toEqual([
        { action: 'link.opened', actor: `participant:${meeting.people.child.id}` },
        ...order.map((person) => ({ action: 'plan.opened', actor: `participant:${person.id}` })),
      ])
      // The cookie the join answered names a session that is stored.
      const sessions = db
        .prepare('SELECT COUNT(*) FROM participant_sessions WHERE participant_id = ?')
        .pluck()
        .get(meeting.people.child.id)
      expect(sessions).toBe(1)
    } finally {
      db.close()
    }
  }, 60_000)

  it('S11: SIGTERM stores what is pending, tells clients to come back (1001), closes the database and exits 0', async () => {
    const { dataDir, dbFile, meeting, port, server } = await prepareChildServer()
    const proc = await startChild(dataDir, port)
    const writer = connectClient(server, meeting.id, meeting.people.notetaker.token)
    const reader = connectClient(server, meeting.id, meeting.people.guardian.token)
    clients.push(writer, reader)
    await waitFor(() => writer.provider.synced && reader.provider.synced, 'synced', 15_000)
    writer.doc.getText('needs').insert(0, 'Stöd varje måndag')
    await waitFor(() => reader.doc.getText('needs').length > 0, 'delivered')

    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
    proc.kill('SIGTERM')
    expect(await exited).toBe(0)
    await waitFor(() => reader.closeEvents.length > 0, 'reader told')
    expect(reader.closeEvents[0]?.code).toBe(1001)
    writer.destroy()
    reader.destroy()
    // The last connection closed cleanly: SQLite checkpointed and removed the write-ahead log.
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(false)
    expect(integrity(dbFile)).toBe('ok')
    const stored = loadStored(dbFile, meeting.id)
    expect(stored.getText('needs').toString()).toBe('Stöd varje måndag')
    stored.destroy()
  }, 60_000)

  it('S11: a client that never answers the 1001 is sent it all the same and does not hold the shutdown up; the rest get 1001 too', async () => {
    const { dataDir, meeting, port, server } = await prepareChildServer()
    const proc = await startChild(dataDir, port)
    const reader = connectClient(server, meeting.id, meeting.people.guardian.token)
    clients.push(reader)
    // A socket upgraded by hand that reads what it is sent and never answers anything (a frozen tab).
    const frozen = net.connect(port, '127.0.0.1')
    frozen.on('error', () => {})
    let received = Buffer.alloc(0)
    frozen.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
    })
    frozen.write(
      [
        `GET /collab/${meeting.id}?token=${meeting.people.child.token} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    )
    await waitFor(() => received.includes('101 Switching Protocols'), 'frozen socket upgraded', 15_000)
    await waitFor(() => reader.provider.synced, 'reader synced', 15_000)

    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
    proc.kill('SIGTERM')
    // Exit 0 is a graceful close; a shutdown held up by the frozen socket is forced with exit 1.
    expect(await exited).toBe(0)
    // The frozen socket was sent the close frame, 1001 (0x88, length, 0x03e9).
    expect(received.includes(Buffer.from([0x03, 0xe9]))).toBe(true)
    expect(
      [...received].some((byte, i) => byte === 0x88 && received[i + 2] === 0x03 && received[i + 3] === 0xe9),
    ).toBe(true)
    await waitFor(() => reader.closeEvents.length > 0, 'reader told')
    expect(reader.closeEvents[0]?.code).toBe(1001)
    frozen.destroy()
  }, 60_000)
})
