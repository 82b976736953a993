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
    db: Db
    /** The storage contract (server/db/contract.ts): the stores and their write transaction. */
    storage: Storage
    /** One store per table group (server/db/): rows only. `storage.stores`. */
    stores: Stores
  }
}

export interface DbPluginOptions {
  config: Pick<Config, 'databaseFile' | 'dbSynchronous'>
  /** SQLite's lock wait; tests shorten it. */
  busyTimeoutMs?: number
}

/**
 * The SQLite file, migrated, and its stores. With `background` durability a WalSync puts the log on
 * disk every WAL_SYNC_INTERVAL_MS (decision 005). Registered first, so its onClose runs last: when it
 * closes the database, nothing can write any more.
 */
export const dbPlugin = fp<DbPluginOptions>(
  async (app, { config, busyTimeoutMs }) => {
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
