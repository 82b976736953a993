import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Fastify, { type FastifyInstance } from 'fastify'
import type { FailureCounters } from './auth/failure-counter'
import { type Config, STATISTICS_THRESHOLD } from './config'
import type { LoadGuardOptions } from './load-guards'
import { loggerOptions } from './log'
import { authPlugin } from './plugins/auth'
import { clusterPlugin } from './plugins/cluster'
import { dbPlugin } from './plugins/db'
import { httpPlugin, zodCompilers } from './plugins/http'
import { routesPlugin } from './plugins/routes'
import { securityPlugin } from './plugins/security'
import { servicesPlugin } from './plugins/services'
import { type SyncSeams, syncPlugin, syncSocketPlugin } from './plugins/sync'
import type { CollabLimits } from './sync/socket-route'

export interface BuildAppOptions {
  config: Pick<Config, 'databaseFile' | 'allowedOrigins' | 'logLevel' | 'dbSynchronous' | 'publicUrl'> &
    Partial<Pick<Config, 'trustProxy' | 'statisticsThreshold' | 'databaseUrl' | 'redisUrl'>>
  /** Serve the built client from this folder (default: dist/client if it exists). */
  clientDir?: string | false
  /** Test seams for timing and SQLite lock waits; production uses the defaults. */
  sync?: SyncSeams
  /** Test seams for the socket's front door: connection caps and open rates (S14, S15). */
  collab?: Partial<CollabLimits>
  busyTimeoutMs?: number
  /** Test seams for the /api/ ceiling and the process guard (A14, A15). */
  loadGuards?: LoadGuardOptions
  /** Where log lines go (default stdout); tests capture them to check nothing secret is logged. */
  logStream?: NodeJS.WritableStream
  /** Where sign-in and link failures are counted (A9); default this process's memory. */
  failureCounters?: FailureCounters
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Builds the whole server without listening; tests call this with port 0 and close it after. The
 * parts in order – an onRequest hook runs in the order its plugin comes here, and each plugin names
 * the ones it needs before it (server/plugins/).
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    // Behind a reverse proxy, SIP_TRUST_PROXY makes request.ip the client's address: the failure
    // limit and the audit log are per address.
    trustProxy: config.trustProxy ?? false,
    // Zod's compilers from the start, so Fastify's Ajv is never built (server/plugins/http.ts).
    schemaController: { compilersFactory: zodCompilers },
    // No HEAD twin for every GET: a HEAD ran the GET's handler – reads audited as reads (P12) –
    // and the twins were a third of the routes built at every start. /healthz and the client's
    // files answer HEAD on their own.
    exposeHeadRoutes: false,
  })
  const { publicUrl } = config

  // JSON bodies, input through the shared zod schemas, the one error handler.
  await app.register(httpPlugin)
  // The SQLite file and its stores; closed last.
  await app.register(dbPlugin, { config, busyTimeoutMs: options.busyTimeoutMs })
  // The sync core and the socket server, with graceful shutdown; its hook before the load guards.
  await app.register(syncPlugin, { seams: options.sync })
  // Several processes (SIP_REDIS_URL): what one tells the others, over Redis.
  await app.register(clusterPlugin, { redisUrl: config.redisUrl })
  // Security headers, the load guards (A14, A15), percent-encoded paths refused (A13).
  await app.register(securityPlugin, { publicUrl, loadGuards: options.loadGuards })
  // Who is asking: staff and participant sessions, the CSRF guard, the failure limiters.
  // A9: with several processes the failures are counted in Redis, across all of them.
  const failureCounters =
    options.failureCounters ??
    (config.redisUrl !== undefined
      ? await (await import('./auth/failure-counter')).redisFailureCounters({
          url: config.redisUrl,
          log: app.log,
        })
      : undefined)
  await app.register(authPlugin, { publicUrl, failureCounters })
  // The rules: the meeting and sign-off services (decision 006).
  await app.register(servicesPlugin, { publicUrl })
  // The socket's front door: GET /collab/:meetingId.
  await app.register(syncSocketPlugin, { allowedOrigins: config.allowedOrigins, limits: options.collab })
  // The REST API, the client's files, our own 404.
  await app.register(routesPlugin, {
    clientDir: options.clientDir ?? path.join(ROOT, 'dist', 'client'),
    statisticsThreshold: config.statisticsThreshold ?? STATISTICS_THRESHOLD.default,
  })
  return app
}
