import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { endpoints } from '../../shared/api/endpoints'
import { DEFAULT_LANGUAGE, isLanguage } from '../../shared/languages'
import type { MinutesDocument } from '../../shared/schemas/minutes'
import {
  FinalizeInputSchema,
  SignInputSchema,
  SignInRoomInputSchema,
  UnlockInputSchema,
} from '../../shared/schemas/signoff'
import { participantActor } from '../auth/principal'
import { staffActor } from '../auth/staff-auth'
import type { MeetingRow } from '../db/meetings'
import type { AuditActor } from '../meetings/service'
import type { MinutesReader } from '../minutes/minutes'
import { createPdfCache } from '../minutes/pdf'
import type { Chair } from '../signoff/service'
import { parseInput, sendRefused, sendResult } from './http'
import { participantOf } from './participant-of'

/**
 * Sign-off: /api/meetings/:id/plan/{lock,unlock,sign,sign-in-room,finalize,state,verify,protocol,
 * previous-protocol.pdf} (docs/api.md; `protocol` is the minutes). The rules – G1–G14 in docs/protocol.md – are the
 * sign-off service's (server/signoff/service.ts); here: who is asking, their input, the answer.
 */
export async function signoffRoutes(app: FastifyInstance): Promise<void> {
  const { signoffService: signoff, meetingService: meetings } = app
  const minutesPdf = createPdfCache()

  /** The chair of the meeting in the path (G3), else the refusal is sent. */
  async function chairOf(request: FastifyRequest, reply: FastifyReply): Promise<Chair | undefined> {
    const { id } = request.params as { id: string }
    const asker = await participantOf(app, request, reply, id, { writing: true })
    if (!asker) return undefined
    const chair = signoff.chair(asker)
    if (chair.ok) return chair.value
    sendRefused(reply, chair)
    return undefined
  }

  /**
   * Reading (state, verify, minutes): a participant of the meeting through their link, or its
   * convener or chair signed in as staff – and which of the two is asking.
   */
  async function readerOf(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<
    { meetingId: string; meeting: MeetingRow; reader: MinutesReader; actor: AuditActor } | undefined
  > {
    const { id } = request.params as { id: string }
    const query = request.query as Record<string, unknown>
    if (request.staff && query.as === undefined && request.headers.authorization === undefined) {
      const access = await meetings.access(id, request.staff.user.id, { need: 'read' })
      if (access.ok) {
        const { meeting } = access.value
        return { meetingId: meeting.id, meeting, reader: 'staff', actor: staffActor(request) }
      }
      sendRefused(reply, access)
      return undefined
    }
    const asker = await participantOf(app, request, reply, id)
    if (!asker) return undefined
    const { actor, actorName, sourceAddress } = participantActor(asker.participant, request.ip)
    return {
      meetingId: asker.meeting.id,
      meeting: asker.meeting,
      reader: 'participant',
      actor: { actor, actorName, sourceAddress },
    }
  }

  app.post(endpoints.lockPlan.path, async (request, reply) => {
    const chair = await chairOf(request, reply)
    if (!chair) return reply
    return sendResult(reply, await signoff.lock(chair, request.ip), 201)
  })

  app.post(endpoints.unlockPlan.path, async (request, reply) => {
    const chair = await chairOf(request, reply)
    if (!chair) return reply
    const input = parseInput(UnlockInputSchema, request.body, request, reply)
    if (!input) return reply
    return sendResult(reply, await signoff.unlock(chair, input, request.ip))
  })

  app.post(endpoints.signPlan.path, async (request, reply) => {
    const { id } = request.params as { id: string }
    const asker = await participantOf(app, request, reply, id, { writing: true })
    if (!asker) return reply
    const input = parseInput(SignInputSchema, request.body, request, reply)
    if (!input) return reply
    return sendResult(reply, await signoff.sign(asker, input, request.ip), 201)
  })

  app.post(endpoints.signPlanInRoom.path, async (request, reply) => {
    const chair = await chairOf(request, reply)
    if (!chair) return reply
    const input = parseInput(SignInRoomInputSchema, request.body, request, reply)
    if (!input) return reply
    return sendResult(reply, await signoff.signInRoom(chair, input, request.ip), 201)
  })

  app.post(endpoints.finalizePlan.path, async (request, reply) => {
    const chair = await chairOf(request, reply)
    if (!chair) return reply
    const input = parseInput(FinalizeInputSchema, request.body, request, reply)
    if (!input) return reply
    return sendResult(reply, await signoff.finalize(chair, input, request.ip))
  })

  app.get(endpoints.planState.path, async (request, reply) => {
    const asker = await readerOf(request, reply)
    if (!asker) return reply
    return signoff.state(asker.meetingId)
  })

  app.get(endpoints.verifyPlan.path, async (request, reply) => {
    const asker = await readerOf(request, reply)
    if (!asker) return reply
    const raw = (request.query as Record<string, unknown>).version
    const number = raw === undefined ? undefined : Number(raw)
    if (number !== undefined && (!Number.isInteger(number) || number < 1))
      return reply.code(400).send({ error: 'validation', field: 'version' })
    return sendResult(reply, await signoff.verify(asker.meetingId, number))
  })

  /**
   * G12: the minutes of the active version, as blocks for the print view or as a PDF – for every
   * participant through their own link (while it lives) and for the meeting's convener and chair;
   * only the latter, signed in as staff, get the technical check in them.
   * Never cached: they name a child.
   */
  async function minutesOf(
    request: FastifyRequest,
    reply: FastifyReply,
    which: 'own' | 'previous' = 'own',
  ): Promise<MinutesDocument | undefined> {
    const asker = await readerOf(request, reply)
    if (!asker) return undefined
    const lang = (request.query as Record<string, unknown>).lang ?? DEFAULT_LANGUAGE
    if (!isLanguage(lang)) {
      reply.code(400).send({ error: 'validation', field: 'lang', message: 'lang must be sv or en.' })
      return undefined
    }
    const minutes =
      which === 'own'
        ? await signoff.minutes(asker.meeting, lang, asker.reader, asker.actor)
        : await signoff.previousMinutes(asker.meeting, lang, asker.reader, asker.actor)
    if (!minutes.ok) {
      sendRefused(reply, minutes)
      return undefined
    }
    reply.header('cache-control', 'no-store')
    return minutes.value
  }

  /** `inline`: opened in the browser's viewer (the previous protocol, read out in step 1). */
  async function sendPdf(reply: FastifyReply, minutes: MinutesDocument, disposition = 'attachment') {
    const pdf = await minutesPdf(minutes)
    return reply
      .type('application/pdf')
      .header('content-disposition', `${disposition}; filename="${minutes.fileName}.pdf"`)
      .send(pdf)
  }

  app.get(endpoints.minutes.path, async (request, reply) => (await minutesOf(request, reply)) ?? reply)

  app.get(endpoints.minutesPdf.path, async (request, reply) => {
    const minutes = await minutesOf(request, reply)
    return minutes ? sendPdf(reply, minutes) : reply
  })

  /**
   * P8: at a follow-up, the previous meeting's protocol (its active version), read out in step 1 –
   * for everyone who may read the follow-up's own protocol, through their link to the follow-up.
   * A link of the earlier meeting opens that meeting only: it is refused here like any other
   * meeting's (403). 404 `no-previous` for a first meeting. Audited (`protocol.read`).
   */
  app.get(endpoints.previousMinutesPdf.path, async (request, reply) => {
    const minutes = await minutesOf(request, reply, 'previous')
    return minutes ? sendPdf(reply, minutes, 'inline') : reply
  })
}
