import { stockholmDateTime } from '../../shared/dates'
import type { Role } from '../../shared/roles'
import type { CloseReason, DeviationCategory } from '../../shared/schemas/sip'
import type { Stores, WriteTransaction } from '../db/contract'
import type { AttendanceFact, AttendanceStatus } from '../db/statistics'
import type { UserRow } from '../db/users'
import { testSetup } from './harness'

/**
 * A small statistics data set counted by hand (docs/statistics.md): SIPs, meetings and their
 * participants made through the stores, and the facts of the finalized ones written through
 * stores.statistics.record – as finalization writes them. The period is PERIOD; EXPECTED in the
 * tests is counted from the comments here, not from the code under test.
 */

export const PERIOD = { from: '2026-03-01', to: '2026-05-31' }

/** 10:00 in Stockholm on a day, as epoch ms. */
export function at(day: string, time = '10:00'): number {
  return Date.parse(stockholmDateTime(day, time)!)
}

interface Person {
  role: Role
  organisation: string
  function: string
  status: AttendanceStatus
  signed?: boolean
  missingReason?: string
}

interface HeldMeeting {
  sipId?: string
  previousMeetingId?: string
  type: 'first' | 'followup'
  heldOn: string
  convener: UserRow | null
  /** The convener as the facts record them (their account's organisation and function at the time). */
  convenerOrganisation: string
  convenerFunction: string
  municipality: string
  childParticipation: 'whole' | 'part' | 'remote' | 'trusted-person' | 'not-at-all'
  people: Person[]
  followUpOn: string | null
  invitedOn: string | null
  consentOn: string | null
  isDemo?: boolean
}

export interface StatisticsDataSet {
  users: { rektor: UserRow; psykolog: UserRow; nobody: UserRow }
  meetings: Record<string, { id: string; sipId: string }>
}

type DataStores = Pick<Stores, 'meetings' | 'participants' | 'statistics' | 'sips' | 'signoff' | 'users'>

async function heldMeeting(stores: DataStores, spec: HeldMeeting): Promise<{ id: string; sipId: string }> {
  const meeting = await stores.meetings.createMeeting({
    ...testSetup(at(spec.heldOn)),
    title: 'Statistik',
    type: spec.type,
    childParticipation: spec.childParticipation,
    convenerUserId: spec.convener?.id ?? null,
    ...(spec.sipId ? { sipId: spec.sipId, previousMeetingId: spec.previousMeetingId ?? null } : {}),
    isDemo: spec.isDemo ?? false,
  })
  await stores.meetings.setStatus(meeting.id, 'finalized')
  const facts: AttendanceFact[] = []
  for (const person of spec.people) {
    const seat = await stores.participants.add(meeting.id, {
      role: person.role,
      name: null,
      organisation: person.organisation,
      function: person.function,
    })
    facts.push({
      participantId: seat.id,
      role: person.role,
      organisation: person.organisation,
      function: person.function,
      status: person.status,
      signed: person.signed ?? true,
      missingReason: person.missingReason ?? null,
    })
  }
  await stores.statistics.record(
    {
      meetingId: meeting.id,
      sipId: meeting.sipId,
      heldOn: spec.heldOn,
      type: spec.type,
      convenerOrganisation: spec.convenerOrganisation,
      convenerFunction: spec.convenerFunction,
      childParticipation: spec.childParticipation,
      followUpBooked: spec.followUpOn !== null,
      signedByAll: facts.every((f) => f.signed || !['present', 'remote'].includes(f.status)),
      finalizedAt: at(spec.heldOn, '11:00'),
      municipality: spec.municipality,
      followUpOn: spec.followUpOn,
      invitedOn: spec.invitedOn,
      consentOn: spec.consentOn,
    },
    facts,
  )
  return { id: meeting.id, sipId: meeting.sipId }
}

/** A meeting booked but not held: cancelled when its SIP is closed. */
async function plannedMeeting(
  stores: DataStores,
  spec: {
    sipId?: string
    previousMeetingId?: string
    startsAt: number
    convener: UserRow
    organisations: string[]
  },
): Promise<{ id: string; sipId: string }> {
  const meeting = await stores.meetings.createMeeting({
    ...testSetup(spec.startsAt),
    title: 'Statistik',
    type: spec.sipId ? 'followup' : 'first',
    convenerUserId: spec.convener.id,
    ...(spec.sipId ? { sipId: spec.sipId, previousMeetingId: spec.previousMeetingId ?? null } : {}),
  })
  for (const organisation of spec.organisations) {
    await stores.participants.add(meeting.id, {
      role: 'participant',
      name: null,
      organisation,
      function: 'lärare',
    })
  }
  return { id: meeting.id, sipId: meeting.sipId }
}

async function close(
  stores: DataStores,
  sipId: string,
  closedOn: string,
  reason: CloseReason,
): Promise<void> {
  await stores.sips.close(
    sipId,
    { closedOn, reason, note: 'Inget mer att samordna.' },
    { userId: null, name: 'Test' },
  )
  await stores.meetings.cancelForSip(sipId)
}

async function deviation(
  stores: DataStores,
  sipId: string,
  category: DeviationCategory,
  organisation: string,
  occurredOn: string,
): Promise<void> {
  await stores.sips.addDeviation(sipId, {
    meetingId: null,
    category,
    organisation: organisation as 'skola',
    organisationOther: '',
    description: 'Kom inte.',
    occurredOn,
    recordedByUserId: null,
    recordedBy: 'Test',
  })
}

const staff = (organisation: string, fn: string, status: AttendanceStatus, extra: Partial<Person> = {}) =>
  ({ role: 'participant', organisation, function: fn, status, ...extra }) as Person
const chair = (organisation: string, fn: string, status: AttendanceStatus, extra: Partial<Person> = {}) =>
  ({ role: 'chair', organisation, function: fn, status, ...extra }) as Person
const guardian = (status: AttendanceStatus) =>
  ({ role: 'guardian', organisation: 'familj', function: 'vårdnadshavare', status }) as Person

/** Writes the whole data set (inside one transaction). The conveners' accounts are made here too. */
export function writeStatisticsData(
  stores: DataStores,
  transaction: WriteTransaction,
): Promise<StatisticsDataSet> {
  return transaction(async () => {
    const user = (email: string, organisation: string, fn: string, municipality: string) =>
      stores.users.create({
        email,
        name: email.split('@')[0]!,
        passwordHash: null,
        isAdmin: false,
        organisation,
        function: fn,
        municipality,
      })
    const users = {
      rektor: await user('rektor@skolan.se', 'skola', 'rektor', 'Uppsala'),
      psykolog: await user('psykolog@bup.se', 'bup', 'psykolog', 'Enköping'),
      nobody: await user('okand@kommun.se', '', '', 'Enköping'),
    }
    const m: StatisticsDataSet['meetings'] = {}

    // SIP A. M1: all three principals; BUP recorded as "BUP", left before signing.
    m.M1 = await heldMeeting(stores, {
      type: 'first',
      heldOn: '2026-03-10',
      convener: users.rektor,
      convenerOrganisation: 'skola',
      convenerFunction: 'biträdande rektor',
      municipality: 'Uppsala',
      childParticipation: 'whole',
      people: [
        chair('skola', 'biträdande rektor', 'present'),
        staff('elevhalsa', 'kurator', 'present'),
        staff('socialtjanst', 'socialsekreterare', 'remote'),
        staff('bup', 'BUP', 'present', { signed: false, missingReason: 'left-early' }),
        guardian('present'),
        { role: 'child', organisation: 'familj', function: 'huvudperson', status: 'unmarked', signed: false },
      ],
      followUpOn: '2026-04-20',
      invitedOn: '2026-02-10',
      consentOn: '2026-02-20',
    })
    // M2: M1's follow-up, held before the day booked; HAB cancelled, BUP did not come.
    m.M2 = await heldMeeting(stores, {
      sipId: m.M1.sipId,
      previousMeetingId: m.M1.id,
      type: 'followup',
      heldOn: '2026-04-15',
      convener: users.rektor,
      convenerOrganisation: 'skola',
      convenerFunction: 'Biträdande rektor',
      municipality: 'Uppsala',
      childParticipation: 'part',
      people: [
        chair('skola', 'biträdande rektor', 'present'),
        staff('habilitering', 'HAB', 'cancelled'),
        staff('bup', '', 'no-show'),
        guardian('present'),
      ],
      followUpOn: null,
      invitedOn: '2026-04-01',
      consentOn: '2026-02-20',
    })
    // SIP B. M3: convened by BUP; the region only; both guardians missing.
    m.M3 = await heldMeeting(stores, {
      type: 'first',
      heldOn: '2026-05-05',
      convener: users.psykolog,
      convenerOrganisation: 'bup',
      convenerFunction: 'psykolog',
      municipality: 'Enköping',
      childParticipation: 'not-at-all',
      people: [
        chair('bup', 'psykolog', 'present'),
        staff('habilitering', 'logoped', 'remote'),
        staff('skola', 'Skolan', 'no-show'),
        guardian('cancelled'),
        guardian('no-show'),
      ],
      followUpOn: '2026-05-20',
      invitedOn: null,
      consentOn: '2026-04-01',
    })
    // M6: M3's follow-up, held after the day booked and after the period.
    m.M6 = await heldMeeting(stores, {
      sipId: m.M3.sipId,
      previousMeetingId: m.M3.id,
      type: 'followup',
      heldOn: '2026-06-10',
      convener: users.psykolog,
      convenerOrganisation: 'bup',
      convenerFunction: 'psykolog',
      municipality: 'Enköping',
      childParticipation: 'whole',
      people: [chair('bup', 'psykolog', 'present')],
      followUpOn: null,
      invitedOn: null,
      consentOn: '2026-04-01',
    })
    // SIP C. M4: a convener without an organisation; no principal took part; closed after.
    m.M4 = await heldMeeting(stores, {
      type: 'first',
      heldOn: '2026-05-20',
      convener: users.nobody,
      convenerOrganisation: '',
      convenerFunction: '',
      municipality: 'Enköping',
      childParticipation: 'remote',
      people: [
        chair('annan', 'fritidsledare', 'present', { signed: false, missingReason: 'declined' }),
        staff('socialtjanst', 'handläggare', 'unmarked'),
      ],
      followUpOn: '2026-05-25',
      invitedOn: '2026-04-29',
      consentOn: '2026-04-29',
    })
    m.M4b = await plannedMeeting(stores, {
      sipId: m.M4.sipId,
      previousMeetingId: m.M4.id,
      startsAt: at('2026-05-30'),
      convener: users.nobody,
      organisations: ['skola'],
    })
    await close(stores, m.M4.sipId, '2026-05-28', 'no-new-needs')
    // SIP D. M5: school and region; the follow-up day passed without a meeting.
    m.M5 = await heldMeeting(stores, {
      type: 'first',
      heldOn: '2026-03-15',
      convener: users.rektor,
      convenerOrganisation: 'skola',
      convenerFunction: 'rektor',
      municipality: 'Uppsala',
      childParticipation: 'trusted-person',
      people: [
        chair('skola', 'rektor', 'present'),
        staff('primarvard', 'Primärvården', 'present'),
        staff('ungdomsmottagning', 'kurator', 'no-show'),
      ],
      followUpOn: '2026-04-01',
      invitedOn: '2026-03-01',
      consentOn: '2026-03-20',
    })
    // SIP E. M7: no invitation, no consent recorded; a follow-up far ahead.
    m.M7 = await heldMeeting(stores, {
      type: 'first',
      heldOn: '2026-04-01',
      convener: users.rektor,
      convenerOrganisation: 'skola',
      convenerFunction: 'rektor',
      municipality: 'Uppsala',
      childParticipation: 'whole',
      people: [chair('skola', 'rektor', 'present'), guardian('present')],
      followUpOn: '2099-12-31',
      invitedOn: null,
      consentOn: null,
    })
    // SIP F. M8: held the day before the period.
    m.M8 = await heldMeeting(stores, {
      type: 'first',
      heldOn: '2026-02-28',
      convener: users.rektor,
      convenerOrganisation: 'skola',
      convenerFunction: 'rektor',
      municipality: 'Uppsala',
      childParticipation: 'whole',
      people: [chair('skola', 'rektor', 'present')],
      followUpOn: null,
      invitedOn: null,
      consentOn: null,
    })
    // SIP G: a demo, in the period – counted nowhere.
    m.G = await heldMeeting(stores, {
      type: 'first',
      heldOn: '2026-04-10',
      convener: users.rektor,
      convenerOrganisation: 'skola',
      convenerFunction: 'rektor',
      municipality: 'Uppsala',
      childParticipation: 'whole',
      people: [chair('skola', 'rektor', 'present'), staff('bup', 'psykolog', 'present')],
      followUpOn: null,
      invitedOn: null,
      consentOn: null,
      isDemo: true,
    })
    await close(stores, m.G.sipId, '2026-04-30', 'new-sip-needed')
    // SIP H: consent withdrawn before its first meeting (BUP, Enköping) – cancelled.
    m.H = await plannedMeeting(stores, {
      startsAt: at('2026-04-20'),
      convener: users.psykolog,
      organisations: ['bup'],
    })
    await close(stores, m.H.sipId, '2026-04-18', 'consent-withdrawn')
    // SIP I: two meetings cancelled just after midnight in Stockholm – on 1 March (in the period)
    // and on 1 June (not), though both are the evening before in UTC. Closed after the period.
    m.I1 = await plannedMeeting(stores, {
      startsAt: at('2026-03-01', '00:30'),
      convener: users.rektor,
      organisations: ['socialtjanst'],
    })
    m.I2 = await plannedMeeting(stores, {
      sipId: m.I1.sipId,
      previousMeetingId: m.I1.id,
      startsAt: at('2026-06-01', '00:30'),
      convener: users.rektor,
      organisations: ['socialtjanst'],
    })
    await close(stores, m.I1.sipId, '2026-06-02', 'no-joint-support')

    // Satisfaction: two answers at M1, one at M3 and M7; one before the period, one at the demo.
    let answerer = 0
    const answer = (meetingId: string, score: number) =>
      stores.signoff.answerSatisfaction(meetingId, `answerer-${++answerer}`, {
        score,
        comment: 'Bra möte, tack Maja!',
      })
    await answer(m.M1.id, 5)
    await answer(m.M1.id, 4)
    await answer(m.M3.id, 5)
    await answer(m.M7.id, 1)
    await answer(m.M8.id, 3)
    await answer(m.G.id, 2)

    // Deviations: three in the period; one after it; one of the demo.
    await deviation(stores, m.M1.sipId, 'actor-absent', 'habilitering', '2026-04-15')
    await deviation(stores, m.M3.sipId, 'actor-absent', 'skola', '2026-05-05')
    await deviation(stores, m.M5.sipId, 'late-invitation', 'skola', '2026-03-15')
    await deviation(stores, m.M1.sipId, 'other', 'bup', '2026-06-05')
    await deviation(stores, m.G.sipId, 'not-signed', 'familj', '2026-04-10')

    return { users, meetings: m } satisfies StatisticsDataSet
  })
}
