import fastifyWebsocket from '@fastify/websocket'
import fp from 'fastify-plugin'
import { MAX_FRAME_BYTES } from '../../shared/limits'
import { type CollabLimits, socketRoute } from '../sync/socket-route'
import { SyncService, type SyncServiceOptions } from '../sync/sync-service'

declare module 'fastify' {
  interface FastifyInstance {
    /** The sync core: every live plan's room (server/sync/). Routes reach it through services only. */
    sync: SyncService
  }
}

/** Test seams for timing and the sync core's limits; production uses shared/limits.ts. */
export type SyncSeams = Partial<
  Pick<
    SyncServiceOptions,
    | 'unloadGraceMs'
    | 'renewalBatchMs'
    | 'compactAfterRows'
    | 'compactAfterBytes'
    | 'retryDelayMs'
    | 'sweepIntervalMs'
    | 'holdBackMs'
    | 'maxTypeNesting'
    | 'outbound'
    | 'onRoomLoaded'
  >
> & {
  /** Tests: the document log as the sync core sees it – e.g. a commit that takes its time (S4). */
  wrapDocuments?: (documents: SyncServiceOptions['documents']) => SyncServiceOptions['documents']
}

/**
 * The sync core and the socket server: SyncService, @fastify/websocket and graceful shutdown.
 *
 * Registered before the security plugin: the websocket plugin's onRequest hook marks an upgrade
 * request, and only a marked one has its socket closed when it is refused – by the load guards too.
 * The socket's front door needs the participants' auth, whose hooks come after the load guards, so it
 * is a plugin of its own (`syncSocketPlugin`, below).
 */
export const syncPlugin = fp<{ seams?: SyncSeams }>(
  async (app, { seams }) => {
    const { stores } = app
    const { wrapDocuments, ...options } = seams ?? {}
    const sync = new SyncService({
      documents: wrapDocuments ? wrapDocuments(stores.documents) : stores.documents,
      log: app.log,
      validTokens: (ids, now) => stores.tokens.validIds(ids, now),
      isFrozen: (meetingId) => stores.signoff.isFrozen(meetingId),
      // G14: the set-up and the participants are the server's; a writer's change is written back.
      // The guard is the meeting service's, which is built after this plugin (it reaches the live
      // plans through it); a room loads only once the app is ready.
      onRoomLoaded: (meetingId, doc) => app.meetingService.guardRoster(meetingId, doc),
      ...options,
    })
    app.decorate('sync', sync)

    await app.register(fastifyWebsocket, {
      options: { maxPayload: MAX_FRAME_BYTES },
      // Graceful shutdown, step 1: store what is pending and tell every client to come back later.
      preClose(done) {
        // A client reconnecting now is answered 503, but the socket of its upgrade request would stay
        // open (the HTTP server allows half-open sockets) and app.close() would wait for it forever.
        this.server.on('upgrade', (_request, socket) => socket.destroy())
        const stored = sync.shutdown()
        for (const client of this.websocketServer.clients) client.close(1001, 'server-restart')
        // The database closes after this hook (onClose): what is pending is stored first.
        stored.then(() => done(), done)
      },
    })
  },
  { name: 'sync', dependencies: ['db'] },
)

export interface SyncSocketOptions {
  /** Origins a browser may open the socket from (A2). */
  allowedOrigins: readonly string[]
  /** Test seams for connection caps and open rates (S14, S15). */
  limits?: Partial<CollabLimits>
}

/** The socket's front door, GET /collab/:meetingId (server/sync/socket-route.ts), and its ping. */
export const syncSocketPlugin = fp<SyncSocketOptions>(
  async (app, { allowedOrigins, limits }) => {
    await app.register(socketRoute, {
      sync: app.sync,
      auth: app.participantAuth,
      audit: app.stores.audit,
      sipClosed: (meetingId: string) => app.stores.sips.closedByMeeting(meetingId),
      allowedOrigins,
      ...(limits ? { limits } : {}),
    })
  },
  { name: 'sync-socket', dependencies: ['sync', 'auth'] },
)
