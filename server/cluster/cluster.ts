/**
 * Several processes serving the same meetings (issue 16; docs/architecture.md "Several
 * processes", docs/protocol.md C1–C6). PostgreSQL orders and stores every update; this file only
 * tells the other processes what happened, over the Redis bus (bus.ts), and catches up from
 * PostgreSQL when a message may have been missed:
 * - `doc`: "meeting m has row id, its head at seq", with the row's bytes – the others apply
 *   it at once if it is the next one they lack, or read the log after what they hold (C2);
 * - `aw`: presence of a process's connections (C4);
 * - `ctl`: a lock or unlock (frozen), the meeting state (G8), links to disconnect (A5, A6).
 * Every CLUSTER_POLL_INTERVAL_MS, and whenever the bus is back after an outage, the heads of the
 * loaded meetings are read: a seq ahead of a room's means it missed something (C3).
 */

import type { FastifyBaseLogger } from 'fastify'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { z } from 'zod'
import { CLUSTER_POLL_INTERVAL_MS } from '../../shared/limits'
import { type MeetingState, MeetingStateSchema } from '../../shared/schemas/signoff'
import type { Stores } from '../db/contract'
import { errorSummary } from '../log'
import {
  type DisconnectWhy,
  disconnectHere,
  type OtherProcesses,
  sendMeetingState,
} from '../plan/sync-documents'
import type { ClusterLink, SyncService } from '../sync/sync-service'
import type { Bus } from './bus'

/**
 * The channels of one installation: `installation` keeps two installations on one Redis (pub/sub
 * ignores Redis's database number), or two tests, from hearing each other.
 */
export function channelsOf(installation: string) {
  return {
    doc: `sip:${installation}:doc`,
    presence: `sip:${installation}:aw`,
    control: `sip:${installation}:ctl`,
  } as const
}

/**
 * How long after Redis is back (this process's subscriber again listening) the kept control
 * messages are sent: the other processes' subscribers reconnect with the same back-off, at most
 * 2 s apart (ioredis's default), and pub/sub keeps nothing for one that is not listening yet.
 */
const RESEND_AFTER_MS = 4_000

/** Control messages kept while Redis is away (C6), at most; the oldest go first. */
const MAX_UNSENT_CONTROL = 10_000

const ControlSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('frozen'), meetingId: z.string(), frozen: z.boolean() }),
  z.object({ kind: z.literal('presence?'), meetingId: z.string() }),
  z.object({ kind: z.literal('state'), meetingId: z.string(), state: MeetingStateSchema }),
  z.object({
    kind: z.literal('disconnect'),
    tokenIds: z.array(z.number().int()).max(10_000),
    why: z.enum(['revoked', 'reconnect', 'sip-closed']),
  }),
])
type Control = z.infer<typeof ControlSchema>

export interface ClusterOptions {
  bus: Bus
  /** What the installation's processes share and no other installation has (channelsOf). */
  installation: string
  sync: SyncService
  documents: Pick<Stores['documents'], 'heads'>
  log: FastifyBaseLogger
  pollIntervalMs?: number
}

export interface Cluster extends OtherProcesses {
  /**
   * Sends what waited for Redis, reads the heads of the loaded meetings and catches up where one
   * is ahead: every poll interval and when Redis is back; now, for tests and operations.
   */
  poll(): Promise<void>
  /** Stops listening and polling, without waiting for Redis; the bus is closed by its owner. */
  leave(): Promise<void>
}

/** Joins this process's sync core to the others': listens, tells, polls. */
export async function joinCluster({
  bus,
  installation,
  sync,
  documents,
  log,
  pollIntervalMs = CLUSTER_POLL_INTERVAL_MS,
}: ClusterOptions): Promise<Cluster> {
  const CHANNELS = channelsOf(installation)
  const publish = (channel: string, payload: Uint8Array) => {
    bus.publish(channel, payload).catch(() => false)
  }
  // C6: a control message has no record in PostgreSQL to catch up from, so one that could not be
  // sent (Redis away) is kept, in order and bounded, and sent when Redis answers again.
  const unsent: Buffer[] = []
  let droppedSinceLogged = 0
  const keep = (payload: Buffer) => {
    if (unsent.length >= MAX_UNSENT_CONTROL) {
      unsent.shift()
      if (droppedSinceLogged++ === 0)
        log.warn('cluster: too many messages to other processes waiting for Redis; dropping the oldest')
    }
    unsent.push(payload)
  }
  const send = (payload: Buffer) =>
    bus.publish(CHANNELS.control, payload).then(
      (sent) => sent,
      () => false,
    )
  const tell = (control: Control) => {
    const payload = Buffer.from(JSON.stringify(control))
    // Behind what waits already: the others hear them in the order they happened.
    if (unsent.length > 0) return keep(payload)
    void send(payload).then((sent) => {
      if (!sent) keep(payload)
    })
  }
  let resending: Promise<void> | undefined
  const resend = (): Promise<void> => {
    resending ??= (async () => {
      while (unsent.length > 0) {
        if (!(await send(unsent[0]!))) return
        unsent.shift()
      }
      droppedSinceLogged = 0
    })().finally(() => {
      resending = undefined
    })
    return resending
  }

  const publishPresence = (meetingId: string, update: Uint8Array) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, meetingId)
    encoding.writeVarUint8Array(encoder, update)
    publish(CHANNELS.presence, encoding.toUint8Array(encoder))
  }
  const link: ClusterLink = {
    stored(meetingId, id, seq, update) {
      const encoder = encoding.createEncoder()
      encoding.writeVarString(encoder, meetingId)
      encoding.writeVarUint(encoder, id)
      encoding.writeVarUint(encoder, seq)
      encoding.writeVarUint8Array(encoder, update)
      publish(CHANNELS.doc, encoding.toUint8Array(encoder))
    },
    presence(meetingId, update) {
      publishPresence(meetingId, update)
    },
    askPresence(meetingId) {
      // Not kept for later like the others: presence that old is worth nothing.
      publish(
        CHANNELS.control,
        Buffer.from(JSON.stringify({ kind: 'presence?', meetingId } satisfies Control)),
      )
    },
  }

  // A message that does not decode is dropped and logged: it came through our own Redis, so it
  // is a bug or a stranger on it, and the poll catches up on anything it should have said.
  const dropped = (channel: string, error: unknown) =>
    log.warn({ channel, err: errorSummary(error) }, 'cluster: a message from another process did not decode')

  const unsubscribe = await Promise.all([
    bus.subscribe(CHANNELS.doc, (payload) => {
      let row: { meetingId: string; id: number; seq: number; update: Uint8Array }
      try {
        const decoder = decoding.createDecoder(payload)
        row = {
          meetingId: decoding.readVarString(decoder),
          id: decoding.readVarUint(decoder),
          seq: decoding.readVarUint(decoder),
          update: decoding.readVarUint8Array(decoder),
        }
      } catch (error) {
        return dropped(CHANNELS.doc, error)
      }
      sync.storedElsewhere(row.meetingId, row.id, row.seq, row.update)
    }),
    bus.subscribe(CHANNELS.presence, (payload) => {
      let meetingId: string
      let update: Uint8Array
      try {
        const decoder = decoding.createDecoder(payload)
        meetingId = decoding.readVarString(decoder)
        update = decoding.readVarUint8Array(decoder)
      } catch (error) {
        return dropped(CHANNELS.presence, error)
      }
      sync.presenceElsewhere(meetingId, update)
    }),
    bus.subscribe(CHANNELS.control, (payload) => {
      let control: Control
      try {
        control = ControlSchema.parse(JSON.parse(payload.toString('utf8')))
      } catch (error) {
        return dropped(CHANNELS.control, error)
      }
      switch (control.kind) {
        case 'frozen':
          return sync.frozenElsewhere(control.meetingId, control.frozen)
        case 'presence?': {
          const here = sync.presenceHere(control.meetingId)
          if (here) publishPresence(control.meetingId, here)
          return
        }
        case 'state':
          return sendMeetingState(sync, control.meetingId, control.state)
        case 'disconnect':
          return disconnectHere(sync, control.tokenIds, control.why)
      }
    }),
  ])
  sync.joinCluster(link)

  let polling: Promise<void> | undefined
  /** When this process's subscriber was last back after an outage. */
  let backAt = Number.NEGATIVE_INFINITY
  /** C3: one read of the loaded meetings' heads; a room behind its head catches up. */
  const poll = (): Promise<void> => {
    polling ??= (async () => {
      // Sent once the others are likely listening again: pub/sub keeps nothing for a process whose
      // subscriber is still reconnecting, and a message Redis took is not sent again.
      if (unsent.length > 0 && performance.now() - backAt >= RESEND_AFTER_MS) await resend()
      const meetingIds = sync.loadedMeetings()
      if (meetingIds.length === 0) return
      const heads = await documents.heads(meetingIds)
      for (const [meetingId, head] of heads) sync.headRead(meetingId, head)
    })()
      .catch((error: unknown) => {
        log.warn({ err: errorSummary(error) }, 'cluster: reading the heads failed; trying again')
      })
      .finally(() => {
        polling = undefined
      })
    return polling
  }
  const timer = setInterval(() => void poll(), pollIntervalMs)
  timer.unref()
  const stopListening = bus.onReconnect(() => {
    backAt = performance.now()
    log.info('cluster: Redis is back; catching up from PostgreSQL')
    void poll()
  })

  return {
    frozen: (meetingId, frozen) => tell({ kind: 'frozen', meetingId, frozen }),
    meetingState: (meetingId, state: MeetingState) => tell({ kind: 'state', meetingId, state }),
    disconnect: (tokenIds, why: DisconnectWhy) => tell({ kind: 'disconnect', tokenIds: [...tokenIds], why }),
    poll,
    async leave() {
      clearInterval(timer)
      stopListening()
      await polling
      // Unsubscribing asks Redis, which may be away (and would be waited for); the handlers go,
      // and closing the bus ends the subscriptions.
      for (const stop of unsubscribe) stop().catch(() => undefined)
    },
  }
}
