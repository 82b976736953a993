/**
 * `npm run cli -- backup --to FILE`: SQLite's online backup of the installation's file, safe while
 * the server runs on it (WAL: the backup reads, the server goes on writing). The backup is written
 * next to its name as `FILE.partial`, opened and checked – SQLite's integrity check, the schema
 * version, every plan version recomputed (G9) – and only then renamed to FILE. It never overwrites.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { sqliteStorage } from './sqlite-storage'
import { type VerifyVersion, type VersionsVerified, verifyStoredVersions } from './verify-stored-versions'

export class BackupRefusedError extends Error {
  override name = 'BackupRefusedError'
  constructor(
    message: string,
    /** 2: the arguments name something the backup does not take; 1: the backup failed. */
    readonly exitCode: 1 | 2,
  ) {
    super(message)
  }
}

export interface BackupResult {
  file: string
  bytes: number
  schemaVersion: number
  /** Rows per table in the backup. */
  tables: { table: string; rows: number }[]
  versions: VersionsVerified
  ok: boolean
}

export async function backupSqlite({
  sourceFile,
  targetFile,
  verify,
}: {
  sourceFile: string
  targetFile: string
  /** G9's check of one version (server/signoff/versions.ts verifyVersion). */
  verify: VerifyVersion
}): Promise<BackupResult> {
  const target = path.resolve(targetFile)
  if (!fs.existsSync(sourceFile))
    throw new BackupRefusedError(`${sourceFile} does not exist: nothing to back up`, 2)
  if (fs.existsSync(target)) {
    throw new BackupRefusedError(`${target} already exists: a backup never overwrites, name a new file`, 2)
  }
  if (!fs.existsSync(path.dirname(target))) {
    throw new BackupRefusedError(`the folder ${path.dirname(target)} does not exist`, 2)
  }
  const partial = `${target}.partial`
  fs.rmSync(partial, { force: true })

  const source = new Database(sourceFile, { readonly: true, fileMustExist: true })
  try {
    const version = source.pragma('user_version', { simple: true }) as number
    if (version === 0) throw new BackupRefusedError(`${sourceFile} is not a SIP Live database`, 2)
    // All remaining pages in one step: a step that a server's write interrupts starts the backup
    // again, so small steps could restart forever under load. One step reads one snapshot (WAL).
    await source.backup(partial, { progress: () => 0x7fff_ffff })
  } catch (error) {
    fs.rmSync(partial, { force: true })
    if (error instanceof BackupRefusedError) throw error
    throw new BackupRefusedError(`the backup of ${sourceFile} failed: ${(error as Error).message}`, 1)
  } finally {
    source.close()
  }

  let result: BackupResult
  try {
    result = await checkBackup(partial, verify)
  } catch (error) {
    fs.rmSync(partial, { force: true })
    throw new BackupRefusedError(
      `the backup does not open as a SIP Live database: ${(error as Error).message}`,
      1,
    )
  }
  if (!result.ok) {
    // Kept for a look, under its .partial name: it is what the database held.
    return { ...result, file: partial }
  }
  fs.renameSync(partial, target)
  return { ...result, file: target }
}

/** Opens a backup as the server would read it (without migrating it) and checks it. */
async function checkBackup(file: string, verify: VerifyVersion): Promise<BackupResult> {
  const db = new Database(file, { fileMustExist: true })
  const storage = sqliteStorage(db)
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new Error(`SQLite's integrity check says: ${String(integrity)}`)
    const schemaVersion = db.pragma('user_version', { simple: true }) as number
    const names = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[]
    const tables = names.map((table) => ({
      table,
      rows: db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number,
    }))
    const meetingIds = db
      .prepare('SELECT DISTINCT meeting_id FROM plan_versions ORDER BY meeting_id')
      .pluck()
      .all() as string[]
    const versions = await verifyStoredVersions(storage.stores.signoff, meetingIds, verify)
    return {
      file,
      bytes: fs.statSync(file).size,
      schemaVersion,
      tables,
      versions,
      ok: versions.failed.length === 0,
    }
  } finally {
    await storage.close()
  }
}
