/**
 * The two engines' schemas side by side: a freshly migrated SQLite file and a freshly migrated
 * PostgreSQL database must have the same tables, columns (name, nullability, kind of value),
 * foreign keys (with their ON DELETE) and named indexes. A migration added on one side only fails
 * here.
 */
import Database from 'better-sqlite3'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { testDatabase } from '../../test/engine-access'
import { migrate } from '../connection'
import { migratePostgres } from './migrations'

interface Column {
  name: string
  notNull: boolean
  /** integer, text or bytes: what a store reads back. */
  kind: string
}
interface ForeignKey {
  from: string
  table: string
  to: string
  onDelete: string
}
interface Table {
  columns: Column[]
  foreignKeys: ForeignKey[]
}
type Schema = Record<string, Table>

/** Indexes PostgreSQL names itself where SQLite has an unnamed one (UNIQUE COLLATE NOCASE). */
const POSTGRES_ONLY_INDEXES = ['users.users_email_nocase']
/** SQLite's implicit rowid, made explicit where a store orders by it (schema-1.ts). */
const POSTGRES_ONLY_COLUMNS = [
  'meetings.insert_order',
  'participants.insert_order',
  'missing_signatures.insert_order',
  'attendance_facts.insert_order',
]

function sqliteKind(declared: string): string {
  const kind = { INTEGER: 'integer', TEXT: 'text', BLOB: 'bytes' }[declared.toUpperCase()]
  if (!kind) throw new Error(`unexpected SQLite column type ${declared}`)
  return kind
}

function postgresKind(type: string): string {
  const kind = { bigint: 'integer', integer: 'integer', text: 'text', bytea: 'bytes' }[type]
  if (!kind) throw new Error(`unexpected PostgreSQL column type ${type}`)
  return kind
}

const byName = <T extends { name: string }>(list: T[]) =>
  [...list].sort((a, b) => a.name.localeCompare(b.name))
const byFrom = (list: ForeignKey[]) => [...list].sort((a, b) => a.from.localeCompare(b.from))

function sqliteSchema(): { schema: Schema; indexes: string[] } {
  const db = new Database(':memory:')
  migrate(db)
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[]
  const schema: Schema = {}
  for (const table of tables) {
    const columns = db.pragma(`table_info(${table})`) as {
      name: string
      type: string
      notnull: number
      pk: number
    }[]
    const keys = db.pragma(`foreign_key_list(${table})`) as {
      table: string
      from: string
      to: string
      on_delete: string
    }[]
    schema[table] = {
      // STRICT tables make PRIMARY KEY columns NOT NULL, though table_info does not say so.
      columns: byName(
        columns.map((c) => ({
          name: c.name,
          notNull: c.notnull === 1 || c.pk > 0,
          kind: sqliteKind(c.type),
        })),
      ),
      foreignKeys: byFrom(
        keys.map((k) => ({ from: k.from, table: k.table, to: k.to, onDelete: k.on_delete })),
      ),
    }
  }
  const indexes = db
    .prepare(
      `SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY 1`,
    )
    .pluck()
    .all() as string[]
  db.close()
  return { schema, indexes }
}

async function postgresSchema(
  url: string,
): Promise<{ schema: Schema; indexes: string[]; onlyColumns: string[] }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  onTestFinished(() => client.end())
  const columns = await client.query<{ table: string; name: string; nullable: string; type: string }>(
    `SELECT table_name AS table, column_name AS name, is_nullable AS nullable, data_type AS type
       FROM information_schema.columns c
      WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
        AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = c.table_schema
                      AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')`,
  )
  const keys = await client.query<{
    table: string
    from: string
    target: string
    to: string
    action: string
  }>(
    `SELECT c.conrelid::regclass::text AS table, a.attname AS from, c.confrelid::regclass::text AS target,
            fa.attname AS to, c.confdeltype AS action
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`,
  )
  const indexes = await client.query<{ name: string }>(
    `SELECT tablename || '.' || indexname AS name FROM pg_indexes i
      WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)
      ORDER BY 1`,
  )
  const actions: Record<string, string> = {
    a: 'NO ACTION',
    r: 'RESTRICT',
    c: 'CASCADE',
    n: 'SET NULL',
    d: 'SET DEFAULT',
  }
  const schema: Schema = {}
  const onlyColumns: string[] = []
  for (const column of columns.rows) {
    const name = `${column.table}.${column.name}`
    if (POSTGRES_ONLY_COLUMNS.includes(name)) {
      onlyColumns.push(name)
      continue
    }
    schema[column.table] ??= { columns: [], foreignKeys: [] }
    schema[column.table]?.columns.push({
      name: column.name,
      notNull: column.nullable === 'NO',
      kind: postgresKind(column.type),
    })
  }
  for (const key of keys.rows) {
    schema[key.table]?.foreignKeys.push({
      from: key.from,
      table: key.target,
      to: key.to,
      onDelete: actions[key.action] ?? key.action,
    })
  }
  for (const table of Object.values(schema)) {
    table.columns = byName(table.columns)
    table.foreignKeys = byFrom(table.foreignKeys)
  }
  return {
    schema,
    onlyColumns: onlyColumns.sort(),
    indexes: indexes.rows.map((row) => row.name).filter((name) => !POSTGRES_ONLY_INDEXES.includes(name)),
  }
}

describe('schema parity: SQLite (server/db/migrations.ts) and PostgreSQL (server/db/postgres/migrations.ts)', () => {
  it('have the same tables, columns, nullability, kinds of value, foreign keys and named indexes', async () => {
    const { url } = await testDatabase()
    await migratePostgres(url)
    const sqlite = sqliteSchema()
    const { onlyColumns, ...postgres } = await postgresSchema(url)
    expect(Object.keys(sqlite.schema)).toHaveLength(23)
    expect(postgres).toEqual(sqlite)
    expect(onlyColumns).toEqual([...POSTGRES_ONLY_COLUMNS].sort())
  })
})
