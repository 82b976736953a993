import v8 from 'node:v8'
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import {
  API_RATE_ADDRESSES,
  API_RATE_WINDOW_SECONDS,
  API_REQUESTS_PER_WINDOW,
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
  PRESSURE_MAX_HEAP_FRACTION,
  PRESSURE_MAX_RSS_BYTES,
  PRESSURE_RETRY_AFTER_SECONDS,
  PRESSURE_SAMPLE_INTERVAL_MS,
} from '../shared/limits'
import { PressureMonitor } from './pressure'
import { HEALTH_PATH } from './routes/health'

declare module 'fastify' {
  interface FastifyInstance {
    /** A15: whether the process guard refuses new requests now. */
    isUnderPressure(): boolean
  }
}

/** Test seams; production uses shared/limits.ts. */
export interface LoadGuardOptions {
  apiRequestsPerWindow?: number
  apiWindowMs?: number
  maxEventLoopDelayMs?: number
  maxHeapUsedBytes?: number
  maxRssBytes?: number
  sampleIntervalMs?: number
}

/**
 * The two guards in front of every route, registered before anything else so that they refuse
 * work before a cookie is parsed or a session looked up:
 *
 * - A15, the process guard (server/pressure.ts): while the event loop lags, the heap is near
 *   V8's limit or the resident memory is past its ceiling, every new request – socket opens and
 *   client files included – gets 503 with Retry-After. Open sockets keep working: shedding new
 *   work is what lets the meetings already running recover. /healthz answers for itself and says so.
 * - A14, the per-address ceiling on /api/ (@fastify/rate-limit). Not on /collab (socket opens
 *   have their own limits, S15) and not on the client's files.
 */
export async function installLoadGuards(app: FastifyInstance, options: LoadGuardOptions = {}): Promise<void> {
  const monitor = new PressureMonitor({
    maxEventLoopDelayMs: options.maxEventLoopDelayMs ?? PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes:
      options.maxHeapUsedBytes ??
      Math.floor(v8.getHeapStatistics().heap_size_limit * PRESSURE_MAX_HEAP_FRACTION),
    maxRssBytes: options.maxRssBytes ?? PRESSURE_MAX_RSS_BYTES,
    sampleIntervalMs: options.sampleIntervalMs ?? PRESSURE_SAMPLE_INTERVAL_MS,
  })
  monitor.start()
  app.addHook('onClose', async () => monitor.stop())
  app.decorate('isUnderPressure', () => monitor.pressure !== undefined)
  let warnedAt = Number.NEGATIVE_INFINITY
  app.addHook('onRequest', async (request, reply) => {
    const pressure = monitor.pressure
    if (!pressure || request.routeOptions.url === HEALTH_PATH) return
    // Once per Retry-After, not once per refused request: the request lines show each 503.
    const now = Date.now()
    if (now - warnedAt >= PRESSURE_RETRY_AFTER_SECONDS * 1000) {
      warnedAt = now
      request.log.warn(
        { type: pressure.kind, value: pressure.value },
        'under pressure: refusing new requests',
      )
    }
    return reply
      .code(503)
      .header('Retry-After', String(PRESSURE_RETRY_AFTER_SECONDS))
      .send({ error: 'overloaded' })
  })

  await app.register(fastifyRateLimit, {
    global: false,
    max: options.apiRequestsPerWindow ?? API_REQUESTS_PER_WINDOW,
    timeWindow: options.apiWindowMs ?? API_RATE_WINDOW_SECONDS * 1000,
    cache: API_RATE_ADDRESSES,
    keyGenerator: (request) => request.ip,
  })
  const countApiRequest = app.createRateLimit()
  // One hook on the raw path rather than per-route config: unknown /api/ paths (404) count too.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return
    const limit = await countApiRequest(request)
    if (limit.isAllowed || !limit.isExceeded) return
    return reply
      .code(429)
      .header('Retry-After', String(Math.max(1, limit.ttlInSeconds)))
      .send({ error: 'rate-limited' })
  })
}
