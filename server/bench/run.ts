/**
 * `npm run bench`: the meeting path measured end to end, side by side with Hocuspocus 4
 * (docs/performance.md).
 *
 * Builds the client (and reports its weight), starts the production server on a temporary data
 * folder on 127.0.0.1, creates meetings through the documented CLI, and drives them from separate
 * processes with stock y-websocket clients; then the same against Hocuspocus with its own stock
 * provider. Prints a table and writes JSON to dist/bench/.
 *
 * Environment:
 * - BENCH_LEVELS: meetings per level (default 1,10,50,100,200,400); stops at the first level whose
 *   p99 passes 1 s or that has errors.
 * - BENCH_SECONDS: typing time per level (default 10). BENCH_RATE: characters a second per
 *   note-taker (default 5; 20 is the stress setting).
 * - BENCH_SCENARIOS: any of meeting,cold,storm,memory,hocuspocus (default all). `hocuspocus` runs
 *   the reference server for each of the other scenarios chosen.
 * - BENCH_SERVER_ARGS: extra node flags for our server (e.g. --cpu-prof --cpu-prof-dir=DIR).
 *   BENCH_SERVER_ENTRY: a built server file to start with plain node instead of tsx.
 * - BENCH_SKIP_BUILD=1: reuse the last client build. BENCH_KEEP_DATA=1: keep the temporary data.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import { bundleServer } from '../build'
import type { ServerKind } from './clients'
import {
  collectGarbage,
  createMeetings,
  HOCUSPOCUS_ENTRY,
  hocuspocusRooms,
  meetingTokens,
  pickPort,
  procStats,
  ROOT,
  runClientProcess,
  type ServerProcess,
  startHocuspocus,
  startSip,
  stopServer,
  waitForLine,
} from './processes'

const LEVELS = (process.env.BENCH_LEVELS ?? '1,10,50,100,200,400').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const RATE = Number(process.env.BENCH_RATE ?? 5)
const SCENARIOS = new Set((process.env.BENCH_SCENARIOS ?? 'meeting,cold,storm,memory,hocuspocus').split(','))
const READERS = 9
const COLD_KEYSTROKES = 30_000
const STORM_MEETINGS = 50
const STORM_PEOPLE = 10
const MEMORY_MEETINGS = 50
const MEMORY_CYCLES = 2

const kinds = (): ServerKind[] => (SCENARIOS.has('hocuspocus') ? ['sip', 'hocuspocus'] : ['sip'])
const tempDirs: string[] = []
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-live-bench-'))
  tempDirs.push(dir)
  return dir
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10

/** Both servers start from bundled JavaScript, as `npm start` runs ours (server/build.ts). */
async function buildServers(): Promise<void> {
  await bundleServer('server/index.ts', 'dist/server.mjs')
  await bundleServer('server/bench/hocuspocus-server.ts', HOCUSPOCUS_ENTRY)
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
  // What a chunk pulls in statically, besides the entry that is already loaded.
  const imports = (file: string): string[] =>
    [...fs.readFileSync(path.join(assets, file), 'utf8').matchAll(/from\s*"\.\/([^"]+\.js)"/g)]
      .map((m) => m[1]!)
      .filter((f) => f !== entry)
  const route = (lazy: string | undefined) =>
    entry && lazy ? [entry, lazy, ...imports(lazy)].reduce((n, f) => n + gzip(f), 0) : null
  return {
    entryGzip: entry ? gzip(entry) : null,
    participantViewGzip: route(meeting),
    staffViewGzip: route(staff),
    chunks: Object.fromEntries(chunks.map((f) => [f, gzip(f)])),
  }
}

/** A server of either kind on fresh storage; `storage` is a data folder or a SQLite file. */
async function freshServer(kind: ServerKind, nodeArgs: string[] = []) {
  const dir = tempDir()
  const storage = kind === 'sip' ? dir : path.join(dir, 'hocuspocus.sqlite')
  const port = await pickPort(nodeArgs.map((a) => Number(/:(\d+)$/.exec(a)?.[1])))
  const start = (logLevel?: string) =>
    kind === 'sip' ? startSip(storage, port, logLevel, nodeArgs) : startHocuspocus(storage, port, nodeArgs)
  return { storage, start, server: await start() }
}

type Rooms = ReturnType<typeof hocuspocusRooms>

/** `count` rooms with a note-taker and `readers` participants each, on the server's own terms. */
function rooms(kind: ServerKind, storage: string, prefix: string, count: number, readers: number): Rooms {
  if (kind === 'hocuspocus') return hocuspocusRooms(prefix, count, readers)
  return createMeetings(storage, count).map((m) => meetingTokens(m, readers))
}

// ---------------------------------------------------------------------------------------------
// Scenario: meeting

interface ClientResult {
  delivered: number
  expected: number
  errors: number
  p50: number | null
  p95: number | null
  p99: number | null
  max: number | null
  harnessCpuMs: number
  keystrokes: number
  clients: number
}

interface LevelRow extends ClientResult {
  meetings: number
  serverCpuMs: number
  serverCpuUsPerDelivered: number | null
  serverRssMb: number
}

async function meetingLevels(kind: ServerKind): Promise<LevelRow[]> {
  const { storage, server } = await freshServer(kind)
  const rows: LevelRow[] = []
  try {
    for (const count of LEVELS) {
      const row = await meetingLevel(kind, server, rooms(kind, storage, `level${count}`, count, READERS))
      rows.push(row)
      console.log(levelLine(kind, row))
      if (Number(row.p99) > 1000 || row.errors > 0) break
    }
  } finally {
    await stopServer(server)
  }
  return rows
}

async function meetingLevel(kind: ServerKind, server: ServerProcess, meetings: Rooms): Promise<LevelRow> {
  let before = procStats(server.pid)
  let after = before
  const input = { kind, wsUrl: server.wsUrl, seconds: SECONDS, rate: RATE, meetings }
  // CPU is sampled only while typing: connecting and syncing are not counted.
  const result = await runClientProcess<ClientResult>(
    'meeting-clients.ts',
    input,
    (SECONDS + 180) * 1000,
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
  const { storage, start, server } = await freshServer(kind)
  let restarted: ServerProcess | undefined
  try {
    const [room] = rooms(kind, storage, 'cold', 1, 1)
    const target = { kind, meetingId: room!.meetingId, token: room!.writer, readerToken: room!.readers[0]! }
    const seed = await runClientProcess<SeedResult>(
      'cold-load.ts',
      { ...target, mode: 'seed', wsUrl: server.wsUrl, keystrokes: COLD_KEYSTROKES },
      240_000,
    )
    // Hocuspocus stores on its debounce or when the last client leaves; wait for it.
    if (kind === 'hocuspocus') await waitForLine(server, (l) => l === `stored ${target.meetingId}`, 20_000)
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
      `cold load ${kind.padEnd(10)} | ${seed.keystrokes} keystrokes, ${seed.characters} chars, state ${seed.stateBytes} B, stored ${stored.bytes} B in ${stored.rows} rows | server load ${result.serverLoadMs} ms | new client synced in ${probe.coldSyncMs} ms (warm ${probe.warmSyncMs} ms) | intact ${result.intact}`,
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
  mismatchedClients: number
  mismatchedFreshClients: number
}

async function reconnectStorm(kind: ServerKind) {
  const { storage, start, server } = await freshServer(kind)
  let current = server
  let restart: Promise<{ sigtermAt: number; listeningAt: number; stopMs: number }> | undefined
  try {
    const meetings = rooms(kind, storage, 'storm', STORM_MEETINGS, STORM_PEOPLE)
    const input = { mode: 'storm', kind, wsUrl: server.wsUrl, meetings, holdSeconds: 0, timeoutMs: 60_000 }
    const result = await runClientProcess<StormClientsResult>('storm-clients.ts', input, 180_000, (line) => {
      if (line !== 'ready') return
      restart = (async () => {
        const sigtermAt = Date.now()
        const stopMs = await stopServer(current)
        current = await start()
        return { sigtermAt, listeningAt: Date.now(), stopMs }
      })()
    })
    if (!restart) throw new Error('storm clients never became ready')
    const { sigtermAt, listeningAt, stopMs } = await restart
    const storm = {
      clients: result.clients,
      resynced: result.resynced,
      restartMs: listeningAt - sigtermAt,
      stopMs: Math.round(stopMs),
      sigtermToAllSyncedMs: result.lastResyncAt - sigtermAt,
      listeningToAllSyncedMs: result.lastResyncAt - listeningAt,
      mismatchedClients: result.mismatchedClients,
      mismatchedFreshClients: result.mismatchedFreshClients,
    }
    console.log(
      `storm     ${kind.padEnd(10)} | ${storm.resynced}/${storm.clients} resynced | SIGTERM → all synced ${storm.sigtermToAllSyncedMs} ms (server down→up ${storm.restartMs} ms, listening → all synced ${storm.listeningToAllSyncedMs} ms) | lost: ${storm.mismatchedClients} clients, ${storm.mismatchedFreshClients} fresh clients differ`,
    )
    return storm
  } finally {
    if (restart) await restart.catch(() => undefined)
    await stopServer(current)
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario: memory

async function memory(kind: ServerKind) {
  const inspectPort = await pickPort()
  const { storage, server } = await freshServer(kind, [`--inspect=127.0.0.1:${inspectPort}`])
  // After a full collection: what is live, and what the process holds.
  const sample = async () => ({ ...(await collectGarbage(inspectPort)), rssKb: procStats(server.pid).rssKb })
  try {
    const meetings = rooms(kind, storage, 'memory', MEMORY_MEETINGS, READERS)
    await sleep(1000)
    const baseline = await sample()
    const cycles: object[] = []
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
 * says how many are loaded. Hocuspocus stores and unloads as soon as the last client leaves.
 */
async function waitForUnload(server: ServerProcess): Promise<number> {
  const started = Date.now()
  if (server.kind === 'hocuspocus') {
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
  return `meeting   ${kind.padEnd(10)} | ${String(row.meetings).padStart(3)} meetings | p50 ${fmt(row.p50)} p95 ${fmt(row.p95)} p99 ${fmt(row.p99)} max ${fmt(row.max)} ms | delivered ${row.delivered}/${row.expected} errors ${row.errors} | server CPU ${row.serverCpuUsPerDelivered} µs/update, RSS ${row.serverRssMb} MB | harness CPU ${Math.round(row.harnessCpuMs)} ms`
}

function ratios(ours: LevelRow[], theirs: LevelRow[]) {
  return ours.map((row) => {
    const other = theirs.find((t) => t.meetings === row.meetings)
    return {
      meetings: row.meetings,
      p99: ratio(row.p99, other?.p99),
      serverCpuPerDelivered: ratio(row.serverCpuUsPerDelivered, other?.serverCpuUsPerDelivered),
    }
  })
}

function printTable(levels: Partial<Record<ServerKind, LevelRow[]>>): void {
  const ours = levels.sip ?? []
  const theirs = levels.hocuspocus ?? []
  console.log(
    '\nmeetings | p99 ours / Hocuspocus (ratio) | CPU µs per delivered update ours / Hocuspocus (ratio)',
  )
  for (const r of ratios(ours, theirs)) {
    const a = ours.find((x) => x.meetings === r.meetings)
    const b = theirs.find((x) => x.meetings === r.meetings)
    console.log(
      `${String(r.meetings).padStart(8)} | ${fmt(a?.p99)} / ${fmt(b?.p99)} ms (${r.p99 ?? '–'}) | ${a?.serverCpuUsPerDelivered ?? '–'} / ${b?.serverCpuUsPerDelivered ?? '–'} µs (${r.serverCpuPerDelivered ?? '–'})`,
    )
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  // Other work on the machine skews every figure: the report says how busy it was.
  const loadavgAtStart = os.loadavg()
  await buildServers()
  const weight = clientWeight()
  const levels: Partial<Record<ServerKind, LevelRow[]>> = {}
  const cold: Partial<Record<ServerKind, unknown>> = {}
  const storm: Partial<Record<ServerKind, unknown>> = {}
  const mem: Partial<Record<ServerKind, unknown>> = {}
  for (const kind of kinds()) {
    if (SCENARIOS.has('meeting')) levels[kind] = await meetingLevels(kind)
  }
  for (const kind of kinds()) {
    if (SCENARIOS.has('cold')) cold[kind] = await coldLoad(kind)
    if (SCENARIOS.has('storm')) storm[kind] = await reconnectStorm(kind)
    if (SCENARIOS.has('memory')) mem[kind] = await memory(kind)
  }
  printTable(levels)
  const report = {
    at: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: { cpus: os.cpus().length, node: process.version, loadavgAtStart, loadavgAtEnd: os.loadavg() },
    settings: {
      scenarios: [...SCENARIOS],
      levels: LEVELS,
      seconds: SECONDS,
      rate: RATE,
      readersPerMeeting: READERS,
      storedBeforeBroadcast: true,
      hocuspocusNote:
        'Hocuspocus debounces its stores (2 s, at most 10 s); SIP Live stores every update before broadcast',
    },
    clientWeight: weight,
    meeting: levels,
    ratiosOursToHocuspocus: ratios(levels.sip ?? [], levels.hocuspocus ?? []),
    coldLoad: cold,
    reconnectStorm: storm,
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
