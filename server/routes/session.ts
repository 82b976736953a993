import type { FastifyInstance } from 'fastify'
import { endpoints } from '../../shared/api/endpoints'
import { RsvpInputSchema } from '../../shared/schemas/session'
import { SatisfactionInputSchema } from '../../shared/schemas/signoff'
import { parseInput, sendRefused, sendResult } from './http'
import { participantOf } from './participant-of'

/**
 * GET /api/session – who the holder of a personal link is, and the invitation; POST
 * /api/session/rsvp – their answer. A browser names itself with `?as=<participantId>` and its
 * cookie; a script sends the link token as `Authorization: Bearer`. A dead link is said so
 * plainly (401 with the reason) instead of looking like a network error.
 */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const { meetingService: meetings, signoffService: signoff } = app

  app.get(endpoints.session.path, async (request, reply) => {
    const asker = await participantOf(app, request, reply)
    if (!asker) return reply
    return meetings.session(asker)
  })

  app.post(endpoints.rsvp.path, async (request, reply) => {
    const asker = await participantOf(app, request, reply, undefined, { writing: true })
    if (!asker) return reply
    const input = parseInput(RsvpInputSchema, request.body, request, reply)
    if (!input) return reply
    return sendResult(reply, await meetings.answerInvitation(asker, input.answer, request.ip))
  })

  /**
   * The chair starts the meeting from the room (docs/api.md): 403 for every other role, 409
   * `no-consent` without recorded consent, 409 `finalized` after finalizing; again: unchanged.
   */
  app.post(endpoints.startInRoom.path, async (request, reply) => {
    const asker = await participantOf(app, request, reply, undefined, { writing: true })
    if (!asker) return reply
    return sendResult(reply, await meetings.startInRoom(asker, request.ip))
  })

  /**
   * "Är du nöjd med mötet?" (G11): the child and guardians only, once each. The answer is stored
   * without the answerer; that they answered is kept apart, unlinked (docs/api.md).
   */
  app.post(endpoints.satisfaction.path, async (request, reply) => {
    const asker = await participantOf(app, request, reply, undefined, { writing: true })
    if (!asker) return reply
    const answerer = signoff.satisfactionAnswerer(asker)
    if (!answerer.ok) return sendRefused(reply, answerer)
    const input = parseInput(SatisfactionInputSchema, request.body, request, reply)
    if (!input) return reply
    const answered = await signoff.answerSatisfaction(answerer.value, input, request.ip)
    if (!answered.ok) return sendRefused(reply, answered)
    return reply.code(204).send()
  })
}
