import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { RawData, WebSocket } from 'ws'
import { PING_INTERVAL_MS } from '../../shared/limits'
import { CloseCodes, PROTOCOL_VERSION, SYNC_PATH, SyncParams } from '../../shared/protocol'
import { authenticate, type ParticipantAuthDeps } from '../auth/principal'
import type { Principal } from '../db/access-tokens'
import type { AuditLogStore } from '../db/audit-log'
import { SyncConnection } from '../sync/connection'
import { errorSummary, type SyncService } from '../sync/sync-service'
import { sendRefusal } from './http'

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal
  }
}

export interface CollabRouteOptions {
  sync: SyncService
  auth: ParticipantAuthDeps
  audit: AuditLogStore
  allowedOrigins: readonly string[]
}

/**
 * GET /collab/:meetingId – the y-websocket endpoint. Everything that decides whether and as whom
 * a client may connect happens in preValidation, before the upgrade (A1–A4, A7, A9).
 */
export async function collabRoutes(app: FastifyInstance, options: CollabRouteOptions): Promise<void> {
  const { sync, auth, audit, allowedOrigins } = options
  const connections = new Set<SyncConnection>()

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
        const { meetingId } = request.params as { meetingId: string }
        const result = authenticate(request, auth, { meetingId, tokenFrom: 'query' })
        if (!result.ok) {
          request.log.warn({ reason: result.reason }, 'sync upgrade refused')
          return sendRefusal(reply, result)
        }
        request.principal = result.principal
      },
    },
    (socket: WebSocket, request: FastifyRequest) => {
      const principal = request.principal!
      const conn = new SyncConnection(socket, principal)
      const version = (request.query as Record<string, unknown>)[SyncParams.version]
      if (version !== undefined && version !== String(PROTOCOL_VERSION)) {
        conn.close(CloseCodes.protocolOutdated)
        return
      }
      // Listeners go on before anything else can happen, so no early frame is missed.
      let room: ReturnType<SyncService['attach']> | undefined
      socket.on('message', (data: RawData, isBinary: boolean) => {
        if (!room) return
        if (!isBinary) {
          request.log.warn(
            { meetingId: principal.meetingId, conn: conn.id },
            'closing connection: text frame',
          )
          conn.close(CloseCodes.malformed)
          return
        }
        sync.receive(conn, room, toUint8Array(data))
      })
      socket.on('pong', () => {
        conn.alive = true
      })
      socket.on('error', (err) => request.log.warn({ conn: conn.id, err: err.message }, 'socket error'))
      socket.on('close', () => {
        connections.delete(conn)
        if (room) sync.detach(conn, room)
      })
      connections.add(conn)
      try {
        room = sync.attach(conn)
      } catch {
        // attach closed the connection with load-failed and logged why.
        return
      }
      // A10: who opened which plan, when, from where – never what it says.
      try {
        audit.append({
          action: 'plan.opened',
          actor: `participant:${principal.participantId}`,
          actorName: principal.displayName,
          meetingId: principal.meetingId,
          sourceAddress: request.ip,
        })
      } catch (error) {
        request.log.error({ meetingId: principal.meetingId, err: errorSummary(error) }, 'audit write failed')
      }
    },
  )
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}
