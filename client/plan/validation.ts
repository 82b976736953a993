import type { Goal, Support } from './model'

/**
 * What a goal or support still lacks. Shown beside the entry while people type – never blocking,
 * since every keystroke is already saved – so the chair can see what to ask for before sign-off.
 */

export type GoalIssue = 'goalNeedsByWhen'
export type SupportIssue = 'supportNeedsOwner' | 'supportEndsBeforeStart'

/** A goal is time-bound (the T in SMART): it needs a date by when it should be reached. */
export function goalIssues(goal: Goal): GoalIssue[] {
  return goal.byWhen.trim() === '' ? ['goalNeedsByWhen'] : []
}

/** A support needs an owner – a responsible person or function, or at least an organisation. */
export function supportIssues(support: Support): SupportIssue[] {
  const issues: SupportIssue[] = []
  if (support.responsible.trim() === '' && support.organisation.trim() === '')
    issues.push('supportNeedsOwner')
  // Dates are YYYY-MM-DD, so text order is date order.
  if (support.start !== '' && support.end !== '' && support.end < support.start) {
    issues.push('supportEndsBeforeStart')
  }
  return issues
}
