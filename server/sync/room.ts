import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { StoredDocument } from '../db/documents'
import type { SyncConnection } from './connection'
import { type ClientFrame, encodeSyncStep2 } from './frames'
import { type FrozenState, frozenStateOf } from './frozen'
import { syncStep2For } from './steps'

/** An update the room's document has applied but the database has not yet stored. */
export interface PendingUpdate {
  update: Uint8Array
  origin: SyncConnection | null
}

/** A writer's frame that waits, unapplied, while a store is in flight (S4). */
export interface WaitingFrame {
  conn: SyncConnection
  frame: Extract<ClientFrame, { kind: 'sync-step2' | 'sync-update' }>
}

/** The timers a room may have; each kind at most once, and all of them end with the room. */
type RoomTimer = 'unload' | 'compact' | 'renewals' | 'heldBack'

/**
 * One meeting's live document and the connections to it. The in-memory document never holds
 * anything that has been shown to a client without being stored: updates wait in `pending` until
 * the next store (markStored), and only then are they broadcast (S4); SyncStep1
 * answers wait for the same moment (S5).
 */
export class Room {
  readonly doc: Y.Doc
  readonly awareness: Awareness
  readonly connections = new Set<SyncConnection>()
  private queue: PendingUpdate[] = []
  /** SyncStep1s waiting until the queue is stored: only the latest state vector of each connection. */
  private readonly waiting = new Map<SyncConnection, Uint8Array>()
  /**
   * Which participant first used each awareness client id while this room is loaded: a client id
   * freed by a disconnect can be taken again only by the same participant (A3).
   */
  private readonly awarenessOwners = new Map<number, string>()
  /** Update parts Yjs holds back for changes not yet received, and who sent them (S4a). */
  private heldBack: { senders: Set<SyncConnection>; bytes: number } | undefined
  private readonly timers = new Map<RoomTimer, NodeJS.Timeout>()
  private isFrozen = false
  private frozenAt: FrozenState | undefined
  private storeFailed = false
  private destroyed = false
  /** Every stored row of this meeting up to this id is in the document (the log may hold more). */
  private lastStoredId: number
  /** The meeting's head seq the document is known to hold every append of (issue 16). */
  private headSeq: number
  /** An append showed that another process appended rows this document lacks: catch up. */
  private missing = false
  /**
   * The SyncStep2 answering an empty state vector – a client that holds nothing – until the next
   * stored row: new clients of a quiet room all get this one frame, and the whole document is
   * encoded once rather than once per client (S5).
   */
  private wholeState: Uint8Array | undefined
  private bytesStored: number
  private rowsSince: number
  private bytesSince: number
  /** Writers' frames waiting for the store in flight to commit (S4), in the order they came. */
  private inbox: WaitingFrame[] = []
  private inboxBytes = 0

  constructor(
    readonly meetingId: string,
    stored: StoredDocument,
  ) {
    this.doc = new Y.Doc()
    if (stored.parts.length > 0) {
      Y.applyUpdate(this.doc, stored.parts.length === 1 ? stored.parts[0]! : Y.mergeUpdates(stored.parts))
    }
    this.lastStoredId = stored.lastUpdateId
    this.headSeq = stored.seq
    // A snapshot alone is the document's whole state as the compaction encoded it (S8).
    const only = stored.parts.length === 1 && stored.rowsSinceSnapshot === 0 ? stored.parts[0] : undefined
    if (only) this.wholeState = encodeSyncStep2(only)
    this.bytesStored = stored.bytes
    this.rowsSince = stored.rowsSinceSnapshot
    this.bytesSince = stored.bytesSinceSnapshot
    this.awareness = new Awareness(this.doc)
    // The server is not a participant: it has no presence of its own.
    this.awareness.setLocalState(null)
  }

  // ---- Frozen (G1, G2a) ----

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

  /** The frozen document's state vector and deletions, taken once (it cannot change while frozen). */
  frozenState(): FrozenState {
    this.frozenAt ??= frozenStateOf(this.doc)
    return this.frozenAt
  }

  // ---- Pending and stored (S4, S7, S8) ----

  /** Applied, not yet stored. */
  get pending(): readonly PendingUpdate[] {
    return this.queue
  }

  get pendingBytes(): number {
    let bytes = 0
    for (const p of this.queue) bytes += p.update.byteLength
    return bytes
  }

  /** A store of this room failed and `pending` waits for the retry (S7). */
  get unsaved(): boolean {
    return this.storeFailed
  }

  /** Every stored row up to this id is in the document: catching up reads after it, compaction covers it. */
  get lastUpdateId(): number {
    return this.lastStoredId
  }

  /** The head seq the document holds every append of. */
  get seq(): number {
    return this.headSeq
  }

  /**
   * Another process appended rows this document lacks (an own append's seq skipped one, or a
   * notification did): they are to be read from the log (issue 16).
   */
  get behind(): boolean {
    return this.missing
  }

  /**
   * Bytes this meeting takes in the database: snapshot plus rows since. Not a progress counter: a
   * compaction replaces it with the snapshot's size, which is smaller than the rows it merges.
   */
  get storedBytes(): number {
    return this.bytesStored
  }

  get rowsSinceSnapshot(): number {
    return this.rowsSince
  }

  get bytesSinceSnapshot(): number {
    return this.bytesSince
  }

  /**
   * Queues what the document emitted for an applied update. The origin is kept only if it is one
   * of this room's connections (the server's own changes have none): the flush spares it the echo.
   */
  enqueue(update: Uint8Array, origin: unknown): void {
    const sender = this.connections.has(origin as SyncConnection) ? (origin as SyncConnection) : null
    this.queue.push({ update, origin: sender })
  }

  /**
   * After the commit that stored the first `count` pending updates as one row, `rowId`, of
   * `rowBytes` (they are merged, S4), its meeting's head at `seq`: returns them. Anything queued
   * after the row was made stays pending. If the seq skipped one, another process appended in
   * between: the row is stored and may be shown, but the document lacks the other one (`behind`).
   */
  markStored(
    rowId: number,
    rowBytes: number,
    count = this.queue.length,
    seq = this.headSeq + 1,
  ): readonly PendingUpdate[] {
    if (count === 0) return []
    const stored = this.queue.slice(0, count)
    this.queue = this.queue.slice(count)
    this.storeFailed = false
    this.noteRow(rowId, seq, rowBytes)
    return stored
  }

  /**
   * A row another process stored (issue 16), now applied to the document: `rowId` with the head at
   * `seq` – the next one after what the document holds – or else the document is `behind`.
   */
  markStoredElsewhere(rowId: number, seq: number, rowBytes: number): void {
    this.noteRow(rowId, seq, rowBytes)
  }

  private noteRow(rowId: number, seq: number, rowBytes: number): void {
    this.wholeState = undefined
    this.bytesStored += rowBytes
    this.bytesSince += rowBytes
    this.rowsSince += 1
    if (seq === this.headSeq + 1 && !this.missing) {
      this.headSeq = seq
      this.lastStoredId = Math.max(this.lastStoredId, rowId)
    } else if (seq > this.headSeq) {
      this.missing = true
    }
  }

  /**
   * The log read after `lastUpdateId` (the snapshot if it covers more, then the rows) was applied:
   * the document holds every append up to the read's head.
   */
  markCaughtUp(read: StoredDocument): void {
    this.wholeState = undefined
    this.bytesStored += read.bytes
    this.bytesSince += read.bytesSinceSnapshot
    this.rowsSince += read.rowsSinceSnapshot
    this.lastStoredId = Math.max(this.lastStoredId, read.lastUpdateId)
    if (read.seq >= this.headSeq) {
      this.headSeq = read.seq
      this.missing = false
    }
  }

  /**
   * Forgets what was queued from `count` on: what a failing update's transaction emitted before Yjs
   * threw (S13). It was never checked to load again, so it is never stored.
   */
  dropPendingFrom(count: number): void {
    this.queue.length = Math.min(this.queue.length, count)
  }

  /** The store failed: `pending` stays, to be retried (S7). */
  markUnsaved(): void {
    this.storeFailed = true
  }

  /**
   * After compaction wrote a snapshot of `snapshotBytes` covering the rows stored when it was taken,
   * `covered` of them (S8); rows stored while it was being written stay counted after it.
   */
  markCompacted(snapshotBytes: number, covered = { rows: this.rowsSince, bytes: this.bytesSince }): void {
    this.rowsSince = Math.max(0, this.rowsSince - covered.rows)
    this.bytesSince = Math.max(0, this.bytesSince - covered.bytes)
    this.bytesStored = snapshotBytes + this.bytesSince
  }

  needsCompaction(afterRows: number, afterBytes: number): boolean {
    return this.rowsSince >= afterRows || this.bytesSince >= afterBytes
  }

  // ---- SyncStep1 answers (S1, S5) ----

  /** Nothing queued or held back: the document is exactly what is stored, and may be shown. */
  get mayAnswerStep1(): boolean {
    return this.queue.length === 0 && !this.heldBack
  }

  /**
   * S1, S5: answers a SyncStep1 now if the document is exactly what is stored; otherwise keeps it
   * until the next successful flush – only the latest per connection, so waiting costs one entry
   * per connection however many it sends. False if the state vector does not decode.
   */
  answerStep1(conn: SyncConnection, stateVector: Uint8Array): boolean {
    if (!this.mayAnswerStep1) {
      this.waiting.set(conn, stateVector)
      return true
    }
    return this.answer(conn, stateVector)
  }

  /** How many connections' SyncStep1 wait for the next store (S5); for operations and tests. */
  get waitingAnswers(): number {
    return this.waiting.size
  }

  /** S5: answers every SyncStep1 that waited. Returns the connections whose state vector did not decode. */
  answerWaiting(): SyncConnection[] {
    const undecodable: SyncConnection[] = []
    const waiting = [...this.waiting]
    this.waiting.clear()
    for (const [conn, stateVector] of waiting) {
      if (!this.answer(conn, stateVector)) undecodable.push(conn)
    }
    return undecodable
  }

  /**
   * Sends the SyncStep2 answering `stateVector`, if the connection is open; only when the room may
   * answer (S5), so the document is what is stored. False if the state vector does not decode.
   */
  private answer(conn: SyncConnection, stateVector: Uint8Array): boolean {
    if (!conn.isOpen) return true
    const holdsNothing = stateVector.byteLength === 1 && stateVector[0] === 0
    if (holdsNothing && this.wholeState) {
      conn.send(this.wholeState)
      return true
    }
    const diff = syncStep2For(this.doc, stateVector)
    if (!diff) return false
    const frame = encodeSyncStep2(diff)
    if (holdsNothing) this.wholeState = frame
    conn.send(frame)
    return true
  }

  // ---- Held-back parts (S4a) ----

  get holdsBack(): boolean {
    return this.heldBack !== undefined
  }

  /** Held-back bytes count against MAX_DOCUMENT_BYTES. */
  get heldBackBytes(): number {
    return this.heldBack?.bytes ?? 0
  }

  isHoldingBackFrom(conn: SyncConnection): boolean {
    return this.heldBack?.senders.has(conn) ?? false
  }

  /**
   * S4a: after `sender`'s update of `bytes` was applied. If Yjs now holds parts back, the sender
   * is noted and, when the holding starts, `expire` is scheduled after `timeoutMs`; returns true.
   * If Yjs holds nothing back, returns false (the caller releases what was held).
   */
  noteHeldBack(sender: SyncConnection, bytes: number, timeoutMs: number, expire: () => void): boolean {
    const store = this.doc.store
    if (store.pendingStructs === null && store.pendingDs === null) return false
    if (!this.heldBack) {
      this.heldBack = { senders: new Set(), bytes: 0 }
      this.schedule('heldBack', timeoutMs, expire)
    }
    this.heldBack.senders.add(sender)
    this.heldBack.bytes += bytes
    return true
  }

  /** The gap was filled (or its parts dropped): stop holding. Returns whether anything was held. */
  releaseHeldBack(): boolean {
    if (!this.heldBack) return false
    this.cancel('heldBack')
    this.heldBack = undefined
    return true
  }

  /** Forgets the parts Yjs holds back, and releases them. Returns who sent them and how many bytes. */
  dropHeldBack(): { senders: ReadonlySet<SyncConnection>; bytes: number } | undefined {
    const heldBack = this.heldBack
    if (!heldBack) return undefined
    this.doc.store.pendingStructs = null
    this.doc.store.pendingDs = null
    this.releaseHeldBack()
    return heldBack
  }

  // ---- Connections and presence (A3) ----

  /** A connection left: it no longer waits for an answer. */
  remove(conn: SyncConnection): void {
    this.connections.delete(conn)
    this.waiting.delete(conn)
  }

  /** Sends one frame to every connection of the room (its meeting state, presence). */
  send(frame: Uint8Array, except: SyncConnection | null = null): void {
    for (const conn of this.connections) {
      if (conn !== except) conn.send(frame)
    }
  }

  /**
   * A3: pins this awareness client id to the connection, unless anyone else has or had it (a
   * client id freed by a disconnect is taken again only by the same participant). Returns whether
   * it did.
   */
  pinAwarenessId(conn: SyncConnection, clientId: number): boolean {
    if (!this.awarenessIdAvailable(clientId, conn)) return false
    conn.awarenessId = clientId
    this.awarenessOwners.set(clientId, conn.principal.participantId)
    return true
  }

  private awarenessIdAvailable(clientId: number, conn: SyncConnection): boolean {
    if (clientId === this.doc.clientID || this.awareness.states.has(clientId)) return false
    const owner = this.awarenessOwners.get(clientId)
    if (owner !== undefined && owner !== conn.principal.participantId) return false
    for (const other of this.connections) {
      if (other !== conn && other.awarenessId === clientId) return false
    }
    return true
  }

  // ---- Timers and the end ----

  /**
   * Runs `task` once after `ms`, unless a timer of this kind is set already (then returns false).
   * Every timer ends with the room: nothing scheduled for a room that was unloaded or reset runs
   * (S9, S13), and a destroyed room schedules nothing.
   */
  schedule(kind: RoomTimer, ms: number, task: () => void): boolean {
    if (this.destroyed || this.timers.has(kind)) return false
    const timer = setTimeout(() => {
      this.timers.delete(kind)
      task()
    }, ms)
    timer.unref()
    this.timers.set(kind, timer)
    return true
  }

  /** Like schedule, but starts the timer of this kind afresh (the unload grace restarts at every leave). */
  reschedule(kind: RoomTimer, ms: number, task: () => void): void {
    this.cancel(kind)
    this.schedule(kind, ms, task)
  }

  cancel(kind: RoomTimer): void {
    clearTimeout(this.timers.get(kind))
    this.timers.delete(kind)
  }

  /**
   * Unloaded or reset (S9, S13): the room is out of the service, and a newer one may serve its
   * meeting. Nothing of a destroyed room is kept, scheduled or stored.
   */
  get isDestroyed(): boolean {
    return this.destroyed
  }

  // ---- Frames waiting for a store in flight (S4) ----

  /**
   * Keeps a writer's frame, unapplied, until the store in flight commits: the document then holds
   * exactly what is stored plus what is pending, and nothing applied meanwhile can be mixed into a
   * SyncStep1 answer (S5). False – nothing kept – once `maxBytes` wait already.
   */
  wait(waiting: WaitingFrame, maxBytes: number): boolean {
    const bytes = waiting.frame.update.byteLength
    if (this.inboxBytes + bytes > maxBytes) return false
    this.inbox.push(waiting)
    this.inboxBytes += bytes
    return true
  }

  /** The frames that waited, in order; the room keeps none. */
  takeWaiting(): WaitingFrame[] {
    const taken = this.inbox
    this.inbox = []
    this.inboxBytes = 0
    return taken
  }

  get hasWaiting(): boolean {
    return this.inbox.length > 0
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    this.heldBack = undefined
    this.inbox = []
    this.inboxBytes = 0
    this.queue = []
    this.waiting.clear()
    this.wholeState = undefined
    this.awareness.destroy()
    this.doc.destroy()
  }
}
