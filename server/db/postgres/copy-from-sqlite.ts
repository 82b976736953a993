/**
 * `npm run cli -- migrate-to-postgres` (issue 16): copies a SQLite installation into an empty
 * PostgreSQL database – every table, every row, ids kept, bytes byte for byte – in one PostgreSQL
 * transaction, so a failure leaves nothing behind.
 *
 * The SQLite file is opened read-only and never migrated: a file at another schema version than
 * this SIP Live's is refused (start this version on it once, which brings it up to date). It is
 * read in one read transaction, so a server still running on it (WAL) may keep writing: the copy
 * is the database as it was when the read began.
 *
 * Rows go in SQLite's rowid order: a table's `insert_order` (PostgreSQL's stand-in for rowid,
 * schema-1.ts) then numbers them in SQLite's order. Ids are inserted as they are
 * (OVERRIDING SYSTEM VALUE) and every identity sequence is set past the highest id – and past
 * SQLite's AUTOINCREMENT counter, so a document update after the copy is numbered above the
 * updates a snapshot already holds, even when compaction deleted them. The audit log's triggers
 * refuse UPDATE and DELETE only: the copy's INSERTs pass, and nothing else changes.
 */
import fs from 'node:fs'
import Database from 'better-sqlite3'
import type { Db } from '../connection'
import { MIGRATIONS } from '../migrations'
import {
  describeFailedVersion,
  type VerifyVersion,
  type VersionsVerified,
  verifyStoredVersions,
} from '../verify-stored-versions'
import { PostgresStartupError, safeMessage } from './engine'
import { POSTGRES_MIGRATIONS } from './migrations'
import { postgresStorage } from './storage'

/** A copy that did not start or did not finish: nothing was written. `exitCode` for the CLI. */
export class CopyRefusedError extends Error {
  override name = 'CopyRefusedError'
  constructor(
    message: string,
    /** 2: the source or the arguments are not what the copy takes; 1: the target or the copy failed. */
    readonly exitCode: 1 | 2,
  ) {
    super(message)
  }
}

export interface TableCopied {
  table: string
  /** Rows in the SQLite file (at the read) and in PostgreSQL after the copy. */
  source: number
  target: number
}

export interface CopyResult {
  /** Every table, in the order copied. */
  tables: TableCopied[]
  /** Every plan version recomputed in PostgreSQL, through the stores the app reads it with. */
  versions: VersionsVerified & {
    /** Of the failed ones: those that do not verify in the SQLite file either (changed before). */
    failedInSourceToo: number
  }
  /** Counts equal and every version intact. */
  ok: boolean
}

export interface CopyOptions {
  /** The SQLite file (SIP_DATA_DIR/sip-live.db). */
  sourceFile: string
  /** `postgres://…` of an empty database (migrated, or migrated here). */
  targetUrl: string
  /** G9's check of one version (server/signoff/versions.ts verifyVersion). */
  verify: VerifyVersion
}

type PlanVersionRow = Parameters<VerifyVersion>[0]

/** SQLite's schema version the copy knows: the one PostgreSQL's migration 1 translates. */
const SQLITE_VERSION = MIGRATIONS.at(-1)?.version ?? 0
const POSTGRES_VERSION = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0
/** The tables, in dependency order (the migrations make them in that order). */
const TABLES = POSTGRES_MIGRATIONS.flatMap((migration) =>
  [...migration.sql.matchAll(/^\s*CREATE TABLE (\w+)/gm)].map((match) => match[1] as string),
)
/** Columns PostgreSQL has and SQLite has not: numbered by PostgreSQL as the rows go in. */
const POSTGRES_ONLY = new Set(['insert_order'])
/** Bounds of one INSERT: PostgreSQL takes at most 65535 parameters; documents can be large. */
const MAX_PARAMETERS = 30_000
const MAX_BATCH_BYTES = 8 * 1024 * 1024

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

export async function copySqliteToPostgres({
  sourceFile,
  targetUrl,
  verify,
}: CopyOptions): Promise<CopyResult> {
  const source = openSource(sourceFile)
  try {
    const sourceColumns = checkSource(source, sourceFile)
    // One read transaction for everything read from the file: a consistent snapshot while a server
    // may go on writing to it (WAL). It begins with the first read, here.
    source.exec('BEGIN')
    const counts = new Map(
      TABLES.map((table) => [
        table,
        source
          .prepare(`SELECT count(*) FROM ${quote(table)}`)
          .pluck()
          .get() as number,
      ]),
    )
    const autoincrement = new Map(
      (source.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[]).map(
        (row) => [row.name, row.seq],
      ),
    )

    let storage: Awaited<ReturnType<typeof postgresStorage>>
    try {
      storage = await postgresStorage({ url: targetUrl, maxConnections: 2 })
    } catch (error) {
      if (error instanceof PostgresStartupError) throw new CopyRefusedError(error.message, 1)
      throw error
    }
    try {
      const db = storage.postgres
      const at = storage.migration?.to ?? 0
      if (at !== POSTGRES_VERSION) {
        throw new CopyRefusedError(
          `${db.target} is at PostgreSQL schema version ${at}; this SIP Live copies into version ${POSTGRES_VERSION}. Copy with the SIP Live version that made it, or into a new database. Nothing was written.`,
          1,
        )
      }
      const tables: TableCopied[] = []
      try {
        await storage.transaction(async () => {
          // From the start each time: PostgreSQL may abort the transaction for a conflict and the
          // engine run it again; the file is still read in the same read transaction.
          tables.length = 0
          // Nobody else writes while the copy runs (a server started on the target meanwhile waits).
          await db.query(`LOCK TABLE ${TABLES.map(quote).join(', ')} IN EXCLUSIVE MODE`)
          const present: string[] = []
          for (const table of TABLES) {
            const [row] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`)
            if ((row?.n ?? 0) > 0) present.push(`${table}: ${row?.n} rows`)
          }
          if (present.length > 0) {
            throw new CopyRefusedError(
              `${db.target} already holds data (${present.join(', ')}): the copy goes into an empty database only. Nothing was written.`,
              1,
            )
          }
          const target = await targetColumns(db)
          for (const table of TABLES) {
            const columns = sourceColumns.get(table) ?? []
            const theirs = target.get(table)?.columns.filter((c) => !POSTGRES_ONLY.has(c)) ?? []
            if ([...columns].sort().join() !== [...theirs].sort().join()) {
              throw new CopyRefusedError(
                `table ${table} has other columns in ${db.target} (${theirs.join(', ')}) than in ${sourceFile} (${columns.join(', ')}). Nothing was written.`,
                1,
              )
            }
          }
          for (const table of TABLES) {
            const columns = sourceColumns.get(table) ?? []
            const identity = target.get(table)?.identity ?? []
            const overriding = columns.some((c) => identity.includes(c))
            const copied = await copyTable(source, db, table, columns, overriding)
            const [after] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`)
            tables.push({ table, source: counts.get(table) ?? 0, target: after?.n ?? 0 })
            if (copied !== counts.get(table) || after?.n !== counts.get(table)) {
              throw new CopyRefusedError(
                `table ${table}: ${counts.get(table)} rows in the SQLite file, ${after?.n} in PostgreSQL after the copy. Nothing was written.`,
                1,
              )
            }
            for (const column of identity) {
              // Past the highest id, and past SQLite's AUTOINCREMENT counter (ids never reused).
              await db.query(
                `SELECT setval(pg_get_serial_sequence($1, $2), greatest(coalesce(max(${quote(column)}), 0), $3::bigint) + 1, false) FROM ${quote(table)}`,
                [table, column, column === 'id' ? (autoincrement.get(table) ?? 0) : 0],
              )
            }
          }
        })
      } catch (error) {
        if (error instanceof CopyRefusedError) throw error
        throw new CopyRefusedError(
          `the copy into ${db.target} failed, nothing was written: ${safeMessage(error, targetUrl)}`,
          1,
        )
      }

      const meetingIds = (
        await db.query<{ meeting_id: string }>(
          'SELECT DISTINCT meeting_id FROM plan_versions ORDER BY meeting_id',
        )
      ).map((row) => row.meeting_id)
      const verified = await verifyStoredVersions(storage.stores.signoff, meetingIds, verify)
      const failedInSourceToo = verified.failed.filter((result) => {
        const row = sourceVersion(source, result.meetingId, result.number)
        return row === undefined || !verify(row, result.meetingId).ok
      }).length
      return {
        tables,
        versions: { ...verified, failedInSourceToo },
        ok: tables.every((t) => t.source === t.target) && verified.failed.length === 0,
      }
    } finally {
      await storage.close()
    }
  } finally {
    if (source.inTransaction) source.exec('ROLLBACK')
    source.close()
  }
}

function openSource(file: string): Db {
  if (!fs.existsSync(file)) {
    throw new CopyRefusedError(`${file} does not exist: name the SQLite file of the installation (--from)`, 2)
  }
  if (!fs.statSync(file).isFile()) throw new CopyRefusedError(`${file} is not a file`, 2)
  try {
    return new Database(file, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw new CopyRefusedError(`${file} cannot be opened: ${(error as Error).message}`, 2)
  }
}

/** Refuses a file that is not a SIP Live database at the version the copy knows; its columns. */
function checkSource(source: Db, file: string): Map<string, string[]> {
  let version: number
  let names: string[]
  try {
    version = source.pragma('user_version', { simple: true }) as number
    names = source
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[]
  } catch (error) {
    throw new CopyRefusedError(`${file} is not a SQLite database: ${(error as Error).message}`, 2)
  }
  const missing = TABLES.filter((table) => !names.includes(table))
  if (version === 0 || missing.length === TABLES.length) {
    throw new CopyRefusedError(`${file} is not a SIP Live database (it has none of SIP Live's tables)`, 2)
  }
  if (version < SQLITE_VERSION) {
    throw new CopyRefusedError(
      `${file} is at SIP Live's schema version ${version}; the copy knows version ${SQLITE_VERSION} only. Start this SIP Live version on it once (it brings the file up to date on start), stop it, then copy.`,
      2,
    )
  }
  if (version > SQLITE_VERSION) {
    throw new CopyRefusedError(
      `${file} is at SIP Live's schema version ${version}, newer than this SIP Live knows (${SQLITE_VERSION}): copy with the version that wrote it.`,
      2,
    )
  }
  const extra = names.filter((name) => !TABLES.includes(name))
  if (missing.length > 0 || extra.length > 0) {
    throw new CopyRefusedError(
      `${file} is not a SIP Live database at version ${SQLITE_VERSION}: ${[
        missing.length > 0 ? `missing tables ${missing.join(', ')}` : '',
        extra.length > 0 ? `unknown tables ${extra.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')}`,
      2,
    )
  }
  return new Map(
    TABLES.map((table) => [
      table,
      (source.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name),
    ]),
  )
}

async function targetColumns(
  db: Awaited<ReturnType<typeof postgresStorage>>['postgres'],
): Promise<Map<string, { columns: string[]; identity: string[] }>> {
  const rows = await db.query<{ table_name: string; column_name: string; is_identity: string }>(
    `SELECT table_name, column_name, is_identity FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  )
  const tables = new Map<string, { columns: string[]; identity: string[] }>()
  for (const row of rows) {
    const table = tables.get(row.table_name) ?? { columns: [], identity: [] }
    table.columns.push(row.column_name)
    if (row.is_identity === 'YES') table.identity.push(row.column_name)
    tables.set(row.table_name, table)
  }
  return tables
}

/** Copies one table's rows in rowid order, in batches; answers how many went in. */
async function copyTable(
  source: Db,
  db: Awaited<ReturnType<typeof postgresStorage>>['postgres'],
  table: string,
  columns: string[],
  overriding: boolean,
): Promise<number> {
  const list = columns.map(quote).join(', ')
  const rowsPerInsert = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
  let batch: unknown[][] = []
  let bytes = 0
  let copied = 0
  const flush = async () => {
    if (batch.length === 0) return
    let n = 0
    const values = batch.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`).join(', ')
    const result = await db.execute(
      `INSERT INTO ${quote(table)} (${list})${overriding ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES ${values}`,
      batch.flat(),
    )
    copied += result.rowCount
    batch = []
    bytes = 0
  }
  try {
    const rows = source
      .prepare(`SELECT ${list} FROM ${quote(table)} ORDER BY rowid`)
      .raw(true)
      .iterate()
    for (const row of rows as Iterable<unknown[]>) {
      batch.push(row)
      for (const value of row) {
        if (typeof value === 'string' || value instanceof Uint8Array) bytes += value.length
      }
      if (batch.length >= rowsPerInsert || bytes >= MAX_BATCH_BYTES) await flush()
    }
    await flush()
  } catch (error) {
    if (error instanceof CopyRefusedError) throw error
    throw new Error(`table ${table}: ${(error as Error).message}`, { cause: error })
  }
  return copied
}

/** A version as the SQLite file holds it (for telling a changed copy from a changed original). */
function sourceVersion(source: Db, meetingId: string, number: number): PlanVersionRow | undefined {
  const row = source
    .prepare(
      `SELECT id, meeting_id AS meetingId, number, hash, canonical_json AS canonicalJson, snapshot,
              skipped AS skippedJson, locked_at AS lockedAt, locked_by AS lockedBy, voided_at AS voidedAt,
              void_reason AS voidReason, consent_json AS consentJson
         FROM plan_versions WHERE meeting_id = ? AND number = ?`,
    )
    .get(meetingId, number) as PlanVersionRow | undefined
  return row
}

/** The copy's result as an operator reads it. */
export function formatCopyResult(result: CopyResult): string {
  const lines = ['Rows per table (SQLite → PostgreSQL):']
  const width = Math.max(...result.tables.map((t) => t.table.length))
  for (const t of result.tables) {
    lines.push(
      `  ${t.table.padEnd(width)}  ${t.source} → ${t.target}${t.source === t.target ? '' : '  DIFFERENT'}`,
    )
  }
  const { checked, failed, failedInSourceToo } = result.versions
  lines.push(`Plan versions verified in PostgreSQL: ${checked - failed.length} of ${checked} intact.`)
  for (const f of failed) lines.push(`  FAILED: ${describeFailedVersion(f)}`)
  if (failed.length > 0) {
    lines.push(
      failedInSourceToo === failed.length
        ? '  Each of these does not verify in the SQLite file either: it was changed before the copy.'
        : `  ${failed.length - failedInSourceToo} of these verify in the SQLite file: the copy changed them.`,
    )
  }
  lines.push(
    result.ok
      ? 'OK: every row is copied and every plan version is intact.'
      : 'FAILED: see above; the copy is committed, but do not switch to it before finding out why.',
  )
  return lines.join('\n')
}
