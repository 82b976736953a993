import * as Y from 'yjs'
import {
  GOAL_FIELDS,
  GOAL_FOLLOW_UP_FIELDS,
  planParts,
  RESPONSIBLE_FIELDS,
  SUPPORT_FIELDS,
  SUPPORT_FOLLOW_UP_FIELDS,
  type SupportStatus,
} from '../../shared/plan/layout'
import type { Stores } from '../db/contract'
import type { MeetingRow } from '../db/meetings'
import type { ParticipantRow } from '../db/participants'
import { applyRoster, seedChildWords } from './roster'

/**
 * P6: a follow-up's plan starts from the last signed version, written by the server once – never
 * seeded by a client. What is carried over is read from the previous meeting's active version
 * (its canonical JSON, exactly what was signed), not from its live document.
 */

/** A plan as its canonical JSON parses: every part is read defensively, nothing is trusted. */
export type PlanObject = Readonly<Record<string, unknown>>

/** A support that ended at the last meeting is finished: it is not carried again. */
const ENDED: SupportStatus = 'ended'

const entries = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter(
        (v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v),
      )
    : []

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}

/** A map with the fields of `from` that have a value of the right type (a null field stays unset). */
function carry(
  from: Record<string, unknown>,
  fields: readonly string[],
  isBoolean: (field: string) => boolean = () => false,
): Y.Map<string | boolean> {
  const map = new Y.Map<string | boolean>()
  for (const field of fields) {
    const value = from[field]
    if (typeof value === (isBoolean(field) ? 'boolean' : 'string')) map.set(field, value as string | boolean)
  }
  return map
}

/**
 * Writes what a follow-up carries over from the previous plan into `doc`: the goals and the
 * supports not ended, with their ids, owners, dates and goal links and empty follow-up fields
 * (P7), and the huvudansvarig. Attendance, the rich-text parts and the follow-up booking are not
 * carried: they are this meeting's own.
 */
export function carryOver(doc: Y.Doc, previousPlan: PlanObject): void {
  const parts = planParts(doc)
  const goals = entries(previousPlan.goals).map((goal) => {
    const map = carry(goal, GOAL_FIELDS, (field) => field === 'agreed')
    for (const field of GOAL_FOLLOW_UP_FIELDS) map.set(field, '')
    return map
  })
  const supports = entries(previousPlan.supports)
    .filter((support) => support.status !== ENDED)
    .map((support) => {
      const map = carry(support, SUPPORT_FIELDS)
      for (const field of SUPPORT_FOLLOW_UP_FIELDS) map.set(field, '')
      return map as Y.Map<string>
    })
  if (goals.length > 0) parts.goals.push(goals)
  if (supports.length > 0) parts.supports.push(supports)
  const responsible = record(previousPlan.responsible)
  for (const field of RESPONSIBLE_FIELDS) {
    const value = responsible[field]
    if (typeof value === 'string') parts.responsible.set(field, value)
  }
}

/**
 * A follow-up's whole first plan, as one update: the roster and the child's words of its set-up
 * (as a first meeting's, initialPlanUpdate) plus what is carried over from `previousPlan` – the
 * parsed canonical JSON of the previous meeting's active version (previousPlanOf). Pure: the
 * caller stores it once, when the follow-up is booked.
 */
export function followUpPlanUpdate(
  meeting: MeetingRow,
  participants: readonly ParticipantRow[],
  previousPlan: PlanObject,
): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    applyRoster(doc, meeting, participants)
    seedChildWords(doc, meeting.childWords)
    carryOver(doc, previousPlan)
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/**
 * The plan of a meeting's active version (locked or finalized) – what was signed – parsed, without
 * the version's binding (meetingId, version); undefined when it has none or it cannot be read.
 */
export async function activePlanOf(
  stores: Pick<Stores, 'signoff'>,
  meetingId: string,
): Promise<PlanObject | undefined> {
  const version = await stores.signoff.active(meetingId)
  if (!version) return undefined
  try {
    const parsed = JSON.parse(version.canonicalJson) as unknown
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined
    const { meetingId: _meeting, version: _number, ...plan } = parsed as Record<string, unknown>
    return plan
  } catch {
    return undefined
  }
}

/** The plan a follow-up starts from (P6) and is compared with (P13): its previous meeting's active version. */
export async function previousPlanOf(
  stores: Pick<Stores, 'signoff'>,
  meeting: Pick<MeetingRow, 'previousMeetingId'>,
): Promise<PlanObject | undefined> {
  return meeting.previousMeetingId === null
    ? undefined
    : await activePlanOf(stores, meeting.previousMeetingId)
}
