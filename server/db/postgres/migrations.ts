/**
 * PostgreSQL's numbered migrations, recorded in `schema_migrations(version, name, applied_at)`
 * (SQLite keeps its own in `PRAGMA user_version`: server/db/migrations.ts). They run under a
 * session advisory lock, so processes starting together migrate once: the first applies, the
 * others wait and then find nothing left to do. Each migration runs in its own transaction.
 *
 * A role that may not create tables can still start once the schema is current (an operator may
 * run the app under a role without DDL rights): rights are checked only when something is pending.
 */
import pg from 'pg'
import { describeTarget, PostgresStartupError, safeMessage } from './engine'
import { SCHEMA_1 } from './schema-1'

export interface PostgresMigration {
  version: number
  name: string
  sql: string
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  { version: 1, name: 'the SQLite schema at its version 12', sql: SCHEMA_1 },
  {
    version: 2,
    name: 'documents: a head row per meeting orders its appends and carries the frozen flag',
    // SQLite's migration 13; see there.
    sql: `
      CREATE TABLE doc_heads (
        meeting_id  text PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        seq         bigint NOT NULL,
        frozen      integer NOT NULL DEFAULT 0
      );
      INSERT INTO doc_heads (meeting_id, seq, frozen)
        SELECT id, 0, 1 FROM meetings m
         WHERE m.finalized_at IS NOT NULL
            OR EXISTS (SELECT 1 FROM plan_versions v WHERE v.meeting_id = m.id AND v.voided_at IS NULL);
    `,
  },
]

/** The advisory lock key every SIP Live process takes to migrate (an arbitrary constant: "SIPL"). */
export const MIGRATION_LOCK_KEY = 0x5349504c
/** How long a process waits for another one's migration before it gives up. */
const LOCK_TIMEOUT_MS = 120_000

export interface MigrationOutcome {
  /** The schema's version before and after. */
  from: number
  to: number
  applied: number[]
}

interface State {
  role: string
  database: string
  schema: string | null
  canCreate: boolean
  hasTable: boolean
}

/** Brings the database's schema up to date; throws PostgresStartupError with what to do. */
export async function migratePostgres(
  url: string,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<MigrationOutcome> {
  const target = describeTarget(url)
  // A session of its own: the advisory lock belongs to the session that took it.
  const client = new pg.Client({ connectionString: url, application_name: 'sip-live migrate' })
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (error) {
    throw new PostgresStartupError(`PostgreSQL unreachable: ${target}: ${safeMessage(error, url)}`, {
      cause: error,
    })
  }
  try {
    await client.query(`SET lock_timeout = ${LOCK_TIMEOUT_MS}`)
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    } catch (error) {
      throw new PostgresStartupError(
        `PostgreSQL migration lock not taken within ${LOCK_TIMEOUT_MS / 1000} s (${target}): another process is migrating or hangs: ${safeMessage(error, url)}`,
        { cause: error },
      )
    }
    try {
      return await migrateLocked(client, url, target, migrations)
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {})
    }
  } finally {
    await client.end().catch(() => {})
  }
}

async function migrateLocked(
  client: pg.Client,
  url: string,
  target: string,
  migrations: readonly PostgresMigration[],
): Promise<MigrationOutcome> {
  const { rows } = await client.query<State>(
    `SELECT current_user AS role, current_database() AS database, current_schema() AS schema,
            coalesce(has_schema_privilege(current_schema(), 'CREATE'), false) AS "canCreate",
            to_regclass('schema_migrations') IS NOT NULL AS "hasTable"`,
  )
  const state = rows[0] as State
  let from = 0
  if (state.hasTable) {
    try {
      const result = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      )
      from = result.rows[0]?.version ?? 0
    } catch (error) {
      throw new PostgresStartupError(
        `role "${state.role}" may not read schema_migrations in database "${state.database}": ${safeMessage(error, url)}. Grant it SELECT (and the rights the app needs) on the tables, or start as the owner`,
        { cause: error },
      )
    }
  }
  const pending = migrations.filter((migration) => migration.version > from)
  if (pending.length === 0) return { from, to: from, applied: [] }

  if (state.schema === null) {
    throw new PostgresStartupError(
      `no schema to create tables in for role "${state.role}" in database "${state.database}" (search_path names no existing schema)`,
    )
  }
  if (!state.canCreate) {
    const versions = pending.map((migration) => migration.version).join(', ')
    throw new PostgresStartupError(
      `role "${state.role}" may not create tables in schema "${state.schema}" of database "${state.database}", ` +
        `which migrations ${versions} need. Start once as the database owner, or GRANT CREATE ON SCHEMA ${state.schema} TO ${state.role}`,
    )
  }
  if (!state.hasTable) {
    await client.query(
      `CREATE TABLE schema_migrations (
         version     integer PRIMARY KEY,
         name        text NOT NULL,
         applied_at  timestamptz NOT NULL DEFAULT now()
       )`,
    )
  }
  const applied: number[] = []
  for (const migration of pending) {
    try {
      await client.query('BEGIN')
      await client.query(migration.sql)
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ])
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw new PostgresStartupError(
        `PostgreSQL migration ${migration.version} (${migration.name}) failed in ${target}: ${safeMessage(error, url)}`,
        { cause: error },
      )
    }
    applied.push(migration.version)
  }
  return { from, to: applied.at(-1) ?? from, applied }
}
