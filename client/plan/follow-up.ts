/**
 * The follow-up fields of a follow-up meeting's plan (docs/process.md P7), as the room reads and
 * writes them. The server writes a follow-up's plan once from the last signed version (P6): every
 * goal and support it carries over gets these fields, empty; goals and supports added at the
 * follow-up have none. So an entry is "carried" exactly when its Y.Map has the field – never
 * create them on any other entry.
 *
 * Kept in this one place until shared/plan/layout.ts exports the same names (its canonical form
 * signs them); then these become re-exports of those.
 */

/** How a carried goal went: uppnått, delvis uppnått, inte uppnått ('' in the plan: not decided). */
export const GOAL_OUTCOMES = ['achieved', 'partly', 'not-achieved'] as const
export type GoalOutcome = (typeof GOAL_OUTCOMES)[number]

/** How a carried support went: genomförd, pågår, inte påbörjad, avslutad ('' : not decided). */
export const SUPPORT_STATUSES = ['done', 'ongoing', 'not-started', 'ended'] as const
export type SupportStatus = (typeof SUPPORT_STATUSES)[number]

/** A carried goal's fields; the first one's presence marks the goal as carried. */
export const GOAL_FOLLOW_UP_FIELDS = ['outcome', 'outcomeComment'] as const
/** A carried support's fields; the first one's presence marks the support as carried. */
export const SUPPORT_FOLLOW_UP_FIELDS = ['status', 'effect'] as const

export type GoalFollowUpField = (typeof GOAL_FOLLOW_UP_FIELDS)[number]
export type SupportFollowUpField = (typeof SUPPORT_FOLLOW_UP_FIELDS)[number]

/** The field whose presence on an entry's Y.Map says it was carried over from the previous plan. */
export const CARRIED_GOAL_MARK: GoalFollowUpField = 'outcome'
export const CARRIED_SUPPORT_MARK: SupportFollowUpField = 'status'
