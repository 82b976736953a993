import * as Y from 'yjs'
import { encodeSyncUpdate } from './frames'

/**
 * Sync steps as plain functions of their inputs: what the room sends, decided apart from when and to
 * whom it is sent, so each can be tested alone.
 */

/**
 * S1: the SyncStep2 answering a client's SyncStep1 – what the document has that the state vector
 * lacks. Undefined if the state vector does not decode.
 */
export function syncStep2For(doc: Y.Doc, stateVector: Uint8Array): Uint8Array | undefined {
  try {
    return Y.encodeStateAsUpdate(doc, stateVector)
  } catch {
    return undefined
  }
}

/**
 * S6: a store's updates of one room as one frame – `merged`, the row they were stored as, encoded
 * once – and the connection to leave out: the sender, when all of them came from one sender (it has
 * them already). Undefined for none.
 */
export function updateBroadcast<Origin>(
  stored: readonly { origin: Origin | null }[],
  merged: Uint8Array,
): { frame: Uint8Array; except: Origin | null } | undefined {
  const first = stored[0]
  if (!first) return undefined
  const except = stored.every((p) => p.origin === first.origin) ? first.origin : null
  return { frame: encodeSyncUpdate(merged), except }
}
