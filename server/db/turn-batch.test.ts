import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/harness'
import { type Db, openDatabase } from './connection'
import { TurnBatch } from './turn-batch'

describe('TurnBatch: the small writes of a turn, committed together at its end', () => {
  const open: Db[] = []
  afterEach(() => {
    for (const db of open.splice(0)) db.close()
  })

  function setup() {
    const file = path.join(tempDataDir(), 'batch.db')
    const db = openDatabase({ file, synchronous: 'normal' })
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)')
    const reader = new Database(file, { readonly: true })
    open.push(db, reader)
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?)')
    const texts = () => reader.prepare('SELECT text FROM notes ORDER BY id').pluck().all()
    return { db, insert, texts }
  }

  it('writes nothing before the end of the turn, then every write of it in one commit, in order', async () => {
    const { db, insert, texts } = setup()
    const batch = new TurnBatch(db)
    const commits = db.prepare('SELECT total_changes()').pluck()
    const written = ['a', 'b', 'c'].map((text) => batch.run(() => Number(insert.run(text).lastInsertRowid)))
    expect(batch.pending).toBe(3)
    expect(texts()).toEqual([])
    const before = commits.get()
    expect(await Promise.all(written)).toEqual([1, 2, 3])
    // Read from another connection: committed, not only written inside a transaction.
    expect(texts()).toEqual(['a', 'b', 'c'])
    expect(commits.get()).toBe(Number(before) + 3)
  })

  it('a write that throws is rolled back alone and rejects alone', async () => {
    const { db, insert, texts } = setup()
    const batch = new TurnBatch(db)
    const first = batch.run(() => insert.run('same'))
    const failing = batch.run(() => {
      insert.run('half')
      insert.run('same')
    })
    const last = batch.run(() => insert.run('after'))
    await expect(failing).rejects.toThrow(/UNIQUE/)
    await first
    await last
    expect(texts()).toEqual(['same', 'after'])
  })

  it('a commit that fails rejects every write of the turn, and none is stored', async () => {
    const { db, insert, texts } = setup()
    const batch = new TurnBatch(db)
    const written = [batch.run(() => insert.run('x')), batch.run(() => insert.run('y'))]
    db.close()
    for (const w of written) await expect(w).rejects.toThrow(/closed/)
    expect(texts()).toEqual([])
    open.splice(open.indexOf(db), 1)
  })

  it('flush commits what is queued at once (shutdown, before the database closes)', async () => {
    const { db, insert, texts } = setup()
    const batch = new TurnBatch(db)
    const written = batch.run(() => insert.run('now'))
    batch.flush()
    expect(texts()).toEqual(['now'])
    expect(batch.pending).toBe(0)
    await written
  })
})
