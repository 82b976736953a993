import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SYNC_PATH } from '../../shared/protocol'
import type { Role } from '../../shared/roles'
import { type BuildAppOptions, buildApp } from '../app'
import { accessTokenStore } from '../db/access-tokens'
import type { Db } from '../db/connection'
import { meetingStore } from '../db/meetings'

/** A temp folder for one test's SQLite file; removed by `cleanup`. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sip-live-test-'))
}

export interface TestServer {
  app: FastifyInstance
  url: string
  wsUrl: string
  dataDir: string
  /** Every log line the server wrote, as raw JSON text. */
  logs: string[]
  close(): Promise<void>
}

/** Starts the real app on 127.0.0.1, port 0, with a real SQLite file in `dataDir`. */
export async function startServer(
  dataDir: string = tempDataDir(),
  extra: Omit<BuildAppOptions, 'config'> & { allowedOrigins?: string[] } = {},
): Promise<TestServer> {
  const logs: string[] = []
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const app = await buildApp({
    config: {
      databaseFile: path.join(dataDir, 'sip-live.db'),
      allowedOrigins: extra.allowedOrigins ?? ['http://127.0.0.1:8080'],
      logLevel: 'debug',
      dbSynchronous: 'normal',
    },
    clientDir: false,
    logStream,
    ...extra,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  const url = `http://127.0.0.1:${address.port}`
  return { app, url, wsUrl: `ws://127.0.0.1:${address.port}`, dataDir, logs, close: () => app.close() }
}

export interface TestParticipant {
  id: string
  role: Role
  name: string
  token: string
  tokenId: number
}

export interface TestMeeting {
  id: string
  people: Record<Role, TestParticipant>
}

const PEOPLE: Record<Role, { name: string; organisation: string; function: string }> = {
  chair: { name: 'Maja Lind', organisation: 'Skola', function: 'biträdande rektor' },
  notetaker: { name: 'Amir Haddad', organisation: 'Elevhälsa', function: 'kurator' },
  participant: { name: 'Lena Berg', organisation: 'Socialtjänst', function: 'socialsekreterare' },
  guardian: { name: 'Sara', organisation: 'Familj', function: 'vårdnadshavare' },
  child: { name: 'Elsa', organisation: 'Familj', function: 'huvudperson' },
}

/** A meeting with one participant of each role, each with a valid token. */
export function createMeeting(db: Db, options: { ttlMs?: number } = {}): TestMeeting {
  const meetings = meetingStore(db)
  const tokens = accessTokenStore(db)
  const meeting = meetings.createMeeting({ title: 'Test', childName: 'Elsa' })
  const people = {} as Record<Role, TestParticipant>
  for (const role of Object.keys(PEOPLE) as Role[]) {
    const person = PEOPLE[role]
    const participant = meetings.addParticipant(meeting.id, { role, ...person })
    const { token, tokenId } = tokens.issue(
      participant,
      options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {},
    )
    people[role] = { id: participant.id, role, name: person.name, token, tokenId }
  }
  return { id: meeting.id, people }
}

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  closeEvents: { code: number; reason: string }[]
  destroy(): void
}

/** The stock y-websocket client, exactly as the issue prescribes: params { token }, ws polyfill. */
export function connectClient(
  server: Pick<TestServer, 'wsUrl'>,
  meetingId: string,
  token: string,
): TestClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${server.wsUrl}${SYNC_PATH}`, meetingId, doc, {
    params: { token },
    // biome-ignore lint/suspicious/noExplicitAny: ws implements the WebSocket surface the provider uses.
    WebSocketPolyfill: WebSocket as any,
    // Same-process providers would otherwise sync through BroadcastChannel, bypassing the server.
    disableBc: true,
    maxBackoffTime: 200,
  })
  const closeEvents: { code: number; reason: string }[] = []
  provider.on('connection-close', (event) => {
    if (event) closeEvents.push({ code: event.code, reason: event.reason })
  })
  return {
    doc,
    provider,
    closeEvents,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Waits for a condition, polling; fails with `message` after `timeoutMs`. No fixed sleeps. */
export async function waitFor(condition: () => boolean, message: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${message}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export async function synced(client: TestClient): Promise<void> {
  await waitFor(() => client.provider.synced, 'client synced')
}

/** A raw socket for hand-crafted frames. Resolves when open; collects what the server sends. */
export async function rawSocket(
  server: Pick<TestServer, 'wsUrl'>,
  meetingId: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<{ ws: WebSocket; received: Uint8Array[]; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${server.wsUrl}${SYNC_PATH}/${meetingId}?token=${encodeURIComponent(token)}`, {
    headers,
  })
  const received: Uint8Array[] = []
  ws.on('message', (data) => received.push(new Uint8Array(data as Buffer)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, received, closed }
}

/** Tries an upgrade and reports the HTTP status the server answered with instead (or 101). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.on('open', () => {
      resolve(101)
      ws.close()
    })
    ws.on('error', () => {})
  })
}

export function storedUpdateRows(db: Db, meetingId: string): number {
  return db.prepare('SELECT count(*) FROM doc_updates WHERE meeting_id = ?').pluck().get(meetingId) as number
}

/** The stored document, read the way the server loads it: snapshot, then the rows after it. */
export function loadStoredDoc(db: Db, meetingId: string): Y.Doc {
  const snapshot = db
    .prepare('SELECT upto_update_id AS upto, data FROM doc_snapshots WHERE meeting_id = ?')
    .get(meetingId) as { upto: number; data: Buffer } | undefined
  const rows = db
    .prepare('SELECT data FROM doc_updates WHERE meeting_id = ? AND id > ? ORDER BY id')
    .pluck()
    .all(meetingId, snapshot?.upto ?? 0) as Buffer[]
  const doc = new Y.Doc()
  if (snapshot) Y.applyUpdate(doc, snapshot.data)
  for (const row of rows) Y.applyUpdate(doc, row)
  return doc
}

export function storedDocText(db: Db, meetingId: string, name = 't'): string {
  const doc = loadStoredDoc(db, meetingId)
  const text = doc.getText(name).toString()
  doc.destroy()
  return text
}

/** A small deterministic generator, so a failing randomised test can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}
