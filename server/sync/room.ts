import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { StoredDocument } from '../db/documents'
import type { SyncConnection } from './connection'

/** An update the room's document has applied but the database has not yet stored. */
export interface PendingUpdate {
  update: Uint8Array
  origin: SyncConnection | null
}

/**
 * One meeting's live document and the connections to it. The in-memory document never holds
 * anything that has been shown to a client without being stored: updates wait in `pending` until
 * the next flush stores them, and only then are they broadcast.
 */
export class Room {
  readonly doc: Y.Doc
  readonly awareness: Awareness
  readonly connections = new Set<SyncConnection>()
  pending: PendingUpdate[] = []
  /** Work that must wait until `pending` is stored, e.g. answering a newcomer's SyncStep1. */
  afterFlush: (() => void)[] = []
  /** A flush of this room failed; `pending` is kept and retried. */
  unsaved = false
  lastUpdateId: number
  storedBytes: number
  rowsSinceSnapshot: number
  bytesSinceSnapshot: number
  unloadTimer: NodeJS.Timeout | undefined
  compactTimer: NodeJS.Timeout | undefined

  constructor(
    readonly meetingId: string,
    stored: StoredDocument,
  ) {
    this.doc = new Y.Doc()
    if (stored.parts.length > 0) {
      Y.applyUpdate(this.doc, stored.parts.length === 1 ? stored.parts[0]! : Y.mergeUpdates(stored.parts))
    }
    this.lastUpdateId = stored.lastUpdateId
    this.storedBytes = stored.bytes
    this.rowsSinceSnapshot = stored.rowsSinceSnapshot
    this.bytesSinceSnapshot = stored.bytesSinceSnapshot
    this.awareness = new Awareness(this.doc)
    // The server is not a participant: it has no presence of its own.
    this.awareness.setLocalState(null)
  }

  get pendingBytes(): number {
    let bytes = 0
    for (const p of this.pending) bytes += p.update.byteLength
    return bytes
  }

  /** Is this awareness client id in use by anyone else in the room (connected, or still shown)? */
  awarenessIdTaken(clientId: number, except: SyncConnection): boolean {
    if (clientId === this.doc.clientID || this.awareness.states.has(clientId)) return true
    for (const conn of this.connections) {
      if (conn !== except && conn.awarenessId === clientId) return true
    }
    return false
  }

  destroy(): void {
    clearTimeout(this.unloadTimer)
    clearTimeout(this.compactTimer)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
