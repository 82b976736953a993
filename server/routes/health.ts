import type { FastifyInstance } from 'fastify'
import { PRESSURE_RETRY_AFTER_SECONDS } from '../../shared/limits'

export const HEALTH_PATH = '/healthz'

/**
 * GET /healthz – answers 200 while the process can serve and its database answers; 503 when the
 * database does not, or while the process guard refuses new requests (A15).
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  // HEAD too: a load balancer's or uptime monitor's check may ask without a body.
  app.get(HEALTH_PATH, { exposeHeadRoute: true }, async (_request, reply) => {
    try {
      await app.storage.ping()
    } catch {
      return reply.code(503).send({ status: 'unhealthy' })
    }
    const rooms = app.sync.loadedRooms
    if (app.isUnderPressure()) {
      return reply
        .code(503)
        .header('Retry-After', String(PRESSURE_RETRY_AFTER_SECONDS))
        .send({ status: 'under-pressure', rooms })
    }
    return { status: 'ok', rooms }
  })
}
