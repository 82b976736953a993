/**
 * A test's way to the engines of the run (server/test/engines.global.ts): a database of its own
 * on the shared PostgreSQL, dropped when the test ends, and the shared Redis's address. Only in
 * the `postgres` vitest project; a test that restarts Redis starts a server of its own
 * (`startRedis()` in server/test/engines.ts) so that other tests keep theirs.
 */
import { inject, onTestFinished } from 'vitest'
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
