/**
 * Vitest global setup of the `postgres` project: one throwaway PostgreSQL and one Redis for the
 * whole run (server/test/engines.ts), started only when a test of that project is queued. Test
 * files reach them through `inject('engines')` (server/test/engine-access.ts); each test takes a
 * database of its own, copied from the template database made here.
 */
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { quoteIdent, startPostgres, startRedis } from './engines'

/** The database every test database is copied from. */
const TEMPLATE = 'sip_template'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()])
  try {
    const admin = new pg.Client({ connectionString: postgres.url() })
    await admin.connect()
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(TEMPLATE)}`)
    } finally {
      await admin.end()
    }
  } catch (error) {
    await Promise.all([postgres.stop(), redis.stop()])
    throw error
  }
  project.provide('engines', {
    postgres: { socketDir: postgres.socketDir, template: TEMPLATE },
    redis: { socketPath: redis.socketPath, url: redis.url },
  })
  return async () => {
    await Promise.all([postgres.stop(), redis.stop()])
  }
}
