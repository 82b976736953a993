import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { stockholmDay } from '../../shared/dates'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

export interface OpenDatabaseOptions {
  file: string
  /** `background` is `normal` for SQLite; WalSync then flushes the WAL (server/db/wal-sync.ts). */
  synchronous?: 'background' | 'full' | 'normal'
  /** How long a write waits for another process's lock before failing (blocks the event loop). */
  busyTimeoutMs?: number
}

/** Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date. */
export function openDatabase({ file, synchronous = 'full', busyTimeoutMs = 500 }: OpenDatabaseOptions): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`)
  migrate(db)
  return db
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  // For migrations that count days as Sweden does (SQLite's own date() is UTC): the calendar day
  // in Stockholm of an instant in ms, NULL for NULL.
  db.function('stockholm_day', { deterministic: true }, (ms: unknown) =>
    ms === null || ms === undefined ? null : stockholmDay(Number(ms)),
  )
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue
    db.transaction(() => {
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }
}
