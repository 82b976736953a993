import fp from 'fastify-plugin'
import { type MeetingService, meetingService } from '../meetings/service'
import { followUpPlanUpdate } from '../plan/carry-over'
import { syncPlanDocuments } from '../plan/sync-documents'
import { type SignoffService, signoffService } from '../signoff/service'
import { type SipService, sipService } from '../sips/service'

declare module 'fastify' {
  interface FastifyInstance {
    /** Set-up, participants, links, the plan's roster (server/meetings/service.ts). */
    meetingService: MeetingService
    /** Lock, sign, unlock, finalize (server/signoff/service.ts, G1–G14). */
    signoffService: SignoffService
    /** The SIP over time: Mina SIP:ar, huvudansvarig, follow-ups, closure (server/sips/service.ts). */
    sipService: SipService
    /** The address people open; personal links start with it. */
    publicUrl: string
  }
}

/**
 * The services that hold the rules (decision 006), over the stores and the live plans. They reach
 * the plans through PlanDocuments only (server/plan/document-port.ts), here the sync core's adapter.
 */
export const servicesPlugin = fp<{ publicUrl: string }>(
  async (app, { publicUrl }) => {
    const { stores } = app
    // The cluster (if any) is told of each act; read at the act, so the order of plugins is free.
    const plans = syncPlanDocuments(app.sync, () => app.cluster ?? undefined)
    const { transaction } = app.storage
    const meetings = meetingService({ stores, transaction, plans, publicUrl, log: app.log })
    const signoff = signoffService({ stores, transaction, plans, roster: meetings, publicUrl, log: app.log })
    app.decorate('meetingService', meetings)
    app.decorate('signoffService', signoff)
    app.decorate(
      'sipService',
      sipService({ stores, transaction, plans, meetings, followUpPlan: followUpPlanUpdate }),
    )
    app.decorate('publicUrl', publicUrl)
  },
  { name: 'services', dependencies: ['db', 'sync'] },
)
