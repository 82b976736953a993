import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { PendingUpdate as StoredRowInput } from '../db/documents'
import { EMPTY_DOCUMENT } from '../db/documents'
import { Persistence, rowsOf } from './persistence'
import { Room } from './room'

const EMPTY = EMPTY_DOCUMENT

/** Three updates of one document, each building on the one before. */
function threeUpdates(): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (const word of ['Mål', ': ', 'läsa']) doc.getText('t').insert(doc.getText('t').length, word)
  doc.destroy()
  return updates
}

function textOf(update: Uint8Array): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc.getText('t').toString()
}

describe('S4: the rows of one store', () => {
  it('S4: one row per room, its pending updates merged in order; a single update stored as it is', () => {
    const [a, b, c] = threeUpdates()
    const rows = rowsOf([
      { meetingId: 'm1', pending: [{ update: a! }, { update: b! }, { update: c! }] },
      { meetingId: 'm2', pending: [{ update: a! }] },
    ])
    expect(rows.map((r) => r.meetingId)).toEqual(['m1', 'm2'])
    expect(textOf(rows[0]!.data)).toBe('Mål: läsa')
    expect(rows[1]!.data).toBe(a)
  })
})

describe('S4: group commit (decision 010)', () => {
  const WINDOW = 2
  let batches: StoredRowInput[][]
  let shown: { meetingId: string; updates: number; afterBatches: number }[]
  let persistence: Persistence
  const rooms: Room[] = []

  /** Meetings whose rows the database refuses (S7). */
  let refused: Set<string>

  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'],
    })
    vi.advanceTimersByTime(1000)
    batches = []
    const heads = new Map<string, number>()
    shown = []
    refused = new Set()
    persistence = new Persistence({
      documents: {
        append: async (batch) => {
          if (batch.some((row) => refused.has(row.meetingId))) throw new Error('refused')
          batches.push([...batch])
          return batch.map((row, i) => {
            const seq = (heads.get(row.meetingId) ?? 0) + 1
            heads.set(row.meetingId, seq)
            return { id: batches.length * 100 + i, seq }
          })
        },
        compact: async () => {},
      },
      log: { error: () => {}, warn: () => {}, debug: () => {} } as never,
      retryDelayMs: 1000,
      windowMs: WINDOW,
      maxPendingUpdates: 4,
      compactAfterRows: 1000,
      compactAfterBytes: 1_000_000,
      compactDelayMs: 250,
      unloadGraceMs: 30_000,
      stored: (room, updates) =>
        shown.push({ meetingId: room.meetingId, updates: updates.length, afterBatches: batches.length }),
      refused: () => {},
      settled: () => {},
      unloaded: () => {},
    })
  })

  afterEach(() => {
    for (const room of rooms.splice(0)) room.destroy()
    vi.useRealTimers()
  })

  function room(meetingId: string): Room {
    const created = new Room(meetingId, EMPTY)
    rooms.push(created)
    return created
  }

  it('S4: after a quiet spell an update is stored at the end of its own turn, and shown only after the commit', async () => {
    const m = room('m')
    const [a] = threeUpdates()
    persistence.enqueue(m, a!, null)
    expect(batches).toHaveLength(0)
    await vi.advanceTimersToNextTimerAsync()
    expect(batches).toHaveLength(1)
    expect(shown).toEqual([{ meetingId: 'm', updates: 1, afterBatches: 1 }])
    expect(m.lastUpdateId).toBe(100)
  })

  it('S4: while updates keep coming, a store follows the last by the window and carries all of them, one row per room', async () => {
    const m1 = room('m1')
    const m2 = room('m2')
    const [a, b, c] = threeUpdates()
    persistence.enqueue(m1, a!, null)
    await vi.advanceTimersToNextTimerAsync()
    expect(batches).toHaveLength(1)

    // Within the window after that store: nothing at the end of this turn.
    vi.advanceTimersByTime(0.5)
    persistence.enqueue(m1, b!, null)
    persistence.enqueue(m2, a!, null)
    await vi.advanceTimersByTimeAsync(1)
    expect(batches).toHaveLength(1)
    persistence.enqueue(m1, c!, null)
    // The window has passed: one transaction, one merged row per room.
    await vi.advanceTimersByTimeAsync(1)
    expect(batches).toHaveLength(2)
    expect(batches[1]!.map((row) => row.meetingId)).toEqual(['m1', 'm2'])
    expect(textOf(Y.mergeUpdates([a!, batches[1]![0]!.data]))).toBe('Mål: läsa')
    expect(shown.slice(1)).toEqual([
      { meetingId: 'm1', updates: 2, afterBatches: 2 },
      { meetingId: 'm2', updates: 1, afterBatches: 2 },
    ])
    expect(m1.rowsSinceSnapshot).toBe(2)
  })

  it('S4: enough pending updates end the window early: stored at the end of the turn', async () => {
    const m = room('m')
    const [a, b, c] = threeUpdates()
    persistence.enqueue(m, a!, null)
    await vi.advanceTimersToNextTimerAsync()
    // Four pending (the bound) within the window.
    for (const update of [b!, c!, b!, c!]) persistence.enqueue(m, update, null)
    await vi.advanceTimersByTimeAsync(0)
    expect(batches).toHaveLength(2)
    expect(batches[1]).toHaveLength(1)
    expect(performance.now() - 1000).toBeLessThan(WINDOW)
  })

  it('S4: a store asked for now (a lock, G2) does not wait for the window, and the window’s timer then finds nothing', async () => {
    const m = room('m')
    const [a, b] = threeUpdates()
    persistence.enqueue(m, a!, null)
    await vi.advanceTimersToNextTimerAsync()
    persistence.enqueue(m, b!, null)
    await persistence.flush()
    expect(batches).toHaveLength(2)
    expect(m.pending).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(WINDOW * 2)
    expect(batches).toHaveLength(2)
  })

  it('S7: a room whose store fails does not hold the others back: their next update is stored without waiting for its retry', async () => {
    const good = room('good')
    const bad = room('bad')
    const [a, b] = threeUpdates()
    refused.add('bad')
    persistence.enqueue(good, a!, null)
    persistence.enqueue(bad, a!, null)
    await vi.advanceTimersToNextTimerAsync()
    // The batch failed; room by room, the good one was stored and shown, the bad one waits.
    expect(batches.map((batch) => batch.map((row) => row.meetingId))).toEqual([['good']])
    expect(bad.pending).toHaveLength(1)
    expect(bad.unsaved).toBe(true)

    persistence.enqueue(good, b!, null)
    await vi.advanceTimersByTimeAsync(WINDOW * 2)
    expect(batches.map((batch) => batch.map((row) => row.meetingId))).toEqual([['good'], ['good']])
    expect(good.pending).toHaveLength(0)
    expect(bad.pending).toHaveLength(1)

    // Once the database takes it again, the bad room's update is stored too.
    refused.clear()
    await vi.advanceTimersByTimeAsync(1000)
    expect(bad.pending).toHaveLength(0)
    expect(bad.unsaved).toBe(false)
  })
})
