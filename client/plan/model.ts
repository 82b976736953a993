import {
  ATTENDANCE,
  type Attendance,
  type FOLLOW_UP_FIELDS,
  GOAL_KINDS,
  GOAL_OUTCOMES,
  type GoalFollowUpField,
  type GoalKind,
  type GoalOutcome,
  type RESPONSIBLE_FIELDS,
  SUPPORT_PARTIES,
  SUPPORT_STATUSES,
  type SupportFollowUpField,
  type SupportParty,
  type SupportStatus,
} from '../../shared/plan/layout'
import { ROLES, type Role } from '../../shared/roles'

/**
 * The plan's structured parts as plain, typed values for rendering. The Y.Doc may hold anything a
 * writer once put there (an older client, a missing field): every reader here falls back to an
 * empty value instead of trusting the shape.
 */

export type ResponsibleField = (typeof RESPONSIBLE_FIELDS)[number]
export type FollowUpField = (typeof FOLLOW_UP_FIELDS)[number]

export interface Goal {
  id: string
  kind: GoalKind
  what: string
  measure: string
  /** YYYY-MM-DD, or '' while not set. */
  byWhen: string
  /**
   * Whether the child and guardians agree with this goal: null until someone decides (a new goal
   * has no `agreed` field, as canonical.ts reads it), so the plan never says "Nej" by default.
   */
  agreed: boolean | null
  /** Carried over from the previous plan (a follow-up, P7): how it went; null for a goal added now. */
  carried: CarriedGoal | null
}

/**
 * The follow-up field whose presence marks a goal or support as carried over from the previous
 * plan (P7). The server writes every follow-up field of an entry it carries over (P6), empty, and
 * none on any other; screens write them only where this one is (actions.ts).
 */
export const CARRIED_GOAL_MARK: GoalFollowUpField = 'outcome'
export const CARRIED_SUPPORT_MARK: SupportFollowUpField = 'status'

/** A carried goal's follow-up: the outcome ('' until decided) and a comment. */
export interface CarriedGoal {
  outcome: GoalOutcome | ''
  outcomeComment: string
}

/** A carried support's follow-up: its status ('' until decided) and its effect. */
export interface CarriedSupport {
  status: SupportStatus | ''
  effect: string
}

export interface Support {
  id: string
  party: SupportParty
  what: string
  organisation: string
  responsible: string
  frequency: string
  where: string
  /** YYYY-MM-DD, or ''. */
  start: string
  /** YYYY-MM-DD, or ''. */
  end: string
  /** The id of the goal this support serves, or ''. */
  goalId: string
  /** Carried over from the previous plan (a follow-up, P7): how it went; null for a support added now. */
  carried: CarriedSupport | null
}

/** An invited participant, as the server wrote them into the plan. */
export interface Person {
  id: string
  name: string
  role: Role | null
  /** An organisation code (shared/schemas/meeting.ts ORGANISATIONS) or free text. */
  organisation: string
  function: string
}

export type Responsible = Record<ResponsibleField, string>
export type FollowUp = Record<FollowUpField, string>

/** One entry of a Y.Array of Y.Maps: its id and its fields as plain values. */
export interface ListEntry {
  id: string
  fields: Readonly<Record<string, unknown>>
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function oneOf<T extends string, F extends string>(list: readonly T[], value: unknown, fallback: F): T | F {
  return list.find((item) => item === value) ?? fallback
}

export function toGoal({ id, fields }: ListEntry): Goal {
  return {
    id,
    kind: oneOf(GOAL_KINDS, fields.kind, 'short'),
    what: str(fields.what),
    measure: str(fields.measure),
    byWhen: str(fields.byWhen),
    agreed: typeof fields.agreed === 'boolean' ? fields.agreed : null,
    carried:
      CARRIED_GOAL_MARK in fields
        ? { outcome: oneOf(GOAL_OUTCOMES, fields.outcome, ''), outcomeComment: str(fields.outcomeComment) }
        : null,
  }
}

export function toSupport({ id, fields }: ListEntry): Support {
  return {
    id,
    party: oneOf(SUPPORT_PARTIES, fields.party, 'agency'),
    what: str(fields.what),
    organisation: str(fields.organisation),
    responsible: str(fields.responsible),
    frequency: str(fields.frequency),
    where: str(fields.where),
    start: str(fields.start),
    end: str(fields.end),
    goalId: str(fields.goalId),
    carried:
      CARRIED_SUPPORT_MARK in fields
        ? { status: oneOf(SUPPORT_STATUSES, fields.status, ''), effect: str(fields.effect) }
        : null,
  }
}

/** A carried support the follow-up ended: still listed, visibly ended. */
export function isEnded(support: Support): boolean {
  return support.carried?.status === 'ended'
}

/**
 * Nothing written in a goal yet (its kind is chosen by the list it is added to). A carried goal is
 * never blank: it is last time's goal, waiting for its outcome.
 */
export function isBlankGoal(goal: Goal): boolean {
  return (
    goal.carried === null &&
    goal.what.trim() === '' &&
    goal.measure.trim() === '' &&
    goal.byWhen === '' &&
    goal.agreed === null
  )
}

/** Nothing written in a support yet (its party has a default); a carried support never is. */
export function isBlankSupport(support: Support): boolean {
  const { id: _id, party: _party, carried, ...fields } = support
  return carried === null && Object.values(fields).every((value) => value.trim() === '')
}

export function toResponsible(map: Readonly<Record<string, unknown>>): Responsible {
  return { organisation: str(map.organisation), function: str(map.function), name: str(map.name) }
}

export function toFollowUp(map: Readonly<Record<string, unknown>>): FollowUp {
  return { date: str(map.date), time: str(map.time), place: str(map.place), calledBy: str(map.calledBy) }
}

export function toAttendance(value: unknown): Attendance | null {
  return ATTENDANCE.find((status) => status === value) ?? null
}

/**
 * The order of the attendance list: the child first (the presentation round starts with the
 * child), then the family, then the professionals; by name within a role. Y.Map keys have no
 * order that every client shares, so the list must be sorted to look the same everywhere.
 */
const ROLE_ORDER: readonly Role[] = ['child', 'guardian', 'chair', 'notetaker', 'participant']

export function toPeople(map: Readonly<Record<string, unknown>>): Person[] {
  const people: Person[] = []
  for (const [id, value] of Object.entries(map)) {
    if (typeof value !== 'object' || value === null) continue
    const fields = value as Record<string, unknown>
    people.push({
      id,
      name: str(fields.name),
      role: ROLES.find((role) => role === fields.role) ?? null,
      organisation: str(fields.organisation),
      function: str(fields.function),
    })
  }
  const rank = (person: Person): number => (person.role ? ROLE_ORDER.indexOf(person.role) : ROLE_ORDER.length)
  return people.sort(
    (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'sv') || a.id.localeCompare(b.id),
  )
}
