/**
 * Vitest global setup of the `postgres` project: one throwaway PostgreSQL and one Redis for the
 * whole run (server/test/engines.ts), started only when a test of that project is queued. Test
 * files reach them through `inject('engines')` (server/test/engine-access.ts); each test takes a
 * database of its own, copied from the template database made here.
 */
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { migratePostgres } from '../db/postgres/migrations'
import { quoteIdent, startPostgres, startRedis } from './engines'

/** The databases test databases are copied from: empty, and with every PostgreSQL migration applied. */
const TEMPLATE = 'sip_template'
const MIGRATED_TEMPLATE = 'sip_template_migrated'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()])
  try {
    const admin = new pg.Client({ connectionString: postgres.url() })
    await admin.connect()
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(TEMPLATE)}`)
      await admin.query(`CREATE DATABASE ${quoteIdent(MIGRATED_TEMPLATE)}`)
    } finally {
      await admin.end()
    }
    // Once per run: a test that needs the schema copies it instead of migrating (~0.4 s each).
    await migratePostgres(postgres.url(MIGRATED_TEMPLATE))
  } catch (error) {
    await Promise.all([postgres.stop(), redis.stop()])
    throw error
  }
  project.provide('engines', {
    postgres: { socketDir: postgres.socketDir, template: TEMPLATE, migratedTemplate: MIGRATED_TEMPLATE },
    redis: { socketPath: redis.socketPath, url: redis.url },
  })
  return async () => {
    await Promise.all([postgres.stop(), redis.stop()])
  }
}
