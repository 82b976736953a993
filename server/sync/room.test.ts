import { afterEach, describe, expect, it, vi } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { EMPTY_DOCUMENT } from '../db/documents'
import { ANOTHER_PROCESS } from '../plan/document-port'
import { SyncConnection } from './connection'
import { decodeClientFrame, encodeSyncStep2 } from './frames'
import { Room } from './room'

const EMPTY = EMPTY_DOCUMENT

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

describe('a room answers SyncStep1 (S1, S5)', () => {
  const HOLDS_NOTHING = Y.encodeStateVector(new Y.Doc())

  /** A connection that keeps what it is sent. */
  function listener(): SyncConnection & { sent: Uint8Array[] } {
    const sent: Uint8Array[] = []
    return {
      isOpen: true,
      sent,
      send: (frame: Uint8Array) => sent.push(frame),
    } as unknown as SyncConnection & {
      sent: Uint8Array[]
    }
  }

  /** The document a client holds after applying a SyncStep2 frame to `doc`. */
  function texts(frame: Uint8Array, doc = new Y.Doc()): string {
    const decoded = decodeClientFrame(frame)
    if (decoded.kind !== 'sync-step2') throw new Error(`not a SyncStep2: ${decoded.kind}`)
    Y.applyUpdate(doc, decoded.update)
    return doc.getText('t').toString()
  }

  /** A writer's change made on the room's document, then stored as row `rowId` (what a flush does). */
  function storeChange(room: Room, rowId: number, text: string): void {
    const queued: Uint8Array[] = []
    const keep = (u: Uint8Array) => queued.push(u)
    room.doc.on('update', keep)
    room.doc.getText('t').insert(room.doc.getText('t').length, text)
    room.doc.off('update', keep)
    for (const u of queued) room.enqueue(u, null)
    room.markStored(rowId, 10)
  }

  it('S1, S5: a new client of a room loaded from its snapshot gets that snapshot; after the next stored row, that row too', () => {
    const snapshot = update('planen ')
    const room = new Room('m', { ...EMPTY, parts: [snapshot], lastUpdateId: 7, bytes: snapshot.byteLength })
    const first = listener()
    room.answerStep1(first, HOLDS_NOTHING)
    // The snapshot's own bytes, not an encoding of the document.
    expect(first.sent[0]).toEqual(encodeSyncStep2(snapshot))
    expect(texts(first.sent[0]!)).toBe('planen ')

    storeChange(room, 8, 'växer')
    const next = listener()
    room.answerStep1(next, HOLDS_NOTHING)
    expect(texts(next.sent[0]!)).toBe('planen växer')
    room.destroy()
  })

  it('S5: new clients of a quiet room share one encoding of the document; a client holding part of it gets only the rest', () => {
    const room = new Room('m', EMPTY)
    storeChange(room, 1, 'ett långt stycke som den återvändande redan har '.repeat(4))
    const [a, b] = [listener(), listener()]
    room.answerStep1(a, HOLDS_NOTHING)
    room.answerStep1(b, HOLDS_NOTHING)
    expect(b.sent[0]).toBe(a.sent[0])

    // A client that has what the room had after row 1 gets only row 2.
    const client = new Y.Doc()
    texts(a.sent[0]!, client)
    storeChange(room, 2, 'två')
    const returning = listener()
    room.answerStep1(returning, Y.encodeStateVector(client))
    const rest = decodeClientFrame(returning.sent[0]!)
    expect(rest.kind === 'sync-step2' && rest.update.byteLength).toBeLessThan(a.sent[0]!.byteLength)
    expect(texts(returning.sent[0]!, client).endsWith('har två')).toBe(true)
    room.destroy()
  })

  it('S1: a room loaded from a snapshot and the rows after it answers with all of them', () => {
    const snapshot = update('planen ')
    const client = new Y.Doc()
    Y.applyUpdate(client, snapshot)
    client.getText('t').insert(7, 'växer')
    const row = Y.encodeStateAsUpdate(client, Y.encodeStateVector(new Y.Doc()))
    const room = new Room('m', { ...EMPTY, parts: [snapshot, row], lastUpdateId: 8, rowsSinceSnapshot: 1 })
    const fresh = listener()
    room.answerStep1(fresh, HOLDS_NOTHING)
    expect(texts(fresh.sent[0]!)).toBe('planen växer')
    room.destroy()
  })

  it('S5: while anything is queued, a new client waits, and then gets what was stored', () => {
    const snapshot = update('a')
    const room = new Room('m', { ...EMPTY, parts: [snapshot], lastUpdateId: 1 })
    room.enqueue(update('b'), null)
    const waiting = listener()
    room.answerStep1(waiting, HOLDS_NOTHING)
    expect(waiting.sent).toEqual([])
    room.markStored(2, 10)
    room.answerWaiting()
    expect(waiting.sent).toHaveLength(1)
    room.destroy()
  })
})

describe('A3, C4: presence another process holds', () => {
  const seat = (participantId: string) =>
    new SyncConnection(
      { readyState: 1, OPEN: 1 } as never,
      { participantId, meetingId: 'm', role: 'notetaker' } as never,
    )

  it('is taken over by the same participant only – a client whose process went away, reconnected here', () => {
    const room = new Room('m', EMPTY)
    // The note-taker's client 77 as another process set it: its server's records in `user`.
    const client = new Y.Doc()
    client.clientID = 77
    const elsewhere = new Awareness(client)
    elsewhere.setLocalState({ user: { name: 'Amir Haddad', role: 'notetaker', participantId: 'p-amir' } })
    applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(elsewhere, [77]), ANOTHER_PROCESS)
    expect(room.awareness.getStates().has(77)).toBe(true)

    expect(room.pinAwarenessId(seat('p-lena'), 77)).toBe(false)
    const amir = seat('p-amir')
    room.connections.add(amir)
    expect(room.pinAwarenessId(amir, 77)).toBe(true)
    // Held here now: nobody else takes it, the same participant on a second socket neither.
    expect(room.pinAwarenessId(seat('p-amir'), 77)).toBe(false)
    room.destroy()
    elsewhere.destroy()
  })
})
