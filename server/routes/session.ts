import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { RsvpInputSchema } from '../../shared/schemas/session'
import { authenticate, participantActor } from '../auth/principal'
import { sessionView } from '../meetings/views'
import { parseInput, sendConflict, sendRefusal } from './http'

/**
 * GET /api/session – who the holder of a personal link is, and the invitation; POST
 * /api/session/rsvp – their answer. A browser names itself with `?as=<participantId>` and its
 * cookie; a script sends the link token as `Authorization: Bearer`. A dead link is said so
 * plainly (401 with the reason) instead of looking like a network error.
 */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const { stores, db } = app

  function participantOf(request: FastifyRequest, reply: FastifyReply) {
    const result = authenticate(request, app.participantAuth, { tokenFrom: 'bearer' })
    if (!result.ok) {
      sendRefusal(reply, result)
      return undefined
    }
    const { meetingId, participantId } = result.principal
    const meeting = stores.meetings.getMeeting(meetingId)
    const participant = stores.participants.get(meetingId, participantId)
    if (!meeting || !participant) {
      reply.code(401).send({ error: 'unknown' })
      return undefined
    }
    return { meeting, participant }
  }

  app.get('/api/session', async (request, reply) => {
    const found = participantOf(request, reply)
    if (!found) return reply
    return sessionView(found.meeting, found.participant)
  })

  app.post('/api/session/rsvp', async (request, reply) => {
    const found = participantOf(request, reply)
    if (!found) return reply
    const { meeting, participant } = found
    const input = parseInput(RsvpInputSchema, request.body, request, reply)
    if (!input) return reply
    if (meeting.status !== 'planned') return sendConflict(reply, 'meeting-started')
    db.transaction(() => {
      stores.participants.setRsvp(participant.id, input.answer)
      stores.audit.append({
        action: 'rsvp.answered',
        meetingId: meeting.id,
        ...participantActor(participant, request),
      })
      stores.meetings.touch(meeting.id)
    }).immediate()
    return sessionView(meeting, stores.participants.get(meeting.id, participant.id)!)
  })
}
