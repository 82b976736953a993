import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { RawData, WebSocket } from 'ws'
import { PING_INTERVAL_MS } from '../../shared/limits'
import { CloseCodes, PROTOCOL_VERSION, SYNC_PATH, SyncParams } from '../../shared/protocol'
import { authenticate } from '../auth/principal'
import type { AccessTokenStore, Principal } from '../db/access-tokens'
import { SyncConnection } from '../sync/connection'
import type { SyncService } from '../sync/sync-service'

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal
  }
}

export interface CollabRouteOptions {
  sync: SyncService
  tokens: AccessTokenStore
  allowedOrigins: readonly string[]
}

/**
 * GET /collab/:meetingId – the y-websocket endpoint. Everything that decides whether and as whom
 * a client may connect happens in preValidation, before the upgrade (A1–A4).
 */
export async function collabRoutes(app: FastifyInstance, options: CollabRouteOptions): Promise<void> {
  const { sync, tokens, allowedOrigins } = options
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
        const result = authenticate(request, tokens, meetingId)
        if (!result.ok) {
          request.log.warn({ reason: result.reason }, 'sync upgrade refused')
          return reply.code(result.status).send({ error: result.reason })
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
      }
    },
  )
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}
