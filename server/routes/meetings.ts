import type { FastifyRequest } from 'fastify'
import { endpoints } from '../../shared/api/endpoints'
import { ConsentInputSchema, meetingInputAt } from '../../shared/schemas/meeting'
import { IdParamsSchema } from '../../shared/schemas/params'
import { setParticipantCookie } from '../auth/cookies'
import { requireAdmin, requireStaff, staffActor, staffOf } from '../auth/staff-auth'
import { setupInput, setupOf } from '../meetings/views'
import { parseInput, parsePatch, type RouteApp, sendNotFound, sendRefused } from './http'
import { meetingRoute } from './meeting-route'

/** "Mina SIP-möten" and the meeting set-up: /api/meetings (docs/api.md). The rules: server/meetings/service.ts. */
export async function meetingRoutes(app: RouteApp): Promise<void> {
  const { meetingService: meetings } = app

  app.get(endpoints.meetings.path, { preValidation: requireStaff }, async (request) =>
    meetings.list(staffOf(request).user.id),
  )

  const create = { preValidation: requireStaff }
  app.post(endpoints.createMeeting.path, create, async (request, reply) => {
    // Not a route schema: whether a start is in the past depends on when the request comes.
    const input = parseInput(meetingInputAt(Date.now()), request.body, request, reply)
    if (!input) return reply
    const me = staffOf(request).user.id
    const { meeting } = await meetings.create(
      { setup: setupOf(input), convenerUserId: me },
      staffActor(request),
    )
    return reply.code(201).send(await meetings.view(meeting.id, me))
  })

  /** The meeting as the signed-in staff member sees it now. */
  const current = (request: FastifyRequest, meetingId: string) =>
    meetings.view(meetingId, staffOf(request).user.id)
  const staff = { preValidation: requireStaff }

  app.get(
    endpoints.meeting.path,
    staff,
    meetingRoute(app, { need: 'read' }, async ({ meeting }, request) => current(request, meeting.id)),
  )

  app.patch(
    endpoints.updateMeeting.path,
    staff,
    meetingRoute(app, { need: 'convener', editing: true }, async ({ meeting }, request, reply) => {
      // A meeting whose day has passed keeps its start and can still be corrected; a new start
      // cannot be in the past.
      const stored = setupInput(meeting)
      const schema = meetingInputAt(Date.now(), stored.startsAt)
      const input = parsePatch(schema, stored, request.body, request, reply)
      if (!input) return reply
      await meetings.updateSetup(meeting, setupOf(input), staffActor(request))
      return current(request, meeting.id)
    }),
  )

  app.put(
    endpoints.recordConsent.path,
    staff,
    meetingRoute(app, { need: 'convener', editing: true }, async ({ meeting }, request, reply) => {
      const input = parseInput(ConsentInputSchema, request.body, request, reply)
      if (!input) return reply
      await meetings.recordConsent(meeting, input, staffOf(request).user, staffActor(request))
      return current(request, meeting.id)
    }),
  )

  app.post(
    endpoints.startMeeting.path,
    staff,
    meetingRoute(app, { need: 'lead' }, async ({ meeting }, request, reply) => {
      const started = await meetings.start(meeting, staffActor(request))
      if (!started.ok) return sendRefused(reply, started)
      return current(request, meeting.id)
    }),
  )

  // A staff member who is a participant of the meeting (isMe) enters the room without a link.
  app.post(
    endpoints.openMeeting.path,
    staff,
    meetingRoute(app, { need: 'read' }, async ({ meeting }, request, reply) => {
      const opened = await meetings.open(meeting, staffOf(request).user.id, staffActor(request))
      if (!opened.ok) return sendRefused(reply, opened)
      const { participantId, session, expiresAt } = opened.value
      setParticipantCookie(reply, participantId, session, expiresAt, app.secureCookies)
      return { participantId }
    }),
  )

  app.get(
    endpoints.auditLog.path,
    { preValidation: requireAdmin, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      // Administrators read any meeting's audit log (never its content); they do not get the meeting.
      return (await meetings.auditLog(request.params.id)) ?? sendNotFound(reply)
    },
  )
}
