import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { endpoints } from '../../shared/api/endpoints'
import { type ClosureNoticeInput, closureNotice } from '../../shared/closure/notice'
import { DEFAULT_LANGUAGE, isLanguage } from '../../shared/languages'
import { participantActor } from '../auth/principal'
import { closureNoticeFile, closureNoticeInput } from '../sips/closure-notice'
import { sendConflict } from './http'
import { participantOf } from './participant-of'

/**
 * The closure notice through a participant's own link (docs/process.md P9, P10): GET
 * /api/session/closure-notice (the blocks the screen shows) and …/closure-notice.pdf (the same
 * words as a PDF). Any participant of any meeting of the SIP – child, guardian, professional –
 * once the SIP is closed; 409 `sip-active` before. Every read is audited (`closure-notice.read`).
 */
export async function closureNoticeRoutes(app: FastifyInstance): Promise<void> {
  async function noticeOf(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<ClosureNoticeInput | undefined> {
    const asker = await participantOf(app, request, reply)
    if (!asker) return undefined
    const lang = (request.query as Record<string, unknown>).lang ?? DEFAULT_LANGUAGE
    if (!isLanguage(lang)) {
      reply.code(400).send({ error: 'validation', field: 'lang', message: 'lang must be sv or en.' })
      return undefined
    }
    const { meeting, participant } = asker
    const input = await closureNoticeInput(app.stores, meeting.sipId, lang)
    if (!input) {
      sendConflict(reply, 'sip-active')
      return undefined
    }
    await app.stores.audit.append({
      action: 'closure-notice.read',
      meetingId: meeting.id,
      sipId: meeting.sipId,
      ...participantActor(participant, request.ip),
    })
    return input
  }

  app.get(endpoints.sessionClosureNotice.path, async (request, reply) => {
    const input = await noticeOf(request, reply)
    if (!input) return reply
    return closureNotice(input)
  })

  app.get(endpoints.sessionClosureNoticePdf.path, async (request, reply) => {
    const input = await noticeOf(request, reply)
    if (!input) return reply
    const { fileName, pdf } = await closureNoticeFile(input)
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .send(pdf)
  })
}
