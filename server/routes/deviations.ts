import type { FastifyReply, FastifyRequest } from 'fastify'
import { endpoints } from '../../shared/api/endpoints'
import { IdParamsSchema } from '../../shared/schemas/params'
import { requireAdmin, requireStaff, staffActor, staffOf } from '../auth/staff-auth'
import { sendCsv } from '../csv'
import { type SipAccess, sipAccess } from '../sips/access'
import { deviationService } from '../sips/deviations'
import { parseInput, type RouteApp, sendNotFound } from './http'

/**
 * Deviations (docs/api.md "Deviations", docs/process.md P11–P12): per SIP for the staff who see it
 * (P4: anyone else gets 404, administrators included), and the whole installation's for
 * administrators. The rules: server/sips/deviations.ts.
 */
export async function deviationRoutes(app: RouteApp): Promise<void> {
  const deviations = deviationService({ stores: app.stores, transaction: app.storage.transaction })
  const onSip = { preValidation: requireStaff, schema: { params: IdParamsSchema } }
  const admin = { preValidation: requireAdmin }

  /** The SIP of `:id` if the signed-in staff member may see it; else the 404 is sent. */
  const sipOf = async (request: FastifyRequest, reply: FastifyReply): Promise<SipAccess | undefined> => {
    const { id } = request.params as { id: string }
    const access = await sipAccess(app.stores, id, staffOf(request).user.id)
    if (!access) sendNotFound(reply)
    return access
  }

  app.post(endpoints.recordDeviation.path, onSip, async (request, reply) => {
    const access = await sipOf(request, reply)
    if (!access) return reply
    const input = parseInput(await deviations.inputFor(access.sip.id), request.body, request, reply)
    if (!input) return reply
    const { user } = staffOf(request)
    const deviation = await deviations.record(
      access.sip.id,
      input,
      { userId: user.id, name: user.name },
      staffActor(request),
    )
    return reply.code(201).send(deviation)
  })

  app.get(endpoints.deviations.path, onSip, async (request, reply) => {
    const access = await sipOf(request, reply)
    if (!access) return reply
    return deviations.ofSip(access.sip.id, staffActor(request))
  })

  app.get(endpoints.deviationsCsv.path, onSip, async (request, reply) => {
    const access = await sipOf(request, reply)
    if (!access) return reply
    const { fileName, csv } = await deviations.csvOfSip(access.sip.id, staffActor(request))
    return sendCsv(reply, fileName, csv)
  })

  app.get(endpoints.allDeviations.path, admin, async (request) => deviations.all(staffActor(request)))

  app.get(endpoints.allDeviationsCsv.path, admin, async (request, reply) => {
    const { fileName, csv } = await deviations.allCsv(staffActor(request))
    return sendCsv(reply, fileName, csv)
  })
}
