import { addDays, stockholmDay } from '../../shared/dates'
import { FOLLOW_UP_DUE_DAYS } from '../../shared/limits'
import type { Responsible, Sip, SipConsent, SipMeeting, SipSummary } from '../../shared/schemas/sip'
import type { Stores } from '../db/contract'
import type { MeetingRow, StoredConsent } from '../db/meetings'
import type { ResponsibleRow, SipRow } from '../db/sips'
import type { SipAccess } from './access'

const iso = (ms: number) => new Date(ms).toISOString()

type ViewStores = Pick<Stores, 'sips' | 'meetings' | 'signoff'>

/** The follow-up the last signed plan booked: its date and time, place and who calls it. */
export interface PlannedFollowUp {
  date: string
  time: string
  place: string
  calledBy: string
}

/** The parsed canonical JSON of a meeting's active (signed) version; undefined if it has none. */
export async function signedPlanOf(
  stores: Pick<Stores, 'signoff'>,
  meetingId: string,
): Promise<Record<string, unknown> | undefined> {
  const active = await stores.signoff.active(meetingId)
  if (!active) return undefined
  const plan = JSON.parse(active.canonicalJson) as unknown
  return plan !== null && typeof plan === 'object' ? (plan as Record<string, unknown>) : undefined
}

function field(map: unknown, name: string): string {
  const value = map !== null && typeof map === 'object' ? (map as Record<string, unknown>)[name] : undefined
  return typeof value === 'string' ? value.trim() : ''
}

/** The follow-up a signed plan booked (step 5). */
export function plannedFollowUp(plan: Record<string, unknown> | undefined): PlannedFollowUp {
  const followUp = plan?.followUp
  return {
    date: field(followUp, 'date'),
    time: field(followUp, 'time'),
    place: field(followUp, 'place'),
    calledBy: field(followUp, 'calledBy'),
  }
}

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value)

/**
 * P4: where the SIP's next follow-up stands. The last meeting decides: one still to be held is
 * the booked follow-up (or, for a first meeting, nothing is due yet); a finalized one leaves the
 * date its plan set, booked or not.
 */
export async function followUpState(
  stores: ViewStores,
  sip: SipRow,
  meetings: readonly MeetingRow[],
  now = Date.now(),
): Promise<Pick<SipSummary, 'nextFollowUp' | 'followUpState'>> {
  const last = meetings[meetings.length - 1]
  if (sip.status === 'closed' || !last) return { nextFollowUp: null, followUpState: 'none' }
  const today = stockholmDay(now)
  if (last.status !== 'finalized') {
    if (meetings.length === 1) return { nextFollowUp: null, followUpState: 'none' }
    const date = stockholmDay(last.startsAt)
    const next = { date, meetingId: last.id }
    // Its day has passed and it is not finalized: not held, or held and never signed off.
    if (date < today) return { nextFollowUp: next, followUpState: 'overdue' }
    if (date <= addDays(today, FOLLOW_UP_DUE_DAYS)) return { nextFollowUp: next, followUpState: 'due' }
    return { nextFollowUp: next, followUpState: 'booked' }
  }
  const { date } = plannedFollowUp(await signedPlanOf(stores, last.id))
  const next = isDay(date) ? { date, meetingId: null } : null
  if (next && date < today) return { nextFollowUp: next, followUpState: 'overdue' }
  return { nextFollowUp: next, followUpState: 'not-booked' }
}

function responsibleView(row: ResponsibleRow, userId: string): Responsible {
  return {
    organisation: row.organisation,
    organisationOther: row.organisationOther,
    function: row.function,
    name: row.name,
    fromDate: row.fromDate,
    hasAccount: row.userId !== null,
    isMe: row.userId === userId,
    meetingId: row.meetingId,
    recordedAt: iso(row.recordedAt),
    recordedBy: row.recordedBy,
  }
}

export function consentView(consent: StoredConsent): SipConsent {
  return {
    givenBy: consent.givenBy,
    givenAt: consent.givenAt,
    scope: consent.scope,
    notShared: consent.notShared,
    recordedAt: iso(consent.recordedAt),
    recordedBy: consent.recordedBy,
    withdrawal: consent.withdrawal,
  }
}

function myRoles(access: Pick<SipAccess, 'isConvener' | 'isResponsible'>): SipSummary['myRoles'] {
  return [
    ...(access.isConvener ? (['convener'] as const) : []),
    ...(access.isResponsible ? (['responsible'] as const) : []),
  ]
}

async function meetingView(
  stores: Pick<Stores, 'signoff'>,
  meeting: MeetingRow,
  userId: string,
): Promise<SipMeeting> {
  return {
    id: meeting.id,
    type: meeting.type,
    status: meeting.status,
    startsAt: iso(meeting.startsAt),
    place: meeting.place,
    isConvener: meeting.convenerUserId === userId,
    hasProtocol: meeting.status === 'finalized' && (await stores.signoff.active(meeting.id)) !== undefined,
  }
}

/** Which of the SIP's actions are open to a staff member who may see it (P5, P9, P3). */
export function sipAbilities(sip: SipRow, meetings: readonly MeetingRow[]): Sip['can'] {
  const active = sip.status === 'active'
  const last = meetings[meetings.length - 1]
  return {
    bookFollowUp: active && last?.status === 'finalized',
    close: active,
    changeResponsible: active,
  }
}

/** One row of "Mina SIP:ar" for staff member `userId`. */
export async function sipSummaryView(
  stores: ViewStores,
  sip: SipRow,
  userId: string,
  now = Date.now(),
): Promise<SipSummary> {
  const meetings = await stores.meetings.ofSip(sip.id)
  const last = meetings[meetings.length - 1]
  const current = (await stores.sips.responsibleHistory(sip.id))[0]
  return {
    id: sip.id,
    childName: sip.childName,
    status: sip.status,
    myRoles: myRoles({
      isConvener: meetings.some((m) => m.convenerUserId === userId),
      isResponsible: current?.userId === userId,
    }),
    responsible: current
      ? {
          organisation: current.organisation,
          organisationOther: current.organisationOther,
          function: current.function,
          name: current.name,
        }
      : null,
    meetings: meetings.length,
    lastMeeting: last
      ? { id: last.id, type: last.type, status: last.status, startsAt: iso(last.startsAt) }
      : null,
    ...(await followUpState(stores, sip, meetings, now)),
    closedOn: sip.closure?.closedOn ?? null,
  }
}

const ATTENTION: Record<SipSummary['followUpState'], number> = {
  overdue: 0,
  'not-booked': 1,
  due: 2,
  booked: 3,
  none: 4,
}

/** "Mina SIP:ar" in the order that needs attention: overdue first, closed SIPs last. */
export function sortSummaries(rows: SipSummary[]): SipSummary[] {
  const rank = (row: SipSummary) => (row.status === 'closed' ? 9 : ATTENTION[row.followUpState])
  return rows.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.nextFollowUp?.date ?? '9999').localeCompare(b.nextFollowUp?.date ?? '9999') ||
      (b.closedOn ?? '').localeCompare(a.closedOn ?? '') ||
      a.childName.localeCompare(b.childName, 'sv'),
  )
}

/** The SIP page for staff member `userId`. */
export async function sipView(
  stores: ViewStores,
  access: SipAccess,
  userId: string,
  now = Date.now(),
): Promise<Sip> {
  const { sip } = access
  const meetings = await stores.meetings.ofSip(sip.id)
  const history = (await stores.sips.responsibleHistory(sip.id)).map((row) => responsibleView(row, userId))
  const consent = await stores.meetings.sipConsent(sip.id)
  return {
    id: sip.id,
    childName: sip.childName,
    status: sip.status,
    myRoles: myRoles(access),
    consent: consent && consentView(consent),
    responsible: history[0] ?? null,
    responsibleHistory: history,
    meetings: await Promise.all(meetings.map((m) => meetingView(stores, m, userId))),
    ...(await followUpState(stores, sip, meetings, now)),
    closure: sip.closure && {
      closedOn: sip.closure.closedOn,
      reason: sip.closure.reason,
      note: sip.closure.note,
      closedAt: iso(sip.closure.closedAt),
      closedBy: sip.closure.closedBy,
    },
    can: sipAbilities(sip, meetings),
    createdAt: iso(sip.createdAt),
  }
}
