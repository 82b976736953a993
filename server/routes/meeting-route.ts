import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { staffOf } from '../auth/staff-auth'
import type { MeetingAccess } from '../meetings/access'
import { sendRefused } from './http'

export interface MeetingRouteOptions {
  /**
   * `convener`: a chair who may read the meeting gets 403 (A11); `lead`: its convener or chair,
   * not someone who only sees its SIP (P4).
   */
  need: 'read' | 'lead' | 'convener'
  /** Changes the set-up or the participants: refused (409 finalized) once the meeting is finalized. */
  editing?: boolean
}

type MeetingHandler = (access: MeetingAccess, request: FastifyRequest, reply: FastifyReply) => unknown

/**
 * A handler for a route on one meeting (`:id`): the signed-in staff member's access is checked
 * first by the meeting service – 404 when the meeting is not theirs (A11), 403 when a chair asks
 * for what only the convener may do, 409 when an edit comes after finalizing – and only then does
 * `run` see it.
 */
export function meetingRoute(app: FastifyInstance, options: MeetingRouteOptions, run: MeetingHandler) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const { id } = request.params as { id: string }
    const access = await app.meetingService.access(id, staffOf(request).user.id, options)
    if (!access.ok) return sendRefused(reply, access)
    return run(access.value, request, reply)
  }
}
