import type { CHILD_PARTICIPATION, Organisation } from '../../shared/schemas/meeting'
import { MISSING_SIGNATURE_REASONS, type MissingSignatureReason } from '../../shared/schemas/signoff'
import { CLOSE_REASONS, type CloseReason, type DeviationCategory } from '../../shared/schemas/sip'
import { type AttendanceStatusKey, PRINCIPAL_OF, type Principal } from '../../shared/statistics/tables'

/**
 * The shape of an invented set of finalized SIP meetings (issue 14): exact counts, not
 * probabilities, so every figure of the statistics report over the shape's period is known
 * beforehand. server/statistics/generator.ts makes real records of this shape; its test asserts
 * the report against the numbers here.
 */

export type ChildParticipation = (typeof CHILD_PARTICIPATION)[number]

/** Which principals took part in a meeting (someone present or remote), as the report groups them. */
export const COMBINATIONS = {
  'all-three': ['school', 'social', 'region'],
  'school-social': ['school', 'social'],
  'school-region': ['school', 'region'],
  'social-region': ['social', 'region'],
  'school-only': ['school'],
  'social-only': ['social'],
  'region-only': ['region'],
  none: [],
} as const satisfies Record<string, readonly Principal[]>
export type Combination = keyof typeof COMBINATIONS
export const COMBINATION_KEYS = Object.keys(COMBINATIONS) as Combination[]

/** The convener of `meetings` meetings: a staff account with this organisation and function. */
export interface ConvenerGroup {
  organisation: Organisation
  /** As recorded on the account (lower case); their seat in the meeting shows it capitalised. */
  function: string
  meetings: number
}

/**
 * `count` attendance rows of professionals (everyone but the family and the conveners' own seats)
 * of one organisation, with the function as it was typed ('HAB', 'BUP', '' …) and one status.
 */
export interface ProfessionalGroup {
  organisation: Exclude<Organisation, 'familj'>
  function: string
  status: AttendanceStatusKey
  count: number
}

export interface DeviationGroup {
  category: DeviationCategory
  organisation: Organisation
  count: number
}

export interface StatisticsShape {
  id: string
  /** The period the meetings are held in, inclusive (YYYY-MM-DD, Stockholm days). */
  from: string
  to: string
  /** Meetings held (finalized) in the period. */
  meetings: number
  /** Of them, follow-ups (the rest are first meetings). */
  followUps: number
  /**
   * Of the follow-ups, how many follow a meeting held before the period (not counted). The others
   * follow a first meeting held in the period, whose follow-up outcome is then on time or late.
   */
  followUpsOfEarlier: number
  /** Meetings per convener's municipality (the convener account's), summing to `meetings`. */
  municipalities: Record<string, number>
  /** Summing to `meetings`. The convener's seat is present: their principal takes part. */
  conveners: ConvenerGroup[]
  /** Meetings by the principals that took part, summing to `meetings`. */
  combinations: Record<Combination, number>
  professionals: ProfessionalGroup[]
  /** Guardians' attendance rows: every meeting has one, the rest are second guardians. */
  guardians: Record<AttendanceStatusKey, number>
  /**
   * How the child took part, summing to `meetings`. The child's own attendance row follows from it:
   * whole or part → present, remote → remote, trusted-person or not-at-all → unmarked; with
   * trusted-person a trusted person (role participant, organisation familj) is present as well.
   */
  child: Record<ChildParticipation, number>
  /** First meetings by the days from the SIP's consent: ≤ 21, > 21, no consent recorded. */
  consent: { within: number; later: number; none: number }
  /** Meetings by the days from the first invitation link: ≥ 21, < 21, none issued. */
  invitation: { threeWeeksOrMore: number; lessThanThreeWeeks: number; none: number }
  /**
   * Meetings by the follow-up their signed plan booked, summing to `meetings`: held on time / late
   * (the next meeting is held, in the period or in the fortnight after it), not held and past the
   * day the generator calls today (overdue), not yet due, the SIP closed first, none booked.
   */
  followUp: {
    onTime: number
    late: number
    overdue: number
    notYetDue: number
    sipClosed: number
    notBooked: number
  }
  /** Of the follow-ups not held because the SIP closed: a planned meeting was cancelled in the period. */
  cancelled: number
  /** Meetings finalized with one required signature missing, by its reason (one per meeting). */
  missingSignatures: Record<MissingSignatureReason, number>
  /** Satisfaction answers of children and guardians who took part, by score. */
  satisfaction: Record<1 | 2 | 3 | 4 | 5, number>
  /** SIPs closed in the period, by reason (`followUp.sipClosed` of them had booked a follow-up). */
  sipsClosed: Record<CloseReason, number>
  deviations: DeviationGroup[]
}

/**
 * Seed 000 (a region's hand-counted follow-up of 152 SIP meetings in March–May) as a shape.
 *
 * Where the seed's own numbers do not add up, or say nothing, this shape chooses:
 * - School conveners: the seed lists biträdande rektor 31, rektor 25, elevhälsa 7 and "skolan"
 *   31 – together 94, not 116. Here "skolan" (no function) is the rest: 53.
 * - Region conveners: the seed lists 8 + 6 + 2 + 1 = 17 of its 19. The other two are a BUP
 *   physician (läkare) and a habilitation occupational therapist (arbetsterapeut).
 * - Social services convene the remaining 17 (socialsekreterare 7, handläggare 6,
 *   familjebehandlare 4); the seed names the functions without counts.
 * - 19 of 152 is exactly 12.5 %: the report (Math.round) says 13 %, the seed printed 12 %.
 * - Participation: school takes part in all 152, the region in 111, all three in 55, school and
 *   social services without the region in 5 – so school and region without social services 56 and
 *   school alone 36. Social services then take part in 60 (39 %), not the seed's "ca 30 %"; and
 *   the seed's "region with school at every meeting but 5" cannot hold together with "111".
 * - Region attendance: 10 cancellations and no-shows (6 förhinder, 4 uteblev), 45 rows recorded
 *   only as "HAB"/"BUP" (24 + 21, some of them among the absent), 3 "handläggare" and 5 "mobila
 *   teamet" (functions, though unclear ones: not counted as without function). Social services: one
 *   no-show.
 * - Everything the seed does not count (guardians, the child, consent, invitations, follow-ups,
 *   signatures, satisfaction, closures, deviations, municipalities) is invented, plausibly. Two
 *   choices there are for the report's rows rather than realism: 5 first meetings without any
 *   consent (SIP Live itself starts no meeting without one) and 3 whose participants were invited
 *   without a link (no invitation day is known).
 */
export const SEED_000_SHAPE: StatisticsShape = {
  id: 'seed-000',
  from: '2026-03-01',
  to: '2026-05-31',
  meetings: 152,
  followUps: 7,
  followUpsOfEarlier: 2,
  municipalities: { Påhittsala: 70, Låtsaslunda: 52, Exempelby: 30 },
  conveners: [
    { organisation: 'skola', function: 'biträdande rektor', meetings: 31 },
    { organisation: 'skola', function: 'rektor', meetings: 25 },
    { organisation: 'elevhalsa', function: 'kurator', meetings: 4 },
    { organisation: 'elevhalsa', function: 'specialpedagog', meetings: 3 },
    { organisation: 'skola', function: 'skolan', meetings: 53 },
    { organisation: 'habilitering', function: 'kurator', meetings: 2 },
    { organisation: 'habilitering', function: 'specialpedagog', meetings: 2 },
    { organisation: 'habilitering', function: 'psykolog', meetings: 2 },
    { organisation: 'habilitering', function: 'logoped', meetings: 2 },
    { organisation: 'habilitering', function: 'arbetsterapeut', meetings: 1 },
    { organisation: 'bup', function: 'kurator', meetings: 3 },
    { organisation: 'bup', function: 'psykolog', meetings: 3 },
    { organisation: 'bup', function: 'läkare', meetings: 1 },
    { organisation: 'primarvard', function: 'kurator', meetings: 2 },
    { organisation: 'ungdomsmottagning', function: 'kurator', meetings: 1 },
    { organisation: 'socialtjanst', function: 'socialsekreterare', meetings: 7 },
    { organisation: 'socialtjanst', function: 'handläggare', meetings: 6 },
    { organisation: 'socialtjanst', function: 'familjebehandlare', meetings: 4 },
  ],
  combinations: {
    'all-three': 55,
    'school-social': 5,
    'school-region': 56,
    'social-region': 0,
    'school-only': 36,
    'social-only': 0,
    'region-only': 0,
    none: 0,
  },
  professionals: [
    // School
    { organisation: 'skola', function: 'Mentor', status: 'present', count: 34 },
    { organisation: 'skola', function: 'Mentor', status: 'remote', count: 2 },
    { organisation: 'skola', function: 'Mentor', status: 'cancelled', count: 2 },
    { organisation: 'skola', function: 'Lärare', status: 'present', count: 18 },
    { organisation: 'skola', function: 'Lärare', status: 'unmarked', count: 1 },
    { organisation: 'skola', function: 'Skolan', status: 'present', count: 6 },
    { organisation: 'elevhalsa', function: 'Kurator', status: 'present', count: 28 },
    { organisation: 'elevhalsa', function: 'Kurator', status: 'remote', count: 3 },
    { organisation: 'elevhalsa', function: 'Specialpedagog', status: 'present', count: 15 },
    { organisation: 'elevhalsa', function: 'Skolsköterska', status: 'present', count: 4 },
    // Social services
    { organisation: 'socialtjanst', function: 'Socialsekreterare', status: 'present', count: 26 },
    { organisation: 'socialtjanst', function: 'Socialsekreterare', status: 'remote', count: 4 },
    { organisation: 'socialtjanst', function: 'Socialsekreterare', status: 'no-show', count: 1 },
    { organisation: 'socialtjanst', function: 'Handläggare', status: 'present', count: 9 },
    { organisation: 'socialtjanst', function: 'Familjebehandlare', status: 'present', count: 6 },
    { organisation: 'socialtjanst', function: 'Soc', status: 'present', count: 3 },
    // Region
    { organisation: 'habilitering', function: 'HAB', status: 'present', count: 18 },
    { organisation: 'habilitering', function: 'HAB', status: 'remote', count: 4 },
    { organisation: 'habilitering', function: 'HAB', status: 'cancelled', count: 2 },
    { organisation: 'bup', function: 'BUP', status: 'present', count: 15 },
    { organisation: 'bup', function: 'BUP', status: 'remote', count: 4 },
    { organisation: 'bup', function: 'BUP', status: 'no-show', count: 2 },
    { organisation: 'bup', function: 'Psykolog', status: 'present', count: 16 },
    { organisation: 'bup', function: 'Psykolog', status: 'remote', count: 3 },
    { organisation: 'bup', function: 'Psykolog', status: 'cancelled', count: 3 },
    { organisation: 'bup', function: 'Läkare', status: 'present', count: 4 },
    { organisation: 'bup', function: 'Handläggare', status: 'present', count: 3 },
    { organisation: 'bup', function: 'Mobila teamet', status: 'present', count: 2 },
    { organisation: 'habilitering', function: 'Mobila teamet', status: 'present', count: 3 },
    { organisation: 'habilitering', function: 'Psykolog', status: 'present', count: 6 },
    { organisation: 'habilitering', function: 'Logoped', status: 'present', count: 4 },
    { organisation: 'habilitering', function: 'Logoped', status: 'no-show', count: 2 },
    { organisation: 'habilitering', function: 'Kurator', status: 'present', count: 3 },
    { organisation: 'habilitering', function: 'Specialpedagog', status: 'present', count: 3 },
    { organisation: 'primarvard', function: 'Kurator', status: 'present', count: 4 },
    { organisation: 'primarvard', function: 'Kurator', status: 'cancelled', count: 1 },
    { organisation: 'primarvard', function: 'Sjuksköterska', status: 'present', count: 2 },
    { organisation: 'ungdomsmottagning', function: 'Kurator', status: 'present', count: 2 },
    // Others
    { organisation: 'annan', function: 'Personlig assistent', status: 'present', count: 3 },
    { organisation: 'annan', function: 'Kontaktperson', status: 'present', count: 2 },
    { organisation: 'annan', function: '', status: 'unmarked', count: 1 },
  ],
  guardians: { present: 190, remote: 22, cancelled: 6, 'no-show': 3, unmarked: 0 },
  child: { whole: 58, part: 41, remote: 9, 'trusted-person': 14, 'not-at-all': 30 },
  consent: { within: 88, later: 52, none: 5 },
  invitation: { threeWeeksOrMore: 61, lessThanThreeWeeks: 88, none: 3 },
  followUp: { onTime: 6, late: 2, overdue: 20, notYetDue: 60, sipClosed: 4, notBooked: 60 },
  cancelled: 3,
  missingSignatures: { 'left-early': 4, technical: 2, declined: 1, other: 1 },
  satisfaction: { 5: 70, 4: 38, 3: 12, 2: 4, 1: 2 },
  sipsClosed: { 'new-sip-needed': 2, 'no-joint-support': 3, 'no-new-needs': 5, 'consent-withdrawn': 1 },
  deviations: [
    { category: 'actor-absent', organisation: 'bup', count: 3 },
    { category: 'actor-absent', organisation: 'habilitering', count: 2 },
    { category: 'actor-absent', organisation: 'primarvard', count: 1 },
    { category: 'actor-absent', organisation: 'socialtjanst', count: 1 },
    { category: 'late-invitation', organisation: 'skola', count: 3 },
    { category: 'meeting-late', organisation: 'skola', count: 1 },
    { category: 'not-signed', organisation: 'familj', count: 1 },
    { category: 'other', organisation: 'annan', count: 1 },
  ],
}

/** The shapes the CLI knows by name. */
export const SHAPES: Record<string, StatisticsShape> = { [SEED_000_SHAPE.id]: SEED_000_SHAPE }

const sum = (values: Iterable<number>): number => {
  let total = 0
  for (const v of values) total += v
  return total
}

const DAY_MS = 86_400_000
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

/** A follow-up needs 21 days after the meeting that booked it, and a little room around it. */
export const MIN_PERIOD_DAYS = 35

/** The principal of a group's organisation, or null for the family and other organisations. */
export function principalOf(organisation: string): Principal | null {
  return PRINCIPAL_OF[organisation as Organisation] ?? null
}

const takesPart = (status: AttendanceStatusKey): boolean => status === 'present' || status === 'remote'

/**
 * How many professionals of each principal must take part beyond the conveners' own seats: one in
 * every meeting of a combination with that principal that someone else convened.
 */
export function takingPartNeeded(shape: StatisticsShape, principal: Principal): number {
  const withIt = sum(
    COMBINATION_KEYS.filter((c) => (COMBINATIONS[c] as readonly Principal[]).includes(principal)).map(
      (c) => shape.combinations[c],
    ),
  )
  const convened = sum(
    shape.conveners.filter((c) => principalOf(c.organisation) === principal).map((c) => c.meetings),
  )
  return Math.max(0, withIt - convened)
}

export function takingPartRows(shape: StatisticsShape, principal: Principal): number {
  return sum(
    shape.professionals
      .filter((p) => principalOf(p.organisation) === principal && takesPart(p.status))
      .map((p) => p.count),
  )
}

/** The follow-ups that follow a first meeting held in the period. */
export function followUpPairs(shape: StatisticsShape): number {
  return shape.followUps - shape.followUpsOfEarlier
}

/** Booked meetings whose follow-up is held after the period (in the fortnight before "today"). */
export function followUpsAfterPeriod(shape: StatisticsShape): number {
  return shape.followUp.onTime + shape.followUp.late - followUpPairs(shape)
}

/**
 * Whether convener principals fit the combinations: a meeting's convener takes part, so meetings
 * convened by a principal can only be in combinations with it (a small transport problem).
 * Answers the meetings per (convener principal, combination), or undefined when they do not fit.
 */
export function convenerCombinations(
  shape: StatisticsShape,
): Map<Principal | 'other', Map<Combination, number>> | undefined {
  const sources: (Principal | 'other')[] = ['school', 'social', 'region', 'other']
  const supply = sources.map((s) =>
    sum(shape.conveners.filter((c) => (principalOf(c.organisation) ?? 'other') === s).map((c) => c.meetings)),
  )
  const demand = COMBINATION_KEYS.map((c) => shape.combinations[c])
  const allowed = (s: number, c: number): boolean =>
    sources[s] === 'other' ||
    (COMBINATIONS[COMBINATION_KEYS[c]!] as readonly string[]).includes(sources[s] as string)
  // Edmonds–Karp on source → principal → combination → sink (4 × 8 edges: a handful of paths).
  const flow = sources.map(() => COMBINATION_KEYS.map(() => 0))
  const supplyLeft = [...supply]
  const demandLeft = [...demand]
  for (let guard = 0; guard < 1000; guard++) {
    // BFS over principal nodes (0..3) and combination nodes (4..11) in the residual graph.
    const prev = new Map<number, number>()
    const queue: number[] = []
    for (let s = 0; s < sources.length; s++) {
      if (supplyLeft[s]! > 0) {
        prev.set(s, -1)
        queue.push(s)
      }
    }
    let end = -1
    while (queue.length > 0 && end < 0) {
      const node = queue.shift()!
      if (node < sources.length) {
        for (let c = 0; c < COMBINATION_KEYS.length; c++) {
          const target = sources.length + c
          if (!allowed(node, c) || prev.has(target)) continue
          prev.set(target, node)
          if (demandLeft[c]! > 0) {
            end = target
            break
          }
          queue.push(target)
        }
      } else {
        const c = node - sources.length
        for (let s = 0; s < sources.length; s++) {
          if (flow[s]![c]! > 0 && !prev.has(s)) {
            prev.set(s, node)
            queue.push(s)
          }
        }
      }
    }
    if (end < 0) break
    // The bottleneck along the path, then push it.
    const path: number[] = []
    for (let node = end; node !== -1; node = prev.get(node)!) path.unshift(node)
    let amount = Math.min(supplyLeft[path[0]!]!, demandLeft[end - sources.length]!)
    for (let i = 1; i < path.length - 1; i += 2) {
      amount = Math.min(amount, flow[path[i + 1]!]![path[i]! - sources.length]!)
    }
    for (let i = 0; i < path.length - 1; i += 2) {
      flow[path[i]!]![path[i + 1]! - sources.length]! += amount
      if (i + 2 < path.length) flow[path[i + 2]!]![path[i + 1]! - sources.length]! -= amount
    }
    supplyLeft[path[0]!]! -= amount
    demandLeft[end - sources.length]! -= amount
  }
  if (supplyLeft.some((s) => s > 0) || demandLeft.some((d) => d > 0)) return undefined
  return new Map(
    sources.map((s, i) => [s, new Map(COMBINATION_KEYS.map((c, j) => [c, flow[i]![j]!] as const))] as const),
  )
}

/** What makes a shape impossible to generate; empty when it can be. */
export function shapeProblems(shape: StatisticsShape): string[] {
  const problems: string[] = []
  const expect = (ok: boolean, message: string) => {
    if (!ok) problems.push(message)
  }
  const n = shape.meetings
  const first = n - shape.followUps
  const periodDays = daysBetween(shape.from, shape.to) + 1
  expect(Number.isInteger(n) && n >= 1, 'meetings: at least one')
  expect(periodDays >= MIN_PERIOD_DAYS, `the period must be at least ${MIN_PERIOD_DAYS} days`)
  expect(shape.followUps >= 0 && shape.followUps <= n, 'followUps: from 0 to meetings')
  expect(
    shape.followUpsOfEarlier >= 0 && shape.followUpsOfEarlier <= shape.followUps,
    'followUpsOfEarlier: from 0 to followUps',
  )
  expect(sum(Object.values(shape.municipalities)) === n, 'municipalities must sum to meetings')
  expect(sum(shape.conveners.map((c) => c.meetings)) === n, 'conveners must sum to meetings')
  expect(sum(Object.values(shape.combinations)) === n, 'combinations must sum to meetings')
  expect(sum(Object.values(shape.child)) === n, 'child must sum to meetings')
  expect(sum(Object.values(shape.consent)) === first, 'consent must sum to the first meetings')
  expect(sum(Object.values(shape.invitation)) === n, 'invitation must sum to meetings')
  expect(sum(Object.values(shape.followUp)) === n, 'followUp must sum to meetings')
  expect(
    shape.invitation.threeWeeksOrMore >= shape.followUps,
    'invitation.threeWeeksOrMore: a follow-up is booked at least three weeks ahead, so at least followUps',
  )
  expect(shape.invitation.none <= first, 'invitation.none: only first meetings go without links')
  expect(
    followUpsAfterPeriod(shape) >= 0,
    'followUp.onTime + late: at least the follow-ups of first meetings',
  )
  expect(
    followUpPairs(shape) + followUpsAfterPeriod(shape) <= first,
    'followUp.onTime + late: more than the first meetings',
  )
  expect(
    shape.followUp.sipClosed + followUpPairs(shape) + followUpsAfterPeriod(shape) <= first,
    'followUp.sipClosed: too many',
  )
  expect(
    shape.cancelled >= 0 && shape.cancelled <= shape.followUp.sipClosed,
    'cancelled: at most followUp.sipClosed',
  )
  const closed = sum(Object.values(shape.sipsClosed))
  expect(closed >= shape.followUp.sipClosed, 'sipsClosed: at least followUp.sipClosed')
  expect(
    closed - shape.followUp.sipClosed <= shape.followUp.notBooked,
    'sipsClosed: too many without a booking',
  )
  expect(
    shape.sipsClosed['consent-withdrawn'] <= n - shape.consent.none,
    'sipsClosed.consent-withdrawn: needs SIPs with consent',
  )
  expect(sum(Object.values(shape.guardians)) >= n, 'guardians: at least one per meeting')
  expect(sum(Object.values(shape.missingSignatures)) <= n, 'missingSignatures: at most one per meeting')
  for (const principal of ['school', 'social', 'region'] as const) {
    expect(
      takingPartRows(shape, principal) === 0 ||
        COMBINATION_KEYS.some(
          (c) => shape.combinations[c] > 0 && (COMBINATIONS[c] as readonly Principal[]).includes(principal),
        ),
      `professionals: ${principal} takes part, but no combination has it`,
    )
    expect(
      takingPartRows(shape, principal) >= takingPartNeeded(shape, principal),
      `professionals: ${principal} needs ${takingPartNeeded(shape, principal)} present or remote, has ${takingPartRows(shape, principal)}`,
    )
  }
  expect(convenerCombinations(shape) !== undefined, 'conveners do not fit the combinations')
  for (const group of [
    ...shape.conveners.map((c) => c.meetings),
    ...shape.professionals.map((p) => p.count),
    ...shape.deviations.map((d) => d.count),
    ...Object.values(shape.guardians),
    ...Object.values(shape.satisfaction),
    ...Object.values(shape.missingSignatures),
  ]) {
    if (!Number.isInteger(group) || group < 0) {
      problems.push('every count is a whole number from 0')
      break
    }
  }
  return problems
}

/**
 * Largest-remainder rounding: whole numbers proportional to `weights` that sum to exactly
 * `total` (ties to the earlier entry). All-zero weights give all zeros.
 */
export function apportion(weights: readonly number[], total: number): number[] {
  const weightSum = sum(weights)
  if (weightSum === 0 || total <= 0) return weights.map(() => 0)
  const exact = weights.map((w) => (w * total) / weightSum)
  const result = exact.map(Math.floor)
  let rest = total - sum(result)
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index)
  for (const { index } of order) {
    if (rest <= 0) break
    result[index]! += 1
    rest--
  }
  return result
}

function apportionRecord<K extends string | number>(
  record: Record<K, number>,
  total: number,
): Record<K, number> {
  const keys = Object.keys(record) as K[]
  const values = apportion(
    keys.map((k) => record[k]),
    total,
  )
  return Object.fromEntries(keys.map((k, i) => [k, values[i]!])) as Record<K, number>
}

function bumpLargest<K extends string | number>(record: Record<K, number>, by: number): void {
  const keys = Object.keys(record) as K[]
  const largest = keys.reduce((a, b) => (record[b] > record[a] ? b : a), keys[0]!)
  record[largest] += by
}

/**
 * The shape for `meetings` meetings (the benchmark's 10,000 and 100,000): every group of counts
 * scaled by largest-remainder rounding so that groups summing to the meetings still do, then the
 * few relations that rounding can break repaired (enough professionals to take part, a guardian
 * per meeting, follow-ups that fit). Optionally over another period.
 */
export function scaleShape(
  shape: StatisticsShape,
  meetings: number,
  period: { from?: string; to?: string } = {},
): StatisticsShape {
  const f = meetings / shape.meetings
  const scaled = (total: number) => Math.round(total * f)
  const followUps = Math.min(meetings, scaled(shape.followUps))
  const first = meetings - followUps
  const conveners = apportion(
    shape.conveners.map((c) => c.meetings),
    meetings,
  )
  const professionals = apportion(
    shape.professionals.map((p) => p.count),
    scaled(sum(shape.professionals.map((p) => p.count))),
  )
  const deviations = apportion(
    shape.deviations.map((d) => d.count),
    scaled(sum(shape.deviations.map((d) => d.count))),
  )
  const out: StatisticsShape = {
    ...shape,
    id: meetings === shape.meetings ? shape.id : `${shape.id}×${meetings}`,
    from: period.from ?? shape.from,
    to: period.to ?? shape.to,
    meetings,
    followUps,
    followUpsOfEarlier: Math.min(followUps, scaled(shape.followUpsOfEarlier)),
    municipalities: apportionRecord(shape.municipalities, meetings),
    conveners: shape.conveners.map((c, i) => ({ ...c, meetings: conveners[i]! })),
    combinations: apportionRecord(shape.combinations, meetings),
    professionals: shape.professionals.map((p, i) => ({ ...p, count: professionals[i]! })),
    guardians: apportionRecord(
      shape.guardians,
      Math.max(meetings, scaled(sum(Object.values(shape.guardians)))),
    ),
    child: apportionRecord(shape.child, meetings),
    consent: apportionRecord(shape.consent, first),
    invitation: apportionRecord(shape.invitation, meetings),
    followUp: apportionRecord(shape.followUp, meetings),
    cancelled: scaled(shape.cancelled),
    missingSignatures: apportionRecord(
      shape.missingSignatures,
      Math.min(meetings, scaled(sum(Object.values(shape.missingSignatures)))),
    ),
    satisfaction: apportionRecord(shape.satisfaction, scaled(sum(Object.values(shape.satisfaction)))),
    sipsClosed: apportionRecord(shape.sipsClosed, scaled(sum(Object.values(shape.sipsClosed)))),
    deviations: shape.deviations.map((d, i) => ({ ...d, count: deviations[i]! })),
  }
  repair(out)
  return out
}

/** Mends what rounding broke, in counts that no other group sums to. */
function repair(shape: StatisticsShape): void {
  const first = shape.meetings - shape.followUps
  // Follow-ups held on time or late are at least the follow-ups of first meetings in the period.
  const deficit = -followUpsAfterPeriod(shape)
  if (deficit > 0) shape.followUpsOfEarlier = Math.min(shape.followUps, shape.followUpsOfEarlier + deficit)
  if (followUpsAfterPeriod(shape) < 0) {
    const missing = -followUpsAfterPeriod(shape)
    shape.followUp.onTime += missing
    shape.followUp.notBooked -= missing
  }
  shape.cancelled = Math.min(shape.cancelled, shape.followUp.sipClosed)
  const closed = sum(Object.values(shape.sipsClosed))
  if (closed < shape.followUp.sipClosed) bumpLargest(shape.sipsClosed, shape.followUp.sipClosed - closed)
  const invitedLate = shape.followUps - shape.invitation.threeWeeksOrMore
  if (invitedLate > 0) {
    shape.invitation.threeWeeksOrMore += invitedLate
    shape.invitation.lessThanThreeWeeks -= invitedLate
  }
  if (shape.invitation.none > first) {
    shape.invitation.lessThanThreeWeeks += shape.invitation.none - first
    shape.invitation.none = first
  }
  for (const principal of ['school', 'social', 'region'] as const) {
    const short = takingPartNeeded(shape, principal) - takingPartRows(shape, principal)
    if (short <= 0) continue
    const groups = shape.professionals.filter(
      (p) => principalOf(p.organisation) === principal && takesPart(p.status),
    )
    const largest = groups.reduce((a, b) => (b.count > a.count ? b : a), groups[0]!)
    largest.count += short
  }
}

/** The municipalities of a shape, in the order given. */
export function municipalitiesOf(shape: StatisticsShape): string[] {
  return Object.keys(shape.municipalities)
}

export const CLOSE_REASON_KEYS: readonly CloseReason[] = CLOSE_REASONS
export const MISSING_REASON_KEYS: readonly MissingSignatureReason[] = MISSING_SIGNATURE_REASONS
