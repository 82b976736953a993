import type { FastifyReply, FastifyRequest } from 'fastify'
import { endpoints } from '../../shared/api/endpoints'
import { LoginInputSchema } from '../../shared/schemas/staff'
import { requireStaff, staffOf } from '../auth/staff-auth'
import { type RouteApp, sendTooManyFailures } from './http'

/** Staff sign-in: /api/auth/login, logout, me, refresh (docs/api.md). */
export async function authRoutes(app: RouteApp): Promise<void> {
  /** Refused before the body or the password is even checked: a blocked address learns nothing (A9). */
  async function addressNotBlocked(request: FastifyRequest, reply: FastifyReply) {
    const retryAfter = await app.failures.retryAfterSeconds(request.ip)
    if (retryAfter > 0) return sendTooManyFailures(reply, retryAfter)
  }

  const login = { schema: { body: LoginInputSchema }, preValidation: addressNotBlocked }
  app.post(endpoints.login.path, login, async (request, reply) => {
    const input = request.body
    const result = await app.staffAuth.passwordSignIn(input.email, input.password, request)
    if (!result.ok) {
      if (result.reason === 'too-many-failures') return sendTooManyFailures(reply, result.retryAfterSeconds)
      return reply.code(result.reason === 'account-disabled' ? 403 : 401).send({ error: result.reason })
    }
    return app.staffAuth.startSession(result.user, request, reply)
  })

  app.post(endpoints.logout.path, async (request, reply) => {
    await app.staffAuth.endSession(request, reply)
    return reply.code(204).send()
  })

  app.get(endpoints.me.path, { preValidation: requireStaff }, async (request) =>
    app.staffAuth.view(staffOf(request)),
  )

  // The session already slid forward when this request was authenticated (StaffAuth.install).
  app.post(endpoints.refresh.path, { preValidation: requireStaff }, async (request) =>
    app.staffAuth.view(staffOf(request)),
  )
}
