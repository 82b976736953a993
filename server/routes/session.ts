import type { FastifyInstance } from 'fastify'
import { RsvpInputSchema } from '../../shared/schemas/session'
import { SatisfactionInputSchema } from '../../shared/schemas/signoff'
import { participantActor } from '../auth/principal'
import { sessionView } from '../meetings/views'
import { parseInput, sendConflict } from './http'
import { participantOf } from './participant-of'

/**
 * GET /api/session – who the holder of a personal link is, and the invitation; POST
 * /api/session/rsvp – their answer. A browser names itself with `?as=<participantId>` and its
 * cookie; a script sends the link token as `Authorization: Bearer`. A dead link is said so
 * plainly (401 with the reason) instead of looking like a network error.
 */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const { stores, db } = app

  app.get('/api/session', async (request, reply) => {
    const found = participantOf(app, request, reply)
    if (!found) return reply
    return sessionView(
      found.meeting,
      found.participant,
      stores.signoff.hasAnswered(found.meeting.id, found.participant.id),
    )
  })

  app.post('/api/session/rsvp', async (request, reply) => {
    const found = participantOf(app, request, reply)
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
    return sessionView(
      meeting,
      stores.participants.get(meeting.id, participant.id)!,
      stores.signoff.hasAnswered(meeting.id, participant.id),
    )
  })

  /**
   * "Är du nöjd med mötet?" (G11): the child and guardians only, once each. The answer is stored
   * without the answerer; that they answered is kept apart, unlinked (docs/api.md).
   */
  app.post('/api/session/satisfaction', async (request, reply) => {
    const found = participantOf(app, request, reply)
    if (!found) return reply
    const { meeting, participant } = found
    if (participant.role !== 'child' && participant.role !== 'guardian')
      return reply.code(403).send({ error: 'forbidden' })
    const input = parseInput(SatisfactionInputSchema, request.body, request, reply)
    if (!input) return reply
    const stored = db
      .transaction(() => {
        if (!stores.signoff.answerSatisfaction(meeting.id, participant.id, input)) return false
        // Who answered goes to the audit log like every action; the answer itself never does.
        stores.audit.append({
          action: 'satisfaction.answered',
          meetingId: meeting.id,
          ...participantActor(participant, request),
        })
        return true
      })
      .immediate()
    if (!stored) return sendConflict(reply, 'already-answered')
    return reply.code(204).send()
  })
}
