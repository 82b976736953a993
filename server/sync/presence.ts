import * as awarenessProtocol from 'y-protocols/awareness'
import { ANOTHER_PROCESS } from '../plan/document-port'
import { decodeAwarenessUpdate, encodeAwarenessEntries, ownAwarenessEntry } from './awareness'
import type { SyncConnection } from './connection'
import { encodeAwareness } from './frames'
import type { Room } from './room'

/**
 * Presence (docs/protocol.md A3, A4a): who is in a room, as the server's records say, passed on
 * at once when it changes and in batches when it is only renewed.
 */

/** One frame with the presence of these client ids. */
export function presenceFrame(awareness: awarenessProtocol.Awareness, ids: readonly number[]): Uint8Array {
  return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [...ids]))
}

/**
 * A3: a connection's awareness message. Its first message with exactly one entry – its own
 * announcement; echoes of others usually come several at a time – pins that client id to the
 * connection, if nobody else has or had it. Only the pinned entry is applied, with the name and
 * role from the server's records; every other entry is dropped.
 */
export function receivePresence(room: Room, conn: SyncConnection, update: Uint8Array): void {
  const entries = decodeAwarenessUpdate(update)
  let pinned = conn.awarenessId
  let justPinned = false
  if (pinned === undefined) {
    const [only] = entries
    if (entries.length !== 1 || !only || !room.pinAwarenessId(conn, only.clientId)) return
    pinned = only.clientId
    justPinned = true
  }
  const own = ownAwarenessEntry(entries, pinned, {
    participantId: conn.principal.participantId,
    name: conn.principal.displayName,
    role: conn.principal.role,
  })
  if (!own) return
  // A client reconnecting to a loaded room repeats the clock its removed state had; lift it past
  // that, or its presence would stay hidden until its next renewal.
  const known = room.awareness.meta.get(pinned)?.clock ?? 0
  if (justPinned && own.clock <= known) own.clock = known + 1
  // applyAwarenessUpdate ignores stale clocks, so echoes of our own broadcast end here.
  awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessEntries([own]), conn)
}

/** A3: on disconnect the connection's pinned presence is removed (and everyone is told at once). */
export function removePresence(room: Room, conn: SyncConnection): void {
  if (conn.awarenessId !== undefined && room.awareness.getStates().has(conn.awarenessId)) {
    awarenessProtocol.removeAwarenessStates(room.awareness, [conn.awarenessId], 'server')
  }
}

interface AwarenessChanges {
  added: number[]
  updated: number[]
  removed: number[]
}

/**
 * A4a: passes a room's presence on. A change (someone arrives, leaves, moves their caret) goes at
 * once; a renewal – the same state with a newer clock, which every client sends every 15 s – is
 * needed by the others only before their 30 s timeout, so renewals wait up to `batchMs` and travel
 * together. The batch timer is the room's and ends with it. What this process's connections
 * change or renew goes to `elsewhere` too, at once (the other processes, issue 16); what came from
 * another process does not go back.
 */
export function watchPresence(room: Room, batchMs: number, elsewhere?: (update: Uint8Array) => void): void {
  const batch = new RenewalBatch()
  const send = (ids: readonly number[]) => {
    if (ids.length > 0) room.send(presenceFrame(room.awareness, ids))
  }
  room.awareness.on('change', ({ added, updated, removed }: AwarenessChanges) => {
    const changed = added.concat(updated, removed)
    batch.changed(changed)
    send(changed)
  })
  room.awareness.on('update', ({ added, updated, removed }: AwarenessChanges, origin: unknown) => {
    if (elsewhere && origin !== ANOTHER_PROCESS) {
      elsewhere(awarenessProtocol.encodeAwarenessUpdate(room.awareness, added.concat(updated, removed)))
    }
    if (!batch.updated(updated)) return
    room.schedule('renewals', batchMs, () => send(batch.take((id) => room.awareness.states.has(id))))
  })
}

/**
 * A4a, the decision alone: which updated client ids are renewals waiting to be passed on.
 * y-protocols emits 'change' (real changes) just before 'update' (changes and renewals) for the
 * same message, so an id updated without a change just before is a renewal.
 */
export class RenewalBatch {
  private readonly justChanged = new Set<number>()
  private readonly waiting = new Set<number>()

  /** These ids changed for real and are passed on now; a renewal of theirs waiting is covered by it. */
  changed(ids: readonly number[]): void {
    for (const id of ids) {
      this.justChanged.add(id)
      this.waiting.delete(id)
    }
  }

  /** These ids were updated; those not just changed are renewals. Returns whether any renewal waits. */
  updated(ids: readonly number[]): boolean {
    for (const id of ids) if (!this.justChanged.has(id)) this.waiting.add(id)
    this.justChanged.clear()
    return this.waiting.size > 0
  }

  /** The batch is due: the waiting renewals of ids still present; nothing waits after it. */
  take(isPresent: (id: number) => boolean): number[] {
    const ids = [...this.waiting].filter(isPresent)
    this.waiting.clear()
    return ids
  }
}
