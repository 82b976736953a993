import type { FastifyBaseLogger } from 'fastify'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import {
  COMPACT_AFTER_BYTES,
  COMPACT_AFTER_ROWS,
  MAX_DOCUMENT_BYTES,
  MAX_MESSAGE_BYTES,
  ROOM_UNLOAD_GRACE_MS,
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
import { type PendingUpdate, Room } from './room'

export interface SyncServiceOptions {
  documents: DocumentStore
  log: FastifyBaseLogger
  unloadGraceMs?: number
  compactAfterRows?: number
  compactAfterBytes?: number
  /** Delay before retrying a failed store. */
  retryDelayMs?: number
}

export class RoomLoadError extends Error {}

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
  private closing = false
  private readonly documents: DocumentStore
  private readonly log: FastifyBaseLogger
  private readonly unloadGraceMs: number
  private readonly compactAfterRows: number
  private readonly compactAfterBytes: number
  private readonly retryDelayMs: number

  constructor(options: SyncServiceOptions) {
    this.documents = options.documents
    this.log = options.log
    this.unloadGraceMs = options.unloadGraceMs ?? ROOM_UNLOAD_GRACE_MS
    this.compactAfterRows = options.compactAfterRows ?? COMPACT_AFTER_ROWS
    this.compactAfterBytes = options.compactAfterBytes ?? COMPACT_AFTER_BYTES
    this.retryDelayMs = options.retryDelayMs ?? 1000
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
    room.connections.delete(conn)
    const tokenConns = this.byToken.get(conn.principal.tokenId)
    tokenConns?.delete(conn)
    if (tokenConns?.size === 0) this.byToken.delete(conn.principal.tokenId)
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

  /** Closes every connection opened with this token, e.g. when its link is revoked. */
  closeToken(tokenId: number, closeCode: CloseCode = CloseCodes.unauthorized): number {
    const conns = [...(this.byToken.get(tokenId) ?? [])]
    for (const conn of conns) conn.close(closeCode)
    return conns.length
  }

  /** Stores what is pending, closes every connection and unloads every room (graceful shutdown). */
  shutdown(): void {
    this.closing = true
    clearTimeout(this.retryTimer)
    this.flush()
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) conn.close(CloseCodes.goingAway)
      if (room.pending.length === 0) this.compact(room)
      else
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
        const answer = () => {
          if (!conn.isOpen) return
          let diff: Uint8Array
          try {
            diff = Y.encodeStateAsUpdate(room.doc, frame.stateVector)
          } catch {
            return this.reject(conn, CloseCodes.malformed, 'undecodable state vector')
          }
          conn.send(encodeSyncStep2(diff))
        }
        // Never show a newcomer anything that is not stored yet (S5).
        if (room.pending.length > 0) room.afterFlush.push(answer)
        else answer()
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
        if (room.storedBytes + room.pendingBytes + frame.update.byteLength > MAX_DOCUMENT_BYTES) {
          return this.reject(conn, CloseCodes.documentTooLarge, 'document size limit')
        }
        // Applying is the validation: Yjs emits 'update' with exactly what it integrated, and that
        // – never the raw client bytes – is what gets stored (onDocUpdate).
        Y.applyUpdate(room.doc, frame.update, conn)
        return
      }
      case 'awareness': {
        const entries = decodeAwarenessUpdate(frame.update)
        if (conn.awarenessId === undefined) {
          // A1: pin the first client id this connection speaks for that nobody else in the room uses.
          const free = entries.find((e) => !room.awarenessIdTaken(e.clientId, conn))
          if (!free) return
          conn.awarenessId = free.clientId
        }
        const own = ownAwarenessEntry(entries, conn.awarenessId, presenceOf(conn))
        // applyAwarenessUpdate ignores stale clocks, so echoes of our own broadcast end here.
        if (own) awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessEntries([own]), conn)
        return
      }
      case 'query-awareness': {
        const ids = [...room.awareness.getStates().keys()]
        conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids)))
        return
      }
      case 'auth':
        return
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

  private loadRoom(meetingId: string): Room {
    const started = performance.now()
    const room = new Room(meetingId, this.documents.load(meetingId))
    room.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(room, update, origin))
    room.awareness.on('update', ({ added, updated, removed }: AwarenessChanges) => {
      const changed = added.concat(updated, removed)
      const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed))
      for (const conn of room.connections) conn.send(frame)
    })
    this.rooms.set(meetingId, room)
    this.log.debug({ meetingId, ms: Math.round((performance.now() - started) * 100) / 100 }, 'room loaded')
    return room
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
      this.onStoreFailed(rooms, error)
      return
    }
    this.dirty.clear()
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
      const waiting = room.afterFlush
      room.afterFlush = []
      for (const run of waiting) run()
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
    if (room.pending.length > 0) return this.scheduleCompaction(room)
    try {
      const snapshot = Y.encodeStateAsUpdate(room.doc)
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

function isConnection(origin: unknown, room: Room): origin is SyncConnection {
  return typeof origin === 'object' && origin !== null && room.connections.has(origin as SyncConnection)
}

/** Error code and message only: never a stack with data in it, never plan content. */
export function errorSummary(error: unknown): { code?: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return { ...(typeof code === 'string' ? { code } : {}), message: error.message }
  }
  return { message: String(error) }
}
