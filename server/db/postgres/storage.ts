import type { Storage, Stores } from '../contract'
import { watchedStores } from '../watched'
import { postgresAccessTokenStore } from './access-tokens'
import { postgresAuditLogStore } from './audit-log'
import { postgresDocumentStore } from './documents'
import { connectPostgres, isUniqueViolation, type PostgresEngine, type PostgresOptions } from './engine'
import { postgresMeetingStore } from './meetings'
import { type MigrationOutcome, migratePostgres } from './migrations'
import { postgresParticipantSessionStore } from './participant-sessions'
import { postgresParticipantStore } from './participants'
import { postgresSignoffStore } from './signoff'
import { postgresSipStore } from './sips'
import { postgresStaffSessionStore } from './staff-sessions'
import { postgresStatisticsStore } from './statistics'
import { postgresStatisticsReportStore } from './statistics-report'
import { postgresUserStore } from './users'

export interface PostgresStorageOptions extends PostgresOptions {
  /** Bring the schema up to date before connecting (default true; see migrations.ts). */
  migrate?: boolean
}

/** Every store of the contract over one engine. */
export function postgresStores(db: PostgresEngine): Stores {
  return {
    meetings: postgresMeetingStore(db),
    participants: postgresParticipantStore(db),
    tokens: postgresAccessTokenStore(db),
    participantSessions: postgresParticipantSessionStore(db),
    documents: postgresDocumentStore(db),
    users: postgresUserStore(db),
    staffSessions: postgresStaffSessionStore(db),
    audit: postgresAuditLogStore(db),
    signoff: postgresSignoffStore(db),
    sips: postgresSipStore(db),
    statistics: postgresStatisticsStore(db),
    statisticsReport: postgresStatisticsReportStore(db),
  }
}

/**
 * The storage contract on PostgreSQL (decision 013): migrates the database (under the migration
 * lock, so processes starting together migrate once), opens the pool and proves it answers.
 * Throws PostgresStartupError naming what is wrong and where, never the password.
 */
export async function postgresStorage(
  options: PostgresStorageOptions,
): Promise<Storage & { readonly postgres: PostgresEngine; readonly migration: MigrationOutcome | null }> {
  const migration = options.migrate === false ? null : await migratePostgres(options.url)
  const db = await connectPostgres(options)
  return {
    engine: 'postgres',
    postgres: db,
    migration,
    // In tests, a store call nobody awaits fails the run, as on SQLite (decision 013).
    stores: process.env.VITEST !== undefined ? watchedStores(postgresStores(db)) : postgresStores(db),
    transaction: (work) => db.transaction(work),
    ping: async () => {
      await db.query('SELECT 1')
    },
    isUniqueViolation,
    close: () => db.close(),
  }
}
