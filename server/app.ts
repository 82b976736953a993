import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import fastifyWebsocket from '@fastify/websocket'
import Fastify, { type FastifyInstance } from 'fastify'
import { MAX_FRAME_BYTES } from '../shared/limits'
import type { Config } from './config'
import { accessTokenStore } from './db/access-tokens'
import { type Db, openDatabase } from './db/connection'
import { documentStore } from './db/documents'
import { meetingStore } from './db/meetings'
import { loggerOptions } from './log'
import { collabRoutes } from './routes/collab'
import { healthRoutes } from './routes/health'
import { sessionRoutes } from './routes/session'
import { SyncService, type SyncServiceOptions } from './sync/sync-service'

export interface BuildAppOptions {
  config: Pick<Config, 'databaseFile' | 'allowedOrigins' | 'logLevel' | 'dbSynchronous'>
  /** Serve the built client from this folder (default: dist/client if it exists). */
  clientDir?: string | false
  /** Test seams for timing and SQLite lock waits; production uses the defaults. */
  sync?: Partial<
    Pick<SyncServiceOptions, 'unloadGraceMs' | 'compactAfterRows' | 'compactAfterBytes' | 'retryDelayMs'>
  >
  busyTimeoutMs?: number
  /** Where log lines go (default stdout); tests capture them to check nothing secret is logged. */
  logStream?: NodeJS.WritableStream
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    sync: SyncService
    stores: {
      meetings: ReturnType<typeof meetingStore>
      tokens: ReturnType<typeof accessTokenStore>
      documents: ReturnType<typeof documentStore>
    }
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Builds the whole server without listening. Tests call this with port 0 and close it after. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    trustProxy: false,
  })

  const db = openDatabase({
    file: config.databaseFile,
    synchronous: config.dbSynchronous,
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  })
  const stores = { meetings: meetingStore(db), tokens: accessTokenStore(db), documents: documentStore(db) }
  const sync = new SyncService({ documents: stores.documents, log: app.log, ...options.sync })
  app.decorate('db', db)
  app.decorate('stores', stores)
  app.decorate('sync', sync)

  app.addHook('onSend', async (_request, reply) => {
    reply.header('Referrer-Policy', 'no-referrer')
    reply.header('X-Content-Type-Options', 'nosniff')
  })

  await app.register(fastifyWebsocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    // Graceful shutdown, step 1: store what is pending and tell every client to come back later.
    preClose(done) {
      sync.shutdown()
      for (const client of this.websocketServer.clients) client.close(1001, 'server-restart')
      done()
    },
  })
  await app.register(healthRoutes)
  await app.register(sessionRoutes)
  await app.register(collabRoutes, { sync, tokens: stores.tokens, allowedOrigins: config.allowedOrigins })

  const clientDir = options.clientDir ?? path.join(ROOT, 'dist', 'client')
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: clientDir, wildcard: false })
    // The client routes (/m/:meetingId ...) are one page.
    app.setNotFoundHandler((request, reply) => {
      if (
        request.method === 'GET' &&
        !request.url.startsWith('/api/') &&
        !request.url.startsWith('/collab')
      ) {
        return reply.type('text/html').sendFile('index.html')
      }
      return reply.code(404).send({ error: 'not-found' })
    })
  }

  // Graceful shutdown, last step: nothing can write any more.
  app.addHook('onClose', async () => {
    db.close()
  })
  return app
}
