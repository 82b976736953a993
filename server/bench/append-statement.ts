/**
 * What one append costs PostgreSQL (docs/performance.md, "Several processes on PostgreSQL"): the
 * document store's append as the sync core runs it – one statement that bumps each meeting's head
 * row, then inserts the rows (server/db/postgres/documents.ts) – against the same statement as a
 * named prepared statement, and against the insert alone as it was before the head row (69785ae),
 * both ways. `node --import tsx server/bench/append-statement.ts`.
 *
 * On the bench's PostgreSQL (postgres.ts: durable, BENCH_PG_SYNCHRONOUS_COMMIT as there), a
 * database with 200 demo meetings made by the CLI. Statements one after another on one connection,
 * as the sync core's one store in flight runs them; rounds interleave the variants so a busy
 * machine weighs on all alike. Reports, per statement, the wall time the caller waits (the commit's
 * WAL flush included) and PostgreSQL's CPU (postmaster and backends, processes.ts treeCpuMs).
 *
 * Environment: BENCH_APPEND_COUNT statements per variant and round (default 1000),
 * BENCH_APPEND_ROUNDS (default 3), BENCH_APPEND_ROWS rows per statement (default 1,4).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { postgresDocumentStore } from '../db/postgres/documents'
import type { PostgresEngine } from '../db/postgres/engine'
import { postgresStorage } from '../db/postgres/storage'
import { startBenchPostgres } from './postgres'
import { createMeetings, ROOT, treeCpuMs } from './processes'

const COUNT = Number(process.env.BENCH_APPEND_COUNT ?? 1000)
const ROUNDS = Number(process.env.BENCH_APPEND_ROUNDS ?? 3)
const ROWS = (process.env.BENCH_APPEND_ROWS ?? '1,4').split(',').map(Number)
const MEETINGS = 200
/** About one keystroke's update (typing.ts: a character into a Y.XmlText). */
const UPDATE = Buffer.alloc(40, 7)

/** The engine with every statement named by its text: pg parses and plans it once per connection. */
function preparing(db: PostgresEngine): PostgresEngine {
  const name = (text: string) => `b${crypto.createHash('sha1').update(text).digest('hex').slice(0, 16)}`
  return {
    ...db,
    async query<R extends object>(text: string, values?: readonly unknown[]) {
      const result = await db.pool.query<R>({ name: name(text), text, values: values as unknown[] })
      return result.rows
    },
  }
}

/** The append before the head row (69785ae): the rows alone, ids drawn in the batch's order. */
const insertOnly = (db: PostgresEngine) => (batch: { meetingId: string; data: Uint8Array }[]) =>
  db.query(
    `INSERT INTO doc_updates (meeting_id, data, created_at)
     SELECT u.meeting_id, u.data, $3 FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS u(meeting_id, data, n)
     ORDER BY u.n
     RETURNING id`,
    [batch.map((u) => u.meetingId), batch.map((u) => u.data), Date.now()],
  )

async function main(): Promise<void> {
  const postgres = await startBenchPostgres(process.env.BENCH_PG_SYNCHRONOUS_COMMIT === 'off' ? 'off' : 'on')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-live-bench-'))
  try {
    const url = postgres.url(await postgres.createDatabase())
    const meetings = createMeetings(dataDir, MEETINGS, { SIP_DATABASE_URL: url }).map((m) => m.meetingId)
    const storage = await postgresStorage({ url, maxConnections: 1 })
    try {
      const db = storage.postgres
      const variants = {
        append: postgresDocumentStore(db).append,
        'append, prepared': postgresDocumentStore(preparing(db)).append,
        'insert only': insertOnly(db),
        'insert only, prepared': insertOnly(preparing(db)),
      }
      let next = 0
      const batchOf = (rows: number) =>
        Array.from({ length: rows }, () => ({ meetingId: meetings[next++ % meetings.length]!, data: UPDATE }))
      const results: Record<string, { wallUs: number[]; postgresCpuUs: number[] }> = {}
      for (let round = 0; round < ROUNDS; round++) {
        for (const rows of ROWS) {
          for (const [name, append] of Object.entries(variants)) {
            const started = performance.now()
            const cpuBefore = treeCpuMs(postgres.pid)
            for (let i = 0; i < COUNT; i++) await append(batchOf(rows))
            const wallUs = ((performance.now() - started) * 1000) / COUNT
            const cpuUs = ((treeCpuMs(postgres.pid) - cpuBefore) * 1000) / COUNT
            const key = `${name} × ${rows}`
            results[key] ??= { wallUs: [], postgresCpuUs: [] }
            const entry = results[key]
            entry.wallUs.push(Math.round(wallUs))
            entry.postgresCpuUs.push(Math.round(cpuUs))
          }
        }
      }
      console.log('per statement, each round: wall µs | PostgreSQL CPU µs')
      for (const [name, r] of Object.entries(results)) {
        console.log(`${name.padEnd(28)} ${r.wallUs.join(' ')} | ${r.postgresCpuUs.join(' ')}`)
      }
      const out = path.join(ROOT, 'dist', 'bench')
      fs.mkdirSync(out, { recursive: true })
      const file = path.join(out, `append-statement-${Date.now()}.json`)
      const report = {
        at: new Date().toISOString(),
        machine: { cpus: os.cpus().length, loadavg: os.loadavg() },
        settings: { count: COUNT, rounds: ROUNDS, postgres: postgres.settings },
        results,
      }
      fs.writeFileSync(file, JSON.stringify(report, null, 2))
      console.log(`report: ${path.relative(ROOT, file)}`)
    } finally {
      await storage.close()
    }
  } finally {
    await postgres.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
