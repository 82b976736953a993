import type { z } from 'zod'
import { endpoints } from '../../shared/api/endpoints'
import { JoinInputSchema, type JoinResponseSchema } from '../../shared/schemas/session'
import { setParticipantCookie } from '../auth/cookies'
import { participantActor, tokenAuth } from '../auth/principal'
import { type RouteApp, sendRefusal } from './http'

/**
 * POST /api/join – a personal link's token, exchanged for the HttpOnly cookie `sip_p_<participantId>`.
 * The /j page posts the token from the link's fragment and continues to /m/<meetingId>?as=<id>,
 * so the token is never in a URL, a log line or browser history (A7). The answer carries what GET
 * /api/session would answer for the same seat, so that page can show the room at once.
 */
export async function joinRoutes(app: RouteApp): Promise<void> {
  const { stores, storage, meetingService: meetings } = app

  app.post(endpoints.join.path, { schema: { body: JoinInputSchema } }, async (request, reply) => {
    const input = request.body
    const result = await tokenAuth(input.token, request, app.participantAuth)
    if (!result.ok) return sendRefusal(reply, result)
    const { principal } = result
    const meeting = (await stores.meetings.getMeeting(principal.meetingId))!
    const participant = (await stores.participants.get(principal.meetingId, principal.participantId))!
    const value = await storage.transaction(async () => {
      await stores.tokens.markOpened(principal.tokenId)
      await stores.audit.append({
        action: 'link.opened',
        meetingId: principal.meetingId,
        ...participantActor(participant, request.ip),
      })
      return await stores.participantSessions.create(principal, null)
    })
    setParticipantCookie(reply, principal.participantId, value, principal.expiresAt, app.secureCookies)
    const body: z.infer<typeof JoinResponseSchema> = {
      meetingId: principal.meetingId,
      participantId: principal.participantId,
      session: await meetings.session({ meeting, participant }),
    }
    return body
  })
}
