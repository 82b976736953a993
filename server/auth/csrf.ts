import type { FastifyInstance } from 'fastify'
import { CSRF_HEADER, CSRF_HEADER_VALUE, SAFE_METHODS } from '../../shared/api/csrf'

/** Node gives header names in lower case. */
const HEADER = CSRF_HEADER.toLowerCase()

/**
 * A page on another site can make a browser send a form POST with our cookies, but it cannot add a
 * custom header without a CORS preflight, which this server never grants. So every POST, PUT,
 * PATCH and DELETE – on any path: the router decodes `/%61pi/…` to `/api/…` – must carry
 * `X-SIP-Request: 1` (shared/api/csrf.ts); SameSite=Strict cookies are the second line of defence.
 */
export function installCsrfGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return
    if (request.headers[HEADER] === CSRF_HEADER_VALUE) return
    return reply.code(403).send({ error: 'csrf-header-required' })
  })
}
