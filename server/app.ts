import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyCookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import fastifyWebsocket from '@fastify/websocket'
import Fastify, { type FastifyInstance } from 'fastify'
import { AUTH_FAILURES_PER_ACCOUNT, MAX_FRAME_BYTES, WAL_SYNC_INTERVAL_MS } from '../shared/limits'
import { installCsrfGuard } from './auth/csrf'
import { FailureLimiter } from './auth/failure-limiter'
import type { ParticipantAuthDeps } from './auth/principal'
import { StaffAuth } from './auth/staff-auth'
import type { Config } from './config'
import { type Db, openDatabase } from './db/connection'
import { openStores, type Stores, writeTransaction } from './db/stores'
import { WalSync } from './db/wal-sync'
import { installLoadGuards, type LoadGuardOptions } from './load-guards'
import { errorSummary, loggerOptions } from './log'
import { type MeetingService, meetingService } from './meetings/service'
import { syncPlanDocuments } from './plan/sync-documents'
import { authRoutes } from './routes/auth'
import { type CollabLimits, collabRoutes } from './routes/collab'
import { healthRoutes } from './routes/health'
import { joinRoutes } from './routes/join'
import { meetingRoutes } from './routes/meetings'
import { participantRoutes } from './routes/participants'
import { sessionRoutes } from './routes/session'
import { setupRoutes } from './routes/setup'
import { signoffRoutes } from './routes/signoff'
import { userRoutes } from './routes/users'
import { type SignoffService, signoffService } from './signoff/service'
import { SyncService, type SyncServiceOptions } from './sync/sync-service'

export interface BuildAppOptions {
  config: Pick<Config, 'databaseFile' | 'allowedOrigins' | 'logLevel' | 'dbSynchronous' | 'publicUrl'> &
    Partial<Pick<Config, 'trustProxy'>>
  /** Serve the built client from this folder (default: dist/client if it exists). */
  clientDir?: string | false
  /** Test seams for timing and SQLite lock waits; production uses the defaults. */
  sync?: Partial<
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
  >
  /** Test seams for the socket's front door: connection caps and open rates (S14, S15). */
  collab?: Partial<CollabLimits>
  busyTimeoutMs?: number
  /** Test seams for the /api/ ceiling and the process guard (A14, A15). */
  loadGuards?: LoadGuardOptions
  /** Where log lines go (default stdout); tests capture them to check nothing secret is logged. */
  logStream?: NodeJS.WritableStream
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    sync: SyncService
    stores: Stores
    /** Set-up, participants, links, the plan's roster (server/meetings/service.ts). */
    meetingService: MeetingService
    /** Lock, sign, unlock, finalize (server/signoff/service.ts, G1–G14). */
    signoffService: SignoffService
    staffAuth: StaffAuth
    participantAuth: ParticipantAuthDeps
    /** Failed staff sign-ins per source address (A9); failed link look-ups are counted apart. */
    failures: FailureLimiter
    /** The address people open; personal links start with it. */
    publicUrl: string
    /** Cookies get `Secure` when the public URL is https. */
    secureCookies: boolean
  }
}

/**
 * Everything comes from this server: no CDN, no fonts, no analytics. Inline style attributes are
 * allowed because the collaboration carets set their colour that way; scripts are never inline.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Builds the whole server without listening. Tests call this with port 0 and close it after. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    // Behind a reverse proxy, SIP_TRUST_PROXY makes request.ip the client's address: the failure
    // limit and the audit log are per address.
    trustProxy: config.trustProxy ?? false,
  })

  const db = openDatabase({
    file: config.databaseFile,
    synchronous: config.dbSynchronous,
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  })
  const walSync =
    config.dbSynchronous === 'background'
      ? new WalSync(config.databaseFile, WAL_SYNC_INTERVAL_MS, (error) =>
          app.log.error({ err: errorSummary(error) }, 'could not flush the database log to disk'),
        )
      : undefined
  const stores = openStores(db)
  const sync = new SyncService({
    documents: stores.documents,
    log: app.log,
    validTokens: (ids, now) => stores.tokens.validIds(ids, now),
    isFrozen: (meetingId) => stores.signoff.isFrozen(meetingId),
    // G14: the set-up and the participants are the server's; a writer's change is written back.
    onRoomLoaded: (meetingId, doc) => meetings.guardRoster(meetingId, doc),
    ...options.sync,
  })
  // The services reach the live plans through this port only (server/plan/document-port.ts).
  const plans = syncPlanDocuments(sync)
  const transaction = writeTransaction(db)
  const meetings = meetingService({ stores, transaction, plans, publicUrl: config.publicUrl, log: app.log })
  const signoff = signoffService({
    stores,
    transaction,
    plans,
    roster: meetings,
    publicUrl: config.publicUrl,
    log: app.log,
  })
  const secureCookies = new URL(config.publicUrl).protocol === 'https:'
  const failures = new FailureLimiter()
  const staffAuth = new StaffAuth({
    accountLimiter: new FailureLimiter({ maxFailures: AUTH_FAILURES_PER_ACCOUNT }),
    unknownAccountLimiter: new FailureLimiter({ maxFailures: AUTH_FAILURES_PER_ACCOUNT }),
    users: stores.users,
    sessions: stores.staffSessions,
    audit: stores.audit,
    limiter: failures,
    secureCookies,
  })
  const participantAuth: ParticipantAuthDeps = {
    tokens: stores.tokens,
    sessions: stores.participantSessions,
    // Apart from sign-ins: a stale link on a shared network must not stop staff signing in there.
    limiter: new FailureLimiter(),
    audit: stores.audit,
  }
  app.decorate('db', db)
  app.decorate('stores', stores)
  app.decorate('sync', sync)
  app.decorate('meetingService', meetings)
  app.decorate('signoffService', signoff)
  app.decorate('staffAuth', staffAuth)
  app.decorate('participantAuth', participantAuth)
  app.decorate('failures', failures)
  app.decorate('publicUrl', config.publicUrl)
  app.decorate('secureCookies', secureCookies)

  app.addHook('onSend', async (request, reply) => {
    reply.header('Referrer-Policy', 'no-referrer')
    reply.header('X-Content-Type-Options', 'nosniff')
    reply.header('X-Frame-Options', 'DENY')
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    if (secureCookies) reply.header('Strict-Transport-Security', 'max-age=31536000')
    // Answers about people and sessions are never kept by a browser or proxy cache.
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store')
  })

  // A POST without a body may still say it is JSON; read it as no body rather than failing.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text === '') return done(null, undefined)
    parseJson(request, text, done)
  })
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) {
      request.log.error({ err: { code: error.code, message: error.message } }, 'request failed')
      return reply.code(status).send({ error: 'internal' })
    }
    // Body parser errors (bad JSON, too large, wrong content type): a code, never internals.
    return reply.code(status).send({ error: status === 413 ? 'too-large' : 'bad-request' })
  })

  await app.register(fastifyWebsocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    // Graceful shutdown, step 1: store what is pending and tell every client to come back later.
    preClose(done) {
      // A client reconnecting now is answered 503, but the socket of its upgrade request would stay
      // open (the HTTP server allows half-open sockets) and app.close() would wait for it forever.
      this.server.on('upgrade', (_request, socket) => socket.destroy())
      sync.shutdown()
      for (const client of this.websocketServer.clients) client.close(1001, 'server-restart')
      done()
    },
  })
  // The load guards run before every other per-request step, so a refused request costs nothing
  // more (A14, A15) – but after the websocket plugin's hook, which closes a refused upgrade's socket.
  await installLoadGuards(app, options.loadGuards)
  await app.register(fastifyCookie)
  installCsrfGuard(app)
  staffAuth.install(app)

  // (After the websocket plugin, so a refused upgrade is closed like any other.)
  // API and socket paths are plain ASCII. A percent-encoded one (`/%61pi/…`) would reach the same
  // routes while slipping past every check that reads the raw URL: refuse it outright.
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (!path.includes('%')) return
    let decoded = path
    try {
      decoded = decodeURIComponent(path)
    } catch {
      return reply.code(400).send({ error: 'bad-path' })
    }
    if (decoded.startsWith('/api/') || decoded.startsWith('/collab'))
      return reply.code(400).send({ error: 'bad-path' })
  })

  await app.register(healthRoutes)
  await app.register(setupRoutes)
  await app.register(authRoutes)
  await app.register(userRoutes)
  await app.register(meetingRoutes)
  await app.register(participantRoutes)
  await app.register(joinRoutes)
  await app.register(sessionRoutes)
  await app.register(signoffRoutes)
  await app.register(collabRoutes, {
    sync,
    auth: participantAuth,
    audit: stores.audit,
    allowedOrigins: config.allowedOrigins,
    ...(options.collab ? { limits: options.collab } : {}),
  })

  const clientDir = options.clientDir ?? path.join(ROOT, 'dist', 'client')
  const serveClient = Boolean(clientDir && fs.existsSync(path.join(clientDir, 'index.html')))
  if (serveClient && clientDir) await app.register(fastifyStatic, { root: clientDir, wildcard: false })
  // Always our own 404: Fastify's default message quotes the raw URL, query string and all.
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/collab')
    // The client routes (/m/:meetingId ...) are one page.
    if (serveClient && isPage) return reply.type('text/html').sendFile('index.html')
    return reply.code(404).send({ error: 'not-found' })
  })

  // Graceful shutdown, last step: nothing can write any more.
  app.addHook('onClose', async () => {
    walSync?.close()
    db.close()
  })
  return app
}
