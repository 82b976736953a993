import * as Y from 'yjs'
import { type Attendance, type GoalKind, planParts, type SupportParty } from '../../shared/plan/layout'
import {
  CARRIED_GOAL_MARK,
  CARRIED_SUPPORT_MARK,
  type CarriedGoal,
  type CarriedSupport,
  type FollowUpField,
  type Goal,
  type ResponsibleField,
  type Support,
} from './model'

/**
 * Every change a screen makes to the plan's structured parts. Each is one transaction (one update
 * on the wire, one step for everyone else) and writes only the fields it names, so two people
 * editing two fields of the same goal never overwrite each other. The server-written parts –
 * `setup` and `participants` – are never written here.
 */

/** What a screen writes in a goal or support; the follow-up fields have their own writers below. */
export type GoalEdit = Omit<Goal, 'id' | 'carried'>
export type SupportEdit = Omit<Support, 'id' | 'carried'>

function newId(): string {
  return crypto.randomUUID()
}

function newMap<V>(fields: Record<string, V>): Y.Map<V> {
  return new Y.Map<V>(Object.entries(fields))
}

/** Whether a list entry is the map with this id; any writer can put something else in a list (G13). */
function hasId<V>(entry: unknown, id: string): entry is Y.Map<V> {
  return entry instanceof Y.Map && entry.get('id') === id
}

function findById<V>(array: Y.Array<Y.Map<V>>, id: string): Y.Map<V> | undefined {
  return array.toArray().find((map) => hasId(map, id))
}

/** Removes the entry with this id from a list of entries (goals, supports); false when none has it. */
function removeEntry<V>(array: Y.Array<Y.Map<V>>, id: string): boolean {
  const index = array.toArray().findIndex((map) => hasId(map, id))
  if (index < 0) return false
  array.delete(index, 1)
  return true
}

/** Writes a value unless it is already there: an unchanged field costs no update. */
function setIfChanged<V>(map: Y.Map<V>, field: string, value: V): void {
  if (map.get(field) !== value) map.set(field, value)
}

/** Writes a value, or removes the field for null ("not decided"); nothing when it is already so. */
function setOrClear<V>(map: Y.Map<V>, field: string, value: V | null): void {
  if (value !== null) setIfChanged(map, field, value)
  else if (map.has(field)) map.delete(field)
}

/** Changes one field of the entry with this id, in one transaction; false when none has that id. */
function updateEntryField<V>(
  doc: Y.Doc,
  array: Y.Array<Y.Map<V>>,
  id: string,
  field: string,
  value: V | null,
): boolean {
  let found = false
  doc.transact(() => {
    const entry = findById(array, id)
    if (!entry) return
    found = true
    setOrClear(entry, field, value)
  })
  return found
}

/**
 * A new goal's fields. No `agreed`: whether the child and guardians agree is not decided until
 * someone says so (absent reads as null in the model and in the signed canonical form).
 */
const EMPTY_GOAL = { what: '', measure: '', byWhen: '' } as const

/** Adds a goal at the end of the list; answers its id. */
export function addGoal(doc: Y.Doc, kind: GoalKind, init: Partial<Omit<GoalEdit, 'kind'>> = {}): string {
  const id = newId()
  const fields: Record<string, string | boolean> = { id, kind, ...EMPTY_GOAL }
  for (const [field, value] of Object.entries(init)) {
    if (value !== null && value !== undefined) fields[field] = value
  }
  doc.transact(() => {
    planParts(doc).goals.push([newMap(fields)])
  })
  return id
}

/**
 * Changes one field of a goal; false when no goal has that id (someone removed it). `agreed: null`
 * removes the field: not decided again.
 */
export function updateGoalField<F extends keyof GoalEdit>(
  doc: Y.Doc,
  id: string,
  field: F,
  value: GoalEdit[F],
): boolean {
  return updateEntryField<string | boolean>(doc, planParts(doc).goals, id, field, value)
}

/** Removes a goal; supports that served it keep their content and lose only the link. */
export function removeGoal(doc: Y.Doc, id: string): boolean {
  let found = false
  doc.transact(() => {
    const parts = planParts(doc)
    found = removeEntry(parts.goals, id)
    if (!found) return
    for (const support of parts.supports as Y.Array<unknown>) {
      if (support instanceof Y.Map && support.get('goalId') === id) support.set('goalId', '')
    }
  })
  return found
}

export const EMPTY_SUPPORT: Omit<SupportEdit, 'party'> = {
  what: '',
  organisation: '',
  responsible: '',
  frequency: '',
  where: '',
  start: '',
  end: '',
  goalId: '',
}

/** Adds a support (insats) at the end of the list; answers its id. */
export function addSupport(
  doc: Y.Doc,
  party: SupportParty,
  init: Partial<Omit<SupportEdit, 'party'>> = {},
): string {
  const id = newId()
  doc.transact(() => {
    planParts(doc).supports.push([newMap<string>({ id, party, ...EMPTY_SUPPORT, ...init })])
  })
  return id
}

/** Changes one field of a support; false when no support has that id. */
export function updateSupportField<F extends keyof SupportEdit>(
  doc: Y.Doc,
  id: string,
  field: F,
  value: SupportEdit[F],
): boolean {
  return updateEntryField(doc, planParts(doc).supports, id, field, value)
}

export function removeSupport(doc: Y.Doc, id: string): boolean {
  let found = false
  doc.transact(() => {
    found = removeEntry(planParts(doc).supports, id)
  })
  return found
}

/**
 * Changes one follow-up field of an entry carried over from the previous plan (P7), in one
 * transaction. Only an entry whose map already has `mark` – the server wrote it when it carried
 * the entry over – is written; any other (added at this meeting, or gone) is left as it is and
 * answers false, so the fields never appear on an entry that was not carried.
 */
function updateCarriedField<V>(
  doc: Y.Doc,
  array: Y.Array<Y.Map<V>>,
  id: string,
  mark: string,
  field: string,
  value: V,
): boolean {
  let written = false
  doc.transact(() => {
    const entry = findById(array, id)
    if (!entry?.has(mark)) return
    written = true
    setIfChanged(entry, field, value)
  })
  return written
}

/** A carried goal's outcome ('' : not decided) or comment; false for a goal that was not carried. */
export function updateGoalOutcome<F extends keyof CarriedGoal>(
  doc: Y.Doc,
  id: string,
  field: F,
  value: CarriedGoal[F],
): boolean {
  return updateCarriedField(doc, planParts(doc).goals, id, CARRIED_GOAL_MARK, field, value)
}

/** A carried support's status ('ended' ends it, still listed) or effect; false for one not carried. */
export function updateSupportFollowUp<F extends keyof CarriedSupport>(
  doc: Y.Doc,
  id: string,
  field: F,
  value: CarriedSupport[F],
): boolean {
  return updateCarriedField(doc, planParts(doc).supports, id, CARRIED_SUPPORT_MARK, field, value)
}

/**
 * Marks one invited participant's attendance; null clears it. Only people on the server's roster
 * can be marked: an id that is not there (removed meanwhile) is refused with false.
 */
export function setAttendance(doc: Y.Doc, participantId: string, status: Attendance | null): boolean {
  const parts = planParts(doc)
  if (!parts.participants.has(participantId)) return false
  doc.transact(() => {
    if (status === null) {
      if (parts.attendance.has(participantId)) parts.attendance.delete(participantId)
      return
    }
    setIfChanged(parts.attendance, participantId, status)
  })
  return true
}

/** Huvudansvarig: organisation, function or name. */
export function setResponsible(doc: Y.Doc, field: ResponsibleField, value: string): void {
  doc.transact(() => setIfChanged(planParts(doc).responsible, field, value))
}

/** The follow-up meeting: date (YYYY-MM-DD), time (HH:MM), place, who calls it. */
export function setFollowUp(doc: Y.Doc, field: FollowUpField, value: string): void {
  doc.transact(() => setIfChanged(planParts(doc).followUp, field, value))
}
