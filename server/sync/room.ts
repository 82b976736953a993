import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { StoredDocument } from '../db/documents'
import type { SyncConnection } from './connection'
import { type FrozenState, frozenStateOf } from './frozen'

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
  /** Connections whose SyncStep1 waits until `pending` is stored (each keeps only its latest). */
  readonly awaitingStep2 = new Set<SyncConnection>()
  /**
   * Which participant first used each awareness client id while this room is loaded: a client id
   * freed by a disconnect can be taken again only by the same participant (A3).
   */
  readonly awarenessOwners = new Map<number, string>()
  /** Update parts Yjs holds back for changes not yet received, and who sent them (S4a). */
  heldBack: { conns: Set<SyncConnection>; bytes: number; timer: NodeJS.Timeout } | undefined
  /**
   * Locked for signing or finalized (G1): no plan update is applied, from anyone. Set at load from
   * the database, so it survives unload and restart.
   */
  get frozen(): boolean {
    return this.isFrozen
  }

  set frozen(value: boolean) {
    this.isFrozen = value
    this.frozenAt = undefined
  }

  private isFrozen = false
  private frozenAt: FrozenState | undefined

  /** The frozen document's state vector and deletions, taken once (it cannot change while frozen). */
  frozenState(): FrozenState {
    this.frozenAt ??= frozenStateOf(this.doc)
    return this.frozenAt
  }
  /** A flush of this room failed; `pending` is kept and retried. */
  unsaved = false
  lastUpdateId: number
  /**
   * Bytes this meeting takes in the database: snapshot plus rows since. Not a progress counter: a
   * compaction replaces it with the snapshot's size, which is smaller than the rows it merges.
   */
  storedBytes: number
  rowsSinceSnapshot: number
  bytesSinceSnapshot: number
  unloadTimer: NodeJS.Timeout | undefined
  compactTimer: NodeJS.Timeout | undefined
  /** Presence renewals (same state, newer clock) not yet passed on: they travel together (A4a). */
  readonly renewals = new Set<number>()
  renewalTimer: NodeJS.Timeout | undefined

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

  /** May this connection speak for this awareness client id? Not if anyone else has or had it. */
  awarenessIdAvailable(clientId: number, conn: SyncConnection): boolean {
    if (clientId === this.doc.clientID || this.awareness.states.has(clientId)) return false
    const owner = this.awarenessOwners.get(clientId)
    if (owner !== undefined && owner !== conn.principal.participantId) return false
    for (const other of this.connections) {
      if (other !== conn && other.awarenessId === clientId) return false
    }
    return true
  }

  destroy(): void {
    clearTimeout(this.heldBack?.timer)
    clearTimeout(this.unloadTimer)
    clearTimeout(this.compactTimer)
    clearTimeout(this.renewalTimer)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
