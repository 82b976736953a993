import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
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
})
