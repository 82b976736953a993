import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { Room } from './room'

const EMPTY = { parts: [], lastUpdateId: 0, bytes: 0, rowsSinceSnapshot: 0, bytesSinceSnapshot: 0 }

function update(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

afterEach(() => {
  vi.useRealTimers()
})

describe('a room keeps its own books', () => {
  it('S4: an update is pending until it is marked stored; then the room counts its bytes and rows', () => {
    const room = new Room('m', {
      ...EMPTY,
      lastUpdateId: 4,
      bytes: 100,
      rowsSinceSnapshot: 2,
      bytesSinceSnapshot: 40,
    })
    const a = update('a')
    const b = update('bb')
    room.enqueue(a, 'server')
    room.enqueue(b, null)
    expect(room.pending.map((p) => p.origin)).toEqual([null, null])
    expect(room.pendingBytes).toBe(a.byteLength + b.byteLength)
    expect(room.mayAnswerStep1).toBe(false)

    // Both were stored merged, as one row of 30 bytes.
    const stored = room.markStored(6, 30)
    expect(stored.map((p) => p.update)).toEqual([a, b])
    expect(room.pending).toEqual([])
    expect(room.mayAnswerStep1).toBe(true)
    expect(room.lastUpdateId).toBe(6)
    expect(room.storedBytes).toBe(130)
    expect(room.rowsSinceSnapshot).toBe(3)
    expect(room.bytesSinceSnapshot).toBe(70)
    room.destroy()
  })

  it('S4: a store marks as stored only the updates its row holds; one queued after the row was made stays pending', () => {
    const room = new Room('m', EMPTY)
    const a = update('a')
    const b = update('b')
    room.enqueue(a, null)
    room.enqueue(b, null)
    expect(room.markStored(3, 10, 1).map((p) => p.update)).toEqual([a])
    expect(room.pending.map((p) => p.update)).toEqual([b])
    expect(room.mayAnswerStep1).toBe(false)
    expect(room.lastUpdateId).toBe(3)
    room.destroy()
  })

  it('S7: a failed store keeps the updates pending and marks the room unsaved until they are stored', () => {
    const room = new Room('m', EMPTY)
    room.enqueue(update('a'), null)
    room.markUnsaved()
    expect(room.unsaved).toBe(true)
    expect(room.pending).toHaveLength(1)
    room.markStored(1, 10)
    expect(room.unsaved).toBe(false)
    room.destroy()
  })

  it('S8: compaction leaves the snapshot’s size and starts counting afresh', () => {
    const room = new Room('m', { ...EMPTY, bytes: 900, rowsSinceSnapshot: 20, bytesSinceSnapshot: 800 })
    expect(room.needsCompaction(20, 10_000)).toBe(true)
    expect(room.needsCompaction(21, 800)).toBe(true)
    expect(room.needsCompaction(21, 801)).toBe(false)
    room.markCompacted(300)
    expect(room.storedBytes).toBe(300)
    expect(room.needsCompaction(1, 1)).toBe(false)
    room.destroy()
  })

  it('S9, S13: a room’s timers end with it; a destroyed room schedules nothing', () => {
    vi.useFakeTimers()
    const room = new Room('m', EMPTY)
    const ran: string[] = []
    expect(room.schedule('compact', 10, () => ran.push('compact'))).toBe(true)
    // One timer of a kind at a time.
    expect(room.schedule('compact', 10, () => ran.push('again'))).toBe(false)
    room.schedule('unload', 10, () => ran.push('unload'))
    room.reschedule('unload', 30, () => ran.push('unload later'))
    vi.advanceTimersByTime(20)
    expect(ran).toEqual(['compact'])
    room.schedule('renewals', 10, () => ran.push('renewals'))
    room.destroy()
    expect(room.isDestroyed).toBe(true)
    expect(room.schedule('compact', 10, () => ran.push('after'))).toBe(false)
    vi.advanceTimersByTime(100)
    expect(ran).toEqual(['compact'])
  })
})
