import { stockholmDay } from '../../shared/dates'
import { DateSchema } from '../../shared/schemas/meeting'
import type { Stores } from '../db/contract'
import type { MeetingRow } from '../db/meetings'
import type { PlanVersionRow } from '../db/signoff'
import type { AttendanceFact, AttendanceStatus } from '../db/statistics'

const STATUSES: readonly string[] = ['present', 'remote', 'cancelled', 'no-show']

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/**
 * The statistics facts of a meeting being finalized (issue 14), from the signed version – its
 * attendance and follow-up – and the records as they are now: each invited participant's
 * organisation and function, the convener's organisation (their staff account's, else their own
 * seat's). Call inside the finalizing transaction, once per meeting.
 */
export async function recordMeetingFacts(
  stores: Pick<Stores, 'statistics' | 'participants' | 'signoff'>,
  meeting: MeetingRow,
  version: Pick<PlanVersionRow, 'id' | 'canonicalJson'>,
  now = Date.now(),
): Promise<void> {
  const plan = record(JSON.parse(version.canonicalJson))
  const attendance = record(plan.attendance)
  const signed = new Set(
    (await stores.signoff.signatures(meeting.id))
      .filter((s) => s.versionId === version.id)
      .map((s) => s.participantId),
  )
  const missing = new Map(
    (await stores.signoff.missing(meeting.id)).map((m) => [m.participantId, m.category]),
  )
  const participants = await stores.participants.ofMeeting(meeting.id)
  const facts: AttendanceFact[] = participants.map((p) => {
    const status = attendance[p.id]
    return {
      participantId: p.id,
      role: p.role,
      organisation: p.organisation,
      function: p.function.trim().toLowerCase(),
      status: (typeof status === 'string' && STATUSES.includes(status)
        ? status
        : 'unmarked') as AttendanceStatus,
      signed: signed.has(p.id),
      missingReason: missing.get(p.id) ?? null,
    }
  })
  const account = meeting.convenerUserId
    ? await stores.statistics.staffRecord(meeting.convenerUserId)
    : undefined
  const seat = participants.find((p) => p.staffUserId !== null && p.staffUserId === meeting.convenerUserId)
  // Organisation and function from one source: the account when it names an organisation, else the
  // convener's own seat – never an account's function beside another seat's organisation.
  const convener =
    account && account.organisation !== ''
      ? { organisation: account.organisation, function: account.function.trim().toLowerCase() }
      : { organisation: seat?.organisation ?? '', function: seat?.function.trim().toLowerCase() ?? '' }
  const followUp = record(plan.followUp).date
  const followUpText = typeof followUp === 'string' ? followUp.trim() : ''
  const invitedAt = await stores.statistics.firstInvitationAt(meeting.id, meeting.convenerUserId)
  await stores.statistics.record(
    {
      meetingId: meeting.id,
      sipId: meeting.sipId,
      heldOn: stockholmDay(meeting.startsAt),
      type: meeting.type,
      convenerOrganisation: convener.organisation,
      convenerFunction: convener.function,
      childParticipation: meeting.childParticipation,
      followUpBooked: followUpText !== '',
      signedByAll: facts.every((f) => (f.status === 'present' || f.status === 'remote' ? f.signed : true)),
      finalizedAt: now,
      municipality: account?.municipality ?? '',
      // Only a calendar date can be on time or overdue (ST15); a date typed by hand ("v. 23") is none.
      followUpOn: DateSchema.safeParse(followUpText).success ? followUpText : null,
      invitedOn: invitedAt === null ? null : stockholmDay(invitedAt),
      consentOn: await stores.statistics.consentOn(meeting.id),
    },
    facts,
  )
}
