import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contractEngines, openTestStorage, type TestStorage } from '../test/engine-access'
import { testSetup } from '../test/harness'
import { type Appended, EMPTY_DOCUMENT } from './documents'

const MIB = 1024 * 1024

/**
 * The Yjs document log (server/db/documents.ts) as one process uses it, the same tests on every
 * engine: append order, ids, bytes byte for byte, load after compaction.
 */
describe.each(contractEngines())('document log on %s', (engine) => {
  let storage: TestStorage
  beforeAll(async () => {
    storage = await openTestStorage(engine)
  })
  afterAll(() => storage?.close())

  const meeting = async () =>
    (await storage.stores.meetings.createMeeting({ title: 'Möte', ...testSetup() })).id
  /** The row ids of an append that must have stored everything. */
  const idsOf = (appended: readonly Appended[]) =>
    appended.map((row) => {
      if (row === 'frozen') throw new Error('refused as frozen')
      return row.id
    })
  const same = (parts: Uint8Array[], expected: Uint8Array[]) => {
    expect(parts).toHaveLength(expected.length)
    parts.forEach((part, i) => {
      expect(Buffer.from(part).equals(Buffer.from(expected[i]!)), `part ${i} byte for byte`).toBe(true)
    })
  }

  it('a meeting nothing was stored for loads empty', async () => {
    expect(await storage.stores.documents.load(await meeting())).toEqual(EMPTY_DOCUMENT)
  })

  it('a batch across meetings is stored in its order with increasing ids; each loads its own, byte for byte', async () => {
    const { documents } = storage.stores
    const [a, b] = [await meeting(), await meeting()]
    const every = Uint8Array.from({ length: 256 }, (_, i) => i)
    const big = new Uint8Array(randomBytes(MIB))
    // A view into a larger buffer: only its own bytes are stored.
    const backing = randomBytes(64)
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 8, 16)
    const batch = [
      { meetingId: a, data: every },
      { meetingId: b, data: new Uint8Array(0) },
      { meetingId: a, data: big },
      { meetingId: a, data: new Uint8Array(0) },
      { meetingId: b, data: view },
    ]
    const ids = idsOf(await documents.append(batch, 1_000))
    expect(ids).toHaveLength(5)
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1]!)
    const loadedA = await documents.load(a)
    same(loadedA.parts, [every, big, new Uint8Array(0)])
    expect(loadedA).toMatchObject({
      lastUpdateId: ids[3],
      bytes: 256 + MIB,
      rowsSinceSnapshot: 3,
      bytesSinceSnapshot: 256 + MIB,
    })
    const loadedB = await documents.load(b)
    same(loadedB.parts, [new Uint8Array(0), view])
    expect(loadedB).toMatchObject({ lastUpdateId: ids[4], bytes: 16, rowsSinceSnapshot: 2 })
    expect(await documents.append([], 1_000)).toEqual([])
  })

  it('batches appended at once all land, each in its order, and load in id order', async () => {
    const { documents } = storage.stores
    const id = await meeting()
    const batches = Array.from({ length: 4 }, (_, b) =>
      Array.from({ length: 5 }, (_, i) => ({ meetingId: id, data: Uint8Array.of(b, i) })),
    )
    const answers = (await Promise.all(batches.map((batch) => documents.append(batch)))).map(idsOf)
    const all = answers.flatMap((ids, b) => ids.map((rowId, i) => ({ rowId, data: Uint8Array.of(b, i) })))
    expect(new Set(all.map((row) => row.rowId)).size).toBe(20)
    for (const ids of answers) expect(ids).toEqual([...ids].sort((x, y) => x - y))
    all.sort((x, y) => x.rowId - y.rowId)
    same(
      (await documents.load(id)).parts,
      all.map((row) => row.data),
    )
  })

  it('after compaction a load is the snapshot and the later rows; the covered rows are gone; ids are never reused', async () => {
    const { documents } = storage.stores
    const [id, other] = [await meeting(), await meeting()]
    const updates = Array.from({ length: 5 }, (_, i) => new Uint8Array(randomBytes(10 + i)))
    const ids = idsOf(
      await documents.append(
        updates.map((data) => ({ meetingId: id, data })),
        1_000,
      ),
    )
    const [otherId] = idsOf(await documents.append([{ meetingId: other, data: Uint8Array.of(9) }]))
    const snapshot = new Uint8Array(randomBytes(100))
    await documents.compact(id, snapshot, ids[2]!, 2_000)
    const loaded = await documents.load(id)
    same(loaded.parts, [snapshot, updates[3]!, updates[4]!])
    expect(loaded).toMatchObject({
      lastUpdateId: ids[4],
      bytes: 100 + 13 + 14,
      rowsSinceSnapshot: 2,
      bytesSinceSnapshot: 13 + 14,
    })
    const rows = await storage.rows<{ id: number }>(
      'SELECT id FROM doc_updates WHERE meeting_id = ? ORDER BY id',
      [id],
    )
    expect(rows.map((row) => row.id)).toEqual([ids[3], ids[4]])
    // Another meeting's rows are not touched, whatever their ids.
    same((await documents.load(other)).parts, [Uint8Array.of(9)])
    expect(otherId).toBeGreaterThan(ids[4]!)

    // A snapshot covering everything: the snapshot alone, and its upto is the last id.
    const all = new Uint8Array(randomBytes(50))
    await documents.compact(id, all, ids[4]!, 3_000)
    const compacted = await documents.load(id)
    same(compacted.parts, [all])
    expect(compacted).toMatchObject({
      lastUpdateId: ids[4],
      bytes: 50,
      rowsSinceSnapshot: 0,
      bytesSinceSnapshot: 0,
    })
    expect(await storage.rows('SELECT id FROM doc_updates WHERE meeting_id = ?', [id])).toEqual([])
    expect(
      await storage.rows('SELECT upto_update_id, created_at FROM doc_snapshots WHERE meeting_id = ?', [id]),
    ).toEqual([{ upto_update_id: ids[4], created_at: 3_000 }])

    // The table emptied: a new row still gets an id above every one before.
    const [next] = idsOf(await documents.append([{ meetingId: id, data: Uint8Array.of(1, 2) }]))
    expect(next).toBeGreaterThan(otherId!)
    const after = await documents.load(id)
    same(after.parts, [all, Uint8Array.of(1, 2)])
    expect(after.lastUpdateId).toBe(next)
  })

  it('each append bumps its meeting’s head: one seq per row, in id order, across batches and meetings', async () => {
    const { documents } = storage.stores
    const [a, b] = [await meeting(), await meeting()]
    const first = await documents.append([
      { meetingId: a, data: Uint8Array.of(1) },
      { meetingId: b, data: Uint8Array.of(2) },
      { meetingId: a, data: Uint8Array.of(3) },
    ])
    const second = await documents.append([{ meetingId: a, data: Uint8Array.of(4) }])
    expect([...first, ...second].map((row) => (row === 'frozen' ? row : row.seq))).toEqual([1, 1, 2, 3])
    expect(await documents.load(a)).toMatchObject({ seq: 3, frozen: false })
    expect(await documents.load(b)).toMatchObject({ seq: 1, frozen: false })
    const heads = await documents.heads([a, b, await meeting()])
    expect([...heads.entries()].sort()).toEqual(
      [
        [a, { seq: 3, frozen: false }],
        [b, { seq: 1, frozen: false }],
      ].sort(),
    )
  })

  it('G2: a frozen head refuses its meeting’s rows and stores the others of the batch; unfrozen, it takes them again', async () => {
    const { documents } = storage.stores
    const [locked, open] = [await meeting(), await meeting()]
    idsOf(await documents.append([{ meetingId: locked, data: Uint8Array.of(1) }]))
    expect(await documents.setFrozen(locked, true)).toBe(true)
    // C5: a second lock finds it frozen.
    expect(await documents.setFrozen(locked, true)).toBe(false)
    const answers = await documents.append([
      { meetingId: open, data: Uint8Array.of(2) },
      { meetingId: locked, data: Uint8Array.of(3) },
    ])
    expect(answers[0]).toMatchObject({ seq: 1 })
    expect(answers[1]).toBe('frozen')
    const loaded = await documents.load(locked)
    same(loaded.parts, [Uint8Array.of(1)])
    expect(loaded).toMatchObject({ seq: 1, frozen: true })
    // A meeting frozen before anything was stored for it refuses too.
    const fresh = await meeting()
    await documents.setFrozen(fresh, true)
    expect(await documents.append([{ meetingId: fresh, data: Uint8Array.of(4) }])).toEqual(['frozen'])

    expect(await documents.setFrozen(locked, false)).toBe(true)
    const [after] = await documents.append([{ meetingId: locked, data: Uint8Array.of(5) }])
    expect(after).toMatchObject({ seq: 2 })
    same((await documents.load(locked)).parts, [Uint8Array.of(1), Uint8Array.of(5)])
  })

  it('a load after an id is what a document holding every row up to it lacks: the rows after it, or the snapshot that covers more and the rows after that', async () => {
    const { documents } = storage.stores
    const id = await meeting()
    const updates = Array.from({ length: 5 }, (_, i) => Uint8Array.of(i))
    const ids = idsOf(await documents.append(updates.map((data) => ({ meetingId: id, data }))))
    const since = await documents.load(id, ids[1]!)
    same(since.parts, updates.slice(2))
    expect(since).toMatchObject({ lastUpdateId: ids[4], seq: 5 })
    // Nothing new: nothing read, and the id stays.
    expect(await documents.load(id, ids[4]!)).toMatchObject({ parts: [], lastUpdateId: ids[4], seq: 5 })

    // Another process compacted up to ids[3]: a reader at ids[1] gets the snapshot, then ids[4].
    const snapshot = Uint8Array.of(7, 7, 7)
    await documents.compact(id, snapshot, ids[3]!)
    const behind = await documents.load(id, ids[1]!)
    same(behind.parts, [snapshot, updates[4]!])
    expect(behind.lastUpdateId).toBe(ids[4])
    // A reader past the snapshot does not get it again.
    same((await documents.load(id, ids[3]!)).parts, [updates[4]!])
  })

  it('S8: a snapshot never replaces one that covers more (a process that compacted late)', async () => {
    const { documents } = storage.stores
    const id = await meeting()
    const ids = idsOf(
      await documents.append(
        Array.from({ length: 4 }, (_, i) => ({ meetingId: id, data: Uint8Array.of(i) })),
      ),
    )
    const newer = Uint8Array.of(9, 9)
    await documents.compact(id, newer, ids[3]!)
    await documents.compact(id, Uint8Array.of(1), ids[1]!)
    const loaded = await documents.load(id)
    same(loaded.parts, [newer])
    expect(loaded.lastUpdateId).toBe(ids[3])
  })
})
