import type { FastifyBaseLogger } from 'fastify'
import * as Y from 'yjs'
import { SHUTDOWN_COMPACT_MIN_ROWS } from '../../shared/limits'
import { CloseCodes } from '../../shared/protocol'
import type { Stores } from '../db/contract'
import type { Appended } from '../db/documents'
import { errorSummary } from '../log'
import type { PendingUpdate, Room } from './room'

export interface PersistenceOptions {
  documents: Pick<Stores['documents'], 'append' | 'compact'>
  log: FastifyBaseLogger
  /** Delay before retrying a failed store (S7). */
  retryDelayMs: number
  compactAfterRows: number
  compactAfterBytes: number
  /** Group commit: the least time between two stores while updates keep coming (S4). */
  windowMs: number
  /** Updates pending across all rooms that end a window early. */
  maxPendingUpdates: number
  /** How long after passing a threshold compaction runs (S8). */
  compactDelayMs: number
  /** How long a room without connections stays loaded (S9). */
  unloadGraceMs: number
  /**
   * After the commit that stored these updates of the room, as the one row `merged`: only now may
   * they be shown (S4).
   */
  stored: (
    room: Room,
    updates: readonly PendingUpdate[],
    merged: Uint8Array,
    row: { id: number; seq: number },
  ) => void
  /**
   * The database refused the room's pending updates: its plan was locked on another process first
   * (G2, issue 16). They are in the document, stored nowhere, shown to nobody: the room must go.
   */
  refused: (room: Room) => void
  /** The store in flight has settled, committed or not: frames that waited for it may go on (S4). */
  settled: () => void
  /** The room was unloaded and destroyed (S9): forget it. */
  unloaded: (room: Room) => void
}

/**
 * Where the rooms' documents meet the database (S4, S7, S8, S9, S11). What a room's document
 * emits is queued in the room. A store – one transaction with one row per dirty room, the room's
 * queue merged – runs at the end of the turn in which the first update arrived, or, while updates
 * keep coming, `windowMs` after the previous store (group commit, decision 010). At most one store
 * is in flight at a time, so commits – and the broadcasts after them – keep their order; while one
 * is in flight the sync core keeps writers' frames unapplied (SyncService, S4). Only after the
 * commit are the updates handed on to be broadcast. A failed store keeps everything in memory and
 * is retried; compaction and unloading wait until the room's memory is stored.
 */
export class Persistence {
  private readonly dirty = new Set<Room>()
  /** The store to come: at the end of this turn, or when the window ends. */
  private scheduled:
    | { kind: 'turn'; handle: NodeJS.Immediate }
    | { kind: 'window'; handle: NodeJS.Timeout }
    | undefined
  private pendingUpdates = 0
  private lastStoreAt = Number.NEGATIVE_INFINITY
  private retryTimer: NodeJS.Timeout | undefined
  private stopped = false
  /** The store in flight, if any (S4: one at a time). */
  private flight: Promise<void> | undefined
  /** A store was asked for while one was in flight: it runs when that one settles. */
  private again = false

  constructor(private readonly options: PersistenceOptions) {}

  /** A store is in flight: its commit has not answered yet. */
  get busy(): boolean {
    return this.flight !== undefined
  }

  /**
   * Queues what a room's document emitted and schedules the store (S4): at the end of this turn
   * after a quiet spell or once many updates wait, otherwise when the window since the last store
   * ends. After a failed store (S7) a new update triggers a store as before: the other rooms must
   * not wait for the retry of one that fails.
   */
  enqueue(room: Room, update: Uint8Array, origin: unknown): void {
    room.enqueue(update, origin)
    this.dirty.add(room)
    this.pendingUpdates++
    if (this.flight !== undefined) {
      this.again = true
      return
    }
    if (this.scheduled?.kind === 'turn') return
    const wait = this.lastStoreAt + this.options.windowMs - performance.now()
    if (wait <= 0 || this.pendingUpdates >= this.options.maxPendingUpdates) {
      if (this.scheduled) clearTimeout(this.scheduled.handle)
      this.scheduled = { kind: 'turn', handle: setImmediate(() => void this.flush()) }
    } else if (!this.scheduled) {
      // Whole milliseconds, rounded up (libuv's clock may still fire it a little early).
      this.scheduled = { kind: 'window', handle: setTimeout(() => void this.flush(), Math.ceil(wait)) }
    }
  }

  /**
   * Stores every pending update of every room in one transaction, one row per room, then hands
   * them on (S4). If the store fails, nothing is handed on, the writers are told (closed with
   * not-saved, so their clients keep their changes and resend them), and the store is retried (S7).
   * While a store is in flight this one follows when it settles; the promise answers when the
   * store asked for has settled. Never rejects.
   */
  flush(): Promise<void> {
    if (this.flight !== undefined) {
      this.again = true
      return this.flight.then(() => this.flush())
    }
    this.cancelScheduled()
    // A room whose queue was dropped since (S13) has nothing to store.
    const rooms = [...this.dirty].filter((room) => room.pending.length > 0 && !room.isDestroyed)
    if (rooms.length === 0) {
      this.dirty.clear()
      this.pendingUpdates = 0
      return Promise.resolve()
    }
    this.lastStoreAt = performance.now()
    this.flight = this.store(rooms).finally(() => {
      this.flight = undefined
      this.options.settled()
      if (this.again && !this.stopped) {
        this.again = false
        if (this.dirty.size > 0 && !this.scheduled && !this.retryTimer) {
          this.scheduled = { kind: 'turn', handle: setImmediate(() => void this.flush()) }
        }
      }
    })
    return this.flight
  }

  private async store(rooms: readonly Room[]): Promise<void> {
    let rows: StoredRow[]
    let appended: Appended[]
    try {
      rows = rowsOf(rooms)
      appended = await this.options.documents.append(rows)
    } catch (error) {
      if (rooms.length === 1) return this.failed(rooms, error)
      // One meeting's failure (say, a constraint) must not stop the others being saved.
      return this.storeRoomByRoom(rooms)
    }
    rooms.forEach((room, i) => {
      this.committed(room, appended[i]!, rows[i]!)
    })
  }

  private cancelScheduled(): void {
    if (this.scheduled?.kind === 'turn') clearImmediate(this.scheduled.handle)
    else if (this.scheduled) clearTimeout(this.scheduled.handle)
    this.scheduled = undefined
    clearTimeout(this.retryTimer)
    this.retryTimer = undefined
  }

  private async storeRoomByRoom(rooms: readonly Room[]): Promise<void> {
    const failed: Room[] = []
    let lastError: unknown
    for (const room of rooms) {
      try {
        const row = rowsOf([room])[0]!
        const [appended] = await this.options.documents.append([row])
        this.committed(room, appended!, row)
      } catch (error) {
        failed.push(room)
        lastError = error
      }
    }
    if (failed.length > 0) this.failed(failed, lastError)
  }

  /**
   * After a commit stored a room's first pending updates as one row: account, hand on, maybe
   * compact. Or the row was refused, the plan frozen first: the room's pending updates go with it.
   */
  private committed(room: Room, appended: Appended, row: StoredRow): void {
    if (appended === 'frozen') {
      this.dirty.delete(room)
      this.pendingUpdates = Math.max(0, this.pendingUpdates - room.pending.length)
      if (!room.isDestroyed) this.options.refused(room)
      return
    }
    const stored = room.markStored(appended.id, row.data.byteLength, row.count, appended.seq)
    this.pendingUpdates = Math.max(0, this.pendingUpdates - row.count)
    if (room.pending.length === 0) this.dirty.delete(room)
    // A room reset or shut down meanwhile has nobody to show it to; what it stored stays stored.
    if (room.isDestroyed) return
    this.options.stored(room, stored, row.data, appended)
    if (room.needsCompaction(this.options.compactAfterRows, this.options.compactAfterBytes)) {
      this.scheduleCompaction(room)
    }
  }

  private failed(rooms: readonly Room[], error: unknown): void {
    this.options.log.error(
      {
        meetings: rooms.map((r) => r.meetingId),
        updates: rooms.reduce((n, r) => n + r.pending.length, 0),
        err: errorSummary(error),
      },
      'storing updates failed; not broadcast, will retry',
    )
    for (const room of rooms) {
      room.markUnsaved()
      for (const p of room.pending) p.origin?.close(CloseCodes.notSaved)
    }
    this.cancelScheduled()
    this.again = false
    // After shutdown the rooms are gone; what could not be stored was logged there (S11).
    if (this.stopped) return
    this.retryTimer = setTimeout(() => void this.flush(), this.options.retryDelayMs)
    this.retryTimer.unref()
  }

  /**
   * S13: a room is being reset. What its document emitted before the failure is valid: store it,
   * outside the batch, as a store of its own (after the one in flight); if that fails, its senders
   * are told (their clients resend it). The rows are taken now: the room is destroyed right after.
   */
  storeBeforeReset(room: Room): Promise<void> {
    if (this.dirty.delete(room)) this.pendingUpdates = Math.max(0, this.pendingUpdates - room.pending.length)
    if (room.pending.length === 0) return Promise.resolve()
    const rows = rowsOf([room])
    const senders = room.pending.flatMap((p) => (p.origin ? [p.origin] : []))
    const updates = room.pending.length
    const before = this.flight ?? Promise.resolve()
    const store = before
      .then(() => this.options.documents.append(rows))
      .then(
        ([appended]) => {
          // Locked on another process first (G2): not stored, and the senders are told so.
          if (appended === 'frozen') for (const sender of senders) sender.close(CloseCodes.planLocked)
        },
        (storeError: unknown) => {
          this.options.log.error(
            { meetingId: room.meetingId, updates, err: errorSummary(storeError) },
            'storing updates before a room reset failed; their senders resend them',
          )
          for (const sender of senders) sender.close(CloseCodes.notSaved)
        },
      )
    return store
  }

  private scheduleCompaction(room: Room): void {
    room.schedule('compact', this.options.compactDelayMs, () => void this.compact(room))
  }

  /**
   * Merges the stored log into one snapshot (S8). Only when everything in memory is stored; the
   * snapshot covers the rows stored when it is taken, and rows stored while it is written stay.
   */
  private async compact(room: Room): Promise<void> {
    if (room.rowsSinceSnapshot === 0 || room.isDestroyed) return
    if (room.pending.length > 0 || room.holdsBack) return this.scheduleCompaction(room)
    try {
      const snapshot = Y.encodeStateAsUpdate(room.doc)
      // S8: a snapshot replaces the log it covers, so it must load – checked on a fresh document.
      if (!reloadsAs(snapshot, room.doc)) {
        this.options.log.error(
          { meetingId: room.meetingId },
          'compaction skipped: the snapshot does not reload',
        )
        return
      }
      const covered = { rows: room.rowsSinceSnapshot, bytes: room.bytesSinceSnapshot }
      await this.options.documents.compact(room.meetingId, snapshot, room.lastUpdateId)
      room.markCompacted(snapshot.byteLength, covered)
    } catch (error) {
      // The log still holds everything; compaction is only an optimisation. Try again later.
      this.options.log.warn({ meetingId: room.meetingId, err: errorSummary(error) }, 'compaction failed')
    }
  }

  /** S9: the room unloads after the grace period, unless someone connects meanwhile (attach cancels it). */
  scheduleUnload(room: Room): void {
    room.reschedule('unload', this.options.unloadGraceMs, () => void this.unload(room))
  }

  private async unload(room: Room): Promise<void> {
    // A room that was reset or shut down has no timers left, so this room is still the loaded one.
    if (room.connections.size > 0) return
    // S7: a room whose updates are not stored yet does not unload.
    if (room.pending.length > 0) return this.scheduleUnload(room)
    await this.compact(room)
    // Someone connected, or something came, while the snapshot was written: the room stays.
    if (room.isDestroyed || room.connections.size > 0 || room.pending.length > 0) return
    room.destroy()
    this.options.unloaded(room)
    this.options.log.debug({ meetingId: room.meetingId }, 'room unloaded')
  }

  /** S11, first step: no more retries; store what is pending now (after the store in flight). */
  shutdown(): Promise<void> {
    this.stopped = true
    return this.flush()
  }

  /**
   * S11, per room after its connections were closed: a short log loads in a few ms; compacting it
   * would only keep the server down longer, and a quick restart is what brings every device back
   * (docs/performance.md, reconnect storm). So only a long log is compacted.
   */
  async closeAtShutdown(room: Room): Promise<void> {
    if (room.pending.length > 0) {
      this.options.log.error(
        { meetingId: room.meetingId, updates: room.pending.length },
        'unsaved updates at shutdown',
      )
      return
    }
    if (room.rowsSinceSnapshot >= SHUTDOWN_COMPACT_MIN_ROWS) await this.compact(room)
  }
}

export interface StoredRow {
  meetingId: string
  data: Uint8Array
  /** How many of the room's pending updates `data` holds: the first `count`. */
  count: number
}

/**
 * S4: the rows of one transaction – one per room, every pending update of the room merged into one
 * (a single update is stored as it is), in the rooms' order.
 */
export function rowsOf(
  rooms: readonly { meetingId: string; pending: readonly { update: Uint8Array }[] }[],
): StoredRow[] {
  return rooms.map((room) => ({
    meetingId: room.meetingId,
    data:
      room.pending.length === 1 ? room.pending[0]!.update : Y.mergeUpdates(room.pending.map((p) => p.update)),
    count: room.pending.length,
  }))
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
