import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { reloadsAs } from './persistence'

describe('S8: compaction writes only a snapshot that reloads', () => {
  it('S8: a complete snapshot of the document reloads as it', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hej')
    doc.getArray('goals').push([new Y.Map()])
    expect(reloadsAs(Y.encodeStateAsUpdate(doc), doc)).toBe(true)
  })

  it('S8: a snapshot that is cut short, misses what it builds on, or lacks changes does not', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hej')
    const first = Y.encodeStateAsUpdate(doc)
    const before = Y.encodeStateVector(doc)
    doc.getText('t').insert(3, ' då')
    const later = Y.encodeStateAsUpdate(doc, before)
    expect(reloadsAs(first.subarray(0, first.length - 3), doc)).toBe(false)
    expect(reloadsAs(later, doc)).toBe(false)
    expect(reloadsAs(first, doc)).toBe(false)
  })
})
