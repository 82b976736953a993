/**
 * Why a piece of the plan was left out (G13). Only a writer that bypasses the screens – any client
 * may send any Yjs update – can put these there; the plan is still read, and what was left out is
 * listed with the version.
 *   not-a-map      a goal, support or participant entry that is not a Y.Map: the entry is skipped
 *   wrong-type     a field whose value is not a string (for a goal's `agreed`: not a boolean): null
 *   not-rich-text  a node in a text part that is neither an element nor text, or an element's
 *                  attribute that is a shared type: skipped
 */
export const PLAN_PROBLEMS = ['not-a-map', 'wrong-type', 'not-rich-text'] as const
export type PlanProblem = (typeof PLAN_PROBLEMS)[number]

export interface SkippedPart {
  /** The part: `setup`, `participants`, `goals`, `supports`, `responsible`, `followUp`, or a text part. */
  part: string
  /** Goals and supports: the entry's position in its list, from 0. */
  index?: number
  /** Participants: the entry's participant id. */
  key?: string
  /** A field whose value had the wrong type. */
  field?: string
  problem: PlanProblem
}
