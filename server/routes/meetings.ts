import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ConsentInputSchema, type MeetingInput, MeetingInputSchema } from '../../shared/schemas/meeting'
import { setParticipantCookie } from '../auth/cookies'
import { requireAdmin, requireStaff, staffActor, staffOf } from '../auth/staff-auth'
import type { MeetingSetup } from '../db/meetings'
import { issueLink } from '../meetings/links'
import { meetingTitle } from '../meetings/names'
import { writeRoster } from '../meetings/plan'
import { linkExpiry, meetingView, setupInput, summaryViews } from '../meetings/views'
import { parseInput, parsePatch, sendConflict, sendNotFound } from './http'
import { meetingRoute } from './meeting-route'

function toSetup(input: MeetingInput): MeetingSetup & { title: string } {
  return { ...input, startsAt: Date.parse(input.startsAt), title: meetingTitle(input.childName) }
}

/** "Mina SIP-möten" and the meeting set-up: /api/meetings (docs/api.md). */
export async function meetingRoutes(app: FastifyInstance): Promise<void> {
  const { stores, db } = app

  app.get('/api/meetings', { preHandler: requireStaff }, async (request) =>
    summaryViews(stores.meetings.listForUser(staffOf(request).user.id)),
  )

  app.post('/api/meetings', { preHandler: requireStaff }, async (request, reply) => {
    const input = parseInput(MeetingInputSchema, request.body, request, reply)
    if (!input) return reply
    const actor = staffActor(request)
    const me = staffOf(request).user.id
    const meeting = db
      .transaction(() => {
        const created = stores.meetings.createMeeting({ ...toSetup(input), convenerUserId: me })
        stores.audit.append({ action: 'meeting.created', meetingId: created.id, ...actor })
        return created
      })
      .immediate()
    writeRoster(app, meeting.id, { seed: true })
    return reply.code(201).send(meetingView(stores, meeting, me))
  })

  /** The meeting as the signed-in staff member sees it now. */
  const current = (request: FastifyRequest, meetingId: string) =>
    meetingView(stores, stores.meetings.getMeeting(meetingId)!, staffOf(request).user.id)
  const staff = { preHandler: requireStaff }

  app.get(
    '/api/meetings/:id',
    staff,
    meetingRoute(app, { need: 'read' }, ({ meeting }, request) => current(request, meeting.id)),
  )

  app.patch(
    '/api/meetings/:id',
    staff,
    meetingRoute(app, { need: 'convener', editing: true }, ({ meeting }, request, reply) => {
      const input = parsePatch(MeetingInputSchema, setupInput(meeting), request.body, request, reply)
      if (!input) return reply
      const setup = toSetup(input)
      db.transaction(() => {
        stores.meetings.updateSetup(meeting.id, setup)
        // The links follow the meeting: they stay valid until DEFAULT_TOKEN_TTL_DAYS after the new start.
        if (setup.startsAt !== meeting.startsAt) {
          stores.tokens.reschedule(meeting.id, linkExpiry(setup.startsAt))
        }
        stores.audit.append({ action: 'meeting.updated', meetingId: meeting.id, ...staffActor(request) })
      }).immediate()
      writeRoster(app, meeting.id)
      return current(request, meeting.id)
    }),
  )

  app.put(
    '/api/meetings/:id/consent',
    staff,
    meetingRoute(app, { need: 'convener', editing: true }, ({ meeting }, request, reply) => {
      const input = parseInput(ConsentInputSchema, request.body, request, reply)
      if (!input) return reply
      const { user } = staffOf(request)
      db.transaction(() => {
        stores.meetings.recordConsent(meeting.id, input, { userId: user.id, name: user.name })
        stores.audit.append({ action: 'consent.recorded', meetingId: meeting.id, ...staffActor(request) })
      }).immediate()
      return current(request, meeting.id)
    }),
  )

  app.post(
    '/api/meetings/:id/start',
    staff,
    meetingRoute(app, { need: 'read' }, ({ meeting }, request, reply) => {
      if (meeting.status === 'finalized') return sendConflict(reply, 'finalized')
      // Consent lifts secrecy between the organisations for this coordination only: no consent, no meeting.
      if (!stores.meetings.consent(meeting.id)) return sendConflict(reply, 'no-consent')
      if (meeting.status === 'planned') {
        db.transaction(() => {
          stores.meetings.setStatus(meeting.id, 'started')
          stores.audit.append({ action: 'meeting.updated', meetingId: meeting.id, ...staffActor(request) })
        }).immediate()
      }
      return current(request, meeting.id)
    }),
  )

  // A staff member who is a participant of the meeting (isMe) enters the room without a link.
  app.post(
    '/api/meetings/:id/open',
    staff,
    meetingRoute(app, { need: 'read' }, ({ meeting }, request, reply) => {
      const { user } = staffOf(request)
      const seat = stores.participants.seatOf(meeting.id, user.id)
      if (!seat) return sendConflict(reply, 'not-a-participant')
      const now = Date.now()
      if (linkExpiry(meeting.startsAt) <= now) return sendConflict(reply, 'expired')
      const actor = staffActor(request)
      const { value, expiresAt } = db
        .transaction(() => {
          // The session hangs on a link like any other, so revoking the seat's link closes it too.
          const active = stores.tokens.active(seat.id, now)
          const link = active
            ? { tokenId: active.id, expiresAt: active.expiresAt }
            : issueLink(stores, app.publicUrl, meeting, seat.id, actor)
          stores.audit.append({
            action: 'link.opened',
            meetingId: meeting.id,
            subject: `participant:${seat.id}`,
            ...actor,
          })
          const session = stores.participantSessions.create(
            { tokenId: link.tokenId, participantId: seat.id },
            user.id,
            now,
          )
          return { value: session, expiresAt: link.expiresAt }
        })
        .immediate()
      setParticipantCookie(reply, seat.id, value, expiresAt, app.secureCookies)
      return { participantId: seat.id }
    }),
  )

  app.get<{ Params: { id: string } }>(
    '/api/meetings/:id/audit',
    { preHandler: requireAdmin },
    async (request, reply) => {
      // Administrators read any meeting's audit log (never its content); they do not get the meeting.
      if (!stores.meetings.getMeeting(request.params.id)) return sendNotFound(reply)
      return stores.audit.forMeeting(request.params.id)
    },
  )
}
