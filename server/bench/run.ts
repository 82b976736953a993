/**
 * `npm run bench`: the meeting path measured end to end, side by side with two anchors –
 * Hocuspocus 4 and the y-websocket reference server (docs/performance.md).
 *
 * Builds the client (and reports its weight), starts the production server on a temporary data
 * folder on 127.0.0.1, creates meetings through the documented CLI, and drives them from separate
 * processes with stock y-websocket clients; the same against each anchor with its own stock
 * client. Prints a table and writes JSON to dist/bench/.
 *
 * Environment:
 * - BENCH_LEVELS: meetings per level (default 1,10,50,100,200); every contestant gets a fresh
 *   server for every level, and stops at the first level whose p99 passes 1 s or that has errors.
 * - BENCH_SECONDS: timed typing per level (default 10), after BENCH_WARMUP seconds of typing that
 *   are not measured (default 3). BENCH_RATE: keystrokes a second per note-taker (default 5; 20 is
 *   the stress setting).
 * - BENCH_SCENARIOS: any of meeting,cold,storm,fresh,memory,hocuspocus,reference (default all);
 *   `storm` is the reconnect storm, `fresh` the storm of clients that hold nothing.
 *   `hocuspocus` and `reference` run that anchor for each of the other scenarios chosen.
 * - BENCH_SERVER_ARGS: extra node flags for our server (e.g. --cpu-prof --cpu-prof-dir=DIR);
 *   BENCH_ANCHOR_ARGS the same for the anchors.
 *   BENCH_SERVER_ENTRY: a built server file to start with plain node instead of tsx.
 * - BENCH_PORTS=FIRST-LAST: the ports the servers may listen on (default 9500-9599), so two
 *   benches on one machine cannot take each other's.
 * - BENCH_SKIP_BUILD=1: reuse the last client build. BENCH_KEEP_DATA=1: keep the temporary data.
 * - BENCH_HEAP_SNAPSHOTS=DIR: the memory scenario also writes a heap snapshot at each sample.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import { buildServer, bundleServer } from '../build'
import type { ServerKind } from './clients'
import type { MeetingClientResult } from './meeting-clients'
import {
  anchorRooms,
  collectGarbage,
  createMeetings,
  HOCUSPOCUS_ENTRY,
  meetingTokens,
  pickPort,
  procStats,
  REFERENCE_ENTRY,
  ROOT,
  runClientProcess,
  type ServerProcess,
  startHocuspocus,
  startReference,
  startSip,
  stopServer,
  waitForLine,
} from './processes'

const LEVELS = (process.env.BENCH_LEVELS ?? '1,10,50,100,200').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 3)
const RATE = Number(process.env.BENCH_RATE ?? 5)
const SCENARIOS = new Set(
  (process.env.BENCH_SCENARIOS ?? 'meeting,cold,storm,fresh,memory,hocuspocus,reference').split(','),
)
const READERS = 9
const COLD_KEYSTROKES = 30_000
const STORM_MEETINGS = 50
const STORM_PEOPLE = 10
const MEMORY_MEETINGS = 50
const MEMORY_CYCLES = 2

type Anchor = Exclude<ServerKind, 'sip'>
const ANCHORS: Anchor[] = (['hocuspocus', 'reference'] as const).filter((a) => SCENARIOS.has(a))
const kinds = (): ServerKind[] => ['sip', ...ANCHORS]
const NAMES: Record<ServerKind, string> = {
  sip: 'SIP Live',
  hocuspocus: 'Hocuspocus',
  reference: 'reference',
}
const tempDirs: string[] = []
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-live-bench-'))
  tempDirs.push(dir)
  return dir
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10

/** Every server starts from bundled JavaScript, as `npm start` runs ours (server/build.ts). */
async function buildServers(): Promise<void> {
  await buildServer()
  await bundleServer('server/bench/hocuspocus-server.ts', HOCUSPOCUS_ENTRY)
  // @y/websocket-server imports y-leveldb for its own LevelDB persistence, which the bench never
  // turns on; a stub keeps LevelDB's native addon out of the bundle and out of its start-up.
  await bundleServer('server/bench/reference-server.ts', REFERENCE_ENTRY, {
    'y-leveldb': 'server/bench/y-leveldb-stub.ts',
  })
}

function clientWeight() {
  // BENCH_SKIP_BUILD=1 reuses dist/client (for iterating on the bench itself).
  if (!process.env.BENCH_SKIP_BUILD) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' })
  }
  const dist = path.join(ROOT, 'dist', 'client')
  const assets = path.join(dist, 'assets')
  const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(assets, file))).byteLength
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
  const entry = /assets\/(index-[^"]+\.js)/.exec(html)?.[1]
  const chunks = fs.readdirSync(assets).filter((f) => f.endsWith('.js'))
  const meeting = chunks.find((f) => f.startsWith('MeetingPage-'))
  const staff = chunks.find((f) => f.startsWith('StaffRoutes-'))
  // A chunk's static imports, and theirs: the bundler moves code shared by the entry and the lazy
  // pages into chunks of their own (room-api-, yjs-, ...), which the page loads before it renders.
  // Lazily imported chunks (the chair's screen, the sign panel) are not counted.
  const staticImports = (file: string): string[] =>
    [...fs.readFileSync(path.join(assets, file), 'utf8').matchAll(/from\s*"\.\/([^"]+\.js)"/g)].map(
      (m) => m[1]!,
    )
  const closure = (files: string[]): string[] => {
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      for (const imported of staticImports(file)) visit(imported)
    }
    for (const file of files) visit(file)
    return [...seen]
  }
  const route = (lazy: string | undefined) =>
    entry && lazy ? closure([entry, lazy]).reduce((n, f) => n + gzip(f), 0) : null
  return {
    entryGzip: entry ? closure([entry]).reduce((n, f) => n + gzip(f), 0) : null,
    participantViewGzip: route(meeting),
    staffViewGzip: route(staff),
    chunks: Object.fromEntries(chunks.map((f) => [f, gzip(f)])),
  }
}

/**
 * A server of any kind on fresh storage; `storage` is a data folder (ours, the reference
 * server's files) or a SQLite file (Hocuspocus). The reference server stores nothing unless
 * `persist` (the cold-load scenario only).
 */
async function freshServer(kind: ServerKind, nodeArgs: string[] = [], persist = false) {
  const dir = tempDir()
  const storage = kind === 'hocuspocus' ? path.join(dir, 'hocuspocus.sqlite') : dir
  const port = await pickPort(nodeArgs.map((a) => Number(/:(\d+)$/.exec(a)?.[1])))
  const start = (logLevel?: string) => {
    if (kind === 'sip') return startSip(storage, port, logLevel, nodeArgs)
    if (kind === 'hocuspocus') return startHocuspocus(storage, port, nodeArgs)
    return startReference(port, persist ? storage : undefined, nodeArgs)
  }
  return { storage, start, server: await start() }
}

type Rooms = ReturnType<typeof anchorRooms>

/** `count` rooms with a note-taker and `readers` participants each, on the server's own terms. */
function rooms(kind: ServerKind, storage: string, prefix: string, count: number, readers: number): Rooms {
  if (kind !== 'sip') return anchorRooms(prefix, count, readers)
  return createMeetings(storage, count).map((m) => meetingTokens(m, readers))
}

// ---------------------------------------------------------------------------------------------
// Scenario: meeting

type ClientResult = MeetingClientResult

interface LevelRow extends ClientResult {
  meetings: number
  serverCpuMs: number
  serverCpuUsPerDelivered: number | null
  serverRssMb: number
}

/**
 * Every level, contestant after contestant, each on a fresh server (so no level inherits the
 * rooms, heap or optimised code of the one before, and the contestants meet the machine at nearly
 * the same time). A contestant stops at its first level whose p99 passes 1 s or that has errors.
 */
async function meetingLevels(): Promise<Partial<Record<ServerKind, LevelRow[]>>> {
  const levels: Partial<Record<ServerKind, LevelRow[]>> = {}
  const stopped = new Set<ServerKind>()
  for (const count of LEVELS) {
    for (const kind of kinds()) {
      if (stopped.has(kind)) continue
      const { storage, server } = await freshServer(kind)
      try {
        const row = await meetingLevel(kind, server, rooms(kind, storage, `level${count}`, count, READERS))
        levels[kind] = [...(levels[kind] ?? []), row]
        console.log(levelLine(kind, row))
        if (Number(row.p99) > 1000 || row.errors > 0) stopped.add(kind)
      } finally {
        await stopServer(server)
      }
    }
  }
  return levels
}

async function meetingLevel(kind: ServerKind, server: ServerProcess, meetings: Rooms): Promise<LevelRow> {
  let before = procStats(server.pid)
  let after = before
  const input = {
    kind,
    wsUrl: server.wsUrl,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    rate: RATE,
    meetings,
  }
  // CPU is sampled only in the timed window: connecting, syncing and the warm-up are not counted.
  const result = await runClientProcess<ClientResult>(
    'meeting-clients.ts',
    input,
    (WARMUP_SECONDS + SECONDS + 180) * 1000,
    (line) => {
      if (line === 'typing') before = procStats(server.pid)
      if (line === 'typed') after = procStats(server.pid)
    },
  )
  const cpuMs = after.cpuMs - before.cpuMs
  return {
    meetings: meetings.length,
    ...result,
    serverCpuMs: cpuMs,
    serverCpuUsPerDelivered: result.delivered > 0 ? Math.round((cpuMs * 1000) / result.delivered) : null,
    serverRssMb: mb(after.rssKb),
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario: cold load

interface SeedResult {
  keystrokes: number
  updates: number
  stateBytes: number
  characters: number
  hash: string
}

interface ProbeResult {
  coldSyncMs: number
  warmSyncMs: number
  stateBytes: number
  hash: string
}

async function coldLoad(kind: ServerKind) {
  const { storage, start, server } = await freshServer(kind, [], true)
  let restarted: ServerProcess | undefined
  try {
    const [room] = rooms(kind, storage, 'cold', 1, 1)
    const target = { kind, meetingId: room!.meetingId, token: room!.writer, readerToken: room!.readers[0]! }
    const seed = await runClientProcess<SeedResult>(
      'cold-load.ts',
      { ...target, mode: 'seed', wsUrl: server.wsUrl, keystrokes: COLD_KEYSTROKES },
      240_000,
    )
    // The anchors store on a debounce (Hocuspocus) or when the last client leaves (both); wait.
    if (kind !== 'sip') await waitForLine(server, (l) => l === `stored ${target.meetingId}`, 20_000)
    await stopServer(server)
    const stored = storedSize(kind, storage, target.meetingId)
    // Debug level makes our server log each room's load time ('room loaded', ms).
    restarted = await start('debug')
    const probe = await runClientProcess<ProbeResult>(
      'cold-load.ts',
      { ...target, mode: 'probe', wsUrl: restarted.wsUrl, keystrokes: 0 },
      60_000,
    )
    const loadLine = await waitForLine(restarted, (l) => isLoadLine(l, target.meetingId), 5_000)
    const result = {
      seed,
      stored,
      restartToListeningMs: Math.round(restarted.listeningAt - restarted.spawnedAt),
      serverLoadMs: loadLine === undefined ? null : loadMsOf(loadLine),
      clientSyncMs: probe.coldSyncMs,
      warmClientSyncMs: probe.warmSyncMs,
      probeStateBytes: probe.stateBytes,
      intact: probe.hash === seed.hash,
    }
    console.log(
      `cold load ${kind.padEnd(10)} | ${seed.keystrokes} keystrokes, ${seed.characters} chars, state ${seed.stateBytes} B, stored ${stored.bytes} B in ${stored.rows} rows | restart → listening ${result.restartToListeningMs} ms | server load ${result.serverLoadMs} ms | new client synced in ${probe.coldSyncMs} ms (warm ${probe.warmSyncMs} ms) | intact ${result.intact}`,
    )
    return result
  } finally {
    await stopServer(restarted ?? server)
  }
}

function isLoadLine(line: string, meetingId: string): boolean {
  return (
    line.startsWith(`loaded ${meetingId} `) || (line.includes('"room loaded"') && line.includes(meetingId))
  )
}

function loadMsOf(line: string): number {
  if (line.startsWith('loaded ')) return Number(line.split(' ')[2])
  return Number((JSON.parse(line) as { ms: number }).ms)
}

/** What the server keeps on disk for one document, read after it shut down. */
function storedSize(kind: ServerKind, storage: string, meetingId: string): { bytes: number; rows: number } {
  if (kind === 'reference') {
    const file = path.join(storage, `${encodeURIComponent(meetingId)}.bin`)
    return fs.existsSync(file) ? { bytes: fs.statSync(file).size, rows: 1 } : { bytes: 0, rows: 0 }
  }
  const db = new Database(kind === 'sip' ? path.join(storage, 'sip-live.db') : storage, { readonly: true })
  try {
    if (kind === 'hocuspocus') {
      const row = db.prepare('SELECT length(data) AS bytes FROM documents WHERE name = ?').get(meetingId) as
        | { bytes: number }
        | undefined
      return { bytes: row?.bytes ?? 0, rows: row ? 1 : 0 }
    }
    const snapshot = db
      .prepare(
        'SELECT COUNT(*) AS rows, COALESCE(SUM(length(data)), 0) AS bytes FROM doc_snapshots WHERE meeting_id = ?',
      )
      .get(meetingId) as { rows: number; bytes: number }
    const updates = db
      .prepare(
        'SELECT COUNT(*) AS rows, COALESCE(SUM(length(data)), 0) AS bytes FROM doc_updates WHERE meeting_id = ?',
      )
      .get(meetingId) as { rows: number; bytes: number }
    return { bytes: snapshot.bytes + updates.bytes, rows: snapshot.rows + updates.rows }
  } finally {
    db.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario: reconnect storm

interface StormClientsResult {
  clients: number
  resynced: number
  firstDisconnectAt: number
  lastResyncAt: number
  firstReopenAt: number
  lastReopenAt: number
  maxReopenToSyncMs: number
  mismatchedClients: number
  mismatchedFreshClients: number
}

/** A fresh server with the storms' meetings (STORM_MEETINGS × STORM_PEOPLE), and the clients' input. */
async function stormServer(kind: ServerKind, mode: 'storm' | 'fresh') {
  const { storage, start, server } = await freshServer(kind)
  const meetings = rooms(kind, storage, 'storm', STORM_MEETINGS, STORM_PEOPLE)
  const input = { mode, kind, wsUrl: server.wsUrl, meetings, holdSeconds: 0, timeoutMs: 60_000 }
  return { start, server, input }
}

async function reconnectStorm(kind: ServerKind) {
  const { start, server, input } = await stormServer(kind, 'storm')
  let current = server
  let restart:
    | Promise<{ sigtermAt: number; listeningAt: number; stopMs: number; cpuAtListening: number }>
    | undefined
  try {
    const result = await runClientProcess<StormClientsResult>('storm-clients.ts', input, 180_000, (line) => {
      if (line !== 'ready') return
      restart = (async () => {
        const sigtermAt = Date.now()
        const stopMs = await stopServer(current)
        current = await start()
        return { sigtermAt, listeningAt: Date.now(), stopMs, cpuAtListening: procStats(current.pid).cpuMs }
      })()
    })
    if (!restart) throw new Error('storm clients never became ready')
    const { sigtermAt, listeningAt, stopMs, cpuAtListening } = await restart
    const storm = {
      clients: result.clients,
      resynced: result.resynced,
      restartMs: listeningAt - sigtermAt,
      stopMs: Math.round(stopMs),
      sigtermToAllSyncedMs: result.lastResyncAt - sigtermAt,
      listeningToAllSyncedMs: result.lastResyncAt - listeningAt,
      /** Listening → the first and the last client's socket open again: the clients' backoff. */
      listeningToFirstReopenMs: result.firstReopenAt - listeningAt,
      listeningToLastReopenMs: result.lastReopenAt - listeningAt,
      /** The longest any client waited from its socket's opening to synced: the server's part. */
      maxReopenToSyncMs: result.maxReopenToSyncMs,
      /** The restarted server's CPU from listening until the clients were done (their check included). */
      serverCpuAfterListeningMs: Math.round(procStats(current.pid).cpuMs - cpuAtListening),
      mismatchedClients: result.mismatchedClients,
      mismatchedFreshClients: result.mismatchedFreshClients,
    }
    console.log(
      `storm     ${kind.padEnd(10)} | ${storm.resynced}/${storm.clients} resynced | SIGTERM → all synced ${storm.sigtermToAllSyncedMs} ms (server down→up ${storm.restartMs} ms, listening → all synced ${storm.listeningToAllSyncedMs} ms: sockets open again ${storm.listeningToFirstReopenMs}–${storm.listeningToLastReopenMs} ms, open → synced ≤ ${storm.maxReopenToSyncMs} ms; server CPU ${storm.serverCpuAfterListeningMs} ms) | lost: ${storm.mismatchedClients} clients, ${storm.mismatchedFreshClients} fresh clients differ`,
    )
    return storm
  } finally {
    // biome-ignore lint/nursery/noMisusedPromises: `restart` is a promise or undefined; this asks which.
    if (restart) await restart.catch(() => undefined)
    await stopServer(current)
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario: fresh-client storm

interface FreshClientsResult {
  clients: number
  synced: number
  refused: number
  /** Why joins failed (e.g. `join answered 503`), and how often. */
  refusals: Record<string, number>
  startToAllSyncedMs: number | null
  mismatchedClients: number
}

/**
 * The storm's 500 participants as clients that hold nothing, all at once, on a running server
 * whose rooms are loaded (their note-takers are there): what a meeting's start costs when everyone
 * opens their link together. Server CPU is counted from the storm's start to its end.
 */
async function freshStorm(kind: ServerKind) {
  const { server, input } = await stormServer(kind, 'fresh')
  try {
    let before = procStats(server.pid)
    const result = await runClientProcess<FreshClientsResult>('storm-clients.ts', input, 180_000, (line) => {
      if (line === 'ready') before = procStats(server.pid)
    })
    const after = procStats(server.pid)
    const fresh = { ...result, serverCpuMs: Math.round(after.cpuMs - before.cpuMs) }
    console.log(
      `fresh     ${kind.padEnd(10)} | ${fresh.synced}/${fresh.clients} synced with the text, ${fresh.refused} refused${fresh.refused ? ` ${JSON.stringify(fresh.refusals)}` : ''} | start → all synced ${fresh.startToAllSyncedMs} ms | server CPU ${fresh.serverCpuMs} ms | ${fresh.mismatchedClients} differ`,
    )
    return fresh
  } finally {
    await stopServer(server)
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario: memory

interface MemoryCycle {
  loadedRssMb: number
  loadedHeapMb: number
  heapKbPerMeeting: number
  rssKbPerMeeting: number
  afterUnloadRssMb: number
  afterUnloadHeapMb: number
  unloadWaitMs: number
}

async function memory(kind: ServerKind) {
  const inspectPort = await pickPort()
  const { storage, server } = await freshServer(kind, [`--inspect=127.0.0.1:${inspectPort}`])
  // After a full collection: what is live, and what the process holds. BENCH_HEAP_SNAPSHOTS=DIR also
  // writes a heap snapshot of each sample there (server/bench/heap-top.ts compares two).
  let samples = 0
  const snapshotFile = () =>
    process.env.BENCH_HEAP_SNAPSHOTS
      ? path.join(process.env.BENCH_HEAP_SNAPSHOTS, `${kind}-${samples++}.heapsnapshot`)
      : undefined
  const sample = async () => ({
    ...(await collectGarbage(inspectPort, snapshotFile())),
    rssKb: procStats(server.pid).rssKb,
  })
  try {
    const meetings = rooms(kind, storage, 'memory', MEMORY_MEETINGS, READERS)
    await sleep(1000)
    const baseline = await sample()
    const cycles: MemoryCycle[] = []
    for (let cycle = 0; cycle < MEMORY_CYCLES; cycle++) {
      let loaded: Promise<Awaited<ReturnType<typeof sample>>> | undefined
      const input = { mode: 'hold', kind, wsUrl: server.wsUrl, meetings, holdSeconds: 6, timeoutMs: 0 }
      await runClientProcess('storm-clients.ts', input, 120_000, (line) => {
        // Idle for 3 s after everyone synced, then sample (clients stay 6 s).
        if (line === 'synced') loaded = sleep(3000).then(sample)
      })
      const atLoad = await loaded
      const unloadWaitMs = await waitForUnload(server)
      const after = await sample()
      cycles.push({
        loadedRssMb: mb(atLoad?.rssKb ?? 0),
        loadedHeapMb: mb(atLoad?.heapUsedKb ?? 0),
        heapKbPerMeeting: Math.round(((atLoad?.heapUsedKb ?? 0) - baseline.heapUsedKb) / meetings.length),
        rssKbPerMeeting: Math.round(((atLoad?.rssKb ?? 0) - baseline.rssKb) / meetings.length),
        afterUnloadRssMb: mb(after.rssKb),
        afterUnloadHeapMb: mb(after.heapUsedKb),
        unloadWaitMs,
      })
    }
    const result = {
      meetings: meetings.length,
      peoplePerMeeting: READERS + 1,
      baselineRssMb: mb(baseline.rssKb),
      baselineHeapMb: mb(baseline.heapUsedKb),
      cycles,
    }
    console.log(`memory    ${kind.padEnd(10)} | ${JSON.stringify(result)}`)
    return result
  } finally {
    await stopServer(server)
  }
}

/**
 * Our server unloads a room 30 s (ROOM_UNLOAD_GRACE_MS) after its last client left; /healthz
 * says how many are loaded. Hocuspocus stores and unloads as soon as the last client leaves. The
 * reference server without persistence never unloads a document (it would lose it).
 */
async function waitForUnload(server: ServerProcess): Promise<number> {
  const started = Date.now()
  if (server.kind !== 'sip') {
    await sleep(2000)
    return Date.now() - started
  }
  while (Date.now() - started < 60_000) {
    const health = (await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()) as {
      rooms: number
    }
    if (health.rooms === 0) break
    await sleep(500)
  }
  return Date.now() - started
}

// ---------------------------------------------------------------------------------------------
// Report

const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(1) : '–')
const kb = (v: number | null) => (v === null ? '–' : `${(v / 1024).toFixed(1)} kB`)
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null

function levelLine(kind: ServerKind, row: LevelRow): string {
  const k = row.keystrokeKinds
  return `meeting   ${kind.padEnd(10)} | ${String(row.meetings).padStart(3)} meetings | p50 ${fmt(row.p50)} p95 ${fmt(row.p95)} p99 ${fmt(row.p99)} max ${fmt(row.max)} ms | delivered ${row.delivered}/${row.expected} errors ${row.errors}${row.errors ? ` ${JSON.stringify(row.closes)}` : ''} | server CPU ${row.serverCpuUsPerDelivered} µs/update, RSS ${row.serverRssMb} MB | harness CPU ${Math.round(row.harnessCpuMs)} ms | all synced in ${row.connectMs} ms${row.connectCloses ? ` after ${row.connectCloses} refused or dropped` : ''} | keystrokes ${row.keystrokes} (${k.paragraph ?? 0} paragraphs, ${k.bold ?? 0} bold)`
}

/** Ours against the best (lowest) of the anchors' figures, and which anchor that was. */
interface BestRatio {
  ratio: number | null
  anchor: Anchor | null
  ours: number | null
  best: number | null
}

function bestRatio(
  ours: number | null | undefined,
  anchors: Partial<Record<Anchor, number | null>>,
): BestRatio {
  let anchor: Anchor | null = null
  for (const a of ANCHORS) {
    const value = anchors[a]
    if (typeof value !== 'number') continue
    if (anchor === null || value < anchors[anchor]!) anchor = a
  }
  const best = anchor === null ? null : anchors[anchor]!
  return { ratio: ratio(ours, best), anchor, ours: ours ?? null, best }
}

/** Per level: ours / best anchor for p99 and server CPU per delivered update, and ours / each. */
function levelRatios(levels: Partial<Record<ServerKind, LevelRow[]>>) {
  return (levels.sip ?? []).map((row) => {
    const at = (a: Anchor) => levels[a]?.find((t) => t.meetings === row.meetings)
    const of = (pick: (r: LevelRow) => number | null) =>
      Object.fromEntries(ANCHORS.map((a) => [a, at(a) ? pick(at(a)!) : null])) as Record<
        Anchor,
        number | null
      >
    const p99 = of((r) => r.p99)
    const cpu = of((r) => r.serverCpuUsPerDelivered)
    return {
      meetings: row.meetings,
      p99: bestRatio(row.p99, p99),
      serverCpuPerDelivered: bestRatio(row.serverCpuUsPerDelivered, cpu),
      oursTo: Object.fromEntries(
        ANCHORS.map((a) => [
          a,
          { p99: ratio(row.p99, p99[a]), serverCpuPerDelivered: ratio(row.serverCpuUsPerDelivered, cpu[a]) },
        ]),
      ),
    }
  })
}

type ColdResult = Awaited<ReturnType<typeof coldLoad>>
type StormResult = Awaited<ReturnType<typeof reconnectStorm>>
type FreshResult = Awaited<ReturnType<typeof freshStorm>>
type MemoryResult = Awaited<ReturnType<typeof memory>>

/** The other scenarios' headline figures, ours / best anchor. */
function scenarioRatios(
  cold: Partial<Record<ServerKind, ColdResult>>,
  storm: Partial<Record<ServerKind, StormResult>>,
  fresh: Partial<Record<ServerKind, FreshResult>>,
  mem: Partial<Record<ServerKind, MemoryResult>>,
) {
  const of = <T>(source: Partial<Record<ServerKind, T>>, pick: (r: T) => number | null) => {
    const anchors = Object.fromEntries(
      ANCHORS.map((a) => [a, source[a] === undefined ? null : pick(source[a]!)]),
    ) as Record<Anchor, number | null>
    return bestRatio(source.sip === undefined ? null : pick(source.sip), anchors)
  }
  return {
    coldRestartToListening: of(cold, (r) => r.restartToListeningMs),
    coldServerLoad: of(cold, (r) => r.serverLoadMs),
    coldFirstClientSynced: of(cold, (r) => r.clientSyncMs),
    stormSigtermToAllSynced: of(storm, (r) => r.sigtermToAllSyncedMs),
    stormListeningToAllSynced: of(storm, (r) => r.listeningToAllSyncedMs),
    freshStormToAllSynced: of(fresh, (r) => r.startToAllSyncedMs),
    freshStormServerCpu: of(fresh, (r) => r.serverCpuMs),
    memoryBaselineRss: of(mem, (r) => r.baselineRssMb),
    memoryHeapPerMeeting: of(mem, (r) => r.cycles[0]?.heapKbPerMeeting ?? null),
  }
}

const shown = (r: BestRatio, unit = '') =>
  `${fmt(r.ours)}${unit} / ${fmt(r.best)}${unit} = ${r.ratio ?? '–'} (best: ${r.anchor ? NAMES[r.anchor] : '–'})`

function printTable(
  levels: Partial<Record<ServerKind, LevelRow[]>>,
  others: ReturnType<typeof scenarioRatios>,
): void {
  const names = kinds()
    .map((k) => NAMES[k])
    .join(' / ')
  console.log(
    `\nmeetings | p99 ms ${names} | ours / best anchor | CPU µs per delivered update ${names} | ours / best anchor`,
  )
  for (const r of levelRatios(levels)) {
    const p99s = kinds()
      .map((k) => fmt(levels[k]?.find((x) => x.meetings === r.meetings)?.p99))
      .join(' / ')
    const cpus = kinds()
      .map((k) => levels[k]?.find((x) => x.meetings === r.meetings)?.serverCpuUsPerDelivered ?? '–')
      .join(' / ')
    const best = (b: BestRatio) => `${b.ratio ?? '–'} (${b.anchor ? NAMES[b.anchor] : '–'})`
    console.log(
      `${String(r.meetings).padStart(8)} | ${p99s} | ${best(r.p99)} | ${cpus} | ${best(r.serverCpuPerDelivered)}`,
    )
  }
  console.log('\nours / best anchor:')
  console.log(`  cold: restart → listening ${shown(others.coldRestartToListening, ' ms')}`)
  console.log(`  cold: server load ${shown(others.coldServerLoad, ' ms')}`)
  console.log(`  cold: first client synced ${shown(others.coldFirstClientSynced, ' ms')}`)
  console.log(`  storm: SIGTERM → all synced ${shown(others.stormSigtermToAllSynced, ' ms')}`)
  console.log(`  storm: listening → all synced ${shown(others.stormListeningToAllSynced, ' ms')}`)
  console.log(`  fresh storm: start → all synced ${shown(others.freshStormToAllSynced, ' ms')}`)
  console.log(`  fresh storm: server CPU ${shown(others.freshStormServerCpu, ' ms')}`)
  console.log(`  memory: baseline RSS ${shown(others.memoryBaselineRss, ' MB')}`)
  console.log(`  memory: heap per meeting ${shown(others.memoryHeapPerMeeting, ' kB')}`)
}

async function main(): Promise<void> {
  const started = Date.now()
  // Other work on the machine skews every figure: the report says how busy it was.
  const loadavgAtStart = os.loadavg()
  await buildServers()
  const weight = clientWeight()
  const levels = SCENARIOS.has('meeting') ? await meetingLevels() : {}
  const cold: Partial<Record<ServerKind, ColdResult>> = {}
  const storm: Partial<Record<ServerKind, StormResult>> = {}
  const fresh: Partial<Record<ServerKind, FreshResult>> = {}
  const mem: Partial<Record<ServerKind, MemoryResult>> = {}
  for (const kind of kinds()) {
    if (SCENARIOS.has('cold')) cold[kind] = await coldLoad(kind)
    if (SCENARIOS.has('storm')) storm[kind] = await reconnectStorm(kind)
    if (SCENARIOS.has('fresh')) fresh[kind] = await freshStorm(kind)
    if (SCENARIOS.has('memory')) mem[kind] = await memory(kind)
  }
  const others = scenarioRatios(cold, storm, fresh, mem)
  printTable(levels, others)
  const report = {
    at: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: { cpus: os.cpus().length, node: process.version, loadavgAtStart, loadavgAtEnd: os.loadavg() },
    settings: {
      scenarios: [...SCENARIOS],
      contestants: kinds(),
      levels: LEVELS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rate: RATE,
      readersPerMeeting: READERS,
      freshServerPerLevel: true,
      storedBeforeBroadcast: true,
      anchorNotes: {
        hocuspocus:
          'debounces its stores (2 s, at most 10 s) into SQLite; SIP Live stores every update before broadcast',
        reference:
          '@y/websocket-server 0.1.1, no auth, stores nothing (a file store of the bench only in the cold-load scenario)',
      },
    },
    clientWeight: weight,
    meeting: levels,
    ratiosOursToBestAnchor: levelRatios(levels),
    scenarioRatiosOursToBestAnchor: others,
    coldLoad: cold,
    reconnectStorm: storm,
    freshStorm: fresh,
    memory: mem,
  }
  const out = path.join(ROOT, 'dist', 'bench')
  fs.mkdirSync(out, { recursive: true })
  const file = path.join(out, `bench-${Date.now()}.json`)
  fs.writeFileSync(file, JSON.stringify(report, null, 2))
  console.log(
    `client weight (gzip): entry ${kb(weight.entryGzip)}, participant view ${kb(weight.participantViewGzip)}, staff view ${kb(weight.staffViewGzip)}`,
  )
  console.log(`report: ${path.relative(ROOT, file)} (${report.durationSeconds} s)`)
  // BENCH_KEEP_DATA=1 keeps the data folders (e.g. to look at the cold-load document).
  if (!process.env.BENCH_KEEP_DATA)
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
