import type { FastifyBaseLogger } from 'fastify'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import {
  AWARENESS_RENEWAL_BATCH_MS,
  COMPACT_AFTER_BYTES,
  COMPACT_AFTER_ROWS,
  MAX_DOCUMENT_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_TYPE_NESTING,
  ROOM_UNLOAD_GRACE_MS,
  SHUTDOWN_COMPACT_MIN_ROWS,
} from '../../shared/limits'
import { type CloseCode, CloseCodes } from '../../shared/protocol'
import type { DocumentStore } from '../db/documents'
import { decodeAwarenessUpdate, encodeAwarenessEntries, ownAwarenessEntry } from './awareness'
import type { SyncConnection } from './connection'
import {
  type ClientFrame,
  decodeClientFrame,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  MalformedFrameError,
} from './frames'
import { bringsNothingNew } from './frozen'
import { exceedsTypeNesting } from './nesting'
import { OutboundBudget, type OutboundBudgetOptions } from './outbound'
import { type PendingUpdate, Room } from './room'

export interface SyncServiceOptions {
  documents: DocumentStore
  log: FastifyBaseLogger
  unloadGraceMs?: number
  /** A4a: how long presence renewals wait to travel together. */
  renewalBatchMs?: number
  compactAfterRows?: number
  compactAfterBytes?: number
  /** Delay before retrying a failed store. */
  retryDelayMs?: number
  /** How long update parts may wait for the changes they build on (S4a). */
  holdBackMs?: number
  /**
   * Which of these link tokens are still valid (neither revoked nor expired). The sweep closes
   * connections of the others (A8); without it only the expiry the principal carries is checked.
   */
  validTokens?: (tokenIds: readonly number[], now: number) => ReadonlySet<number>
  /** How often the sweep runs. */
  sweepIntervalMs?: number
  /** Whether a meeting's plan is locked or finalized: a room loads frozen then (G1). */
  isFrozen?: (meetingId: string) => boolean
  /** The process-wide budget of bytes queued for sending (S14). */
  outbound?: OutboundBudgetOptions
  /** Deepest nesting of shared types an update may create (S13); tests raise it to reach the reset. */
  maxTypeNesting?: number
  /**
   * Called once a room's stored document is loaded, before any connection's frame reaches it: the
   * place to watch parts of the plan the server owns (G14). Its observers go with the document.
   */
  onRoomLoaded?: (meetingId: string, doc: Y.Doc) => void
}

/** Default sweep interval: a link revoked outside the API, or expired, stops working within a minute. */
const SWEEP_INTERVAL_MS = 60_000

export class RoomLoadError extends Error {}

/** The origin of changes the server makes itself (changeDocument). */
const SERVER_ORIGIN = 'server'

/**
 * The rooms of all loaded meetings, and the one place where updates are stored and broadcast.
 *
 * Hot path for a writer's keystroke (docs/protocol.md S4–S6):
 *   frame → apply to the room's Y.Doc (validates it) → doc 'update' → pending
 *   → one SQLite transaction per event-loop turn for every room (flush) → broadcast, encoded once.
 */
export class SyncService {
  private readonly rooms = new Map<string, Room>()
  private readonly dirty = new Set<Room>()
  private readonly byToken = new Map<number, Set<SyncConnection>>()
  private flushScheduled = false
  private retryTimer: NodeJS.Timeout | undefined
  private readonly sweepTimer: NodeJS.Timeout
  private readonly validTokens: SyncServiceOptions['validTokens']
  private readonly isFrozen: SyncServiceOptions['isFrozen']
  private closing = false
  private readonly documents: DocumentStore
  private readonly log: FastifyBaseLogger
  private readonly unloadGraceMs: number
  private readonly renewalBatchMs: number
  private readonly compactAfterRows: number
  private readonly compactAfterBytes: number
  private readonly retryDelayMs: number
  private readonly holdBackMs: number
  private readonly maxTypeNesting: number
  private readonly onRoomLoaded: SyncServiceOptions['onRoomLoaded']
  /** Bytes queued for sending, bounded across every socket of the process (S14). */
  readonly outbound: OutboundBudget
  /** Rooms set back to what is stored after an update failed to apply (S13); for operations and tests. */
  resets = 0

  constructor(options: SyncServiceOptions) {
    this.documents = options.documents
    this.log = options.log
    this.unloadGraceMs = options.unloadGraceMs ?? ROOM_UNLOAD_GRACE_MS
    this.renewalBatchMs = options.renewalBatchMs ?? AWARENESS_RENEWAL_BATCH_MS
    this.compactAfterRows = options.compactAfterRows ?? COMPACT_AFTER_ROWS
    this.compactAfterBytes = options.compactAfterBytes ?? COMPACT_AFTER_BYTES
    this.retryDelayMs = options.retryDelayMs ?? 1000
    this.holdBackMs = options.holdBackMs ?? 10_000
    this.validTokens = options.validTokens
    this.isFrozen = options.isFrozen
    this.outbound = new OutboundBudget(options.outbound)
    this.maxTypeNesting = options.maxTypeNesting ?? MAX_TYPE_NESTING
    this.onRoomLoaded = options.onRoomLoaded
    this.sweepTimer = setInterval(() => this.sweep(), options.sweepIntervalMs ?? SWEEP_INTERVAL_MS)
    this.sweepTimer.unref()
  }

  get loadedRooms(): number {
    return this.rooms.size
  }

  /** For tests and operations: a loaded room, if any. */
  room(meetingId: string): Room | undefined {
    return this.rooms.get(meetingId)
  }

  /**
   * Adds a connection to its meeting's room, loading the room synchronously if needed, and starts
   * the sync handshake. Throws RoomLoadError (after closing the connection) if the stored document
   * cannot be loaded: an empty document is never served in its place (S3).
   */
  attach(conn: SyncConnection): Room {
    const meetingId = conn.principal.meetingId
    let room = this.rooms.get(meetingId)
    if (!room) {
      try {
        room = this.loadRoom(meetingId)
      } catch (error) {
        this.log.error({ meetingId, err: errorSummary(error) }, 'document load failed')
        conn.close(CloseCodes.loadFailed)
        throw new RoomLoadError(meetingId)
      }
    }
    clearTimeout(room.unloadTimer)
    room.unloadTimer = undefined
    conn.outbound = this.outbound
    room.connections.add(conn)
    let tokenConns = this.byToken.get(conn.principal.tokenId)
    if (!tokenConns) {
      tokenConns = new Set()
      this.byToken.set(conn.principal.tokenId, tokenConns)
    }
    tokenConns.add(conn)

    conn.send(encodeSyncStep1(Y.encodeStateVector(room.doc)))
    const states = room.awareness.getStates()
    if (states.size > 0) {
      conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()])))
    }
    return room
  }

  detach(conn: SyncConnection, room: Room): void {
    const tokenConns = this.byToken.get(conn.principal.tokenId)
    tokenConns?.delete(conn)
    if (tokenConns?.size === 0) this.byToken.delete(conn.principal.tokenId)
    room.connections.delete(conn)
    // A room that was reset (S13) is gone already: nothing of it is to be kept or scheduled.
    if (this.rooms.get(room.meetingId) !== room) return
    room.awaitingStep2.delete(conn)
    if (room.heldBack?.conns.has(conn)) this.dropHeldBack(room, 'sender left')
    if (conn.awarenessId !== undefined && room.awareness.getStates().has(conn.awarenessId)) {
      awarenessProtocol.removeAwarenessStates(room.awareness, [conn.awarenessId], 'server')
    }
    if (room.connections.size === 0 && !this.closing) this.scheduleUnload(room)
  }

  /** Handles one frame from a client. Never throws: a bad frame closes only this connection. */
  receive(conn: SyncConnection, room: Room, data: Uint8Array): void {
    if (conn.isClosed) return
    if (!conn.rate.take()) return this.reject(conn, CloseCodes.rateLimited, 'message rate exceeded')
    if (data.byteLength > MAX_MESSAGE_BYTES)
      return this.reject(conn, CloseCodes.messageTooLarge, 'message too large')
    let frame: ClientFrame
    try {
      frame = decodeClientFrame(data)
    } catch (error) {
      return this.reject(conn, CloseCodes.malformed, (error as Error).message)
    }
    try {
      this.handle(conn, room, frame)
    } catch (error) {
      if (error instanceof MalformedFrameError) return this.reject(conn, CloseCodes.malformed, error.message)
      this.log.error(
        { meetingId: room.meetingId, conn: conn.id, err: errorSummary(error) },
        'sync message failed',
      )
      this.reject(conn, CloseCodes.malformed, 'message could not be applied')
    }
  }

  /**
   * A change the server itself makes to a meeting's plan (the roster from the set-up). It goes the
   * same way as a writer's update: applied, stored in the next flush, then broadcast. A room loaded
   * only for this unloads again after the grace period.
   */
  changeDocument(meetingId: string, change: (doc: Y.Doc) => void): boolean {
    const loaded = this.rooms.get(meetingId)
    const room = loaded ?? this.loadRoom(meetingId)
    if (!loaded && room.connections.size === 0) this.scheduleUnload(room)
    // G1: a frozen plan changes for nobody, the server included. The roster catches up on unlock.
    if (room.frozen) return false
    room.doc.transact(() => change(room.doc), SERVER_ORIGIN)
    return true
  }

  /**
   * Locks a meeting's plan (G1): from now on no update is applied, from anyone; what is already
   * applied is stored first. Returns the room, whose document is then exactly what is stored.
   * Throws (and stays unfrozen) if the pending updates cannot be stored.
   */
  freeze(meetingId: string): Room {
    const loaded = this.rooms.get(meetingId)
    const room = loaded ?? this.loadRoom(meetingId)
    if (!loaded && room.connections.size === 0) this.scheduleUnload(room)
    room.frozen = true
    // Parts waiting for a gap can no longer be completed: drop them, their senders are told.
    this.dropHeldBack(room, 'plan locked')
    this.flush()
    if (room.pending.length > 0) {
      room.frozen = false
      throw new Error('pending updates could not be stored')
    }
    return room
  }

  /** Unlocks a meeting's plan (G6): updates are applied again. */
  thaw(meetingId: string): void {
    const room = this.rooms.get(meetingId)
    if (room) room.frozen = false
  }

  /** Sends one of our own frames (the meetingState, G8) to every connection of a loaded room. */
  sendToRoom(meetingId: string, frame: Uint8Array): number {
    const room = this.rooms.get(meetingId)
    if (!room) return 0
    for (const conn of room.connections) conn.send(frame)
    return room.connections.size
  }

  /** Closes every connection opened with this token, e.g. when its link is revoked. */
  closeToken(tokenId: number, closeCode: CloseCode = CloseCodes.unauthorized): number {
    const conns = [...(this.byToken.get(tokenId) ?? [])]
    for (const conn of conns) conn.close(closeCode)
    return conns.length
  }

  /**
   * Closes, with unauthorized, every connection whose link has expired or been revoked since it
   * connected (A8). Runs every sweep interval; revocation through the API closes at once (A5).
   * Returns how many connections were closed.
   */
  sweep(now = Date.now()): number {
    const ids = [...this.byToken.keys()]
    if (ids.length === 0) return 0
    let valid: ReadonlySet<number> | undefined
    try {
      valid = this.validTokens?.(ids, now)
    } catch (error) {
      // The database is unreachable: keep the expiry check, try the rest next time.
      this.log.warn({ err: errorSummary(error) }, 'token sweep could not read the database')
    }
    let closed = 0
    for (const id of ids) {
      const conns = this.byToken.get(id)
      const expired = [...(conns ?? [])].some((conn) => conn.principal.expiresAt <= now)
      if (expired || (valid && !valid.has(id))) closed += this.closeToken(id)
    }
    if (closed > 0) this.log.info({ closed }, 'closed connections of expired or revoked links')
    return closed
  }

  /** Stores what is pending, closes every connection and unloads every room (graceful shutdown). */
  shutdown(): void {
    this.closing = true
    clearInterval(this.sweepTimer)
    clearTimeout(this.retryTimer)
    this.outbound.close()
    this.flush()
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) conn.close(CloseCodes.goingAway)
      // A short log loads in a few ms; compacting it would only keep the server down longer, and a
      // quick restart is what brings every device back (docs/performance.md, reconnect storm).
      if (room.pending.length === 0) {
        if (room.rowsSinceSnapshot >= SHUTDOWN_COMPACT_MIN_ROWS) this.compact(room)
      } else
        this.log.error(
          { meetingId: room.meetingId, updates: room.pending.length },
          'unsaved updates at shutdown',
        )
      room.destroy()
    }
    this.rooms.clear()
  }

  private handle(conn: SyncConnection, room: Room, frame: ClientFrame): void {
    switch (frame.kind) {
      case 'sync-step1': {
        if (!conn.step1Rate.take())
          return this.reject(conn, CloseCodes.rateLimited, 'sync step 1 rate exceeded')
        // Never show anyone anything that is not stored yet (S5): wait for the flush. Only the
        // latest state vector of a connection is kept, so waiting costs one entry per connection.
        if (room.pending.length > 0 || room.heldBack) {
          conn.pendingStateVector = frame.stateVector
          room.awaitingStep2.add(conn)
          return
        }
        this.answerStep1(conn, room, frame.stateVector)
        return
      }
      case 'sync-step2':
      case 'sync-update': {
        if (!conn.writable) {
          // S2: a read-only connection's changes are dropped. Step 2 is every client's normal reply
          // to our Step 1, so only an explicit update earns a (single) notice.
          if (frame.kind === 'sync-update' && !conn.toldReadOnly) {
            conn.toldReadOnly = true
            conn.send(encodePermissionDenied('read-only'))
          }
          return
        }
        const heldBackBytes = room.heldBack?.bytes ?? 0
        if (
          !room.frozen &&
          room.storedBytes + room.pendingBytes + heldBackBytes + frame.update.byteLength > MAX_DOCUMENT_BYTES
        ) {
          return this.reject(conn, CloseCodes.documentTooLarge, 'document size limit')
        }
        // S10: checking or applying an update costs work in proportion to its size.
        if (!conn.updateBytes.takeMany(frame.update.byteLength))
          return this.reject(conn, CloseCodes.rateLimited, 'update byte rate exceeded')
        const firstStep2 = frame.kind === 'sync-step2' && !conn.sentStep2
        if (frame.kind === 'sync-step2') conn.sentStep2 = true
        let decoded: ReturnType<typeof Y.decodeUpdate>
        try {
          decoded = Y.decodeUpdate(frame.update)
        } catch {
          throw new MalformedFrameError('undecodable update')
        }
        if (room.frozen) {
          // G2: refused visibly – unless it is the one SyncStep2 every client sends on connecting and
          // brings nothing new (G2a: checked against the state taken at the lock, never a copy).
          if (firstStep2 && bringsNothingNew(room.frozenState(), decoded)) return
          conn.send(encodePermissionDenied('locked'))
          return this.reject(conn, CloseCodes.planLocked, 'edit after the plan was locked')
        }
        // S13: nesting that Yjs could not delete without overflowing the stack is refused unapplied.
        if (exceedsTypeNesting(room.doc, decoded.structs, this.maxTypeNesting))
          return this.reject(conn, CloseCodes.malformed, 'shared types nested too deep')
        // Applying is the validation: Yjs emits 'update' with exactly what it integrated, and that
        // – never the raw client bytes – is what gets stored (onDocUpdate).
        try {
          Y.applyUpdate(room.doc, frame.update, conn)
        } catch (error) {
          return this.resetRoom(room, conn, error)
        }
        this.trackHeldBack(room, conn, frame.update.byteLength)
        return
      }
      case 'awareness': {
        const entries = decodeAwarenessUpdate(frame.update)
        let justPinned = false
        if (conn.awarenessId === undefined) {
          // A3: pin the client id of the connection's own announcement – a message with exactly one
          // entry (echoes of others usually come several at a time) – if nobody else has or had it.
          const [only] = entries
          if (entries.length !== 1 || !only || !room.awarenessIdAvailable(only.clientId, conn)) return
          conn.awarenessId = only.clientId
          room.awarenessOwners.set(only.clientId, conn.principal.participantId)
          justPinned = true
        }
        const own = ownAwarenessEntry(entries, conn.awarenessId, presenceOf(conn))
        if (!own) return
        // A client reconnecting to a loaded room repeats the clock its removed state had; lift it
        // past that, or its presence would stay hidden until its next renewal.
        const known = room.awareness.meta.get(conn.awarenessId)?.clock ?? 0
        if (justPinned && own.clock <= known) own.clock = known + 1
        // applyAwarenessUpdate ignores stale clocks, so echoes of our own broadcast end here.
        awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessEntries([own]), conn)
        return
      }
      case 'query-awareness': {
        // S14: a client that does not read what it is sent gets nothing more for asking.
        if (this.outbound.isLagging(conn)) return
        const ids = [...room.awareness.getStates().keys()]
        conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids)))
        return
      }
      case 'auth':
        return
    }
  }

  /**
   * S13: an update threw while Yjs applied it. The document may now be half-changed, and a Yjs
   * document whose transaction failed in its clean-up never emits an update again, so it must never
   * be stored, compacted or served. What it emitted before the failure is valid and pending: store
   * it. Then the room is dropped and every connection closed with room-reset; the clients reconnect
   * to the room loaded afresh from what is stored, and send back what of theirs is missing. The
   * sender is closed for good.
   */
  private resetRoom(room: Room, sender: SyncConnection, error: unknown): void {
    this.resets++
    this.log.error(
      { meetingId: room.meetingId, conn: sender.id, role: sender.principal.role, err: errorSummary(error) },
      'update could not be applied; the room is set back to what is stored',
    )
    this.rooms.delete(room.meetingId)
    this.dirty.delete(room)
    if (room.pending.length > 0) {
      try {
        this.documents.append(room.pending.map((p) => ({ meetingId: room.meetingId, data: p.update })))
      } catch (storeError) {
        this.log.error(
          { meetingId: room.meetingId, updates: room.pending.length, err: errorSummary(storeError) },
          'storing updates before a room reset failed; their senders resend them',
        )
        for (const p of room.pending) p.origin?.close(CloseCodes.notSaved)
      }
      room.pending = []
    }
    sender.close(CloseCodes.malformed)
    for (const conn of room.connections) conn.close(CloseCodes.roomReset)
    room.destroy()
  }

  /**
   * S4a: an update can arrive before the changes it builds on – a reconnecting client sends new
   * keystrokes before its SyncStep2 with what it typed offline. Yjs holds such parts back, and
   * would include them in answers to SyncStep1 although it never emitted (so we never stored)
   * them. While anything is held back, answers wait; the gap is normally filled within
   * milliseconds. If it is not filled in time, or its sender leaves, the held-back parts are
   * dropped and the sender is told its change was not saved (its client resends on reconnect).
   */
  private trackHeldBack(room: Room, conn: SyncConnection, bytes: number): void {
    const store = room.doc.store
    if (store.pendingStructs === null && store.pendingDs === null) {
      if (room.heldBack) this.releaseHeldBack(room)
      return
    }
    if (!room.heldBack) {
      const timer = setTimeout(() => this.dropHeldBack(room, 'gap not filled in time'), this.holdBackMs)
      timer.unref()
      room.heldBack = { conns: new Set(), bytes: 0, timer }
    }
    room.heldBack.conns.add(conn)
    room.heldBack.bytes += bytes
  }

  private releaseHeldBack(room: Room): void {
    if (!room.heldBack) return
    clearTimeout(room.heldBack.timer)
    room.heldBack = undefined
    // Whatever the gap-filling update integrated is pending now; the flush answers the waiting.
    if (room.pending.length === 0) this.answerWaiting(room)
  }

  private dropHeldBack(room: Room, why: string): void {
    const heldBack = room.heldBack
    if (!heldBack) return
    room.doc.store.pendingStructs = null
    room.doc.store.pendingDs = null
    this.log.warn({ meetingId: room.meetingId, bytes: heldBack.bytes, why }, 'dropped held-back update parts')
    this.releaseHeldBack(room)
    for (const conn of heldBack.conns) conn.close(CloseCodes.notSaved)
  }

  private answerWaiting(room: Room): void {
    for (const conn of room.awaitingStep2) {
      const stateVector = conn.pendingStateVector
      conn.pendingStateVector = undefined
      if (stateVector) this.answerStep1(conn, room, stateVector)
    }
    room.awaitingStep2.clear()
  }

  private answerStep1(conn: SyncConnection, room: Room, stateVector: Uint8Array): void {
    if (!conn.isOpen) return
    let diff: Uint8Array
    try {
      diff = Y.encodeStateAsUpdate(room.doc, stateVector)
    } catch {
      return this.reject(conn, CloseCodes.malformed, 'undecodable state vector')
    }
    conn.send(encodeSyncStep2(diff))
  }

  private reject(conn: SyncConnection, closeCode: CloseCode, detail: string): void {
    this.log.warn(
      {
        meetingId: conn.principal.meetingId,
        conn: conn.id,
        role: conn.principal.role,
        code: closeCode.code,
        detail,
      },
      `closing connection: ${closeCode.reason}`,
    )
    conn.close(closeCode)
  }

  private loadRoom(meetingId: string): Room {
    const started = performance.now()
    const room = new Room(meetingId, this.documents.load(meetingId))
    room.frozen = this.isFrozen?.(meetingId) ?? false
    this.onRoomLoaded?.(meetingId, room.doc)
    room.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(room, update, origin))
    // A4a: a change of presence (someone arrives, leaves, moves their caret) is passed on at once;
    // a renewal – the same state with a newer clock, which every client sends every 15 s – is
    // needed by the others only before their 30 s timeout, so renewals are sent together.
    // y-protocols emits 'change' (real changes) just before 'update' (changes and renewals).
    const justChanged = new Set<number>()
    room.awareness.on('change', ({ added, updated, removed }: AwarenessChanges) => {
      const changed = added.concat(updated, removed)
      for (const id of changed) {
        justChanged.add(id)
        room.renewals.delete(id)
      }
      this.sendAwareness(room, changed)
    })
    room.awareness.on('update', ({ updated }: AwarenessChanges) => {
      for (const id of updated) if (!justChanged.has(id)) room.renewals.add(id)
      justChanged.clear()
      if (room.renewals.size > 0 && !room.renewalTimer) {
        room.renewalTimer = setTimeout(() => {
          room.renewalTimer = undefined
          const ids = [...room.renewals].filter((id) => room.awareness.states.has(id))
          room.renewals.clear()
          this.sendAwareness(room, ids)
        }, this.renewalBatchMs)
        room.renewalTimer.unref()
      }
    })
    this.rooms.set(meetingId, room)
    this.log.debug({ meetingId, ms: Math.round((performance.now() - started) * 100) / 100 }, 'room loaded')
    return room
  }

  /** The presence of these client ids, one frame for everyone in the room. */
  private sendAwareness(room: Room, ids: readonly number[]): void {
    if (ids.length === 0) return
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...ids]))
    for (const conn of room.connections) conn.send(frame)
  }

  private onDocUpdate(room: Room, update: Uint8Array, origin: unknown): void {
    room.pending.push({ update, origin: isConnection(origin, room) ? origin : null })
    this.dirty.add(room)
    if (!this.flushScheduled) {
      this.flushScheduled = true
      setImmediate(() => this.flush())
    }
  }

  /**
   * Stores every pending update of every room in one transaction, then broadcasts them (S4). If the
   * store fails, nothing is broadcast, the writers are told (closed with not-saved, so their
   * clients keep their changes and resend them), and the store is retried (S7).
   */
  flush(): void {
    this.flushScheduled = false
    if (this.dirty.size === 0) return
    const rooms = [...this.dirty]
    const batch = rooms.flatMap((room) =>
      room.pending.map((p) => ({ meetingId: room.meetingId, data: p.update })),
    )
    let ids: number[]
    try {
      ids = this.documents.append(batch)
    } catch (error) {
      if (rooms.length === 1) return this.onStoreFailed(rooms, error)
      // One meeting's failure (say, a constraint) must not stop the others being saved.
      return this.flushRoomByRoom(rooms)
    }
    this.dirty.clear()
    this.stored(rooms, ids)
  }

  private flushRoomByRoom(rooms: Room[]): void {
    const failed: Room[] = []
    let lastError: unknown
    for (const room of rooms) {
      try {
        const ids = this.documents.append(
          room.pending.map((p) => ({ meetingId: room.meetingId, data: p.update })),
        )
        this.dirty.delete(room)
        this.stored([room], ids)
      } catch (error) {
        failed.push(room)
        lastError = error
      }
    }
    if (failed.length > 0) this.onStoreFailed(failed, lastError)
  }

  /** After a commit: account, broadcast, answer waiting newcomers, maybe compact. */
  private stored(rooms: readonly Room[], ids: readonly number[]): void {
    let index = 0
    for (const room of rooms) {
      const pending = room.pending
      room.pending = []
      room.unsaved = false
      index += pending.length
      room.lastUpdateId = ids[index - 1]!
      let bytes = 0
      for (const p of pending) bytes += p.update.byteLength
      room.storedBytes += bytes
      room.bytesSinceSnapshot += bytes
      room.rowsSinceSnapshot += pending.length
      this.broadcast(room, pending)
      if (!room.heldBack) this.answerWaiting(room)
      if (
        room.rowsSinceSnapshot >= this.compactAfterRows ||
        room.bytesSinceSnapshot >= this.compactAfterBytes
      ) {
        this.scheduleCompaction(room)
      }
    }
  }

  private onStoreFailed(rooms: Room[], error: unknown): void {
    this.log.error(
      {
        meetings: rooms.map((r) => r.meetingId),
        updates: rooms.reduce((n, r) => n + r.pending.length, 0),
        err: errorSummary(error),
      },
      'storing updates failed; not broadcast, will retry',
    )
    for (const room of rooms) {
      room.unsaved = true
      for (const p of room.pending) p.origin?.close(CloseCodes.notSaved)
    }
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => this.flush(), this.retryDelayMs)
    this.retryTimer.unref()
  }

  /** One frame, encoded once, for everyone in the room but the sender (who already has it). */
  private broadcast(room: Room, pending: readonly PendingUpdate[]): void {
    const first = pending[0]
    if (!first) return
    const sameOrigin = pending.every((p) => p.origin === first.origin) ? first.origin : null
    const update = pending.length === 1 ? first.update : Y.mergeUpdates(pending.map((p) => p.update))
    const frame = encodeSyncUpdate(update)
    for (const conn of room.connections) {
      if (conn !== sameOrigin) conn.send(frame)
    }
  }

  private scheduleCompaction(room: Room): void {
    if (room.compactTimer) return
    room.compactTimer = setTimeout(() => {
      room.compactTimer = undefined
      this.compact(room)
    }, 250)
    room.compactTimer.unref()
  }

  /** Merges the stored log into one snapshot (S8). Only when everything in memory is stored. */
  private compact(room: Room): void {
    if (room.rowsSinceSnapshot === 0) return
    if (room.pending.length > 0 || room.heldBack) return this.scheduleCompaction(room)
    try {
      const snapshot = Y.encodeStateAsUpdate(room.doc)
      // S8: a snapshot replaces the log it covers, so it must load – checked on a fresh document.
      if (!reloadsAs(snapshot, room.doc)) {
        this.log.error({ meetingId: room.meetingId }, 'compaction skipped: the snapshot does not reload')
        return
      }
      this.documents.compact(room.meetingId, snapshot, room.lastUpdateId)
      room.storedBytes = snapshot.byteLength
      room.rowsSinceSnapshot = 0
      room.bytesSinceSnapshot = 0
    } catch (error) {
      // The log still holds everything; compaction is only an optimisation. Try again later.
      this.log.warn({ meetingId: room.meetingId, err: errorSummary(error) }, 'compaction failed')
    }
  }

  private scheduleUnload(room: Room): void {
    clearTimeout(room.unloadTimer)
    room.unloadTimer = setTimeout(() => this.unload(room), this.unloadGraceMs)
    room.unloadTimer.unref()
  }

  private unload(room: Room): void {
    room.unloadTimer = undefined
    if (room.connections.size > 0 || this.rooms.get(room.meetingId) !== room) return
    if (room.pending.length > 0) return this.scheduleUnload(room)
    this.compact(room)
    room.destroy()
    this.rooms.delete(room.meetingId)
    this.log.debug({ meetingId: room.meetingId }, 'room unloaded')
  }
}

interface AwarenessChanges {
  added: number[]
  updated: number[]
  removed: number[]
}

function presenceOf(conn: SyncConnection) {
  return {
    participantId: conn.principal.participantId,
    name: conn.principal.displayName,
    role: conn.principal.role,
  }
}

/** S8: whether a snapshot loads into a fresh document without error, complete, with the same state. */
export function reloadsAs(snapshot: Uint8Array, doc: Y.Doc): boolean {
  const probe = new Y.Doc()
  try {
    Y.applyUpdate(probe, snapshot)
    if (probe.store.pendingStructs !== null || probe.store.pendingDs !== null) return false
    return Buffer.from(Y.encodeStateVector(probe)).equals(Y.encodeStateVector(doc))
  } catch {
    return false
  } finally {
    probe.destroy()
  }
}

function isConnection(origin: unknown, room: Room): origin is SyncConnection {
  return typeof origin === 'object' && origin !== null && room.connections.has(origin as SyncConnection)
}

/**
 * What of an error may be logged. SQLite and system errors (they carry a `code`) say what failed;
 * other errors – a JSON or Yjs error on a client's update – can quote plan content, so only their
 * name is kept.
 */
export function errorSummary(error: unknown): { name: string; code?: string; message?: string } {
  if (!(error instanceof Error)) return { name: typeof error }
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') return { name: error.name, code, message: error.message }
  return { name: error.name }
}
