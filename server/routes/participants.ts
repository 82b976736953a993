import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { endpoints } from '../../shared/api/endpoints'
import { ParticipantInputSchema } from '../../shared/schemas/meeting'
import { requireStaff, staffActor, staffOf } from '../auth/staff-auth'
import type { ParticipantRow } from '../db/participants'
import type { MeetingAccess } from '../meetings/access'
import { participantInput } from '../meetings/views'
import { parseInput, parsePatch, sendNotFound, sendResult } from './http'
import { meetingRoute } from './meeting-route'

type ParticipantHandler = (
  found: MeetingAccess & { participant: ParticipantRow },
  request: FastifyRequest,
  reply: FastifyReply,
) => unknown

/**
 * Participants and their personal links: /api/meetings/:id/participants (docs/api.md). Convener
 * only. The rules: server/meetings/service.ts.
 */
export async function participantRoutes(app: FastifyInstance): Promise<void> {
  const { meetingService: meetings } = app
  const staff = { preValidation: requireStaff }

  /** A route on one participant (`:pid`) of the convener's meeting; 404 if it is not one of its own. */
  function participantRoute(editing: boolean, run: ParticipantHandler) {
    return meetingRoute(app, { need: 'convener', editing }, async (access, request, reply) => {
      const { pid } = request.params as { pid: string }
      const participant = await meetings.participant(access.meeting.id, pid)
      if (!participant) return sendNotFound(reply)
      return run({ ...access, participant }, request, reply)
    })
  }

  app.post(
    endpoints.addParticipant.path,
    staff,
    meetingRoute(app, { need: 'convener', editing: true }, async ({ meeting }, request, reply) => {
      const input = parseInput(ParticipantInputSchema, request.body, request, reply)
      if (!input) return reply
      const me = staffOf(request).user.id
      return sendResult(reply, await meetings.addParticipant(meeting, input, me, staffActor(request)), 201)
    }),
  )

  app.patch(
    endpoints.updateParticipant.path,
    staff,
    participantRoute(true, async ({ meeting, participant }, request, reply) => {
      const me = staffOf(request).user.id
      const input = parsePatch(
        ParticipantInputSchema,
        participantInput(participant, me),
        request.body,
        request,
        reply,
      )
      if (!input) return reply
      return sendResult(
        reply,
        await meetings.updateParticipant(meeting, participant, input, me, staffActor(request)),
      )
    }),
  )

  app.delete(
    endpoints.removeParticipant.path,
    staff,
    participantRoute(true, async ({ meeting, participant }, request, reply) => {
      await meetings.removeParticipant(meeting, participant, staffActor(request))
      return reply.code(204).send()
    }),
  )

  app.post(
    endpoints.newLink.path,
    staff,
    participantRoute(false, async ({ meeting, participant }, request, reply) =>
      reply.code(201).send(await meetings.newLink(meeting, participant, staffActor(request))),
    ),
  )

  app.post(
    endpoints.newLinks.path,
    staff,
    meetingRoute(app, { need: 'convener', editing: true }, async ({ meeting }, request, reply) =>
      reply.code(201).send(await meetings.newLinks(meeting, staffActor(request))),
    ),
  )

  app.delete(
    endpoints.revokeLink.path,
    staff,
    participantRoute(false, async ({ meeting, participant }, request, reply) => {
      await meetings.revokeLink(meeting, participant, staffActor(request))
      return reply.code(204).send()
    }),
  )
}
