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
import { hashPassword } from '../auth/passwords'
import { accessTokenStore } from '../db/access-tokens'
import type { Db } from '../db/connection'
import type { Storage, Stores } from '../db/contract'
import { type MeetingSetup, meetingStore } from '../db/meetings'
import { participantStore } from '../db/participants'
import type { PostgresEngine } from '../db/postgres/engine'
import type { UserRow } from '../db/users'
import { TEST_PEOPLE } from './people'

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

/** What a test may change in the server it starts: app options, and a few config values. */
export type ServerOptions = Omit<BuildAppOptions, 'config'> & {
  allowedOrigins?: string[]
  publicUrl?: string
  statisticsThreshold?: number
  /** PostgreSQL instead of the SQLite file (SIP_DATABASE_URL). */
  databaseUrl?: string
  /** Several processes on `databaseUrl`: the Redis they tell each other through (SIP_REDIS_URL). */
  redisUrl?: string
  /** `sqlite`: the SQLite file even in the postgres project (a copy's source, a backup's server). */
  engine?: 'sqlite'
}

/**
 * Starts the real app on 127.0.0.1, port 0, with a real SQLite file in `dataDir` – or on the
 * PostgreSQL database `databaseUrl` names. In the vitest project `postgres` (SIP_TEST_ENGINE) a
 * server without `databaseUrl` runs on a migrated PostgreSQL database of its data folder's own:
 * made when a server first starts on that folder, used again by a restart on it, dropped when the
 * test ends (see `folderDatabase`).
 */
export async function startServer(
  dataDir: string = tempDataDir(),
  extra: ServerOptions = {},
): Promise<TestServer> {
  const logs: string[] = []
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const {
    allowedOrigins,
    publicUrl,
    statisticsThreshold,
    databaseUrl: given,
    redisUrl,
    engine,
    ...rest
  } = extra
  const folder =
    given === undefined && engine !== 'sqlite' && testingPostgres()
      ? await folderDatabase(dataDir)
      : undefined
  const databaseUrl = given ?? folder?.url
  const app = await buildApp({
    config: {
      databaseFile: path.join(dataDir, 'sip-live.db'),
      allowedOrigins: allowedOrigins ?? ['http://127.0.0.1:8080'],
      logLevel: 'debug',
      dbSynchronous: 'normal',
      publicUrl: publicUrl ?? 'http://127.0.0.1:8080',
      ...(statisticsThreshold !== undefined ? { statisticsThreshold } : {}),
      ...(databaseUrl !== undefined ? { databaseUrl } : {}),
      ...(redisUrl !== undefined ? { redisUrl } : {}),
    },
    clientDir: false,
    logStream,
    ...rest,
  })
  let closed: Promise<void> | undefined
  const close = () => {
    closed ??= app.close().then(() => folder?.closed(server))
    return closed
  }
  const server: TestServer = { app, url: '', wsUrl: '', dataDir, logs, close }
  folder?.opened(server)
  try {
    await app.listen({ host: '127.0.0.1', port: 0 })
  } catch (error) {
    await close()
    throw error
  }
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  server.url = `http://127.0.0.1:${address.port}`
  server.wsUrl = `ws://127.0.0.1:${address.port}`
  return server
}

/** True in the vitest project `postgres`: servers of the harness run on PostgreSQL. */
function testingPostgres(): boolean {
  return process.env.SIP_TEST_ENGINE === 'postgres'
}

interface FolderDatabase {
  url: string
  opened(server: TestServer): void
  closed(server: TestServer): Promise<void>
}

/** The PostgreSQL database of each data folder a server started on, while its test runs. */
const folderDatabases = new Map<string, FolderDatabase>()

/**
 * The database standing in for the SQLite file of `dataDir`: a copy of the migrated template,
 * made on first use. Dropped when the current test finishes (after its afterEach hooks), closing
 * first any server of it still running; a server started outside a test (beforeAll) drops it
 * when it closes.
 */
async function folderDatabase(dataDir: string): Promise<FolderDatabase> {
  const known = folderDatabases.get(dataDir)
  if (known) return known
  // Loaded only here: engine-access imports vitest, and `npm run fuzz` runs the harness without it.
  const { createTestDatabase } = await import('./engine-access')
  const { onTestFinished } = await import('vitest')
  const database = await createTestDatabase({ migrated: true })
  const running = new Set<TestServer>()
  let dropOnClose = false
  const drop = async () => {
    folderDatabases.delete(dataDir)
    for (const server of [...running]) await server.close()
    await database.drop()
  }
  const entry: FolderDatabase = {
    url: database.url,
    opened: (server) => running.add(server),
    async closed(server) {
      running.delete(server)
      if (dropOnClose && running.size === 0) await drop()
    },
  }
  folderDatabases.set(dataDir, entry)
  try {
    onTestFinished(drop)
  } catch {
    dropOnClose = true
  }
  return entry
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

const PEOPLE = TEST_PEOPLE

/** A complete, valid meeting set-up for store-level fixtures. */
export function testSetup(startsAt = Date.now() + 30 * 24 * 3600 * 1000): MeetingSetup {
  return {
    type: 'first',
    startsAt,
    durationMinutes: 60,
    place: 'Skolan',
    remoteAllowed: false,
    videoUrl: '',
    childName: 'Elsa',
    childAge: '',
    purpose: 'Test',
    questions: '',
    childWords: '',
    childParticipation: 'whole',
    childParticipationNote: '',
  }
}

/** What the helpers below read and write through: a running app's storage, on either engine. */
export interface StorageOwner {
  storage: Storage
}

/** A meeting with one participant of each role, each with a valid token. */
export async function createMeeting(
  owner: StorageOwner | Stores,
  options: { ttlMs?: number } = {},
): Promise<TestMeeting> {
  const stores = 'storage' in owner ? owner.storage.stores : owner
  const meeting = await stores.meetings.createMeeting({ title: 'Test', ...testSetup() })
  const people = {} as Record<Role, TestParticipant>
  for (const role of Object.keys(PEOPLE) as Role[]) {
    const person = PEOPLE[role]
    const participant = await stores.participants.add(meeting.id, { role, ...person })
    const { token, tokenId } = await stores.tokens.issue(
      participant,
      options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {},
    )
    people[role] = { id: participant.id, role, name: person.name, token, tokenId }
  }
  return { id: meeting.id, people }
}

/** The same straight in a SQLite file, before any server runs on it (crash and start-up tests). */
export function createMeetingInFile(db: Db, options: { ttlMs?: number } = {}): TestMeeting {
  const meetings = meetingStore(db)
  const participants = participantStore(db)
  const tokens = accessTokenStore(db)
  const meeting = meetings.createMeeting({ title: 'Test', ...testSetup() })
  const people = {} as Record<Role, TestParticipant>
  for (const role of Object.keys(PEOPLE) as Role[]) {
    const person = PEOPLE[role]
    const participant = participants.add(meeting.id, { role, ...person })
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

/** How a browser that opened its link identifies itself: `?as=<participantId>` and its cookie (A7). */
export interface CookieAuth {
  as: string
  /** The Cookie header, `sip_p_<participantId>=<value>`. */
  cookie: string
}

/**
 * The stock y-websocket client, exactly as the issue prescribes: params { token } (or, as a browser
 * after POST /api/join, params { as } with the cookie), ws polyfill.
 */
export function connectClient(
  server: Pick<TestServer, 'wsUrl'>,
  meetingId: string,
  auth: string | CookieAuth,
): TestClient {
  const doc = new Y.Doc()
  const cookie = typeof auth === 'string' ? undefined : auth.cookie
  const polyfill = cookie
    ? class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { Cookie: cookie } })
        }
      }
    : WebSocket
  const provider = new WebsocketProvider(`${server.wsUrl}${SYNC_PATH}`, meetingId, doc, {
    params: typeof auth === 'string' ? { token: auth } : { as: auth.as },
    // biome-ignore lint/suspicious/noExplicitAny: ws implements the WebSocket surface the provider uses.
    WebSocketPolyfill: polyfill as any,
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
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  message: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
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

/**
 * Rows straight from the tables of a running app, on either engine – for what no store answers
 * (counts, columns a store keeps to itself) and for damage a test does on purpose. The SQL is
 * written once with `?` placeholders (numbered for PostgreSQL here); a statement that is no query
 * answers no rows.
 */
export async function testRows<R extends object = Record<string, unknown>>(
  owner: StorageOwner,
  sql: string,
  values: readonly unknown[] = [],
): Promise<R[]> {
  const storage = owner.storage as Storage & { db?: Db; postgres?: PostgresEngine }
  if (storage.postgres) {
    let n = 0
    return storage.postgres.query<R>(
      sql.replace(/\?/g, () => `$${++n}`),
      values,
    )
  }
  if (!storage.db) throw new Error(`testRows: no connection on the ${storage.engine} storage`)
  const statement = storage.db.prepare(sql)
  if (statement.reader) return statement.all(...values) as R[]
  statement.run(...values)
  return []
}

/** The first column of the first row (undefined without one): a count, one value. */
export async function testValue<T = unknown>(
  owner: StorageOwner,
  sql: string,
  values: readonly unknown[] = [],
): Promise<T | undefined> {
  const [row] = await testRows(owner, sql, values)
  return row ? (Object.values(row)[0] as T) : undefined
}

/**
 * Makes every insert into `table` fail with `message` until `release` (a trigger, on either
 * engine): a store that the database refuses, as a full disk would.
 */
export async function failInserts(
  owner: StorageOwner,
  table: string,
  message: string,
): Promise<{ release(): Promise<void> }> {
  const name = `test_fail_${table}`
  const quoted = message.replaceAll("'", "''")
  if (owner.storage.engine === 'postgres') {
    await testRows(
      owner,
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${quoted}'; END $$`,
    )
    await testRows(
      owner,
      `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    )
    return {
      async release() {
        await testRows(owner, `DROP TRIGGER ${name} ON ${table}`)
        await testRows(owner, `DROP FUNCTION ${name}()`)
      },
    }
  }
  await testRows(
    owner,
    `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${quoted}'); END`,
  )
  return {
    async release() {
      await testRows(owner, `DROP TRIGGER ${name}`)
    },
  }
}

/** Every table of the app's database as text, a line of JSON rows per table (either engine). */
export async function storedDump(owner: StorageOwner): Promise<string> {
  const tables = await testRows<{ name: string }>(
    owner,
    owner.storage.engine === 'postgres'
      ? 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1'
      : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1",
  )
  const lines: string[] = []
  for (const { name } of tables) lines.push(JSON.stringify(await testRows(owner, `SELECT * FROM ${name}`)))
  return lines.join('\n')
}

export async function storedUpdateRows(owner: StorageOwner, meetingId: string): Promise<number> {
  return Number(await testValue(owner, 'SELECT count(*) FROM doc_updates WHERE meeting_id = ?', [meetingId]))
}

/** The stored document, read the way the server loads it: snapshot, then the rows after it. */
export async function loadStoredDoc(owner: StorageOwner, meetingId: string): Promise<Y.Doc> {
  const stored = await owner.storage.stores.documents.load(meetingId)
  const doc = new Y.Doc()
  for (const part of stored.parts) Y.applyUpdate(doc, part)
  return doc
}

/** The same straight from a SQLite file's connection (a file a killed server left, a CLI's). */
export function loadStoredDocFromFile(db: Db, meetingId: string): Y.Doc {
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

export async function storedDocText(owner: StorageOwner, meetingId: string, name = 't'): Promise<string> {
  const doc = await loadStoredDoc(owner, meetingId)
  const text = doc.getText(name).toString()
  doc.destroy()
  return text
}

export { seededRandom } from './random'

// ---- The REST API, as a script or the browser uses it (docs/api.md) ----

export interface ApiResponse<T = unknown> {
  status: number
  body: T
  headers: Headers
  /** Set-Cookie headers, by cookie name: the value and the attribute string. */
  cookies: Record<string, { value: string; attributes: string }>
}

export interface ApiOptions {
  body?: unknown
  /** A Cookie header value, e.g. from signIn(). */
  cookie?: string
  headers?: Record<string, string>
  /** Leave out the X-SIP-Request header that every state-changing request needs. */
  noCsrfHeader?: boolean
}

/** One request against the real server over HTTP. */
export async function api<T = unknown>(
  server: Pick<TestServer, 'url'>,
  method: string,
  path: string,
  options: ApiOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers }
  if (method !== 'GET' && !options.noCsrfHeader) headers['X-SIP-Request'] = '1'
  if (options.cookie) headers.Cookie = options.cookie
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  })
  const text = await response.text()
  const cookies: ApiResponse['cookies'] = {}
  for (const line of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';')
    const eq = pair.indexOf('=')
    cookies[pair.slice(0, eq).trim()] = { value: pair.slice(eq + 1), attributes: attributes.join(';') }
  }
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: response.headers,
    cookies,
  }
}

export const TEST_PASSWORD = 'ett långt lösenord 42'

/** A staff account straight in the database (the API path is tested on its own). */
export async function createUser(
  server: Pick<TestServer, 'app'>,
  {
    email,
    name = email.split('@')[0]!,
    isAdmin = false,
  }: { email: string; name?: string; isAdmin?: boolean },
): Promise<UserRow> {
  return server.app.stores.users.create({
    email,
    name,
    isAdmin,
    passwordHash: await hashPassword(TEST_PASSWORD),
  })
}

/** Signs in through POST /api/auth/login; returns the Cookie header for later requests. */
export async function signIn(
  server: Pick<TestServer, 'url'>,
  email: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const response = await api(server, 'POST', '/api/auth/login', { body: { email, password } })
  const cookie = response.cookies.sip_staff
  if (response.status !== 200 || !cookie) throw new Error(`sign-in failed: ${response.status}`)
  return `sip_staff=${cookie.value}`
}

/** A valid MeetingInput body, `days` ahead, with any fields replaced. */
export function meetingInput(overrides: Record<string, unknown> = {}, days = 30): Record<string, unknown> {
  return {
    type: 'first',
    startsAt: new Date(Date.now() + days * 24 * 3600 * 1000).toISOString(),
    durationMinutes: 60,
    place: 'Skolan, konferensrum 2',
    childName: 'Elsa',
    purpose: 'Att planera stödet i skolan tillsammans.',
    questions: 'Vem gör vad?',
    childParticipation: 'whole',
    ...overrides,
  }
}

export const CONSENT = {
  givenBy: [{ name: 'Sara', relation: 'guardian' }],
  givenAt: '2026-01-10',
  scope: 'Samordning mellan skola och BUP.',
  notShared: 'BUP:s utredning till skolan.',
}

/** The token in a personal link `<publicUrl>/j#t=<token>`. */
export function tokenOf(url: string): string {
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('t')
  if (!token) throw new Error('no token in link')
  return token
}

/** A JSON POST through app.inject (no sockets: fast enough for a thousand), from `remoteAddress`. */
export async function injectPost(
  server: Pick<TestServer, 'app'>,
  url: string,
  payload: Record<string, unknown>,
  remoteAddress = '127.0.0.1',
): Promise<{ status: number; retryAfter: number }> {
  const response = await server.app.inject({
    method: 'POST',
    url,
    remoteAddress,
    headers: { 'x-sip-request': '1' },
    payload,
  })
  return { status: response.statusCode, retryAfter: Number(response.headers['retry-after'] ?? 0) }
}
