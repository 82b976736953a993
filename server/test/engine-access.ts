/**
 * A test's way to the engines of the run (server/test/engines.global.ts): a database of its own
 * on the shared PostgreSQL, dropped when the test ends, and the shared Redis's address. Only in
 * the `postgres` vitest project; a test that restarts Redis starts a server of its own
 * (`startRedis()` in server/test/engines.ts) so that other tests keep theirs.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject, onTestFinished } from 'vitest'
import { openDatabase } from '../db/connection'
import type { Storage } from '../db/contract'
import { postgresStorage } from '../db/postgres/storage'
import { sqliteStorage } from '../db/sqlite-storage'
import { createDatabase, dropDatabase, type ProvidedEngines, postgresUrl } from './engines'

declare module 'vitest' {
  export interface ProvidedContext {
    engines: ProvidedEngines | undefined
  }
}

/** Which engine the run tests (`SIP_TEST_ENGINE`, set by the vitest project). */
export function testEngine(): 'sqlite' | 'postgres' {
  return process.env.SIP_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite'
}

function provided() {
  const engines = inject('engines')
  if (!engines) {
    throw new Error(
      'no engines provided: this test runs in the vitest project `postgres` (npm run test:unit)',
    )
  }
  return engines
}

/**
 * A fresh database, dropped when the current test finishes: empty, or (`migrated`) with every
 * PostgreSQL migration (server/db/postgres/migrations.ts) applied once for the run.
 */
export async function testDatabase(
  options: { migrated?: boolean } = {},
): Promise<{ name: string; url: string }> {
  const database = await createTestDatabase(options)
  onTestFinished(database.drop)
  return database
}

/**
 * The same for a whole file or `describe` (create in beforeAll, `drop` in afterAll): a copy costs
 * about half a second, more on a loaded machine.
 */
export async function createTestDatabase(
  options: { migrated?: boolean } = {},
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const { socketDir, template, migratedTemplate } = provided().postgres
  const name = await createDatabase(socketDir, options.migrated ? migratedTemplate : template)
  return { name, url: postgresUrl(socketDir, name), drop: () => dropDatabase(socketDir, name) }
}

/** The PostgreSQL of the run: its socket folder and a URL to its `postgres` database. */
export function testPostgres(): { socketDir: string; url(database?: string): string } {
  const { socketDir } = provided().postgres
  return { socketDir, url: (database = 'postgres') => postgresUrl(socketDir, database) }
}

/** The Redis of the run (shared by all tests: never stop or restart it from a test). */
export function testRedis(): { socketPath: string; url: string } {
  return provided().redis
}

/**
 * The engines a contract test (server/db/*.contract.test.ts and the like) runs on: SQLite always, and
 * PostgreSQL too in the vitest project `postgres`.
 */
export function contractEngines(): Storage['engine'][] {
  return testEngine() === 'postgres' ? ['sqlite', 'postgres'] : ['sqlite']
}

export interface TestStorage extends Storage {
  /**
   * Rows straight from the tables – what is stored, not what the stores answer. The SQL is written
   * once for both engines with `?` placeholders (numbered for PostgreSQL here).
   */
  rows<R extends object = Record<string, unknown>>(sql: string, values?: readonly unknown[]): Promise<R[]>
  /** Closes the storage and removes its database (a PostgreSQL database, a SQLite folder). */
  close(): Promise<void>
}

/**
 * A fresh storage on `engine`: SQLite in a file of its own, PostgreSQL in a database of its own
 * copied from the migrated template (and migrated again by postgresStorage: nothing to do).
 * For a file or `describe`: open in beforeAll, close in afterAll.
 */
export async function openTestStorage(engine: Storage['engine']): Promise<TestStorage> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-live-contract-'))
    const storage = sqliteStorage(openDatabase({ file: path.join(dir, 'sip-live.db') }))
    return {
      ...storage,
      rows: async <R extends object>(sql: string, values: readonly unknown[] = []) => {
        const statement = storage.db.prepare(sql)
        if (statement.reader) return statement.all(...values) as R[]
        statement.run(...values)
        return []
      },
      close: async () => {
        await storage.close()
        fs.rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const database = await createTestDatabase({ migrated: true })
  const storage = await postgresStorage({ url: database.url, maxConnections: 4 })
  return {
    ...storage,
    rows: <R extends object>(sql: string, values: readonly unknown[] = []) => {
      let n = 0
      return storage.postgres.query<R>(
        sql.replace(/\?/g, () => `$${++n}`),
        values,
      )
    },
    close: async () => {
      await storage.close()
      await database.drop()
    },
  }
}
