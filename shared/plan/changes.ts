/**
 * P13: what changed between two plans – the previous meeting's signed version and a follow-up's –
 * as a guardian reads it in the protocol: goals and supports added, removed, ended, and the
 * outcomes and statuses set at the follow-up. Both plans are parsed canonical JSON; nothing in
 * them is trusted to have the right shape. Entries are matched by id (P6 carries them with it); an
 * entry without an id cannot be matched and is left out.
 */

export type PlanChange =
  /** A goal added at this meeting. */
  | { kind: 'goal-added'; id: string; what: string }
  /** A goal of the previous plan that is no longer in this one. */
  | { kind: 'goal-removed'; id: string; what: string }
  /** A carried goal's outcome, set at this meeting (P7): one of GOAL_OUTCOMES, or what was written. */
  | { kind: 'goal-outcome'; id: string; what: string; outcome: string }
  | { kind: 'support-added'; id: string; what: string }
  /** A support of the previous plan that is no longer in this one (not one that had ended then). */
  | { kind: 'support-removed'; id: string; what: string }
  /** A carried support ended at this meeting (status `ended`). */
  | { kind: 'support-ended'; id: string; what: string }
  /** A carried support's status set at this meeting, other than `ended`. */
  | { kind: 'support-status'; id: string; what: string; status: string }

type Entry = Record<string, unknown>

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

/** The list `part` of a plan: its entries that are objects with an id, in order. */
function entriesOf(plan: unknown, part: 'goals' | 'supports'): Entry[] {
  if (plan === null || typeof plan !== 'object') return []
  const list = (plan as Record<string, unknown>)[part]
  if (!Array.isArray(list)) return []
  return list.filter(
    (e): e is Entry =>
      e !== null && typeof e === 'object' && !Array.isArray(e) && str((e as Entry).id) !== '',
  )
}

const ids = (entries: Entry[]): Set<string> => new Set(entries.map((e) => str(e.id)))

/**
 * The changes from `previous` to `current`, in the order a reader meets them: the goals (in the
 * current plan's order, then those removed), then the supports likewise.
 */
export function planChanges(previous: unknown, current: unknown): PlanChange[] {
  const changes: PlanChange[] = []

  const goalsBefore = entriesOf(previous, 'goals')
  const goalsNow = entriesOf(current, 'goals')
  const hadGoal = ids(goalsBefore)
  for (const goal of goalsNow) {
    const id = str(goal.id)
    const what = str(goal.what)
    if (!hadGoal.has(id)) changes.push({ kind: 'goal-added', id, what })
    else if (str(goal.outcome) !== '')
      changes.push({ kind: 'goal-outcome', id, what, outcome: str(goal.outcome) })
  }
  const hasGoal = ids(goalsNow)
  for (const goal of goalsBefore) {
    if (!hasGoal.has(str(goal.id)))
      changes.push({ kind: 'goal-removed', id: str(goal.id), what: str(goal.what) })
  }

  // A support that had ended in the previous plan was finished then and is not carried (P6): its
  // absence now is no change.
  const supportsBefore = entriesOf(previous, 'supports').filter((s) => str(s.status) !== 'ended')
  const supportsNow = entriesOf(current, 'supports')
  const hadSupport = ids(supportsBefore)
  for (const support of supportsNow) {
    const id = str(support.id)
    const what = str(support.what)
    const status = str(support.status)
    if (!hadSupport.has(id)) changes.push({ kind: 'support-added', id, what })
    else if (status === 'ended') changes.push({ kind: 'support-ended', id, what })
    else if (status !== '') changes.push({ kind: 'support-status', id, what, status })
  }
  const hasSupport = ids(supportsNow)
  for (const support of supportsBefore) {
    if (!hasSupport.has(str(support.id)))
      changes.push({ kind: 'support-removed', id: str(support.id), what: str(support.what) })
  }
  return changes
}
