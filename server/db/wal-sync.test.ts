import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openDatabase } from './connection'
import { WalSync } from './wal-sync'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-wal-'))
  dirs.push(dir)
  return path.join(dir, 'test.db')
}

describe('durability modes (docs/decisions/005)', () => {
  it('background commits with synchronous=NORMAL and full with FULL', () => {
    for (const [mode, expected] of [
      ['background', 1],
      ['full', 2],
    ] as const) {
      const db = openDatabase({ file: tempFile(), synchronous: mode })
      expect(db.pragma('synchronous', { simple: true })).toBe(expected)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      db.close()
    }
  })

  it('WalSync flushes the WAL in the background, reports no error, and closes before the database', async () => {
    const file = tempFile()
    const db = openDatabase({ file, synchronous: 'background' })
    const errors: unknown[] = []
    const wal = new WalSync(file, 5, (error) => errors.push(error))
    db.exec('CREATE TABLE t (x)')
    db.prepare('INSERT INTO t VALUES (?)').run('kept')
    await new Promise((resolve) => setTimeout(resolve, 30))
    wal.close()
    wal.close()
    db.close()
    expect(errors).toEqual([])
    const reopened = openDatabase({ file })
    expect(reopened.prepare('SELECT x FROM t').pluck().get()).toBe('kept')
    reopened.close()
  })

  it('WalSync skips the fsync of a tick when nothing was committed since the last one', async () => {
    const file = tempFile()
    const db = openDatabase({ file, synchronous: 'background' })
    db.exec('CREATE TABLE t (x)')
    const totalChanges = db.prepare('SELECT total_changes()').pluck()
    const fsync = vi.spyOn(fs, 'fsync')
    const errors: unknown[] = []
    const wal = new WalSync(
      file,
      5,
      (error) => errors.push(error),
      () => totalChanges.get() as number,
    )
    const settle = () => new Promise((resolve) => setTimeout(resolve, 60))
    try {
      await settle()
      // The first tick syncs whatever the migrations wrote; idle ticks after it do nothing.
      expect(fsync).toHaveBeenCalledTimes(1)
      await settle()
      expect(fsync).toHaveBeenCalledTimes(1)
      db.prepare('INSERT INTO t VALUES (?)').run('kept')
      await settle()
      expect(fsync).toHaveBeenCalledTimes(2)
    } finally {
      wal.close()
      fsync.mockRestore()
      db.close()
    }
    expect(errors).toEqual([])
  })
})
