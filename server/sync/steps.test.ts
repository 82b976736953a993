import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MessageType, SyncType } from '../../shared/protocol'
import { rowsOf } from './persistence'
import { syncStep2For, updateBroadcast } from './steps'

/** Two updates of one document, the second building on the first. */
function twoUpdates(): [Uint8Array, Uint8Array] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  doc.getText('t').insert(0, 'Mål: ')
  doc.getText('t').insert(5, 'läsa')
  doc.destroy()
  return [updates[0]!, updates[1]!]
}

function updateOf(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame)
  expect(decoding.readVarUint(decoder)).toBe(MessageType.sync)
  expect(decoding.readVarUint(decoder)).toBe(SyncType.update)
  return decoding.readVarUint8Array(decoder)
}

function textOf(update: Uint8Array): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc.getText('t').toString()
}

describe('S6: one frame per flush and room', () => {
  it('S6: the updates of one store go out as one Update frame: the row they were stored as', () => {
    const [first, second] = twoUpdates()
    const rows = rowsOf([{ meetingId: 'm', pending: [{ update: first }, { update: second }] }])
    const broadcast = updateBroadcast([{ origin: 'a' }, { origin: 'a' }], rows[0]!.data)
    expect(textOf(updateOf(broadcast!.frame))).toBe('Mål: läsa')
  })

  it('S6: it leaves out the sender when all came from one, nobody when they came from several', () => {
    const [first, second] = twoUpdates()
    expect(updateBroadcast([{ origin: 'a' }], first)!.except).toBe('a')
    expect(updateBroadcast([{ origin: 'a' }, { origin: 'a' }], Y.mergeUpdates([first, second]))!.except).toBe(
      'a',
    )
    expect(
      updateBroadcast([{ origin: 'a' }, { origin: 'b' }], Y.mergeUpdates([first, second]))!.except,
    ).toBeNull()
    // The server's own changes have no sender: everyone gets them.
    expect(updateBroadcast([{ origin: null }], first)!.except).toBeNull()
  })

  it('S6: nothing stored, nothing sent', () => {
    expect(updateBroadcast([], new Uint8Array())).toBeUndefined()
  })
})

describe('S1: the answer to a SyncStep1', () => {
  it('S1: holds what the client lacks, and only that', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hej')
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc))
    doc.getText('t').insert(3, ' då')
    const diff = syncStep2For(doc, Y.encodeStateVector(client))!
    Y.applyUpdate(client, diff)
    expect(client.getText('t').toString()).toBe('hej då')
    // A client that has everything is sent nothing more.
    expect(Y.decodeUpdate(syncStep2For(doc, Y.encodeStateVector(client))!).structs).toEqual([])
  })

  it('S10: a state vector that does not decode has no answer', () => {
    const doc = new Y.Doc()
    expect(syncStep2For(doc, new Uint8Array([0xff, 0xff, 0xff]))).toBeUndefined()
  })
})
