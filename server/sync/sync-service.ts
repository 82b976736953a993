import type { FastifyBaseLogger } from 'fastify'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import {
  AWARENESS_RENEWAL_BATCH_MS,
  COMPACT_AFTER_BYTES,
  COMPACT_AFTER_ROWS,
  COMPACT_DELAY_MS,
  GROUP_COMMIT_MAX_UPDATES,
  GROUP_COMMIT_WINDOW_MS,
  HELD_BACK_TIMEOUT_MS,
  MAX_DOCUMENT_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_TYPE_NESTING,
  MAX_WAITING_UPDATE_BYTES,
  ROOM_UNLOAD_GRACE_MS,
  SHUTDOWN_CLOSE_WAIT_MS,
  STORE_RETRY_DELAY_MS,
  TOKEN_SWEEP_INTERVAL_MS,
} from '../../shared/limits'
import { type CloseCode, CloseCodes } from '../../shared/protocol'
import type { Stores } from '../db/contract'
import type { StoredDocument } from '../db/documents'
import { errorSummary } from '../log'
import { ANOTHER_PROCESS, PlanFrozenError } from '../plan/document-port'
import { decodeAwarenessUpdate, encodeAwarenessEntries } from './awareness'
import type { SyncConnection } from './connection'
import {
  type ClientFrame,
  decodeClientFrame,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncUpdate,
  MalformedFrameError,
} from './frames'
import { bringsNothingNew } from './frozen'
import { exceedsTypeNesting } from './nesting'
import { OutboundBudget, type OutboundBudgetOptions } from './outbound'
import { Persistence } from './persistence'
import { presenceFrame, receivePresence, removePresence, watchPresence } from './presence'
import { type PendingUpdate, Room } from './room'
import { updateBroadcast } from './steps'
import { TokenSweep } from './token-sweep'

/**
 * What this process tells the others serving the same meetings (issue 16; server/cluster/). Called
 * after the fact: a row after its commit, presence after it was applied here.
 */
export interface ClusterLink {
  /** The meeting's row `id`, its head at `seq`, is committed; `update` is what it holds. */
  stored(meetingId: string, id: number, seq: number, update: Uint8Array): void
  /** A presence change (or renewal) of this process's connections: an awareness update. */
  presence(meetingId: string, update: Uint8Array): void
  /** The room just loaded here: the others send the presence of their connections to it. */
  askPresence(meetingId: string): void
}

export interface SyncServiceOptions {
  documents: Pick<Stores['documents'], 'load' | 'append' | 'compact' | 'setFrozen'>
  log: FastifyBaseLogger
  unloadGraceMs?: number
  /** A4a: how long presence renewals wait to travel together. */
  renewalBatchMs?: number
  compactAfterRows?: number
  compactAfterBytes?: number
  /** Delay before retrying a failed store. */
  retryDelayMs?: number
  /** Group commit window (S4); 0 stores at the end of every turn. */
  groupCommitWindowMs?: number
  /** How long update parts may wait for the changes they build on (S4a). */
  holdBackMs?: number
  /**
   * Which of these link tokens are still valid (neither revoked nor expired). The sweep closes
   * connections of the others (A8); without it only the expiry the principal carries is checked.
   */
  validTokens?: (tokenIds: readonly number[], now: number) => Promise<ReadonlySet<number>>
  /** How often the sweep runs. */
  sweepIntervalMs?: number
  /** Whether a meeting's plan is locked or finalized: a room loads frozen then (G1). */
  isFrozen?: (meetingId: string) => Promise<boolean>
  /** The process-wide budget of bytes queued for sending (S14). */
  outbound?: OutboundBudgetOptions
  /** How long shutdown waits for the clients' answers to its 1001 (S11). */
  shutdownCloseWaitMs?: number
  /** Deepest nesting of shared types an update may create (S13); tests raise it to reach the reset. */
  maxTypeNesting?: number
  /**
   * Called, and awaited, once a room's stored document is loaded, before any connection's frame
   * reaches it: the place to watch parts of the plan the server owns (G14). Its observers go with
   * the document. If it fails, the load fails (S3).
   */
  onRoomLoaded?: (meetingId: string, doc: Y.Doc) => unknown
  /** Other processes serving the same meetings (issue 16); none when this process is alone. */
  cluster?: ClusterLink
}

export class RoomLoadError extends Error {}

/**
 * How long a room another process's lock froze stays frozen although the head still reads "not
 * frozen": that lock's transaction seals the head a moment after its message (C3, C5).
 */
const LOCK_SEAL_GRACE_MS = 10_000

/** The origin of changes the server makes itself (changeDocument). */
const SERVER_ORIGIN = 'server'

/**
 * The rooms of all loaded meetings: the one door through which the rest of the server reaches the
 * live documents. Each room keeps its own invariants (room.ts); storing is persistence.ts,
 * presence presence.ts, the link sweep token-sweep.ts; this file speaks the sync protocol.
 *
 * Hot path for a writer's keystroke (docs/protocol.md S4–S6):
 *   frame → apply to the room's Y.Doc (validates it) → doc 'update' → room's pending
 *   → one transaction for every room, one merged row each: at the end of the turn, or of the
 *     group-commit window under load (Persistence.flush, decision 010)
 *   → broadcast, encoded once.
 * While a store is in flight, writers' frames wait unapplied in their room and are applied, in
 * order, once it settles (S4): the document is always what is stored plus what is pending.
 */
export class SyncService {
  private readonly rooms = new Map<string, Room>()
  /** Rooms being loaded (S3): everyone asking for one meanwhile gets the same load. */
  private readonly loading = new Map<string, Promise<Room>>()
  /** Meetings whose reset room is still storing what it had (S13): a new load waits for it. */
  private readonly resetting = new Map<string, Promise<void>>()
  /** Rooms with writers' frames waiting for the store in flight (S4). */
  private readonly waiting = new Set<Room>()
  private readonly persistence: Persistence
  private readonly tokens: TokenSweep
  private readonly isFrozen: SyncServiceOptions['isFrozen']
  private closing = false
  private readonly documents: SyncServiceOptions['documents']
  private readonly log: FastifyBaseLogger
  private readonly renewalBatchMs: number
  private readonly holdBackMs: number
  private readonly maxTypeNesting: number
  private readonly shutdownCloseWaitMs: number
  private readonly onRoomLoaded: SyncServiceOptions['onRoomLoaded']
  private cluster: ClusterLink | undefined
  /** Rooms reading what other processes stored (issue 16): one read at a time per room. */
  private readonly catchingUp = new Map<Room, Promise<void>>()
  private readonly catchUpAgain = new Set<Room>()
  /**
   * Meetings frozen here by a lock whose transaction may not have sealed the head yet: a head read
   * meanwhile says "not frozen", and must not thaw them (issue 16).
   */
  private readonly lockingHere = new Set<string>()
  /**
   * When each room was frozen by another process's message: its lock's seal commits a moment
   * later, and a head read in between (still "not frozen") must not thaw it (C3).
   */
  private readonly frozenByMessageAt = new Map<string, number>()
  /** Bytes queued for sending, bounded across every socket of the process (S14). */
  readonly outbound: OutboundBudget
  /** Rooms set back to what is stored after an update failed to apply (S13); for operations and tests. */
  resets = 0

  constructor(options: SyncServiceOptions) {
    this.documents = options.documents
    this.log = options.log
    this.renewalBatchMs = options.renewalBatchMs ?? AWARENESS_RENEWAL_BATCH_MS
    this.holdBackMs = options.holdBackMs ?? HELD_BACK_TIMEOUT_MS
    this.isFrozen = options.isFrozen
    this.outbound = new OutboundBudget(options.outbound)
    this.maxTypeNesting = options.maxTypeNesting ?? MAX_TYPE_NESTING
    this.shutdownCloseWaitMs = options.shutdownCloseWaitMs ?? SHUTDOWN_CLOSE_WAIT_MS
    this.onRoomLoaded = options.onRoomLoaded
    this.cluster = options.cluster
    this.persistence = new Persistence({
      documents: options.documents,
      log: options.log,
      retryDelayMs: options.retryDelayMs ?? STORE_RETRY_DELAY_MS,
      windowMs: options.groupCommitWindowMs ?? GROUP_COMMIT_WINDOW_MS,
      maxPendingUpdates: GROUP_COMMIT_MAX_UPDATES,
      compactAfterRows: options.compactAfterRows ?? COMPACT_AFTER_ROWS,
      compactAfterBytes: options.compactAfterBytes ?? COMPACT_AFTER_BYTES,
      compactDelayMs: COMPACT_DELAY_MS,
      unloadGraceMs: options.unloadGraceMs ?? ROOM_UNLOAD_GRACE_MS,
      stored: (room, updates, merged, row) => this.deliver(room, updates, merged, row),
      refused: (room) => this.lockedElsewhere(room),
      settled: () => this.applyWaiting(),
      unloaded: (room) => this.rooms.delete(room.meetingId),
    })
    this.tokens = new TokenSweep({
      log: options.log,
      validTokens: options.validTokens,
      intervalMs: options.sweepIntervalMs ?? TOKEN_SWEEP_INTERVAL_MS,
    })
  }

  get loadedRooms(): number {
    return this.rooms.size
  }

  /** The meetings whose rooms are loaded (the cluster asks their heads). */
  loadedMeetings(): string[] {
    return [...this.rooms.keys()]
  }

  /** Joins the other processes (issue 16); set once, before the first room loads. */
  joinCluster(cluster: ClusterLink): void {
    this.cluster = cluster
  }

  /** For tests and operations: a loaded room, if any. */
  room(meetingId: string): Room | undefined {
    return this.rooms.get(meetingId)
  }

  /**
   * Adds a connection to its meeting's room, loading the room if needed, and starts the sync
   * handshake. Rejects with RoomLoadError (after closing the connection) if the stored document
   * cannot be loaded: an empty document is never served in its place (S3). A connection closed
   * while the room loaded is not added (undefined).
   */
  async attach(conn: SyncConnection): Promise<Room | undefined> {
    // S11: an upgrade that completes while the server shuts down (its link was looked up before)
    // is told to come back: no room is there for it, and an open socket would hold the close.
    if (this.closing) {
      this.sendAway(conn)
      return undefined
    }
    const meetingId = conn.principal.meetingId
    let room = this.rooms.get(meetingId)
    if (!room) {
      try {
        room = await this.loadRoom(meetingId)
      } catch (error) {
        this.log.error({ meetingId, err: errorSummary(error) }, 'document load failed')
        conn.close(CloseCodes.loadFailed)
        throw new RoomLoadError(meetingId)
      }
      if (this.closing) {
        this.sendAway(conn)
        return undefined
      }
      // The client went while its room loaded.
      if (!conn.isOpen) {
        if (room.connections.size === 0 && !this.closing) this.persistence.scheduleUnload(room)
        return undefined
      }
    }
    room.cancel('unload')
    conn.outbound = this.outbound
    room.connections.add(conn)
    this.tokens.add(conn)

    conn.send(encodeSyncStep1(Y.encodeStateVector(room.doc)))
    const ids = [...room.awareness.getStates().keys()]
    if (ids.length > 0) conn.send(presenceFrame(room.awareness, ids))
    return room
  }

  /** S11: 1001, come back later; a client that does not answer is cut off after the wait. */
  private sendAway(conn: SyncConnection): void {
    conn.close(CloseCodes.goingAway)
    setTimeout(() => conn.socket.terminate(), this.shutdownCloseWaitMs).unref()
  }

  detach(conn: SyncConnection, room: Room): void {
    this.tokens.remove(conn)
    room.remove(conn)
    // A room that was reset (S13) is gone already: nothing of it is to be kept or scheduled.
    if (room.isDestroyed) return
    if (room.isHoldingBackFrom(conn)) this.dropHeldBack(room, 'sender left')
    removePresence(room, conn)
    if (room.connections.size === 0 && !this.closing) this.persistence.scheduleUnload(room)
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
    // S4: while a store is in flight a writer's change waits, unapplied, for it to settle.
    if (
      (frame.kind === 'sync-step2' || frame.kind === 'sync-update') &&
      conn.writable &&
      this.persistence.busy
    ) {
      if (!room.wait({ conn, frame }, MAX_WAITING_UPDATE_BYTES))
        return this.reject(conn, CloseCodes.notSaved, 'too much waiting for the store in flight')
      this.waiting.add(room)
      return
    }
    this.handleFrame(conn, room, frame)
  }

  /** S4: the store in flight settled; the writers' frames that waited are applied, in order. */
  private applyWaiting(): void {
    const rooms = [...this.waiting]
    this.waiting.clear()
    for (const room of rooms) {
      for (const { conn, frame } of room.takeWaiting()) {
        if (room.isDestroyed) break
        if (conn.isClosed) continue
        this.handleFrame(conn, room, frame)
      }
    }
  }

  private handleFrame(conn: SyncConnection, room: Room, frame: ClientFrame): void {
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
  async changeDocument(meetingId: string, change: (doc: Y.Doc) => void): Promise<boolean> {
    const room = await this.loadedOrLoad(meetingId)
    // G1: a frozen plan changes for nobody, the server included. The roster catches up on unlock.
    if (room.frozen) return false
    room.doc.transact(() => change(room.doc), SERVER_ORIGIN)
    return true
  }

  /**
   * Locks a meeting's plan (G1): `lastChange` (the roster, G14) is made and the room frozen in one
   * step – from then on no update is applied, from anyone – and what is applied is stored. Answers
   * the room, whose document is then exactly what is stored. Rejects (and stays unfrozen) if the
   * pending updates cannot be stored, or if the plan is frozen already.
   */
  async freeze(meetingId: string, lastChange?: (doc: Y.Doc) => void): Promise<Room> {
    const room = await this.loadedOrLoad(meetingId)
    if (room.frozen) throw new PlanFrozenError()
    if (lastChange) room.doc.transact(() => lastChange(room.doc), SERVER_ORIGIN)
    room.frozen = true
    this.lockingHere.add(meetingId)
    // Parts waiting for a gap can no longer be completed: drop them, their senders are told.
    this.dropHeldBack(room, 'plan locked')
    await this.persistence.flush()
    if (room.pending.length > 0 || room.isDestroyed) {
      room.frozen = false
      this.lockingHere.delete(meetingId)
      throw new Error('pending updates could not be stored')
    }
    return room
  }

  /**
   * G1, G2 across processes, inside the lock's transaction after freeze(): the meeting's head is
   * frozen – the database refuses every later append, whichever process makes it – and what other
   * processes stored before is read and applied. Answers the room: the version is taken from it.
   */
  async seal(meetingId: string): Promise<Room> {
    const room = this.rooms.get(meetingId)
    if (!room?.frozen) throw new Error('the plan must be frozen here before it is sealed')
    // Another process's lock sealed it first (two chairs' tabs on two processes): this one is a repeat.
    if (!(await this.documents.setFrozen(meetingId, true))) throw new PlanFrozenError()
    const read = await this.documents.load(meetingId, room.lastUpdateId)
    if (room.isDestroyed) throw new Error('the room was reset while the plan was sealed')
    this.applyRead(room, read)
    return room
  }

  /** Unlocks a meeting's plan (G6): updates are applied again. */
  thaw(meetingId: string): void {
    this.lockingHere.delete(meetingId)
    const room = this.rooms.get(meetingId)
    if (room) room.frozen = false
  }

  /**
   * Another process locked (or unlocked) the meeting's plan (issue 16). The database refuses this
   * process's appends of it already; freezing the room here refuses the edits visibly (G2).
   */
  frozenElsewhere(meetingId: string, frozen: boolean): void {
    if (!frozen) this.lockingHere.delete(meetingId)
    if (frozen) this.frozenByMessageAt.set(meetingId, performance.now())
    else this.frozenByMessageAt.delete(meetingId)
    const room = this.rooms.get(meetingId)
    if (!room || room.frozen === frozen) return
    room.frozen = frozen
    if (frozen) this.dropHeldBack(room, 'plan locked')
  }

  /**
   * Another process committed the meeting's row `id`, its head at `seq` (issue 16). Applied here
   * and shown at once – it is stored – if it is the next one the room lacks; if the room has it
   * already, nothing; if rows came between, they are read from the log.
   */
  storedElsewhere(meetingId: string, id: number, seq: number, update: Uint8Array): void {
    const room = this.rooms.get(meetingId)
    if (!room || seq <= room.seq) return
    if (seq !== room.seq + 1 || room.behind) {
      void this.catchUp(meetingId)
      return
    }
    if (!this.applyStored(room, update)) return
    room.markStoredElsewhere(id, seq, update.byteLength)
    this.afterRow(room)
  }

  /**
   * The meeting's head as PostgreSQL has it now (the cluster's poll, issue 16): a seq ahead of the
   * room's means rows it was not told of; a frozen flag that differs, a lock or unlock it missed.
   */
  headRead(meetingId: string, head: { seq: number; frozen: boolean }): void {
    // A lock taken here has committed once its head reads frozen: from then on the head decides.
    if (head.frozen) {
      this.lockingHere.delete(meetingId)
      this.frozenByMessageAt.delete(meetingId)
    }
    const room = this.rooms.get(meetingId)
    if (!room) return
    if (head.seq > room.seq) void this.catchUp(meetingId)
    if (head.frozen === room.frozen || this.lockingHere.has(meetingId)) return
    const frozenAt = this.frozenByMessageAt.get(meetingId)
    // Frozen by another process's lock whose seal may not have committed yet: not thawed so soon.
    if (!head.frozen && frozenAt !== undefined && performance.now() - frozenAt < LOCK_SEAL_GRACE_MS) return
    this.frozenElsewhere(meetingId, head.frozen)
  }

  /**
   * C4: the presence of this process's connections to a meeting, as one awareness update (for a
   * process that just loaded the room); undefined when none is here.
   */
  presenceHere(meetingId: string): Uint8Array | undefined {
    const room = this.rooms.get(meetingId)
    if (!room) return undefined
    const ids: number[] = []
    for (const conn of room.connections) {
      if (conn.awarenessId !== undefined && room.awareness.states.has(conn.awarenessId))
        ids.push(conn.awarenessId)
    }
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids) : undefined
  }

  /** Presence from another process's connections (issue 16): applied, passed on here, not back. */
  presenceElsewhere(meetingId: string, update: Uint8Array): void {
    const room = this.rooms.get(meetingId)
    if (!room) return
    try {
      // A client that moved here from that process is ours now: what that process says of it
      // (its old socket closing late) is not.
      const entries = decodeAwarenessUpdate(update).filter((entry) => !room.holdsAwarenessId(entry.clientId))
      if (entries.length === 0) return
      awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessEntries(entries), ANOTHER_PROCESS)
    } catch (error) {
      this.log.warn({ meetingId, err: errorSummary(error) }, 'presence from another process did not apply')
    }
  }

  /**
   * Reads what other processes stored after what the room holds, and applies it (issue 16): when an
   * append or a notification shows a gap, when Redis was lost, and when a head's seq says so. One
   * read per room at a time; asked again meanwhile, it reads once more after.
   */
  catchUp(meetingId: string): Promise<void> {
    const room = this.rooms.get(meetingId)
    if (!room) return Promise.resolve()
    const running = this.catchingUp.get(room)
    if (running !== undefined) {
      this.catchUpAgain.add(room)
      return running
    }
    const run = this.readAndApply(room)
      .catch((error: unknown) => {
        this.log.error({ meetingId, err: errorSummary(error) }, 'catching up from the log failed')
      })
      .finally(() => {
        this.catchingUp.delete(room)
        if (this.catchUpAgain.delete(room) && !room.isDestroyed) void this.catchUp(meetingId)
      })
    this.catchingUp.set(room, run)
    return run
  }

  private async readAndApply(room: Room): Promise<void> {
    let read: StoredDocument
    try {
      read = await this.documents.load(room.meetingId, room.lastUpdateId)
    } catch (error) {
      // The next notification, append or poll asks again.
      this.log.warn(
        { meetingId: room.meetingId, err: errorSummary(error) },
        'catching up from the log failed',
      )
      return
    }
    if (room.isDestroyed || this.rooms.get(room.meetingId) !== room) return
    this.applyRead(room, read)
    if (read.frozen && !room.frozen) this.frozenElsewhere(room.meetingId, true)
  }

  /** Applies a read of the log to the room (what it lacked), and notes what it now holds. */
  private applyRead(room: Room, read: StoredDocument): void {
    if (read.parts.length > 0 && !this.applyStored(room, read.parts)) return
    room.markCaughtUp(read)
  }

  /**
   * Applies stored bytes to a room's document with the origin ANOTHER_PROCESS: shown at once
   * (S4 holds: they are committed), not stored again. False if they did not apply – a stored row
   * that breaks Yjs – and the room was reset.
   */
  private applyStored(room: Room, parts: Uint8Array | readonly Uint8Array[]): boolean {
    try {
      const update =
        parts instanceof Uint8Array ? parts : parts.length === 1 ? parts[0]! : Y.mergeUpdates([...parts])
      Y.applyUpdate(room.doc, update, ANOTHER_PROCESS)
    } catch (error) {
      this.resetRoom(room, undefined, error)
      return false
    }
    // G2a compares with the frozen state: take it afresh.
    if (room.frozen) room.frozen = true
    return true
  }

  /** After a row is noted: whether rows of other processes are missing, and whether to compact. */
  private afterRow(room: Room): void {
    if (room.behind) void this.catchUp(room.meetingId)
  }

  /** Sends one of our own frames (the meetingState, G8) to every connection of a loaded room. */
  sendToRoom(meetingId: string, frame: Uint8Array): number {
    const room = this.rooms.get(meetingId)
    if (!room) return 0
    room.send(frame)
    return room.connections.size
  }

  /** Closes every connection opened with this token, e.g. when its link is revoked (A5). */
  closeToken(tokenId: number, closeCode: CloseCode = CloseCodes.unauthorized): number {
    return this.tokens.closeToken(tokenId, closeCode)
  }

  /**
   * Closes, with unauthorized, every connection whose link has expired or been revoked since it
   * connected (A8). Runs every sweep interval; revocation through the API closes at once (A5).
   * Returns how many connections were closed.
   */
  sweep(now = Date.now()): Promise<number> {
    return this.tokens.sweep(now)
  }

  /** Stores what is pending now rather than at the end of this turn (S4); for tests. */
  flush(): Promise<void> {
    return this.persistence.flush()
  }

  /**
   * Stores what is pending, closes every connection and unloads every room (graceful shutdown,
   * S11). The sockets whose clients have not answered the 1001 within shutdownCloseWaitMs are
   * ended then: the server's close waits for every socket, and a client that does not read (a
   * frozen tab) would hold the restart for ws's 30 s close timeout.
   */
  async shutdown(): Promise<void> {
    this.closing = true
    this.tokens.stop()
    this.outbound.close()
    const closed: SyncConnection[] = []
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) {
        conn.close(CloseCodes.goingAway)
        closed.push(conn)
      }
    }
    if (closed.length > 0) {
      setTimeout(() => {
        for (const conn of closed) conn.socket.terminate()
      }, this.shutdownCloseWaitMs).unref()
    }
    // What was applied, and what waited for the store in flight, is stored before anything closes.
    await this.persistence.shutdown()
    await this.persistence.flush()
    await Promise.allSettled([...this.loading.values(), ...this.resetting.values()])
    for (const room of this.rooms.values()) {
      await this.persistence.closeAtShutdown(room)
      room.destroy()
    }
    this.rooms.clear()
  }

  private handle(conn: SyncConnection, room: Room, frame: ClientFrame): void {
    switch (frame.kind) {
      case 'sync-step1': {
        if (!conn.step1Rate.take())
          return this.reject(conn, CloseCodes.rateLimited, 'sync step 1 rate exceeded')
        // Never show anyone anything that is not stored yet (S5): the room answers after the flush.
        if (!room.answerStep1(conn, frame.stateVector))
          return this.reject(conn, CloseCodes.malformed, 'undecodable state vector')
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
        if (
          !room.frozen &&
          room.storedBytes + room.pendingBytes + room.heldBackBytes + frame.update.byteLength >
            MAX_DOCUMENT_BYTES
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
        // – never the raw client bytes – is what gets stored (Persistence.enqueue).
        const queued = room.pending.length
        try {
          Y.applyUpdate(room.doc, frame.update, conn)
        } catch (error) {
          // Whatever this update's transaction emitted before it threw is not kept either.
          room.dropPendingFrom(queued)
          return this.resetRoom(room, conn, error)
        }
        this.trackHeldBack(room, conn, frame.update.byteLength)
        return
      }
      case 'awareness':
        return receivePresence(room, conn, frame.update)
      case 'query-awareness': {
        // S14: a client that does not read what it is sent gets nothing more for asking.
        if (this.outbound.isLagging(conn)) return
        conn.send(presenceFrame(room.awareness, [...room.awareness.getStates().keys()]))
        return
      }
      case 'auth':
        return
    }
  }

  /**
   * After a commit (S4): one frame for everyone but the sender (S6), the other processes told, then
   * the waiting answers (S5).
   */
  private deliver(
    room: Room,
    updates: readonly PendingUpdate[],
    merged: Uint8Array,
    row: { id: number; seq: number },
  ): void {
    const broadcast = updateBroadcast(updates, merged)
    if (broadcast) room.send(broadcast.frame, broadcast.except)
    this.cluster?.stored(room.meetingId, row.id, row.seq, merged)
    this.afterRow(room)
    // Only once nothing unstored is left: the server may have changed the plan while it was stored.
    if (room.mayAnswerStep1) this.answerWaiting(room)
  }

  /**
   * S13: an update threw while Yjs applied it. The document may now be half-changed, and a Yjs
   * document whose transaction failed in its clean-up never emits an update again, so it must never
   * be stored, compacted or served. What earlier updates emitted is valid and pending: store it
   * (what the failing one emitted was dropped before). Then the room is dropped and every connection closed with room-reset; the clients reconnect
   * to the room loaded afresh from what is stored, and send back what of theirs is missing. The
   * sender is closed for good.
   */
  private resetRoom(room: Room, sender: SyncConnection | undefined, error: unknown): void {
    this.resets++
    this.log.error(
      { meetingId: room.meetingId, conn: sender?.id, role: sender?.principal.role, err: errorSummary(error) },
      'update could not be applied; the room is set back to what is stored',
    )
    this.rooms.delete(room.meetingId)
    this.waiting.delete(room)
    const { meetingId } = room
    const stored = this.persistence.storeBeforeReset(room).finally(() => {
      if (this.resetting.get(meetingId) === stored) this.resetting.delete(meetingId)
    })
    this.resetting.set(meetingId, stored)
    sender?.close(CloseCodes.malformed)
    for (const conn of room.connections) conn.close(CloseCodes.roomReset)
    room.destroy()
  }

  /**
   * The database refused the room's pending updates: another process locked the plan first (G2,
   * issue 16). They are in this document only – stored nowhere, shown to nobody – so the document
   * goes: their senders are closed with plan-locked (4423), everyone else with room-reset, and
   * the room loads again, frozen, from what is stored.
   */
  private lockedElsewhere(room: Room): void {
    this.log.warn(
      { meetingId: room.meetingId, updates: room.pending.length },
      'updates refused: the plan was locked on another process; the room loads again',
    )
    this.rooms.delete(room.meetingId)
    this.waiting.delete(room)
    for (const p of room.pending) p.origin?.close(CloseCodes.planLocked)
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
    const expire = () => this.dropHeldBack(room, 'gap not filled in time')
    if (room.noteHeldBack(conn, bytes, this.holdBackMs, expire)) return
    // Whatever the gap-filling update integrated is pending now; the flush answers the waiting.
    if (room.releaseHeldBack() && room.mayAnswerStep1) this.answerWaiting(room)
  }

  private dropHeldBack(room: Room, why: string): void {
    const dropped = room.dropHeldBack()
    if (!dropped) return
    this.log.warn({ meetingId: room.meetingId, bytes: dropped.bytes, why }, 'dropped held-back update parts')
    if (room.mayAnswerStep1) this.answerWaiting(room)
    for (const conn of dropped.senders) conn.close(CloseCodes.notSaved)
  }

  private answerWaiting(room: Room): void {
    for (const conn of room.answerWaiting()) {
      this.reject(conn, CloseCodes.malformed, 'undecodable state vector')
    }
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

  /** The loaded room, or the room loaded now; one loaded only for this unloads after the grace (S9). */
  private async loadedOrLoad(meetingId: string): Promise<Room> {
    const loaded = this.rooms.get(meetingId)
    if (loaded) return loaded
    const room = await this.loadRoom(meetingId)
    if (room.connections.size === 0) this.persistence.scheduleUnload(room)
    return room
  }

  /** S3: one load per meeting at a time; whoever asks meanwhile waits for the same room. */
  private loadRoom(meetingId: string): Promise<Room> {
    const loading = this.loading.get(meetingId)
    if (loading) return loading
    const load = this.load(meetingId).finally(() => this.loading.delete(meetingId))
    this.loading.set(meetingId, load)
    return load
  }

  private async load(meetingId: string): Promise<Room> {
    const started = performance.now()
    // S13: what a reset room had must be stored before the room is loaded again.
    await this.resetting.get(meetingId)
    const stored = await this.documents.load(meetingId)
    const frozen = (await this.isFrozen?.(meetingId)) ?? false
    if (this.closing) throw new Error('the server is shutting down')
    const room = new Room(meetingId, stored)
    room.frozen = frozen || stored.frozen
    try {
      await this.onRoomLoaded?.(meetingId, room.doc)
      if (this.closing) throw new Error('the server is shutting down')
    } catch (error) {
      room.destroy()
      throw error
    }
    room.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // Stored by another process: shown now. Unless Yjs held parts back for a gap that this
      // filled – then what it emits holds never-stored parts too, and goes the way of a writer's.
      if (origin === ANOTHER_PROCESS && !room.holdsBack) room.send(encodeSyncUpdate(update))
      else this.persistence.enqueue(room, update, origin)
    })
    // Alone, nothing is told: no awareness update is encoded for nobody.
    const { cluster } = this
    watchPresence(room, this.renewalBatchMs, cluster && ((update) => cluster.presence(meetingId, update)))
    this.rooms.set(meetingId, room)
    // Messages about the meeting that came while it loaded were not for a room yet (C2, C3), and
    // the people on other processes would show only at their next renewal (C4).
    if (this.cluster) {
      void this.catchUp(meetingId)
      this.cluster.askPresence(meetingId)
    }
    this.log.debug({ meetingId, ms: Math.round((performance.now() - started) * 100) / 100 }, 'room loaded')
    return room
  }
}
