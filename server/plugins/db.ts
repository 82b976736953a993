import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { WAL_SYNC_INTERVAL_MS } from '../../shared/limits'
import type { Config } from '../config'
import { type Db, openDatabase } from '../db/connection'
import type { Storage, Stores } from '../db/contract'
import { sqliteStorage } from '../db/sqlite-storage'
import { WalSync } from '../db/wal-sync'
import { errorSummary } from '../log'

declare module 'fastify' {
  interface FastifyInstance {
    /** SQLite's connection (tests and the CLI read rows through it); on PostgreSQL reading it throws. */
    db: Db
    /** The storage contract (server/db/contract.ts): the stores and their write transaction. */
    storage: Storage
    /** One store per table group (server/db/): rows only. `storage.stores`. */
    stores: Stores
  }
}

export interface DbPluginOptions {
  config: Pick<Config, 'databaseFile' | 'dbSynchronous'> & Partial<Pick<Config, 'databaseUrl' | 'redisUrl'>>
  /** SQLite's lock wait; tests shorten it. */
  busyTimeoutMs?: number
}

/**
 * The storage (decision 013): the SQLite file, migrated, and its stores – or, with SIP_DATABASE_URL,
 * PostgreSQL's. With `background` durability a WalSync puts SQLite's log on disk every
 * WAL_SYNC_INTERVAL_MS (decision 005). Registered first, so its onClose runs last: when it closes
 * the database, nothing can write any more.
 */
export const dbPlugin = fp<DbPluginOptions>(
  async (app, { config, busyTimeoutMs }) => {
    if (config.databaseUrl !== undefined)
      return storeInPostgres(app, config.databaseUrl, config.redisUrl !== undefined)
    const db = openDatabase({
      file: config.databaseFile,
      synchronous: config.dbSynchronous,
      ...(busyTimeoutMs !== undefined ? { busyTimeoutMs } : {}),
    })
    const totalChanges = db.prepare('SELECT total_changes()').pluck()
    const walSync =
      config.dbSynchronous === 'background'
        ? new WalSync(
            config.databaseFile,
            WAL_SYNC_INTERVAL_MS,
            (error) =>
              app.log.error({ err: errorSummary(error) }, 'could not flush the database log to disk'),
            () => totalChanges.get() as number,
          )
        : undefined
    const storage = sqliteStorage(db)
    app.decorate('db', db)
    app.decorate('storage', storage)
    app.decorate('stores', storage.stores)
    app.addHook('onClose', async () => {
      walSync?.close()
      db.close()
    })
  },
  { name: 'db' },
)

/**
 * PostgreSQL: migrated (once, when several processes start together), connected, proven to answer;
 * else the start fails with what is wrong and where, never the password. Loaded only when asked
 * for, so the embedded start pays nothing for it.
 */
async function storeInPostgres(app: FastifyInstance, url: string, cluster: boolean): Promise<void> {
  const { postgresStorage } = await import('../db/postgres/storage')
  const { holdSoleProcessLock } = await import('../db/postgres/sole-process')
  const storage = await postgresStorage({
    url,
    onIdleError: (error) =>
      app.log.error({ err: errorSummary(error) }, 'a pooled PostgreSQL connection failed'),
  })
  let sole: { release(): Promise<void> }
  try {
    sole = await holdSoleProcessLock(storage.postgres.pool, storage.postgres.target, { cluster })
  } catch (error) {
    await storage.close()
    throw error
  }
  app.decorate('db', {
    getter(): Db {
      throw new Error('app.db is SQLite’s connection; this server stores its records in PostgreSQL')
    },
  })
  app.decorate('storage', storage)
  app.decorate('stores', storage.stores)
  app.addHook('onClose', async () => {
    await sole.release().catch(() => undefined)
    await storage.close()
  })
  app.log.info({ database: storage.postgres.target, migrated: storage.migration }, 'storage: PostgreSQL')
}
