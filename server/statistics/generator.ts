import * as Y from 'yjs'
import { addDays, stockholmDateTime } from '../../shared/dates'
import { planParts } from '../../shared/plan/layout'
import type { Role } from '../../shared/roles'
import type { Organisation } from '../../shared/schemas/meeting'
import type { MissingSignatureReason } from '../../shared/schemas/signoff'
import type { CloseReason, DeviationCategory } from '../../shared/schemas/sip'
import type { AttendanceStatusKey, Principal } from '../../shared/statistics/tables'
import type { Storage, Stores } from '../db/contract'
import type { MeetingRow } from '../db/meetings'
import type { NewParticipant, ParticipantRow } from '../db/participants'
import { meetingService } from '../meetings/service'
import { NO_LIVE_PLANS } from '../plan/document-port'
import { applyRoster, seedChildWords } from '../plan/roster'
import { consentSnapshot, freezeVersion, requiredSigners } from '../signoff/versions'
import { recordSignedResponsible } from '../sips/responsible'
import { recordMeetingFacts } from './facts'
import {
  type ChildParticipation,
  COMBINATIONS,
  type Combination,
  type ConvenerGroup,
  convenerCombinations,
  daysBetween,
  followUpPairs,
  followUpsAfterPeriod,
  principalOf,
  SEED_000_SHAPE,
  type StatisticsShape,
  shapeProblems,
} from './generator-shape'

/**
 * The statistics generator (issue 14): invented but realistic finalized SIP meetings of a known
 * shape (./generator-shape.ts), made the way the product makes them – staff accounts, SIPs,
 * meetings through the meeting service with their links, consent, a plan document, a locked
 * version (the real freeze: canonical JSON, its SHA-256, the Yjs state), signatures, missing
 * signatures, finalization with the statistics facts (recordMeetingFacts, as a real finalize),
 * satisfaction answers, deviations and closures that cancel a planned follow-up. Deterministic
 * from a seed: the same seed gives the same meetings, people, days and figures (only the ids and
 * link tokens the stores draw differ). Not audited, like the demo: nobody did it.
 */

/** A small, fast, seedable PRNG (mulberry32): numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

class Random {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  /** A whole number from lo to hi inclusive (lo when hi < lo). */
  int(lo: number, hi: number): number {
    return hi <= lo ? lo : lo + Math.floor(this.next() * (hi - lo + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const swap = items[i]!
      items[i] = items[j]!
      items[j] = swap
    }
    return items
  }
  chance(p: number): boolean {
    return this.next() < p
  }
}

/** `count` copies of each key, in the record's order. */
function expand<K extends string | number>(counts: Record<K, number>): K[] {
  const out: K[] = []
  for (const key of Object.keys(counts) as K[]) for (let i = 0; i < counts[key]; i++) out.push(key)
  return out
}

// Invented names: common first names and surnames nobody has.
const FIRST_NAMES = [
  'Alva',
  'Noah',
  'Saga',
  'Hugo',
  'Ella',
  'Liam',
  'Maja',
  'Oscar',
  'Ebba',
  'Elias',
  'Stella',
  'Vide',
  'Signe',
  'Adam',
  'Tyra',
  'Nils',
  'Ines',
  'Melvin',
  'Juni',
  'Omar',
  'Leia',
  'Sami',
  'Ronja',
  'Idris',
]
const SURNAMES = [
  'Påhittsson',
  'Låtsasberg',
  'Fiktivsdotter',
  'Exempelqvist',
  'Testlund',
  'Prövasson',
  'Inbillningström',
  'Skenholm',
  'Låtsasson',
  'Påhittsdal',
]
const TIMES = ['08:30', '09:00', '09:30', '10:00', '10:30', '13:00', '13:30', '14:00', '14:30', '15:00']
const DURATIONS = [60, 75, 90]
const MISSING_REASON_TEXT: Record<MissingSignatureReason, string> = {
  'left-early': 'Gick innan planen lästes upp.',
  technical: 'Kunde inte skriva under digitalt.',
  declined: 'Ville inte skriva under.',
  other: 'Annat skäl.',
}
const CHILD_STATUS: Record<ChildParticipation, AttendanceStatusKey> = {
  whole: 'present',
  part: 'present',
  remote: 'remote',
  'trusted-person': 'unmarked',
  'not-at-all': 'unmarked',
}

const offsets = new Map<string, string>()

/**
 * The instant of a Stockholm local day and time. The offset is looked up once per day (its
 * formatter is slow to make): every time used here is well after the night's clock change.
 */
function at(day: string, time: string): number {
  let offset = offsets.get(day)
  if (offset === undefined) {
    offset = stockholmDateTime(day, '12:00')!.slice(-6)
    offsets.set(day, offset)
  }
  return Date.parse(`${day}T${time}:00${offset}`)
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const takesPart = (status: AttendanceStatusKey) => status === 'present' || status === 'remote'

interface Account {
  email: string
  name: string
  organisation: Organisation
  function: string
  municipality: string
  id: string
}

interface Person {
  role: Role
  name: string | null
  organisation: Organisation
  organisationOther: string
  function: string
  status: AttendanceStatusKey
  /** The convener's own seat (their staff account). */
  seat: boolean
}

interface SipPlan {
  child: string
  /** The day the consent was given; null: none recorded. */
  consentDay: string | null
  closure: { day: string; reason: CloseReason; account: Account } | null
  id: string
}

type Outcome = 'onTime' | 'late' | 'overdue' | 'notYetDue' | 'sipClosed' | 'notBooked'
type Invitation = 'threeWeeksOrMore' | 'lessThanThreeWeeks' | 'none'

interface MeetingPlan {
  type: 'first' | 'followup'
  /** Held in the period (counted), held outside it (the chains' ends), or cancelled (not held). */
  kind: 'period' | 'outside' | 'cancelled'
  day: string
  time: string
  duration: number
  account: Account
  sip: SipPlan
  previous: MeetingPlan | null
  combination: Combination
  child: ChildParticipation
  people: Person[]
  outcome: Outcome
  invitation: Invitation
  /** Days between the invitation and the meeting, for a first meeting with links. */
  invitationDays: number
  followUpDate: string | null
  missing: { person: number; category: MissingSignatureReason } | null
  answers: { person: number; score: number }[]
  deviations: { category: DeviationCategory; organisation: Organisation }[]
  /** Set while writing. */
  id: string
  finalizedAt: number
}

export interface SeedOptions {
  shape?: StatisticsShape
  seed?: number
  /** Write even when the database holds meetings that are not demo meetings. */
  intoExisting?: boolean
  /** Meetings per write transaction (default 2,000). */
  batchSize?: number
  /** Called after each batch: meetings written so far, of all. */
  onProgress?: (written: number, total: number) => void
}

export interface SeedResult {
  shape: string
  seed: number
  from: string
  to: string
  /** The day the follow-ups' outcomes are as the shape says (overdue before it, not yet due from it). */
  today: string
  accounts: number
  municipalities: string[]
  sips: number
  closedSips: number
  meetings: { held: number; first: number; followUps: number; outside: number; cancelled: number }
  participants: number
  deviations: number
  satisfactionAnswers: number
}

/** The database holds meetings that are not demo meetings: invented ones must not mix in silently. */
export class RealMeetingsPresentError extends Error {
  constructor(readonly count: number) {
    super(
      `The database holds ${count} meetings that are not demo meetings; invented statistics would mix with their figures.`,
    )
    this.name = 'RealMeetingsPresentError'
  }
}

/** The day the generator judges follow-ups on: a fortnight after the period. */
export function judgementDay(shape: Pick<StatisticsShape, 'to'>): string {
  return addDays(shape.to, 15)
}

/** An instant on the judgement day, for computeStatistics' `now`. */
export function judgementNow(shape: Pick<StatisticsShape, 'to'>): number {
  return at(judgementDay(shape), '12:00')
}

/**
 * Builds every meeting of the shape in memory: who convened, who took part and how, the days, the
 * follow-ups, signatures, answers and closures. Exact: each count of the shape is dealt out once.
 */
function planMeetings(shape: StatisticsShape, random: Random, accountFor: AccountPool): MeetingPlan[] {
  const n = shape.meetings
  const from = shape.from
  const to = shape.to
  const today = judgementDay(shape)
  /** A day in [lo, hi], moved to a weekday inside the window when it falls on a weekend. */
  const dayIn = (lo: string, hi: string): string => {
    const span = daysBetween(lo, hi)
    const offset = random.int(0, Math.max(0, span))
    for (const shift of [0, 1, -1, 2, -2]) {
      const o = offset + shift
      if (o < 0 || o > span) continue
      const day = addDays(lo, o)
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay()
      if (weekday !== 0 && weekday !== 6) return day
    }
    return addDays(lo, offset)
  }

  // Who convened, and which principals took part: convener principals fit their combinations.
  const cells = convenerCombinations(shape)!
  const pairs: { convener: ConvenerGroup; combination: Combination }[] = []
  for (const [principal, combinations] of cells) {
    const conveners = random.shuffle(
      shape.conveners
        .filter((c) => (principalOf(c.organisation) ?? 'other') === principal)
        .flatMap((c) => Array.from({ length: c.meetings }, () => c)),
    )
    const combos = random.shuffle(expand(Object.fromEntries(combinations) as Record<Combination, number>))
    conveners.forEach((convener, i) => {
      pairs.push({ convener, combination: combos[i]! })
    })
  }
  random.shuffle(pairs)
  const municipalities = random.shuffle(expand(shape.municipalities))
  const children = random.shuffle(expand(shape.child))

  // Roles in the follow-up chains.
  const order = random.shuffle(Array.from({ length: n }, (_, i) => i))
  const pairCount = followUpPairs(shape)
  const pairPrev = order.slice(0, pairCount)
  const pairNext = order.slice(pairCount, 2 * pairCount)
  const ofEarlier = order.slice(2 * pairCount, 2 * pairCount + shape.followUpsOfEarlier)
  const afterStart = 2 * pairCount + shape.followUpsOfEarlier
  const prevOfLater = order.slice(afterStart, afterStart + followUpsAfterPeriod(shape))
  const free = order.slice(afterStart + followUpsAfterPeriod(shape))
  const followUps = new Set([...pairNext, ...ofEarlier])

  // Outcomes: a meeting whose next meeting is held was on time or late; the rest dealt out.
  const outcomes: Outcome[] = new Array(n)
  const held = random.shuffle([
    ...Array<Outcome>(shape.followUp.onTime).fill('onTime'),
    ...Array<Outcome>(shape.followUp.late).fill('late'),
  ])
  ;[...pairPrev, ...prevOfLater].forEach((m, i) => {
    outcomes[m] = held[i]!
  })
  const freeShuffled = random.shuffle([...free])
  const closedBooked = freeShuffled.slice(0, shape.followUp.sipClosed)
  for (const m of closedBooked) outcomes[m] = 'sipClosed'
  const withCancelled = new Set(closedBooked.slice(0, shape.cancelled))
  const rest = random.shuffle([...pairNext, ...ofEarlier, ...freeShuffled.slice(shape.followUp.sipClosed)])
  const restOutcomes = random.shuffle([
    ...Array<Outcome>(shape.followUp.overdue).fill('overdue'),
    ...Array<Outcome>(shape.followUp.notYetDue).fill('notYetDue'),
    ...Array<Outcome>(shape.followUp.notBooked).fill('notBooked'),
  ])
  rest.forEach((m, i) => {
    outcomes[m] = restOutcomes[i]!
  })
  const closedTotal = Object.values(shape.sipsClosed).reduce((a, b) => a + b, 0)
  const closedUnbooked = random
    .shuffle(rest.filter((m) => outcomes[m] === 'notBooked'))
    .slice(0, closedTotal - shape.followUp.sipClosed)

  // Invitations: a follow-up is booked at the meeting before it, three weeks or more ahead.
  const invitations: Invitation[] = new Array(n)
  for (const m of followUps) invitations[m] = 'threeWeeksOrMore'
  const firstMeetings = order.filter((m) => !followUps.has(m)).sort((a, b) => a - b)
  const invitationPool = random.shuffle([
    ...Array<Invitation>(shape.invitation.threeWeeksOrMore - followUps.size).fill('threeWeeksOrMore'),
    ...Array<Invitation>(shape.invitation.lessThanThreeWeeks).fill('lessThanThreeWeeks'),
    ...Array<Invitation>(shape.invitation.none).fill('none'),
  ])
  firstMeetings.forEach((m, i) => {
    invitations[m] = invitationPool[i]!
  })
  const consentPool = random.shuffle([
    ...Array<'within' | 'later' | 'none'>(shape.consent.within).fill('within'),
    ...Array<'within' | 'later' | 'none'>(shape.consent.later).fill('later'),
    ...Array<'within' | 'later' | 'none'>(shape.consent.none).fill('none'),
  ])

  // The meetings of the period, with their SIPs.
  const plans: MeetingPlan[] = Array.from({ length: n }, (_, m) => {
    const { convener, combination } = pairs[m]!
    const child = children[m]!
    const account = accountFor(municipalities[m]!, convener, random)
    const childName = `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`
    return {
      type: followUps.has(m) ? 'followup' : 'first',
      kind: 'period',
      day: '',
      time: random.pick(TIMES),
      duration: random.pick(DURATIONS),
      account,
      sip: { child: childName, consentDay: null, closure: null, id: '' },
      previous: null,
      combination,
      child,
      people: [],
      outcome: outcomes[m]!,
      invitation: invitations[m]!,
      invitationDays: 0,
      followUpDate: null,
      missing: null,
      answers: [],
      deviations: [],
      id: '',
      finalizedAt: 0,
    }
  })
  const extra: MeetingPlan[] = []
  const outsideMeeting = (
    of: MeetingPlan,
    day: string,
    type: 'first' | 'followup',
    kind: MeetingPlan['kind'],
  ): MeetingPlan => ({
    ...of,
    type,
    kind,
    day,
    time: random.pick(TIMES),
    combination: 'school-region',
    child: 'whole',
    people: [],
    outcome: 'notBooked',
    invitation: 'threeWeeksOrMore',
    invitationDays: 25,
    followUpDate: null,
    missing: null,
    answers: [],
    deviations: [],
  })

  // Days. Boundaries first: the first meeting of a class sits exactly on its edge (21 / 20, 21 / 22).
  const edge = { three: true, less: true }
  const withinEdges = [21, 0]
  const laterEdges = [22]
  for (const [i, m] of pairPrev.entries()) {
    const plan = plans[m]!
    const next = plans[pairNext[i]!]!
    plan.day = dayIn(from, addDays(to, -34))
    const room = daysBetween(plan.day, to)
    if (plan.outcome === 'onTime') {
      plan.followUpDate = addDays(plan.day, random.int(24, Math.min(90, room)))
      next.day = addDays(plan.followUpDate, -random.int(0, 3))
    } else {
      plan.followUpDate = addDays(plan.day, random.int(24, Math.min(90, room - 1)))
      next.day = addDays(plan.followUpDate, random.int(1, Math.min(10, daysBetween(plan.followUpDate, to))))
    }
    next.previous = plan
    next.sip = plan.sip
  }
  for (const m of prevOfLater) {
    const plan = plans[m]!
    const nextDay = dayIn(addDays(to, 1), addDays(today, -1))
    plan.followUpDate =
      plan.outcome === 'onTime' ? addDays(nextDay, random.int(0, 3)) : addDays(nextDay, -random.int(1, 7))
    plan.day = dayIn(
      daysBetween(from, addDays(nextDay, -70)) > 0 ? addDays(nextDay, -70) : from,
      addDays(nextDay, -28),
    )
    const next = outsideMeeting(plan, nextDay, 'followup', 'outside')
    next.previous = plan
    extra.push(next)
  }
  for (const m of ofEarlier) {
    const plan = plans[m]!
    plan.day = dayIn(from, daysBetween(addDays(from, 38), to) < 0 ? to : addDays(from, 38))
    const gap = random.int(Math.max(21, daysBetween(from, plan.day) + 1), 60)
    const earlier = outsideMeeting(plan, addDays(plan.day, -gap), 'first', 'outside')
    earlier.followUpDate = plan.day
    earlier.sip = plan.sip
    plan.previous = earlier
    extra.push(earlier)
  }
  for (const m of free) {
    const plan = plans[m]!
    if (withCancelled.has(m)) {
      plan.day = dayIn(from, addDays(to, -14))
      plan.followUpDate = addDays(plan.day, random.int(14, daysBetween(plan.day, to)))
      const cancelled = outsideMeeting(plan, plan.followUpDate, 'followup', 'cancelled')
      cancelled.previous = plan
      extra.push(cancelled)
    } else {
      plan.day = dayIn(from, to)
    }
  }
  for (const [m, plan] of plans.entries()) {
    if (plan.outcome === 'overdue') {
      const lo = daysBetween(addDays(plan.day, 28), today) > 1 ? addDays(plan.day, 28) : addDays(plan.day, 1)
      plan.followUpDate = addDays(lo, random.int(0, daysBetween(lo, addDays(today, -1))))
    } else if (plan.outcome === 'notYetDue') {
      plan.followUpDate = addDays(today, random.int(0, 150))
    } else if (plan.outcome === 'sipClosed' && !withCancelled.has(m)) {
      plan.followUpDate = addDays(plan.day, random.int(28, 120))
    }
  }

  // Invitations and consent, in days before the meeting.
  for (const m of firstMeetings) {
    const plan = plans[m]!
    if (plan.invitation === 'threeWeeksOrMore') {
      plan.invitationDays = edge.three ? 21 : random.int(21, 42)
      edge.three = false
    } else if (plan.invitation === 'lessThanThreeWeeks') {
      plan.invitationDays = edge.less ? 20 : random.int(1, 20)
      edge.less = false
    } else {
      plan.invitationDays = random.int(7, 30)
    }
  }
  firstMeetings.forEach((m, i) => {
    const plan = plans[m]!
    const kind = consentPool[i]!
    if (kind === 'none') return
    const days =
      kind === 'within'
        ? (withinEdges.shift() ?? random.int(0, 21))
        : (laterEdges.shift() ?? random.int(22, 120))
    plan.sip.consentDay = addDays(plan.day, -days)
  })
  // A SIP whose first meeting was before the period had consent before that.
  for (const m of ofEarlier) {
    const plan = plans[m]!
    plan.sip.consentDay = addDays(plan.previous!.day, -random.int(5, 40))
  }

  // Closures: SIPs whose booked follow-up never came, and SIPs closed at their last meeting.
  const closing = [...closedBooked, ...closedUnbooked]
  const reasons = random.shuffle(expand(shape.sipsClosed))
  // Consent can only be withdrawn where it was given.
  for (let i = 0; i < closing.length; i++) {
    if (reasons[i] !== 'consent-withdrawn' || plans[closing[i]!]!.sip.consentDay !== null) continue
    const swap = closing.findIndex(
      (m, j) => reasons[j] !== 'consent-withdrawn' && plans[m]!.sip.consentDay !== null,
    )
    if (swap >= 0) [reasons[i], reasons[swap]] = [reasons[swap]!, reasons[i]!]
  }
  closing.forEach((m, i) => {
    const plan = plans[m]!
    const cancelled = extra.find((e) => e.kind === 'cancelled' && e.previous === plan)
    const lastDay = cancelled ? addDays(cancelled.day, -1) : to
    plan.sip.closure = {
      day: addDays(
        plan.day,
        random.int(0, Math.min(plan.outcome === 'sipClosed' ? 60 : 7, daysBetween(plan.day, lastDay))),
      ),
      reason: reasons[i]!,
      account: plan.account,
    }
  })

  // People: the convener's seat, professionals dealt out so that exactly the combination's
  // principals take part, the family.
  for (const plan of [...plans, ...extra]) {
    plan.people.push({
      role: 'chair',
      name: plan.account.name,
      organisation: plan.account.organisation,
      organisationOther: '',
      function: capitalised(plan.account.function),
      status: 'present',
      seat: true,
    })
  }
  const professional = (group: StatisticsShape['professionals'][number]): Person => ({
    role: 'participant',
    name: random.chance(0.4) ? null : `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
    organisation: group.organisation,
    organisationOther: group.organisation === 'annan' ? 'Påhittade föreningen' : '',
    function: group.function,
    status: group.status,
    seat: false,
  })
  const hasPrincipal = (plan: MeetingPlan, principal: Principal) =>
    (COMBINATIONS[plan.combination] as readonly Principal[]).includes(principal)
  for (const principal of ['school', 'social', 'region', null] as const) {
    const groups = shape.professionals.filter((g) => principalOf(g.organisation) === principal)
    const taking = random.shuffle(
      groups.filter((g) => takesPart(g.status)).flatMap((g) => Array.from({ length: g.count }, () => g)),
    )
    const absent = random.shuffle(
      groups.filter((g) => !takesPart(g.status)).flatMap((g) => Array.from({ length: g.count }, () => g)),
    )
    if (principal === null) {
      for (const g of [...taking, ...absent]) random.pick(plans).people.push(professional(g))
      continue
    }
    const withIt = plans.filter((p) => hasPrincipal(p, principal))
    const without = plans.filter((p) => !hasPrincipal(p, principal))
    const needing = random.shuffle(withIt.filter((p) => principalOf(p.account.organisation) !== principal))
    taking.forEach((g, i) => {
      const plan = i < needing.length ? needing[i]! : random.pick(withIt)
      plan.people.push(professional(g))
    })
    // Someone invited who did not come: where their principal took no part, when there is such a meeting.
    for (const g of absent) random.pick(without.length > 0 ? without : plans).people.push(professional(g))
  }
  // The first professional who took part takes the notes.
  for (const plan of plans) {
    const notetaker = plan.people.find((p) => !p.seat && takesPart(p.status))
    if (notetaker) notetaker.role = 'notetaker'
  }
  const guardian = (status: AttendanceStatusKey): Person => ({
    role: 'guardian',
    name: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
    organisation: 'familj',
    organisationOther: '',
    function: 'Vårdnadshavare',
    status,
    seat: false,
  })
  const guardians = random.shuffle(expand(shape.guardians))
  guardians.forEach((status, i) => {
    let plan = i < n ? plans[i]! : random.pick(plans)
    for (
      let tries = 0;
      i >= n && tries < 10 && plan.people.filter((p) => p.role === 'guardian').length > 1;
      tries++
    )
      plan = random.pick(plans)
    plan.people.push(guardian(status))
  })
  for (const plan of extra) {
    plan.people.push(
      {
        role: 'notetaker',
        name: null,
        organisation: 'bup',
        organisationOther: '',
        function: 'Psykolog',
        status: 'present',
        seat: false,
      },
      guardian('present'),
    )
  }
  for (const plan of [...plans, ...extra]) {
    plan.people.push({
      role: 'child',
      name: plan.sip.child.split(' ')[0]!,
      organisation: 'familj',
      organisationOther: '',
      function: 'Huvudperson',
      status: CHILD_STATUS[plan.child],
      seat: false,
    })
    if (plan.child === 'trusted-person') {
      plan.people.push({
        role: 'participant',
        name: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
        organisation: 'familj',
        organisationOther: '',
        function: 'Trygg person',
        status: 'present',
        seat: false,
      })
    }
  }

  // One missing signature in each of some meetings, by reason.
  const reasonsMissing = expand(shape.missingSignatures)
  const candidatesOf = (plan: MeetingPlan, category: MissingSignatureReason) => {
    const all = plan.people.map((p, i) => ({ p, i })).filter(({ p }) => !p.seat && takesPart(p.status))
    const remote = all.filter(({ p }) => p.status === 'remote')
    return category === 'technical' && remote.length > 0 ? remote : all
  }
  const meetingOrder = random.shuffle([...plans])
  let cursor = 0
  for (const category of reasonsMissing) {
    for (; cursor < meetingOrder.length; cursor++) {
      const candidates = candidatesOf(meetingOrder[cursor]!, category)
      if (candidates.length === 0) continue
      meetingOrder[cursor]!.missing = { person: random.pick(candidates).i, category }
      cursor++
      break
    }
  }

  // Satisfaction: children and guardians who took part answer, once each.
  const answerers = plans.flatMap((plan) =>
    plan.people
      .map((p, i) => ({ plan, i, p }))
      .filter(({ p }) => (p.role === 'child' || p.role === 'guardian') && takesPart(p.status)),
  )
  random.shuffle(answerers)
  const scores = random.shuffle(expand(shape.satisfaction).map(Number))
  if (scores.length > answerers.length)
    throw new Error('satisfaction: more answers than children and guardians')
  scores.forEach((score, i) => {
    const { plan, i: person } = answerers[i]!
    plan.answers.push({ person, score })
  })

  // Deviations, each on a meeting of the period; an absent actor where someone of theirs was absent.
  for (const group of shape.deviations) {
    const absentThere = plans.filter((p) =>
      p.people.some(
        (x) => x.organisation === group.organisation && (x.status === 'cancelled' || x.status === 'no-show'),
      ),
    )
    for (let i = 0; i < group.count; i++) {
      const pool = group.category === 'actor-absent' && absentThere.length > 0 ? absentThere : plans
      random.pick(pool).deviations.push({ category: group.category, organisation: group.organisation })
    }
  }
  return [...plans, ...extra]
}

type AccountPool = (municipality: string, convener: ConvenerGroup, random: Random) => Account

/** Accounts per (municipality, organisation, function); one more for every 25 meetings of it. */
function accountPool(shape: StatisticsShape, seed: number): { accountFor: AccountPool; accounts: Account[] } {
  const accounts: Account[] = []
  const byKey = new Map<string, Account[]>()
  const perAccount = 25
  const slug = shape.id.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  const share = Object.values(shape.municipalities).reduce((a, b) => a + b, 0) || 1
  const accountFor: AccountPool = (municipality, convener, random) => {
    const key = `${municipality}|${convener.organisation}|${convener.function}`
    let list = byKey.get(key)
    if (!list) {
      const expected = (convener.meetings * (shape.municipalities[municipality] ?? 0)) / share
      const count = Math.max(1, Math.ceil(expected / perAccount))
      list = Array.from({ length: count }, () => {
        const account: Account = {
          email: `${slug}-${seed}-${accounts.length + 1}@statistik.invalid`,
          name: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
          organisation: convener.organisation,
          function: convener.function,
          municipality,
          id: '',
        }
        accounts.push(account)
        return account
      })
      byKey.set(key, list)
    }
    return random.pick(list)
  }
  return { accountFor, accounts }
}

/** Writes one meeting as the product would have: created, invited, held, locked, signed, finalized. */
async function writeMeeting(
  stores: Stores,
  service: ReturnType<typeof meetingService>,
  plan: MeetingPlan,
  random: Random,
): Promise<void> {
  const startsAt = at(plan.day, plan.time)
  const seat = plan.people[0]!
  const previous = plan.previous
  // A first meeting's links go out `invitationDays` before it; a follow-up's when it is booked, at
  // the end of the meeting before it.
  const createdAt =
    previous && previous.finalizedAt > 0
      ? previous.finalizedAt + 5 * 60_000
      : at(addDays(plan.day, -plan.invitationDays), '10:00')
  const toInput = (p: Person): NewParticipant => ({
    role: p.role,
    name: p.name,
    organisation: p.organisation,
    organisationOther: p.organisationOther,
    function: p.function,
    staffUserId: p.seat ? plan.account.id : null,
  })
  const withLinks = plan.invitation === 'none' ? [seat] : plan.people
  const doc = new Y.Doc()
  const { meeting } = await service.create(
    {
      title: `Påhittat: SIP-möte för ${plan.sip.child}`,
      convenerUserId: plan.account.id,
      isDemo: false,
      setup: {
        type: plan.type,
        startsAt,
        durationMinutes: plan.duration,
        place: 'Påhittade skolan, konferensrummet',
        remoteAllowed: true,
        videoUrl: '',
        childName: plan.sip.child,
        childAge: 'årskurs 6',
        purpose: 'Påhittat syfte: att planera stödet tillsammans (statistikgenerator).',
        questions: '',
        childWords: plan.child === 'not-at-all' ? '' : 'Jag vill trivas i skolan.',
        childParticipation: plan.child,
        childParticipationNote: plan.child === 'not-at-all' ? 'Barnets synpunkter hämtades före mötet.' : '',
      },
      participants: withLinks.map(toInput),
      ...(previous ? { followUp: { sipId: previous.sip.id, previousMeetingId: previous.id } } : {}),
      plan: (row, participants) => {
        doc.transact(() => {
          applyRoster(doc, row, participants)
          seedChildWords(doc, row.childWords)
        })
        return Y.encodeStateAsUpdate(doc)
      },
    },
    null,
    createdAt,
  )
  plan.id = meeting.id
  if (!previous) plan.sip.id = meeting.sipId
  // Invited without a link (on paper): no invitation day is known.
  for (const p of plan.people.slice(withLinks.length))
    await stores.participants.add(meeting.id, toInput(p), createdAt)
  if (!previous && plan.sip.consentDay !== null) {
    await stores.meetings.recordConsent(
      meeting.id,
      {
        givenBy: [
          {
            name: plan.people.find((p) => p.role === 'guardian')?.name ?? 'Vårdnadshavare',
            relation: 'guardian',
          },
        ],
        givenAt: plan.sip.consentDay,
        scope: 'Samordning mellan skola, socialtjänst och region (påhittat).',
        notShared: '',
      },
      { userId: plan.account.id, name: plan.account.name },
      Math.max(createdAt + 60_000, at(plan.sip.consentDay, '07:30')),
    )
  }
  if (plan.kind === 'cancelled') {
    doc.destroy()
    return
  }

  const endsAt = startsAt + plan.duration * 60_000
  const lockedAt = endsAt - 10 * 60_000
  await stores.meetings.setStatus(meeting.id, 'started', startsAt)
  const row: MeetingRow = (await stores.meetings.getMeeting(meeting.id))!
  const participants: ParticipantRow[] = await stores.participants.ofMeeting(meeting.id)
  // What was written during the meeting: attendance, huvudansvarig, the follow-up booked.
  const before = Y.encodeStateVector(doc)
  doc.transact(() => {
    applyRoster(doc, row, participants)
    const parts = planParts(doc)
    plan.people.forEach((p, i) => {
      if (p.status !== 'unmarked') parts.attendance.set(participants[i]!.id, p.status)
    })
    parts.responsible.set('organisation', plan.account.organisation)
    parts.responsible.set('function', plan.account.function)
    parts.responsible.set('name', plan.account.name)
    if (plan.followUpDate !== null) {
      parts.followUp.set('date', plan.followUpDate)
      parts.followUp.set('time', plan.time)
      parts.followUp.set('place', 'Som förra gången')
      parts.followUp.set('calledBy', plan.account.name)
    }
  })
  await stores.documents.append(
    [{ meetingId: meeting.id, data: Y.encodeStateAsUpdate(doc, before) }],
    lockedAt,
  )

  // Lock (G1): the version is the frozen document, as the chair's lock stores it; the head refuses
  // later updates, as the lock's seal does.
  await stores.documents.setFrozen(meeting.id, true)
  const number = await stores.signoff.nextNumber(meeting.id)
  const { skipped, ...frozen } = freezeVersion(doc, { meetingId: meeting.id, version: number })
  doc.destroy()
  await stores.signoff.addVersion(
    meeting.id,
    {
      ...frozen,
      number,
      skippedJson: JSON.stringify(skipped),
      lockedBy: participants[0]!.id,
      consentJson: consentSnapshot(await stores.meetings.consent(meeting.id)),
    },
    lockedAt,
  )
  const version = (await stores.signoff.active(meeting.id))!

  // Everyone present or remote signs (G5), but the one whose signature is missing.
  const missingId = plan.missing ? participants[plan.missing.person]!.id : null
  const chairId = participants[0]!.id
  for (const [i, participantId] of requiredSigners(version.canonicalJson).entries()) {
    if (participantId === missingId) continue
    const index = participants.findIndex((p) => p.id === participantId)
    const person = plan.people[index]!
    const ownDevice = person.seat || person.status === 'remote'
    await stores.signoff.sign(
      {
        versionId: version.id,
        participantId,
        method: ownDevice ? 'own-device' : 'in-room',
        typedName: person.name ?? person.function,
        witnessedBy: ownDevice ? null : chairId,
        drawing: null,
        sourceAddress: null,
      },
      lockedAt + (i + 1) * 20_000,
    )
  }

  // Finalize (G7) with the facts, exactly as the chair's finalize does.
  const missing = plan.missing
    ? [
        {
          participantId: missingId!,
          reason: MISSING_REASON_TEXT[plan.missing.category],
          category: plan.missing.category,
        },
      ]
    : []
  await stores.signoff.finalize(meeting.id, version.id, missing, endsAt)
  await recordSignedResponsible(stores, row, version.canonicalJson, endsAt)
  await recordMeetingFacts(stores, row, version, endsAt)
  plan.finalizedAt = endsAt

  for (const answer of plan.answers) {
    await stores.signoff.answerSatisfaction(
      meeting.id,
      participants[answer.person]!.id,
      { score: answer.score, comment: '' },
      endsAt + random.int(1, 120) * 60_000,
    )
  }
  for (const deviation of plan.deviations) {
    await stores.sips.addDeviation(
      meeting.sipId,
      {
        meetingId: meeting.id,
        category: deviation.category,
        organisation: deviation.organisation,
        organisationOther: deviation.organisation === 'annan' ? 'Påhittade föreningen' : '',
        description: 'Påhittad avvikelse (statistikgenerator).',
        occurredOn: plan.day,
        recordedByUserId: plan.account.id,
        recordedBy: plan.account.name,
      },
      endsAt + 60 * 60_000,
    )
  }
}

/**
 * Creates the invented meetings of `shape` (default SEED_000_SHAPE) in `db`. Refuses – throwing
 * RealMeetingsPresentError, nothing written – when the database already holds meetings that are
 * not demo meetings, unless `intoExisting`. Throws when the shape cannot be generated.
 */
export async function seedStatistics(storage: Storage, options: SeedOptions = {}): Promise<SeedResult> {
  const shape = options.shape ?? SEED_000_SHAPE
  const seed = options.seed ?? 1
  const problems = shapeProblems(shape)
  if (problems.length > 0)
    throw new Error(`The shape ${shape.id} cannot be generated: ${problems.join('; ')}`)
  const existing = await storage.stores.meetings.realCount()
  if (existing > 0 && !options.intoExisting) throw new RealMeetingsPresentError(existing)

  const random = new Random(seed)
  const { accountFor, accounts } = accountPool(shape, seed)
  const plans = planMeetings(shape, random, accountFor)

  return writeAll(storage, shape, seed, plans, accounts, options, random)
}

async function writeAll(
  { stores, transaction }: Storage,
  shape: StatisticsShape,
  seed: number,
  plans: MeetingPlan[],
  accounts: Account[],
  options: SeedOptions,
  random: Random,
): Promise<SeedResult> {
  const service = meetingService({
    stores,
    transaction,
    plans: NO_LIVE_PLANS,
    publicUrl: 'http://127.0.0.1',
    log: { warn: () => {}, error: () => {} },
  })
  const accountsCreatedAt = at(addDays(shape.from, -365), '08:00')
  await transaction(async () => {
    for (const account of accounts) {
      const existingAccount = await stores.users.byEmail(account.email)
      account.id =
        existingAccount?.id ??
        (
          await stores.users.create(
            {
              email: account.email,
              name: account.name,
              passwordHash: null,
              isAdmin: false,
              organisation: account.organisation,
              function: account.function,
              municipality: account.municipality,
            },
            accountsCreatedAt,
          )
        ).id
    }
  })

  // In the order they were held: a follow-up after the meeting that booked it.
  const ordered = plans
    .map((plan) => ({ plan, startsAt: at(plan.day, plan.time) }))
    .sort((a, b) => a.startsAt - b.startsAt)
    .map(({ plan }) => plan)
  const batchSize = Math.max(1, options.batchSize ?? 2000)
  for (let start = 0; start < ordered.length; start += batchSize) {
    await transaction(async () => {
      for (const plan of ordered.slice(start, start + batchSize))
        await writeMeeting(stores, service, plan, random)
    })
    options.onProgress?.(Math.min(start + batchSize, ordered.length), ordered.length)
  }

  // Closures (P9): the SIP closed, consent withdrawn where that is why, a planned follow-up cancelled.
  const closed = new Set<SipPlan>()
  await transaction(async () => {
    for (const plan of ordered) {
      const closure = plan.sip.closure
      if (!closure || closed.has(plan.sip)) continue
      closed.add(plan.sip)
      const closedAt = at(closure.day, '17:00')
      const by = { userId: closure.account.id, name: closure.account.name }
      await stores.sips.close(
        plan.sip.id,
        { closedOn: closure.day, reason: closure.reason, note: '' },
        by,
        closedAt,
      )
      if (closure.reason === 'consent-withdrawn') {
        await stores.sips.withdrawConsent(
          plan.sip.id,
          { withdrawnOn: closure.day, withdrawnBy: 'Vårdnadshavare' },
          by,
          closedAt,
        )
      }
      await stores.meetings.cancelForSip(plan.sip.id, closedAt)
    }
  })

  const inPeriod = plans.filter((p) => p.kind === 'period')
  return {
    shape: shape.id,
    seed,
    from: shape.from,
    to: shape.to,
    today: judgementDay(shape),
    accounts: accounts.length,
    municipalities: Object.keys(shape.municipalities),
    sips: new Set(plans.map((p) => p.sip)).size,
    closedSips: closed.size,
    meetings: {
      held: inPeriod.length,
      first: inPeriod.filter((p) => p.type === 'first').length,
      followUps: inPeriod.filter((p) => p.type === 'followup').length,
      outside: plans.filter((p) => p.kind === 'outside').length,
      cancelled: plans.filter((p) => p.kind === 'cancelled').length,
    },
    participants: plans.reduce((total, p) => total + p.people.length, 0),
    deviations: plans.reduce((total, p) => total + p.deviations.length, 0),
    satisfactionAnswers: plans.reduce((total, p) => total + p.answers.length, 0),
  }
}

/** For the CLI: what was made, in a few lines. */
export function formatSeedResult(result: SeedResult): string {
  const m = result.meetings
  return [
    `Invented statistics data created (shape ${result.shape}, seed ${result.seed}):`,
    `  ${m.held} meetings held ${result.from} – ${result.to} (${m.first} first meetings, ${m.followUps} follow-ups),`,
    `  ${m.outside} more held just outside the period, ${m.cancelled} cancelled`,
    `  ${result.sips} SIPs (${result.closedSips} closed), ${result.participants} participants,`,
    `  ${result.satisfactionAnswers} satisfaction answers, ${result.deviations} deviations`,
    `  ${result.accounts} staff accounts (no sign-in) in ${result.municipalities.join(', ')}`,
    `Follow-ups are as planned when judged on ${result.today}.`,
  ].join('\n')
}
