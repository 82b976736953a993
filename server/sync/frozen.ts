import * as Y from 'yjs'

/** What a frozen room's document holds, taken once at the lock: the document cannot change after it. */
export interface FrozenState {
  stateVector: Map<number, number>
  deleted: ReturnType<typeof Y.createDeleteSetFromStructStore>
}

export function frozenStateOf(doc: Y.Doc): FrozenState {
  return {
    stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)),
    deleted: Y.createDeleteSetFromStructStore(doc.store),
  }
}

/**
 * G2a: whether a decoded update would add nothing to a frozen document – every struct is already
 * there and every deletion already made. Works in proportion to the update, never to the document,
 * so a writer's SyncStep2 on connecting to a locked plan costs no copy of it.
 */
export function bringsNothingNew(frozen: FrozenState, update: ReturnType<typeof Y.decodeUpdate>): boolean {
  for (const struct of update.structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > (frozen.stateVector.get(struct.id.client) ?? 0)) return false
  }
  for (const [client, ranges] of update.ds.clients) {
    const known = frozen.deleted.clients.get(client)
    for (const range of ranges) {
      if (range.len > 0 && !covered(known, range.clock, range.len)) return false
    }
  }
  return true
}

/** Whether one of the sorted, merged ranges contains [clock, clock + len). */
function covered(
  ranges: readonly { clock: number; len: number }[] | undefined,
  clock: number,
  len: number,
): boolean {
  if (!ranges) return false
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const range = ranges[mid]!
    if (clock < range.clock) high = mid - 1
    else if (clock >= range.clock + range.len) low = mid + 1
    else return clock + len <= range.clock + range.len
  }
  return false
}
