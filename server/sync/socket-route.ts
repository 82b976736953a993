import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { RawData, WebSocket } from 'ws'
import {
  MAX_CONNECTIONS_PER_ADDRESS,
  MAX_CONNECTIONS_PER_SEAT,
  MAX_EARLY_FRAME_BYTES,
  PING_INTERVAL_MS,
  SOCKET_OPEN_BURST_PER_ADDRESS,
  SOCKET_OPEN_BURST_PER_SEAT,
  SOCKET_OPENS_PER_ADDRESS_PER_MINUTE,
  SOCKET_OPENS_PER_SEAT_PER_MINUTE,
} from '../../shared/limits'
import { CloseCodes, PROTOCOL_VERSION, SYNC_PATH, SyncParams } from '../../shared/protocol'
import { authenticate, type ParticipantAuthDeps, type Principal } from '../auth/principal'
import type { Stores } from '../db/contract'
import { errorSummary } from '../log'
import { sendRefusal } from '../routes/http'
import { SyncConnection } from './connection'
import { KeyedBuckets } from './rate-limit'
import type { Room } from './room'
import type { SyncService } from './sync-service'

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal
    /** The socket's source address, read once before the upgrade (request.ip parses X-Forwarded-For each time). */
    sourceAddress?: string
    /** The meeting's SIP was closed when the upgrade was checked (P9): the socket closes with 4410. */
    sipClosed?: boolean
  }
}

/** The front door's numbers (shared/limits.ts); tests lower them. */
export interface CollabLimits {
  connectionsPerSeat: number
  connectionsPerAddress: number
  opensPerSeatPerMinute: number
  openBurstPerSeat: number
  opensPerAddressPerMinute: number
  openBurstPerAddress: number
}

const DEFAULT_LIMITS: CollabLimits = {
  connectionsPerSeat: MAX_CONNECTIONS_PER_SEAT,
  connectionsPerAddress: MAX_CONNECTIONS_PER_ADDRESS,
  opensPerSeatPerMinute: SOCKET_OPENS_PER_SEAT_PER_MINUTE,
  openBurstPerSeat: SOCKET_OPEN_BURST_PER_SEAT,
  opensPerAddressPerMinute: SOCKET_OPENS_PER_ADDRESS_PER_MINUTE,
  openBurstPerAddress: SOCKET_OPEN_BURST_PER_ADDRESS,
}

export interface SocketRouteOptions {
  sync: SyncService
  auth: ParticipantAuthDeps
  audit: Stores['audit']
  /** P9: whether the meeting's SIP is closed – its sockets are closed at once with 4410. */
  sipClosed?: (meetingId: string) => Promise<boolean>
  allowedOrigins: readonly string[]
  limits?: Partial<CollabLimits>
}

/** Open sockets per key (a seat, an address), counted from the upgrade request to the socket's close. */
class OpenCounts {
  private readonly counts = new Map<string, number>()

  count(key: string): number {
    return this.counts.get(key) ?? 0
  }

  add(key: string): void {
    this.counts.set(key, this.count(key) + 1)
  }

  remove(key: string): void {
    const left = this.count(key) - 1
    if (left > 0) this.counts.set(key, left)
    else this.counts.delete(key)
  }
}

/**
 * GET /collab/:meetingId – the socket's front door, the y-websocket endpoint. Everything that
 * decides whether and as whom a client may connect happens in preValidation, before the upgrade
 * (A1–A4, A7, A9); then the socket is the sync core's. Also the ping that ends dead connections.
 */
export async function socketRoute(app: FastifyInstance, options: SocketRouteOptions): Promise<void> {
  const { sync, auth, audit, allowedOrigins } = options
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const connections = new Set<SyncConnection>()
  // S15: opens are rate-limited per source address (before the token is looked up) and per seat.
  const addressOpens = new KeyedBuckets(limits.opensPerAddressPerMinute / 60, limits.openBurstPerAddress)
  const seatOpens = new KeyedBuckets(limits.opensPerSeatPerMinute / 60, limits.openBurstPerSeat)
  // S14: sockets held open per seat and per address.
  const perSeat = new OpenCounts()
  const perAddress = new OpenCounts()
  // The upgrade's HTTP response, until the socket is open (letUpgradeGo).
  const upgrades = new WeakMap<IncomingMessage, ServerResponse>()

  const ping = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.socket.terminate()
        continue
      }
      conn.alive = false
      conn.socket.ping()
    }
  }, PING_INTERVAL_MS)
  ping.unref()
  app.addHook('onClose', async () => clearInterval(ping))

  app.get<{ Params: { meetingId: string } }>(
    `${SYNC_PATH}/:meetingId`,
    {
      websocket: true,
      preValidation: async (request, reply) => {
        const origin = request.headers.origin
        if (origin !== undefined && !allowedOrigins.includes(origin)) {
          request.log.warn({ reason: 'origin' }, 'sync upgrade refused')
          return reply.code(403).send({ error: 'origin-not-allowed' })
        }
        const address = request.ip
        if (perAddress.count(address) >= limits.connectionsPerAddress)
          return refuse(request, reply, 'too-many-connections', 60)
        if (!addressOpens.take(address))
          return refuse(request, reply, 'too-many-opens', addressOpens.retryAfterSeconds)
        const { meetingId } = request.params
        const result = await authenticate(request, auth, { meetingId, tokenFrom: 'query' })
        if (!result.ok) {
          request.log.warn({ reason: result.reason }, 'sync upgrade refused')
          return sendRefusal(reply, result)
        }
        const seat = result.principal.participantId
        if (perSeat.count(seat) >= limits.connectionsPerSeat)
          return refuse(request, reply, 'too-many-connections', 60)
        if (!seatOpens.take(seat))
          return refuse(request, reply, 'too-many-opens', seatOpens.retryAfterSeconds)
        request.principal = result.principal
        request.sourceAddress = address
        // P9: checked now, answered once the socket is open – a closed SIP's close code, 4410.
        request.sipClosed = (await options.sipClosed?.(meetingId)) === true
        upgrades.set(request.raw, reply.raw)
        // Counted from here to the closing of the TCP socket: an upgrade that never completes, and
        // a WebSocket that closes, both end there.
        perSeat.add(seat)
        perAddress.add(address)
        request.raw.socket.once('close', () => {
          perSeat.remove(seat)
          perAddress.remove(address)
        })
      },
    },
    (socket: WebSocket, request: FastifyRequest) => {
      const principal = request.principal!
      const { log } = request
      const ip = request.sourceAddress ?? request.ip
      const conn = new SyncConnection(socket, principal)
      letUpgradeGo(socket, request.raw, upgrades, (err) =>
        log.warn({ conn: conn.id, err: err.message }, 'socket error'),
      )
      const version = (request.query as Record<string, unknown>)[SyncParams.version]
      if (version !== undefined && version !== String(PROTOCOL_VERSION)) {
        conn.close(CloseCodes.protocolOutdated)
        return
      }
      if (request.sipClosed) {
        conn.close(CloseCodes.sipClosed)
        return
      }
      // Listeners go on before anything else can happen, so no early frame is missed: frames that
      // come while the room loads wait, bounded, and go on in order once it is there (S3).
      let room: Room | undefined
      let early: Uint8Array[] | undefined = []
      let earlyBytes = 0
      socket.on('message', (data: RawData, isBinary: boolean) => {
        if (!isBinary) {
          log.warn({ meetingId: principal.meetingId, conn: conn.id }, 'closing connection: text frame')
          conn.close(CloseCodes.malformed)
          return
        }
        const bytes = toUint8Array(data)
        if (room) return sync.receive(conn, room, bytes)
        if (!early) return
        earlyBytes += bytes.byteLength
        if (earlyBytes > MAX_EARLY_FRAME_BYTES) {
          early = undefined
          log.warn(
            { meetingId: principal.meetingId, conn: conn.id },
            'closing connection: too much before load',
          )
          conn.close(CloseCodes.rateLimited)
          return
        }
        early.push(bytes)
      })
      socket.on('pong', () => {
        conn.alive = true
      })
      socket.on('close', () => {
        connections.delete(conn)
        if (room) sync.detach(conn, room)
      })
      connections.add(conn)
      sync.attach(conn).then(
        (attached) => {
          // Closed while the room loaded: attach did not add it.
          if (!attached) return
          room = attached
          const waiting = early ?? []
          early = undefined
          for (const frame of waiting) sync.receive(conn, attached, frame)
        },
        // attach closed the connection with load-failed and logged why.
        () => undefined,
      )
      // A10: who opened which plan, when, from where – never what it says. Repeated opens of one
      // seat from one address within AUDIT_OPEN_WINDOW_MINUTES count on the same row.
      audit
        .recordOpen({
          action: 'plan.opened',
          actor: `participant:${principal.participantId}`,
          actorName: principal.displayName,
          meetingId: principal.meetingId,
          sourceAddress: ip,
        })
        .catch((error: unknown) => {
          log.error({ meetingId: principal.meetingId, err: errorSummary(error) }, 'audit write failed')
        })
    },
  )
}

/**
 * Lets go of what the upgrade left attached to the open socket, which lives for hours: the
 * upgrade's ServerResponse stays the TCP socket's current response, and @fastify/websocket's error
 * listener keeps Fastify's request and reply (with their logger and headers) – ~1.5 kB a socket of
 * objects nobody uses again (docs/performance.md, "Memory"). `onError` takes that listener's place.
 */
function letUpgradeGo(
  socket: WebSocket,
  raw: IncomingMessage,
  upgrades: WeakMap<IncomingMessage, ServerResponse>,
  onError: (err: Error) => void,
): void {
  upgrades.get(raw)?.detachSocket(raw.socket)
  upgrades.delete(raw)
  // Ours first, so the socket is never without one (an unheard 'error' would end the process).
  const theirs = socket.listeners('error') as ((...args: unknown[]) => void)[]
  socket.on('error', onError)
  for (const listener of theirs) socket.off('error', listener)
}

/** 429 before the upgrade, with a named reason and when to try again; logged without the token. */
function refuse(request: FastifyRequest, reply: FastifyReply, error: string, retryAfterSeconds: number) {
  request.log.warn({ reason: error }, 'sync upgrade refused')
  return reply.code(429).header('retry-after', String(retryAfterSeconds)).send({ error })
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}
