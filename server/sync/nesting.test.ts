import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { exceedsTypeNesting } from './nesting'

/** An update from a client's doc: everything since `since`. */
function changes(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  change()
  return Y.encodeStateAsUpdate(doc, before)
}

function exceeds(server: Y.Doc, update: Uint8Array, max: number): boolean {
  return exceedsTypeNesting(server, Y.decodeUpdate(update).structs, max)
}

/** Nests `levels` maps under `parent`, each as key 'k' of the one before; returns the innermost. */
function nest(parent: Y.Map<unknown>, levels: number): Y.Map<unknown> {
  let current = parent
  for (let i = 0; i < levels; i++) {
    const next = new Y.Map<unknown>()
    current.set('k', next)
    current = next
  }
  return current
}

describe('S13: nesting of shared types is checked before an update is applied', () => {
  it('S13: a chain of maps in one update counts every level', () => {
    const server = new Y.Doc()
    const client = new Y.Doc({ gc: false })
    const within = changes(client, () => nest(client.getMap('x'), 10))
    expect(exceeds(server, within, 10)).toBe(false)
    expect(exceeds(server, within, 9)).toBe(true)
  })

  it('S13: levels the document already has count too, so nesting cannot be built up frame by frame', () => {
    const server = new Y.Doc()
    const client = new Y.Doc({ gc: false })
    let innermost = client.getMap<unknown>('x')
    for (let frame = 0; frame < 5; frame++) {
      const update = changes(client, () => {
        innermost = nest(innermost, 4)
      })
      const tooDeep = exceeds(server, update, 18)
      expect(tooDeep).toBe(frame === 4)
      if (!tooDeep) Y.applyUpdate(server, update)
    }
  })

  it('S13: items placed next to others inherit their parent (origin chains), in the update and in the document', () => {
    const server = new Y.Doc()
    const client = new Y.Doc({ gc: false })
    const list = client.getArray<Y.Map<unknown>>('goals')
    const first = changes(client, () => {
      const outer = new Y.Map<unknown>()
      list.push([outer])
      const inner = new Y.Array<Y.Map<unknown>>()
      outer.set('inner', inner)
      inner.push([new Y.Map()])
      inner.push([new Y.Map()]) // placed by origin, no parent written
    })
    expect(exceeds(server, first, 3)).toBe(false)
    expect(exceeds(server, first, 2)).toBe(true)
    Y.applyUpdate(server, first)
    const inner = (list.get(0) as Y.Map<unknown>).get('inner') as Y.Array<Y.Map<unknown>>
    // Appended after an existing map: the parent comes from the document through the origin.
    const second = changes(client, () => {
      const map = new Y.Map<unknown>()
      inner.push([map])
      map.set('deeper', new Y.Map())
    })
    expect(exceeds(server, second, 4)).toBe(false)
    expect(exceeds(server, second, 3)).toBe(true)
  })

  it('S13: a rich text with nested lists, as the editor writes it, is far inside the limit', () => {
    const server = new Y.Doc()
    const client = new Y.Doc({ gc: false })
    const update = changes(client, () => {
      let parent: Y.XmlFragment | Y.XmlElement = client.getXmlFragment('needs')
      for (let level = 0; level < 10; level++) {
        const list = new Y.XmlElement('bulletList')
        const item = new Y.XmlElement('listItem')
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText('punkt')])
        parent.insert(0, [list])
        list.insert(0, [item])
        item.insert(0, [paragraph])
        parent = item
      }
    })
    expect(exceeds(server, update, 100)).toBe(false)
  })

  it('S13: an update whose parent is missing is counted from the top and costs no error', () => {
    const server = new Y.Doc()
    const client = new Y.Doc({ gc: false })
    const map = client.getMap<unknown>('x')
    changes(client, () => nest(map, 3))
    const later = changes(client, () => nest((map.get('k') as Y.Map<unknown>).get('k') as Y.Map<unknown>, 2))
    expect(exceeds(server, later, 2)).toBe(false)
    expect(exceeds(server, later, 1)).toBe(true)
  })
})
