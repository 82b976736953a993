import type { FastifyReply, FastifyRequest } from 'fastify'
import { endpoints } from '../../shared/api/endpoints'
import { meetingInputAt } from '../../shared/schemas/meeting'
import { CloseInputSchema, FollowUpInputSchema, ResponsibleInputSchema } from '../../shared/schemas/sip'
import { describeIssue } from '../../shared/validation'
import { requireStaff, staffActor, staffOf } from '../auth/staff-auth'
import type { Refusal } from '../result'
import type { SipAccess } from '../sips/access'
import { closureNoticeFile, closureNoticeInput } from '../sips/closure-notice'
import { refusalMessage } from '../sips/messages'
import { languageOf, parseInput, type RouteApp, sendConflict, sendRefused } from './http'

/** "Mina SIP:ar", the SIP page and what is done on it: /api/sips (docs/api.md, docs/process.md). */
export async function sipRoutes(app: RouteApp): Promise<void> {
  const { sipService: sips } = app
  const staff = { preValidation: requireStaff }

  /** A refusal with its sentence in the asker's language (Swedish unless they ask for English). */
  function refused(request: FastifyRequest, reply: FastifyReply, refusal: Refusal) {
    const language = languageOf(request)
    if (refusal.error === 'validation' && refusal.field && refusal.message) {
      // A check the schema cannot make (an unknown account, a date ahead): said like one it makes.
      const issue = describeIssue(
        { code: 'custom', path: refusal.field.split('.'), message: refusal.message, input: undefined },
        language,
      )
      return reply
        .code(400)
        .send({ error: 'validation', field: refusal.field, message: issue.message, issues: [issue] })
    }
    return sendRefused(reply, {
      ...refusal,
      message: refusal.message ?? refusalMessage(refusal.error, language),
    })
  }

  /** The SIP in the path as the signed-in staff member may have it (P4), else 404 is sent. */
  async function accessOf(request: FastifyRequest, reply: FastifyReply): Promise<SipAccess | undefined> {
    const { id } = request.params as { id: string }
    const access = await sips.access(id, staffOf(request).user.id)
    if (access.ok) return access.value
    refused(request, reply, access)
    return undefined
  }

  app.get(endpoints.sips.path, staff, async (request) =>
    sips.list(staffOf(request).user.id, staffActor(request)),
  )

  app.get(endpoints.sip.path, staff, async (request, reply) => {
    const access = await accessOf(request, reply)
    if (!access) return reply
    return sips.view(access, staffOf(request).user.id, staffActor(request))
  })

  app.post(endpoints.changeResponsible.path, staff, async (request, reply) => {
    const access = await accessOf(request, reply)
    if (!access) return reply
    const input = parseInput(ResponsibleInputSchema, request.body, request, reply)
    if (!input) return reply
    const { user } = staffOf(request)
    const changed = await sips.changeResponsible(access, input, user, staffActor(request))
    if (!changed.ok) return refused(request, reply, changed)
    return reply.code(201).send(await sips.view(access, user.id, staffActor(request), false))
  })

  app.post(endpoints.closeSip.path, staff, async (request, reply) => {
    const access = await accessOf(request, reply)
    if (!access) return reply
    const input = parseInput(CloseInputSchema, request.body, request, reply)
    if (!input) return reply
    const { user } = staffOf(request)
    const closed = await sips.close(access, input, user, staffActor(request))
    if (!closed.ok) return refused(request, reply, closed)
    return sips.view(access, user.id, staffActor(request), false)
  })

  /** P10: the notice for the family, for staff to print or send (closed SIPs only). */
  app.get(
    endpoints.closureNoticePdf.path,
    { ...staff, schema: { querystring: endpoints.closureNoticePdf.query } },
    async (request, reply) => {
      const access = await accessOf(request, reply)
      if (!access) return reply
      const input = await closureNoticeInput(app.stores, access.sip.id, request.query.lang)
      if (!input) return sendConflict(reply, 'sip-active')
      await app.stores.audit.append({
        action: 'closure-notice.read',
        sipId: access.sip.id,
        ...staffActor(request),
      })
      const { fileName, pdf } = await closureNoticeFile(input)
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(pdf)
    },
  )

  app.get(endpoints.followUpDraft.path, staff, async (request, reply) => {
    const access = await accessOf(request, reply)
    if (!access) return reply
    const draft = await sips.followUpDraft(access, staffOf(request).user.id, staffActor(request))
    if (!draft.ok) return refused(request, reply, draft)
    return draft.value
  })

  app.post(endpoints.bookFollowUp.path, staff, async (request, reply) => {
    const access = await accessOf(request, reply)
    if (!access) return reply
    const input = parseInput(FollowUpInputSchema, request.body, request, reply)
    if (!input) return reply
    // Not in the schema: whether a start is in the past depends on when the request comes (M1).
    const setup = parseInput(meetingInputAt(Date.now()), input.setup, request, reply)
    if (!setup) return reply
    const booked = await sips.bookFollowUp(
      access,
      { ...input, setup },
      staffOf(request).user.id,
      staffActor(request),
    )
    if (!booked.ok) return refused(request, reply, booked)
    return reply.code(201).send(booked.value)
  })
}
