import * as Y from 'yjs'

/** One struct of a decoded update (Y.decodeUpdate): an Item, a GC or a Skip. */
type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number]

/** Where an update's item sits: at the top level, in a type this update creates, or in one the document has. */
type Parent =
  | { kind: 'root' }
  | { kind: 'new'; item: Y.Item }
  | { kind: 'existing'; type: Y.AbstractType<unknown> }
  | { kind: 'unknown' }

const ROOT: Parent = { kind: 'root' }
const UNKNOWN: Parent = { kind: 'unknown' }

/**
 * S13: whether applying these structs (from Y.decodeUpdate) to `doc` would nest shared types more
 * than `max` levels deep. Yjs deletes and garbage-collects nested types recursively: a map nested a
 * few thousand levels deep overflows the stack inside the transaction that deletes it, and leaves
 * the document unable to emit updates. So the depth is checked before applying.
 *
 * Costs work in proportion to the update (plus at most `max` steps up the document per new type),
 * never to the document. An item whose parent is neither in the update nor in the document (it
 * builds on changes not received yet, S4a) is counted from the top: such parts are held back and
 * dropped unless the gap is filled in time, and the room's reset (S13) is the safety net behind it.
 */
export function exceedsTypeNesting(doc: Y.Doc, structs: readonly Struct[], max: number): boolean {
  const local = indexByClient(structs)
  const parents = new Map<Y.Item, Parent>()
  const depths = new Map<Y.Item, number>()

  const findLocal = (id: Y.ID): Struct | undefined => {
    const list = local.get(id.client)
    if (!list) return undefined
    let low = 0
    let high = list.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const struct = list[mid]!
      if (id.clock < struct.id.clock) high = mid - 1
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1
      else return struct
    }
    return undefined
  }

  const findExisting = (id: Y.ID): Y.Item | undefined => {
    if (id.clock >= Y.getState(doc.store, id.client)) return undefined
    const struct = Y.getItem(doc.store, id)
    return struct instanceof Y.Item ? struct : undefined
  }

  /** The parent of an update's item; items with an origin inherit their neighbour's parent. */
  const parentOf = (start: Y.Item): Parent => {
    const chain: Y.Item[] = []
    const seen = new Set<Y.Item>()
    let item = start
    let found: Parent = UNKNOWN
    for (;;) {
      const known = parents.get(item)
      if (known) {
        found = known
        break
      }
      chain.push(item)
      seen.add(item)
      const parent = item.parent as unknown
      if (typeof parent === 'string') {
        found = ROOT
        break
      }
      if (parent instanceof Y.ID) {
        found = typeAt(parent)
        break
      }
      const neighbour = item.origin ?? item.rightOrigin
      if (!neighbour) break
      const next = findLocal(neighbour)
      if (next instanceof Y.Item) {
        if (seen.has(next)) break
        item = next
        continue
      }
      const existing = findExisting(neighbour)
      if (existing) found = { kind: 'existing', type: existing.parent as Y.AbstractType<unknown> }
      break
    }
    for (const visited of chain) parents.set(visited, found)
    return found
  }

  /** The type whose item has this id: one this update creates, or one the document has. */
  const typeAt = (id: Y.ID): Parent => {
    const struct = findLocal(id)
    if (struct instanceof Y.Item)
      return struct.content instanceof Y.ContentType ? { kind: 'new', item: struct } : UNKNOWN
    const existing = findExisting(id)
    if (existing?.content instanceof Y.ContentType) return { kind: 'existing', type: existing.content.type }
    return UNKNOWN
  }

  /** Levels of a type that exists in the document: 0 for a top-level type. At most max + 1 steps. */
  const existingDepth = (type: Y.AbstractType<unknown>): number => {
    let depth = 0
    let current: Y.AbstractType<unknown> | null = type
    while (current?._item && depth <= max) {
      depth++
      current = current._item.parent as Y.AbstractType<unknown> | null
    }
    return depth
  }

  /** Levels of a type this update creates; stops counting once past max (no deep recursion). */
  const newDepth = (start: Y.Item): number => {
    const chain: Y.Item[] = []
    let item = start
    let base = 0
    for (;;) {
      const known = depths.get(item)
      if (known !== undefined) {
        base = known
        break
      }
      chain.push(item)
      if (chain.length > max) return max + 1
      const parent = parentOf(item)
      if (parent.kind === 'new') {
        if (chain.includes(parent.item)) return max + 1
        item = parent.item
        continue
      }
      base = parent.kind === 'existing' ? existingDepth(parent.type) : 0
      break
    }
    for (let i = chain.length - 1; i >= 0; i--) depths.set(chain[i]!, base + chain.length - i)
    return depths.get(start)!
  }

  for (const struct of structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentType && newDepth(struct) > max)
      return true
  }
  return false
}

function indexByClient(structs: readonly Struct[]): Map<number, Struct[]> {
  const byClient = new Map<number, Struct[]>()
  for (const struct of structs) {
    let list = byClient.get(struct.id.client)
    if (!list) {
      list = []
      byClient.set(struct.id.client, list)
    }
    list.push(struct)
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)
  return byClient
}
