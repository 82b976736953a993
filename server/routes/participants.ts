import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { MAX_PARTICIPANTS } from '../../shared/limits'
import { CloseCodes } from '../../shared/protocol'
import { ParticipantInputSchema } from '../../shared/schemas/meeting'
import { requireStaff, staffActor, staffOf } from '../auth/staff-auth'
import type { AuditAction } from '../db/audit-log'
import type { ParticipantRow } from '../db/participants'
import type { MeetingAccess } from '../meetings/access'
import { issueLink } from '../meetings/links'
import { writeRoster } from '../meetings/plan'
import { participantInput, participantView } from '../meetings/views'
import { parseInput, parsePatch, sendConflict, sendNotFound } from './http'
import { meetingRoute } from './meeting-route'

type ParticipantHandler = (
  found: MeetingAccess & { participant: ParticipantRow },
  request: FastifyRequest,
  reply: FastifyReply,
) => unknown

/** Participants and their personal links: /api/meetings/:id/participants (docs/api.md). Convener only. */
export async function participantRoutes(app: FastifyInstance): Promise<void> {
  const { stores, db, sync } = app
  const staff = { preHandler: requireStaff }

  /** A route on one participant (`:pid`) of the convener's meeting; 404 if it is not one of its own. */
  function participantRoute(editing: boolean, run: ParticipantHandler) {
    return meetingRoute(app, { need: 'convener', editing }, (access, request, reply) => {
      const { pid } = request.params as { pid: string }
      const participant = stores.participants.get(access.meeting.id, pid)
      if (!participant) return sendNotFound(reply)
      return run({ ...access, participant }, request, reply)
    })
  }

  function audit(
    request: FastifyRequest,
    action: AuditAction,
    meetingId: string,
    participantId: string,
  ): void {
    stores.audit.append({
      action,
      meetingId,
      subject: `participant:${participantId}`,
      ...staffActor(request),
    })
  }

  function view(meetingId: string, participant: ParticipantRow, userId: string) {
    return participantView(
      participant,
      stores.tokens.latestByParticipant(meetingId).get(participant.id),
      userId,
    )
  }

  /** Revokes a participant's live links (inside a transaction); returns their ids to close afterwards. */
  function revokeLinks(request: FastifyRequest, meetingId: string, participantId: string): number[] {
    const revoked = stores.tokens.revokeForParticipant(participantId)
    if (revoked.length > 0) audit(request, 'link.revoked', meetingId, participantId)
    return revoked
  }

  app.post(
    '/api/meetings/:id/participants',
    staff,
    meetingRoute(app, { need: 'convener', editing: true }, ({ meeting }, request, reply) => {
      const input = parseInput(ParticipantInputSchema, request.body, request, reply)
      if (!input) return reply
      const me = staffOf(request).user.id
      if (stores.participants.count(meeting.id) >= MAX_PARTICIPANTS) {
        return sendConflict(reply, 'too-many-participants')
      }
      if (input.isMe && stores.participants.seatOf(meeting.id, me))
        return sendConflict(reply, 'already-me', 'isMe')
      const { participant, link } = db
        .transaction(() => {
          const added = stores.participants.add(meeting.id, {
            ...input,
            name: input.name === '' ? null : input.name,
            staffUserId: input.isMe ? me : null,
          })
          audit(request, 'participant.added', meeting.id, added.id)
          const { issued } = issueLink(stores, app.publicUrl, meeting, added.id, staffActor(request))
          stores.meetings.touch(meeting.id)
          return { participant: added, link: issued }
        })
        .immediate()
      writeRoster(app, meeting.id)
      return reply.code(201).send({ participant: view(meeting.id, participant, me), link })
    }),
  )

  app.patch(
    '/api/meetings/:id/participants/:pid',
    staff,
    participantRoute(true, ({ meeting, participant }, request, reply) => {
      const me = staffOf(request).user.id
      const current = participantInput(participant, me)
      const input = parsePatch(ParticipantInputSchema, current, request.body, request, reply)
      if (!input) return reply
      const seat = stores.participants.seatOf(meeting.id, me)
      if (input.isMe && seat && seat.id !== participant.id) return sendConflict(reply, 'already-me', 'isMe')
      // isMe speaks for the convener only: a seat linked to someone else stays theirs unless claimed.
      const staffUserId = input.isMe ? me : participant.staffUserId === me ? null : participant.staffUserId
      db.transaction(() => {
        stores.participants.update(participant.id, {
          role: input.role,
          name: input.name === '' ? null : input.name,
          organisation: input.organisation,
          organisationOther: input.organisationOther,
          function: input.function,
          staffUserId,
        })
        audit(request, 'participant.updated', meeting.id, participant.id)
        stores.meetings.touch(meeting.id)
      }).immediate()
      writeRoster(app, meeting.id)
      if (input.role !== participant.role) {
        // A role is fixed when a socket connects (A6): reconnect so the new one applies.
        for (const tokenId of stores.tokens.idsForParticipant(participant.id)) {
          sync.closeToken(tokenId, CloseCodes.goingAway)
        }
      }
      return view(meeting.id, stores.participants.get(meeting.id, participant.id)!, me)
    }),
  )

  app.delete(
    '/api/meetings/:id/participants/:pid',
    staff,
    participantRoute(true, ({ meeting, participant }, request, reply) => {
      const tokenIds = stores.tokens.idsForParticipant(participant.id)
      db.transaction(() => {
        revokeLinks(request, meeting.id, participant.id)
        audit(request, 'participant.removed', meeting.id, participant.id)
        // Its links and cookie sessions go with it; its audit rows stay.
        stores.participants.remove(participant.id)
        stores.meetings.touch(meeting.id)
      }).immediate()
      for (const tokenId of tokenIds) sync.closeToken(tokenId)
      writeRoster(app, meeting.id)
      return reply.code(204).send()
    }),
  )

  app.post(
    '/api/meetings/:id/participants/:pid/link',
    staff,
    participantRoute(false, ({ meeting, participant }, request, reply) => {
      const { revoked, issued } = db
        .transaction(() => ({
          revoked: revokeLinks(request, meeting.id, participant.id),
          issued: issueLink(stores, app.publicUrl, meeting, participant.id, staffActor(request)).issued,
        }))
        .immediate()
      for (const tokenId of revoked) sync.closeToken(tokenId)
      return reply.code(201).send(issued)
    }),
  )

  app.delete(
    '/api/meetings/:id/participants/:pid/link',
    staff,
    participantRoute(false, ({ meeting, participant }, request, reply) => {
      const revoked = db.transaction(() => revokeLinks(request, meeting.id, participant.id)).immediate()
      // A5: every socket the link (or a cookie exchanged for it) opened is closed with 4401.
      for (const tokenId of revoked) sync.closeToken(tokenId)
      return reply.code(204).send()
    }),
  )
}
