import { stockholmDateTime, stockholmDay } from '../../shared/dates'
import { MAX_PARTICIPANTS } from '../../shared/limits'
import type { Meeting } from '../../shared/schemas/meeting'
import type {
  CloseInput,
  FollowUpDraft,
  FollowUpInput,
  ResponsibleInput,
  Sip,
  SipSummary,
} from '../../shared/schemas/sip'
import type { Stores, WriteTransaction } from '../db/contract'
import type { MeetingRow } from '../db/meetings'
import type { AuditActor, MeetingService } from '../meetings/service'
import { setupInput, setupOf } from '../meetings/views'
import type { PlanDocuments } from '../plan/document-port'
import { done, type Result, refuse } from '../result'
import { type SipAccess, sipAccess } from './access'
import { plannedFollowUp, signedPlanOf, sipSummaryView, sipView, sortSummaries } from './views'

export interface SipServiceDeps {
  stores: Pick<Stores, 'sips' | 'meetings' | 'participants' | 'tokens' | 'signoff' | 'audit' | 'users'>
  transaction: WriteTransaction
  plans: PlanDocuments
  meetings: MeetingService
  /** The first plan of a follow-up from the last signed plan (P6); default: the roster only. */
  followUpPlan?: (
    meeting: MeetingRow,
    participants: Parameters<NonNullable<Parameters<MeetingService['create']>[0]['plan']>>[1],
    previousPlan: Record<string, unknown>,
  ) => Uint8Array
}

/** Who recorded something, for the SIP's own columns. */
export interface StaffUser {
  id: string
  name: string
}

/**
 * The SIP over time (docs/process.md P1–P12): "Mina SIP:ar", the SIP page, huvudansvarig,
 * follow-up booking, closure. Every read and write is audited with the SIP's id (P12); every
 * change is one write transaction; sockets are closed after the commit.
 */
export function sipService({ stores, transaction, plans, meetings, followUpPlan }: SipServiceDeps) {
  async function audit(
    action: Parameters<Stores['audit']['append']>[0]['action'],
    sipId: string,
    actor: AuditActor,
    meetingId?: string,
  ) {
    await stores.audit.append({ action, sipId, ...(meetingId !== undefined ? { meetingId } : {}), ...actor })
  }

  /** P5: the last meeting, when a follow-up may be booked after it. */
  async function lastFinalized(sipId: string): Promise<Result<MeetingRow>> {
    const sip = await stores.sips.get(sipId)
    if (!sip) return refuse(404, 'not-found')
    if (sip.status === 'closed') return refuse(409, 'sip-closed')
    const all = await stores.meetings.ofSip(sipId)
    const last = all[all.length - 1]
    if (last?.status !== 'finalized') return refuse(409, 'last-meeting-not-finalized')
    return done(last)
  }

  /** Every link token of every participant of the SIP's meetings: their sockets close on closure. */
  async function tokenIdsOf(sipId: string): Promise<number[]> {
    const ids: number[] = []
    for (const meeting of await stores.meetings.ofSip(sipId)) {
      for (const participant of await stores.participants.ofMeeting(meeting.id)) {
        ids.push(...(await stores.tokens.idsForParticipant(participant.id)))
      }
    }
    return ids
  }

  return {
    /** P4: the SIP as staff member `userId` may have it; 404 when it is not theirs. */
    async access(sipId: string, userId: string): Promise<Result<SipAccess>> {
      const access = await sipAccess(stores, sipId, userId)
      return access ? done(access) : refuse(404, 'not-found')
    },

    /** "Mina SIP:ar" (P4), in the order that needs attention. */
    async list(userId: string, actor: AuditActor, now = Date.now()): Promise<SipSummary[]> {
      await stores.audit.append({ action: 'sips.listed', ...actor })
      return sortSummaries(
        await Promise.all(
          (await stores.sips.visibleTo(userId)).map((sip) => sipSummaryView(stores, sip, userId, now)),
        ),
      )
    },

    /** The SIP page; audited as read (P12) unless `audited` is false (after a write that audited). */
    async view(access: SipAccess, userId: string, actor: AuditActor, audited = true): Promise<Sip> {
      if (audited) await audit('sip.viewed', access.sip.id, actor)
      const current = { ...access, sip: (await stores.sips.get(access.sip.id))! }
      return sipView(stores, current, userId)
    },

    /**
     * P3: a new huvudansvarig from a date; the history keeps the earlier ones. `email` links their
     * SIP Live account (400 `email` when there is none with it).
     */
    async changeResponsible(
      access: SipAccess,
      input: ResponsibleInput,
      user: StaffUser,
      actor: AuditActor,
    ): Promise<Result<void>> {
      const { sip } = access
      if (sip.status === 'closed') return refuse(409, 'sip-closed')
      let userId: string | null = null
      if (input.email !== '') {
        const account = await stores.users.byEmail(input.email)
        if (!account || account.disabledAt !== null)
          return refuse(400, 'validation', { field: 'email', message: 'unknownAccount' })
        userId = account.id
      }
      await transaction(async () => {
        await stores.sips.addResponsible(
          sip.id,
          {
            organisation: input.organisation,
            organisationOther: input.organisationOther,
            function: input.function,
            name: input.name,
            userId,
            fromDate: input.fromDate,
            meetingId: null,
          },
          { userId: user.id, name: user.name },
        )
        await stores.sips.touch(sip.id)
        await audit('sip.responsible-changed', sip.id, actor)
      })
      return done(undefined)
    },

    /**
     * P9: closes the SIP with a reason and a date (today or earlier). Consent withdrawn is recorded
     * with who withdrew it. Meetings not yet held are cancelled; every socket of the SIP is closed
     * after the commit (4410). Closing a closed SIP: 409 `sip-closed`; while one of its meetings is
     * being held (started, not finalized): 409 `meeting-in-progress` – nothing written.
     */
    async close(
      access: SipAccess,
      input: CloseInput,
      user: StaffUser,
      actor: AuditActor,
      now = Date.now(),
    ): Promise<Result<void>> {
      const { sip } = access
      if (input.closedOn > stockholmDay(now))
        return refuse(400, 'validation', { field: 'closedOn', message: 'inFuture' })
      const by = { userId: user.id, name: user.name }
      const closure = { closedOn: input.closedOn, reason: input.reason, note: input.note }
      const withdrawal = { withdrawnOn: input.closedOn, withdrawnBy: input.withdrawnBy }
      const closed = await transaction(async (): Promise<Result<void>> => {
        // Read inside the write: a meeting started a moment ago counts.
        if ((await stores.sips.get(sip.id))?.status === 'closed') return refuse(409, 'sip-closed')
        // A meeting being held – perhaps locked, half signed – is finished in the room first.
        if ((await stores.meetings.ofSip(sip.id)).some((m) => m.status === 'started'))
          return refuse(409, 'meeting-in-progress')
        if (!(await stores.sips.close(sip.id, closure, by, now))) return refuse(409, 'sip-closed')
        if (
          input.reason === 'consent-withdrawn' &&
          (await stores.sips.withdrawConsent(sip.id, withdrawal, by, now))
        ) {
          await audit('consent.withdrawn', sip.id, actor)
        }
        for (const meetingId of await stores.meetings.cancelForSip(sip.id, now)) {
          await stores.audit.append({ action: 'meeting.updated', meetingId, sipId: sip.id, ...actor })
        }
        await audit('sip.closed', sip.id, actor)
        return done(undefined)
      })
      if (!closed.ok) return closed
      plans.disconnect(await tokenIdsOf(sip.id), 'sip-closed')
      return done(undefined)
    },

    /**
     * P5: the booking form of the next follow-up, prefilled from the last signed plan's follow-up
     * (date, time, place, who calls it) and the last meeting's set-up and participants.
     */
    async followUpDraft(
      access: SipAccess,
      userId: string,
      actor: AuditActor,
      now = Date.now(),
    ): Promise<Result<FollowUpDraft>> {
      const last = await lastFinalized(access.sip.id)
      if (!last.ok) return last
      const previous = last.value
      await audit('sip.viewed', access.sip.id, actor, previous.id)
      const planned = plannedFollowUp(await signedPlanOf(stores, previous.id))
      const startsAt = stockholmDateTime(planned.date, planned.time || '09:00')
      return done({
        previousMeetingId: previous.id,
        setup: {
          ...setupInput(previous),
          type: 'followup',
          // A date the last plan booked that has passed is no date to propose.
          startsAt: startsAt !== undefined && Date.parse(startsAt) > now ? startsAt : '',
          place: planned.place || previous.place,
          questions: '',
          childWords: '',
        },
        calledBy: planned.calledBy,
        participants: (await stores.participants.ofMeeting(previous.id)).map((p) => ({
          previousParticipantId: p.id,
          role: p.role,
          organisation: p.organisation as FollowUpDraft['participants'][number]['organisation'],
          organisationOther: p.organisationOther,
          function: p.function,
          name: p.name ?? '',
          isMe: p.staffUserId === userId,
        })),
      })
    },

    /**
     * P5, P6: books the follow-up – a new meeting of the SIP after its last, finalized one, its
     * convener the staff member booking it; every participant a new seat and a new personal link
     * (the staff member's own seat opens without one). Its first plan is written here, once, from
     * the last signed version.
     */
    async bookFollowUp(
      access: SipAccess,
      input: FollowUpInput,
      userId: string,
      actor: AuditActor,
    ): Promise<
      Result<{ meeting: Meeting; links: { participantId: string; url: string; expiresAt: string }[] }>
    > {
      if (input.participants.length > MAX_PARTICIPANTS) return refuse(409, 'too-many-participants')
      if (input.participants.filter((p) => p.isMe).length > 1)
        return refuse(409, 'already-me', { field: 'isMe' })
      const booked = await transaction(
        async (): Promise<
          Result<{
            meetingId: string
            links: { participantId: string; url: string; expiresAt: string }[]
          }>
        > => {
          // Checked inside the write: two people booking at once get one follow-up.
          const last = await lastFinalized(access.sip.id)
          if (!last.ok) return last
          const previous = last.value
          const previousPlan = (await signedPlanOf(stores, previous.id)) ?? {}
          const { meeting, invited } = await meetings.create(
            {
              setup: setupOf({ ...input.setup, type: 'followup' }),
              convenerUserId: userId,
              followUp: { sipId: access.sip.id, previousMeetingId: previous.id },
              participants: input.participants.map((p) => ({
                role: p.role,
                name: p.name === '' ? null : p.name,
                organisation: p.organisation,
                organisationOther: p.organisationOther,
                function: p.function,
                staffUserId: p.isMe ? userId : null,
              })),
              ...(followUpPlan ? { plan: (m, people) => followUpPlan(m, people, previousPlan) } : {}),
            },
            actor,
          )
          await stores.sips.touch(access.sip.id)
          await audit('followup.booked', access.sip.id, actor, meeting.id)
          const links = invited
            .filter((i) => i.participant.staffUserId !== userId)
            .map((i) => ({ participantId: i.participant.id, url: i.url, expiresAt: i.expiresAt }))
          return done({ meetingId: meeting.id, links })
        },
      )
      if (!booked.ok) return booked
      return done({ meeting: await meetings.view(booked.value.meetingId, userId), links: booked.value.links })
    },
  }
}

export type SipService = ReturnType<typeof sipService>
