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
 * S6: a flush's updates of one room as one frame, encoded once, and the connection to leave out:
 * the sender, when all of them came from one sender (it has them already). Undefined for none.
 */
export function updateBroadcast<Origin>(
  stored: readonly { update: Uint8Array; origin: Origin | null }[],
): { frame: Uint8Array; except: Origin | null } | undefined {
  const first = stored[0]
  if (!first) return undefined
  const except = stored.every((p) => p.origin === first.origin) ? first.origin : null
  const update = stored.length === 1 ? first.update : Y.mergeUpdates(stored.map((p) => p.update))
  return { frame: encodeSyncUpdate(update), except }
}
