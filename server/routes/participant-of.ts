import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authenticate } from '../auth/principal'
import type { Asker } from '../meetings/access'
import { refusalMessage } from '../sips/messages'
import { languageOf, sendRefusal } from './http'

/**
 * The participant asking – `?as=` with its cookie, or a bearer link token – and their meeting.
 * With `meetingId`, a participant of another meeting is refused (403). `writing`: the request
 * changes something, which a closed SIP refuses (409 `sip-closed`, P9). On refusal the answer is
 * sent and undefined returned.
 */
export async function participantOf(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  meetingId?: string,
  { writing = false }: { writing?: boolean } = {},
): Promise<Asker | undefined> {
  const result = await authenticate(request, app.participantAuth, {
    tokenFrom: 'bearer',
    ...(meetingId !== undefined ? { meetingId } : {}),
  })
  if (!result.ok) {
    sendRefusal(reply, result)
    return undefined
  }
  const { stores } = app
  const meeting = await stores.meetings.getMeeting(result.principal.meetingId)
  const participant = meeting && (await stores.participants.get(meeting.id, result.principal.participantId))
  if (!meeting || !participant) {
    reply.code(401).send({ error: 'unknown' })
    return undefined
  }
  if (writing && (await stores.sips.get(meeting.sipId))?.status === 'closed') {
    reply.code(409).send({ error: 'sip-closed', message: refusalMessage('sip-closed', languageOf(request)) })
    return undefined
  }
  return { meeting, participant }
}
