/**
 * `npm run bench:cluster`: the meeting scenario of `npm run bench` (run.ts) on several SIP Live
 * processes sharing one PostgreSQL and one Redis (issue 16, decision 014), beside the single
 * SQLite process in the same run, so the figures compare as ratios (docs/performance.md, "Several
 * processes on PostgreSQL").
 *
 * Starts a throwaway PostgreSQL 15 (durable as an installation runs it: postgres.ts) and Redis
 * (server/test/engines.ts), both on unix sockets in temp folders. For every level, contestant after
 * contestant: a fresh database (or data folder), meetings through the documented CLI, then the
 * contestant's processes from the built bundle (dist/server.mjs) on 127.0.0.1:
 * - `sqlite`: one process on SQLite – the reference;
 * - `pg1`: one process on PostgreSQL without Redis – what PostgreSQL alone costs;
 * - `pg2`, `pg3`: two or three processes on PostgreSQL with Redis.
 * Each meeting's ten people are spread over the processes round-robin, as a load balancer without
 * sticky sessions would (the note-taker on one, the readers on all), so with several processes most
 * deliveries cross processes; their latency is reported apart (same / cross).
 *
 * Why its own entry rather than a scenario of run.ts: it needs PostgreSQL and Redis installed,
 * which `npm run bench` does not; its contestants are configurations of our server, not anchors;
 * and a level runs four contestants of up to three processes each.
 *
 * Environment (the rest as run.ts: BENCH_SECONDS, BENCH_WARMUP, BENCH_RATE, BENCH_PORTS,
 * BENCH_SERVER_ARGS, BENCH_SERVER_ENTRY):
 * - BENCH_LEVELS: meetings per level (default 50,100,200). A contestant stops after a level with
 *   errors (unexpected closes); unlike run.ts, not after a p99 past 1 s: how far a cluster on two
 *   cores falls behind at the next level is a figure this bench is for.
 * - BENCH_CONTESTANTS: any of sqlite,pg1,pg2,pg3 (default all).
 * - BENCH_PG_SYNCHRONOUS_COMMIT: on (default, as docs/operations.md says to run it) or off.
 * - BENCH_SPREAD: `person` (default: round-robin person by person, as above) or `meeting` (all of
 *   meeting i on process i mod N, as sticky sessions by meeting would: nothing crosses processes
 *   but the messages every process still hears and drops).
 * - BENCH_KEEP_DATA=1: keep the SQLite data folders.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { buildServer } from '../build'
import { startRedis } from '../test/engines'
import type { MeetingClientResult } from './meeting-clients'
import { type BenchPostgres, startBenchPostgres } from './postgres'
import {
  createMeetings,
  meetingTokens,
  pickPort,
  procStats,
  ROOT,
  runClientProcess,
  type ServerProcess,
  startSip,
  stopServer,
  treeCpuMs,
} from './processes'

const LEVELS = (process.env.BENCH_LEVELS ?? '50,100,200').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 3)
const RATE = Number(process.env.BENCH_RATE ?? 5)
const SYNCHRONOUS_COMMIT = process.env.BENCH_PG_SYNCHRONOUS_COMMIT === 'off' ? 'off' : 'on'
const READERS = 9
const SPREAD = process.env.BENCH_SPREAD === 'meeting' ? 'meeting' : 'person'

interface Contestant {
  name: string
  engine: 'sqlite' | 'postgres'
  processes: number
  redis: boolean
}

const ALL: Record<string, Contestant> = {
  sqlite: { name: 'SQLite ×1', engine: 'sqlite', processes: 1, redis: false },
  pg1: { name: 'PostgreSQL ×1', engine: 'postgres', processes: 1, redis: false },
  pg2: { name: 'PostgreSQL+Redis ×2', engine: 'postgres', processes: 2, redis: true },
  pg3: { name: 'PostgreSQL+Redis ×3', engine: 'postgres', processes: 3, redis: true },
}
const CONTESTANTS = (process.env.BENCH_CONTESTANTS ?? 'sqlite,pg1,pg2,pg3').split(',').map((key) => {
  const contestant = ALL[key]
  if (!contestant) throw new Error(`BENCH_CONTESTANTS: unknown ${key} (sqlite, pg1, pg2, pg3)`)
  return { key, ...contestant }
})

const tempDirs: string[] = []
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-live-bench-'))
  tempDirs.push(dir)
  return dir
}
const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10
const perUpdate = (cpuMs: number, delivered: number) =>
  delivered > 0 ? Math.round((cpuMs * 1000) / delivered) : null

interface Latencies {
  count: number
  p50: number | null
  p95: number | null
  p99: number | null
  max: number | null
}

/** The meeting scenario's result, with the readers on the note-taker's process and on another apart. */
interface ClientResult extends MeetingClientResult {
  same: Latencies
  cross: Latencies
}

interface Row extends ClientResult {
  contestant: string
  processes: number
  meetings: number
  /** CPU in the timed window, ms: each server process, and PostgreSQL's and Redis's. */
  serverCpuMs: number[]
  postgresCpuMs: number | null
  redisCpuMs: number | null
  /** The same per delivered update, µs; `total` is the servers' + PostgreSQL's + Redis's. */
  cpuUsPerDelivered: {
    servers: number | null
    postgres: number | null
    redis: number | null
    total: number | null
  }
  serverRssMb: number[]
}

interface Engines {
  postgres: BenchPostgres
  redis: Awaited<ReturnType<typeof startRedis>>
  redisPid: number
}

/** Redis's process, as it reports it (startRedis keeps its own). */
async function redisPid(socketPath: string): Promise<number> {
  const client = new Redis({ path: socketPath, lazyConnect: true, maxRetriesPerRequest: 1 })
  try {
    await client.connect()
    const info = await client.info('server')
    return Number(/process_id:(\d+)/.exec(info)?.[1])
  } finally {
    client.disconnect()
  }
}

/**
 * One contestant at one level: fresh storage, the meetings, its processes, the clients spread
 * over them; CPU sampled in the timed window only, as run.ts does.
 */
async function level(engines: Engines, contestant: Contestant, count: number): Promise<Row> {
  const env: NodeJS.ProcessEnv = {}
  let database: string | undefined
  if (contestant.engine === 'postgres') {
    database = await engines.postgres.createDatabase()
    env.SIP_DATABASE_URL = engines.postgres.url(database)
    if (contestant.redis) env.SIP_REDIS_URL = engines.redis.url
  }
  const servers: ServerProcess[] = []
  try {
    const dataDir = tempDir()
    const meetings = createMeetings(dataDir, count, env).map((m, i) => ({
      ...meetingTokens(m, READERS),
      // Round-robin, person by person, starting one process further for each meeting: the
      // note-taker of meeting i on process i mod N, reader j on (i + 1 + j) mod N.
      writerAt: i % contestant.processes,
      readersAt: Array.from(
        { length: READERS },
        (_, j) => (SPREAD === 'meeting' ? i : i + 1 + j) % contestant.processes,
      ),
    }))
    for (let i = 0; i < contestant.processes; i++) {
      const port = await pickPort(servers.map((s) => s.port))
      // SQLite's process serves the CLI's data folder; on PostgreSQL each has an empty one of its own.
      servers.push(await startSip(i === 0 ? dataDir : tempDir(), port, 'warn', [], env))
    }
    const sample = () => ({
      servers: servers.map((s) => procStats(s.pid)),
      postgres: contestant.engine === 'postgres' ? treeCpuMs(engines.postgres.pid) : null,
      redis: contestant.redis ? procStats(engines.redisPid).cpuMs : null,
    })
    let before = sample()
    let after = before
    const result = await runClientProcess<ClientResult>(
      'meeting-clients.ts',
      {
        kind: 'sip',
        wsUrl: servers[0]!.wsUrl,
        wsUrls: servers.map((s) => s.wsUrl),
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        rate: RATE,
        meetings,
      },
      (WARMUP_SECONDS + SECONDS + 180) * 1000,
      (line) => {
        if (line === 'typing') before = sample()
        if (line === 'typed') after = sample()
      },
    )
    const serverCpuMs = servers.map((_, i) => after.servers[i]!.cpuMs - before.servers[i]!.cpuMs)
    const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b)
    const postgresCpuMs = diff(after.postgres, before.postgres)
    const redisCpuMs = diff(after.redis, before.redis)
    const serversCpuMs = serverCpuMs.reduce((a, b) => a + b, 0)
    return {
      contestant: contestant.name,
      processes: contestant.processes,
      meetings: count,
      ...result,
      serverCpuMs,
      postgresCpuMs,
      redisCpuMs,
      cpuUsPerDelivered: {
        servers: perUpdate(serversCpuMs, result.delivered),
        postgres: postgresCpuMs === null ? null : perUpdate(postgresCpuMs, result.delivered),
        redis: redisCpuMs === null ? null : perUpdate(redisCpuMs, result.delivered),
        total: perUpdate(serversCpuMs + (postgresCpuMs ?? 0) + (redisCpuMs ?? 0), result.delivered),
      },
      serverRssMb: after.servers.map((s) => mb(s.rssKb)),
    }
  } finally {
    for (const server of servers) await stopServer(server)
    if (database !== undefined) await engines.postgres.dropDatabase(database)
  }
}

const fmt = (v: number | null | undefined) => (typeof v === 'number' ? v.toFixed(1) : '–')
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null

function rowLine(row: Row): string {
  const cpu = row.cpuUsPerDelivered
  const split =
    row.processes > 1
      ? ` (same ${fmt(row.same.p99)} / cross ${fmt(row.cross.p99)}, ${row.cross.count} of ${row.delivered} crossed)`
      : ''
  return `cluster ${row.contestant.padEnd(20)} | ${String(row.meetings).padStart(3)} meetings | p50 ${fmt(row.p50)} p99 ${fmt(row.p99)}${split} max ${fmt(row.max)} ms | delivered ${row.delivered}/${row.expected} errors ${row.errors}${row.errors ? ` ${JSON.stringify(row.closes)}` : ''} | CPU µs/update: servers ${cpu.servers ?? '–'} + PostgreSQL ${cpu.postgres ?? '–'} + Redis ${cpu.redis ?? '–'} = ${cpu.total ?? '–'} | RSS ${row.serverRssMb.join(' + ')} MB | harness CPU ${Math.round(row.harnessCpuMs)} ms | all synced in ${row.connectMs} ms${row.connectCloses ? ` after ${row.connectCloses} refused or dropped` : ''}`
}

/** Per level and contestant: p99 and CPU per delivered update against the SQLite process's. */
function ratios(rows: readonly Row[]) {
  const reference = (meetings: number) =>
    rows.find((r) => r.meetings === meetings && r.contestant === ALL.sqlite!.name)
  return rows.map((row) => {
    const ref = reference(row.meetings)
    return {
      meetings: row.meetings,
      contestant: row.contestant,
      p99: ratio(row.p99, ref?.p99),
      serversCpuPerDelivered: ratio(row.cpuUsPerDelivered.servers, ref?.cpuUsPerDelivered.total),
      totalCpuPerDelivered: ratio(row.cpuUsPerDelivered.total, ref?.cpuUsPerDelivered.total),
    }
  })
}

function printTable(rows: readonly Row[]): void {
  console.log(
    '\nmeetings | contestant | p50 | p99 | p99 same / cross | CPU µs per delivered update: servers + PostgreSQL + Redis = total | ÷ SQLite ×1: p99, total CPU',
  )
  const r = ratios(rows)
  rows.forEach((row, i) => {
    const cpu = row.cpuUsPerDelivered
    console.log(
      `${String(row.meetings).padStart(8)} | ${row.contestant.padEnd(20)} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${row.processes > 1 ? `${fmt(row.same.p99)} / ${fmt(row.cross.p99)}` : '–'} | ${cpu.servers ?? '–'} + ${cpu.postgres ?? '–'} + ${cpu.redis ?? '–'} = ${cpu.total ?? '–'} | ${r[i]!.p99 ?? '–'}, ${r[i]!.totalCpuPerDelivered ?? '–'}`,
    )
  })
}

async function main(): Promise<void> {
  const started = Date.now()
  // Other work on the machine skews every figure: the report says how busy it was.
  const loadavgAtStart = os.loadavg()
  await buildServer()
  const postgres = await startBenchPostgres(SYNCHRONOUS_COMMIT)
  const redis = await startRedis()
  const engines: Engines = { postgres, redis, redisPid: await redisPid(redis.socketPath) }
  const rows: Row[] = []
  try {
    const stopped = new Set<string>()
    for (const count of LEVELS) {
      for (const contestant of CONTESTANTS) {
        if (stopped.has(contestant.key)) continue
        const row = await level(engines, contestant, count)
        rows.push(row)
        console.log(rowLine(row))
        if (row.errors > 0) stopped.add(contestant.key)
      }
    }
  } finally {
    await redis.stop()
    await postgres.stop()
  }
  printTable(rows)
  const report = {
    at: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: { cpus: os.cpus().length, node: process.version, loadavgAtStart, loadavgAtEnd: os.loadavg() },
    settings: {
      contestants: CONTESTANTS,
      levels: LEVELS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rate: RATE,
      readersPerMeeting: READERS,
      spread:
        SPREAD === 'meeting'
          ? 'by meeting: all of meeting i on process i mod N'
          : 'round-robin: note-taker of meeting i on process i mod N, reader j on (i + 1 + j) mod N',
      postgres: postgres.settings,
    },
    rows,
    ratiosToSqlite: ratios(rows),
  }
  const out = path.join(ROOT, 'dist', 'bench')
  fs.mkdirSync(out, { recursive: true })
  const file = path.join(out, `cluster-${Date.now()}.json`)
  fs.writeFileSync(file, JSON.stringify(report, null, 2))
  console.log(`report: ${path.relative(ROOT, file)} (${report.durationSeconds} s)`)
  if (!process.env.BENCH_KEEP_DATA)
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
