import type { FastifyInstance } from 'fastify'

/** GET /healthz – answers 200 while the process can serve and its database answers. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    try {
      app.db.prepare('SELECT 1').get()
    } catch {
      return reply.code(503).send({ status: 'unhealthy' })
    }
    return { status: 'ok', rooms: app.sync.loadedRooms }
  })
}
