/**
 * `npm run bench:statistics`: how long the statistics report (computeStatistics, issue 14) takes
 * over 10,000 and 100,000 finalized meetings (docs/performance.md).
 *
 * For each size the seed-000 shape is scaled to that many meetings over three years and generated
 * once into a temporary SQLite file with the statistics generator (real records through the real
 * stores; its time is reported on its own). The report is then computed over one year and over the
 * whole range (and one year for one municipality): one warm-up, then BENCH_STATS_RUNS timed runs
 * each, reporting median, min and max. Prints a table and writes JSON to dist/bench/.
 *
 * Environment:
 * - BENCH_STATS_SIZES: meetings per size (default 10000,100000).
 * - BENCH_STATS_RUNS: timed runs per query (default 5).
 * - BENCH_STATS_SEED: the generator's seed (default 1).
 * - BENCH_STATS_DATA: a folder to keep the generated databases in and reuse on the next run (the
 *   100,000 take minutes to make); default a temporary folder, removed at the end.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MAX_STATISTICS_DAYS, type StatisticsQuery } from '../../shared/schemas/statistics'
import { type Db, openDatabase } from '../db/connection'
import { sqliteStorage } from '../db/sqlite-storage'
import { judgementNow, type SeedResult, seedStatistics } from '../statistics/generator'
import { daysBetween, SEED_000_SHAPE, scaleShape } from '../statistics/generator-shape'
import { computeStatistics } from '../statistics/report'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const SIZES = (process.env.BENCH_STATS_SIZES ?? '10000,100000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_STATS_RUNS ?? 5)
const SEED = Number(process.env.BENCH_STATS_SEED ?? 1)
const KEEP = process.env.BENCH_STATS_DATA
/** Three years: the longest period one report covers (MAX_STATISTICS_DAYS). */
const FROM = '2023-01-01'
const TO = '2025-12-31'
const THRESHOLD = 5

interface Timing {
  query: string
  runs: number
  medianMs: number | null
  minMs: number | null
  maxMs: number | null
  /** Meetings held in the report's period, as the report counts them. */
  held: number | string | null
  reportBytes: number | null
  error: string | null
}

const round = (ms: number) => Math.round(ms * 10) / 10
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Generates a size's database, or reuses one BENCH_STATS_DATA kept with the same size and seed. */
async function database(dir: string, meetings: number) {
  const file = path.join(dir, `statistics-${meetings}-seed${SEED}.db`)
  const meta = `${file}.json`
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    const kept = JSON.parse(fs.readFileSync(meta, 'utf8')) as { generation: unknown; seed: SeedResult }
    console.log(`${meetings} meetings: reusing ${path.relative(ROOT, file) || file}`)
    return { file, ...kept, reused: true }
  }
  for (const stale of [file, `${file}-wal`, `${file}-shm`, meta]) fs.rmSync(stale, { force: true })
  const shape = scaleShape(SEED_000_SHAPE, meetings, { from: FROM, to: TO })
  const db = openDatabase({ file, synchronous: 'normal' })
  const started = performance.now()
  let reported = 0
  const seed = await seedStatistics(sqliteStorage(db), {
    shape,
    seed: SEED,
    onProgress: (written, total) => {
      if (written / total >= reported + 0.1 || written === total) {
        reported = written / total
        process.stdout.write(`\r${meetings} meetings: generating ${Math.round(100 * reported)} %`)
      }
    },
  })
  const seconds = Math.round((performance.now() - started) / 100) / 10
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  const generation = {
    seconds,
    msPerMeeting: round(
      (seconds * 1000) / (seed.meetings.held + seed.meetings.outside + seed.meetings.cancelled),
    ),
    databaseMb: Math.round(fs.statSync(file).size / 1e5) / 10,
  }
  process.stdout.write('\n')
  fs.writeFileSync(meta, JSON.stringify({ generation, seed }, null, 2))
  return { file, generation, seed, reused: false }
}

async function time(db: Db, name: string, query: StatisticsQuery, now: number): Promise<Timing> {
  const { statisticsReport } = sqliteStorage(db).stores
  const run = () => computeStatistics(statisticsReport, query, { now, threshold: THRESHOLD })
  try {
    // One warm-up (statements prepared, pages cached), then the timed runs.
    let last = await run()
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now()
      last = await run()
      times.push(performance.now() - started)
    }
    const held = last.tables.find((t) => t.id === 'meetings')?.rows.find((r) => r.key === 'held')
      ?.values.count
    return {
      query: name,
      runs: RUNS,
      medianMs: round(median(times)),
      minMs: round(Math.min(...times)),
      maxMs: round(Math.max(...times)),
      held: held ?? null,
      reportBytes: JSON.stringify(last).length,
      error: null,
    }
  } catch (error) {
    // Until the report is built its stub throws: the bench still runs end to end.
    return {
      query: name,
      runs: 0,
      medianMs: null,
      minMs: null,
      maxMs: null,
      held: null,
      reportBytes: null,
      error: error instanceof Error ? error.message : String(error),
    }
  }
}

async function main(): Promise<void> {
  if (daysBetween(FROM, TO) >= MAX_STATISTICS_DAYS)
    throw new Error('the bench period is longer than one report')
  if (SIZES.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(RUNS) || RUNS < 1) {
    throw new Error('BENCH_STATS_SIZES: whole numbers from 1; BENCH_STATS_RUNS: a whole number from 1')
  }
  const started = Date.now()
  const loadavgAtStart = os.loadavg()
  const dir = KEEP ? path.resolve(KEEP) : fs.mkdtempSync(path.join(os.tmpdir(), 'sip-live-bench-statistics-'))
  fs.mkdirSync(dir, { recursive: true })
  const sizes = []
  try {
    for (const meetings of SIZES) {
      const made = await database(dir, meetings)
      const db = openDatabase({ file: made.file, synchronous: 'normal' })
      const now = judgementNow({ to: TO })
      const municipality = made.seed.municipalities[0]!
      const timings = [
        await time(db, 'one year', { from: '2025-01-01', to: TO, publication: false }, now),
        await time(db, 'whole range (3 years)', { from: FROM, to: TO, publication: false }, now),
        await time(
          db,
          `one year, municipality ${municipality}`,
          { from: '2025-01-01', to: TO, municipality, publication: false },
          now,
        ),
      ]
      db.close()
      for (const t of timings) {
        const figures =
          t.error === null
            ? `median ${t.medianMs} ms, min ${t.minMs}, max ${t.maxMs} (${t.runs} runs) | held ${t.held} | report ${t.reportBytes} B`
            : `not measured: ${t.error}`
        console.log(`${String(meetings).padStart(7)} meetings | ${t.query.padEnd(34)} | ${figures}`)
      }
      sizes.push({
        meetings,
        generation: made.generation,
        reusedDatabase: made.reused,
        seed: made.seed,
        timings,
      })
    }
  } finally {
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true })
  }
  for (const size of sizes) {
    const g = size.generation as { seconds: number; msPerMeeting: number; databaseMb: number }
    console.log(
      `${String(size.meetings).padStart(7)} meetings | generated in ${g.seconds} s (${g.msPerMeeting} ms a meeting), database ${g.databaseMb} MB${size.reusedDatabase ? ' (kept from an earlier run)' : ''}`,
    )
  }
  const report = {
    at: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: { cpus: os.cpus().length, node: process.version, loadavgAtStart, loadavgAtEnd: os.loadavg() },
    settings: { from: FROM, to: TO, runs: RUNS, seed: SEED, shape: SEED_000_SHAPE.id, threshold: THRESHOLD },
    sizes,
  }
  const out = path.join(ROOT, 'dist', 'bench')
  fs.mkdirSync(out, { recursive: true })
  const file = path.join(out, `statistics-${Date.now()}.json`)
  fs.writeFileSync(file, JSON.stringify(report, null, 2))
  console.log(`report: ${path.relative(ROOT, file)} (${report.durationSeconds} s)`)
}

await main()
