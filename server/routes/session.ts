import type { FastifyInstance } from 'fastify'
import type { SessionResponse } from '../../shared/schemas/session'
import { bearerToken } from '../auth/principal'

/**
 * GET /api/session – who the holder of a link token is (Authorization: Bearer <token>). The
 * meeting screen asks this first: it learns its real role and name, and a dead link is said so
 * plainly instead of looking like a network error.
 */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/session', async (request, reply) => {
    const token = bearerToken(request)
    if (!token) return reply.code(401).send({ error: 'missing-token' })
    const found = app.stores.tokens.lookup(token)
    if (!found.ok) return reply.code(401).send({ error: found.reason })
    const { principal } = found
    const meeting = app.stores.meetings.getMeeting(principal.meetingId)
    if (!meeting) return reply.code(401).send({ error: 'unknown' })
    const body: SessionResponse = {
      meetingId: principal.meetingId,
      participantId: principal.participantId,
      role: principal.role,
      name: principal.displayName,
      meeting: { title: meeting.title },
    }
    return reply.header('Cache-Control', 'no-store').send(body)
  })
}
