import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authenticate } from '../auth/principal'
import type { Asker } from '../meetings/access'
import { sendRefusal } from './http'

/**
 * The participant asking – `?as=` with its cookie, or a bearer link token – and their meeting.
 * With `meetingId`, a participant of another meeting is refused (403). On refusal the answer is
 * sent and undefined returned.
 */
export function participantOf(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  meetingId?: string,
): Asker | undefined {
  const result = authenticate(request, app.participantAuth, {
    tokenFrom: 'bearer',
    ...(meetingId !== undefined ? { meetingId } : {}),
  })
  if (!result.ok) {
    sendRefusal(reply, result)
    return undefined
  }
  const { stores } = app
  const meeting = stores.meetings.getMeeting(result.principal.meetingId)
  const participant = meeting && stores.participants.get(meeting.id, result.principal.participantId)
  if (!meeting || !participant) {
    reply.code(401).send({ error: 'unknown' })
    return undefined
  }
  return { meeting, participant }
}
