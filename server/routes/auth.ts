import type { FastifyInstance } from 'fastify'
import { endpoints } from '../../shared/api/endpoints'
import { LoginInputSchema } from '../../shared/schemas/staff'
import { requireStaff, staffOf } from '../auth/staff-auth'
import { parseInput, sendTooManyFailures } from './http'

/** Staff sign-in: /api/auth/login, logout, me, refresh (docs/api.md). */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  app.post(endpoints.login.path, async (request, reply) => {
    // Refused before the password is even checked: a blocked address learns nothing (A9).
    const retryAfter = app.failures.retryAfterSeconds(request.ip)
    if (retryAfter > 0) return sendTooManyFailures(reply, retryAfter)
    const input = parseInput(LoginInputSchema, request.body, request, reply)
    if (!input) return reply
    const result = await app.staffAuth.passwordSignIn(input.email, input.password, request)
    if (!result.ok) {
      if (result.reason === 'too-many-failures') return sendTooManyFailures(reply, result.retryAfterSeconds)
      return reply.code(result.reason === 'account-disabled' ? 403 : 401).send({ error: result.reason })
    }
    return app.staffAuth.startSession(result.user, request, reply)
  })

  app.post(endpoints.logout.path, async (request, reply) => {
    app.staffAuth.endSession(request, reply)
    return reply.code(204).send()
  })

  app.get(endpoints.me.path, { preHandler: requireStaff }, async (request) =>
    app.staffAuth.view(staffOf(request)),
  )

  // The session already slid forward when this request was authenticated (StaffAuth.install).
  app.post(endpoints.refresh.path, { preHandler: requireStaff }, async (request) =>
    app.staffAuth.view(staffOf(request)),
  )
}
