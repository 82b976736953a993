import type { FastifyInstance } from 'fastify'

/** The header every state-changing API request must carry. */
export const CSRF_HEADER = 'x-sip-request'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * A page on another site can make a browser send a form POST with our cookies, but it cannot add a
 * custom header without a CORS preflight, which this server never grants. So every POST, PUT,
 * PATCH and DELETE – on any path: the router decodes `/%61pi/…` to `/api/…` – must carry
 * `X-SIP-Request: 1`; SameSite=Strict cookies are the second line of defence.
 */
export function installCsrfGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return
    if (request.headers[CSRF_HEADER] === '1') return
    return reply.code(403).send({ error: 'csrf-header-required' })
  })
}
