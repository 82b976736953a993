import type * as Y from 'yjs'

/**
 * The layout of a meeting's Y.Doc – the plan – defined once. Every screen and the server read and
 * write the plan through these names; nothing else names a shared type.
 *
 * Rich-text parts are Y.XmlFragments bound to Tiptap editors. Structured parts are Y.Maps (one
 * entry per field) and Y.Arrays of Y.Maps (one map per goal or support), so two people editing two
 * fields of the same support never overwrite each other.
 */

/** The meeting circle's five steps (shared/circle.ts has their texts). */
export const STEPS = [1, 2, 3, 4, 5] as const
export type Step = (typeof STEPS)[number]

/** Rich-text parts, each its own Y.XmlFragment, in the order the plan shows them. */
export const TEXT_PARTS = ['opening', 'childWords', 'situation', 'needs', 'summary', 'disagreements'] as const
export type TextPart = (typeof TEXT_PARTS)[number]

/** Which step of the circle each rich-text part belongs to (the note-taker's view follows the chair). */
export const TEXT_PART_STEP: Record<TextPart, Step> = {
  opening: 1,
  childWords: 2,
  situation: 2,
  needs: 3,
  summary: 4,
  disagreements: 4,
}

export const ATTENDANCE = ['present', 'remote', 'cancelled', 'no-show'] as const
export type Attendance = (typeof ATTENDANCE)[number]

export const GOAL_KINDS = ['long', 'short'] as const
export type GoalKind = (typeof GOAL_KINDS)[number]

/** Whose part a support is: an agency's (a principal or another actor), or the family's own. */
export const SUPPORT_PARTIES = ['agency', 'family'] as const
export type SupportParty = (typeof SUPPORT_PARTIES)[number]

/** Names of the top-level shared types. */
export const Y_NAMES = {
  /** Y.Map: current step, when it started, when the meeting started (set by the chair). */
  meeting: 'meeting',
  /** Y.Map: the set-up the server seeded (purpose, questions, child's name, type); server-written. */
  setup: 'setup',
  /** Y.Map<participantId, Y.Map>: who was invited (name, role, organisation, function); server-written. */
  participants: 'participants',
  /** Y.Map<participantId, Attendance>. */
  attendance: 'attendance',
  /** Y.Map<`${step}:${participantId}`, number>: who has spoken in which step (time marked). */
  speakingRound: 'speakingRound',
  /** Y.Array<Y.Map>: goals. */
  goals: 'goals',
  /** Y.Array<Y.Map>: supports (insatser). */
  supports: 'supports',
  /** Y.Map: huvudansvarig – organisation, function, name. */
  responsible: 'responsible',
  /** Y.Map: the follow-up meeting – date, time, place, who calls it. */
  followUp: 'followUp',
} as const

/** Fields of each structured entry. Every value is a string unless said otherwise. */
export const MEETING_FIELDS = ['step', 'stepStartedAt', 'startedAt'] as const // numbers
export const SETUP_FIELDS = ['childName', 'type', 'purpose', 'questions', 'startsAt', 'place'] as const
export const PARTICIPANT_FIELDS = ['name', 'role', 'organisation', 'function'] as const
export const GOAL_FIELDS = ['id', 'kind', 'what', 'measure', 'byWhen', 'agreed'] as const // agreed: boolean
export const SUPPORT_FIELDS = [
  'id',
  'party',
  'what',
  'organisation',
  'responsible',
  'frequency',
  'where',
  'start',
  'end',
  'goalId',
] as const
export const RESPONSIBLE_FIELDS = ['organisation', 'function', 'name'] as const
export const FOLLOW_UP_FIELDS = ['date', 'time', 'place', 'calledBy'] as const

export type GoalField = (typeof GOAL_FIELDS)[number]
export type SupportField = (typeof SUPPORT_FIELDS)[number]

/**
 * P7: the follow-up fields. A goal or support carried over into a follow-up's plan (P6) has them,
 * '' until the meeting sets them; an entry added at the follow-up has none. They are part of the
 * canonical plan only on entries that have them, so every plan without them reads as it always
 * did (G9). `outcome` is one of GOAL_OUTCOMES or '', `status` one of SUPPORT_STATUSES or ''.
 */
export const GOAL_FOLLOW_UP_FIELDS = ['outcome', 'outcomeComment'] as const
export const SUPPORT_FOLLOW_UP_FIELDS = ['status', 'effect'] as const
/** How far a carried goal was reached: uppnått, delvis uppnått, inte uppnått. */
export const GOAL_OUTCOMES = ['achieved', 'partly', 'not-achieved'] as const
export type GoalOutcome = (typeof GOAL_OUTCOMES)[number]
/** Where a carried support stands: genomförd, pågår, inte påbörjad, avslutad (`ended`: not carried again). */
export const SUPPORT_STATUSES = ['done', 'ongoing', 'not-started', 'ended'] as const
export type SupportStatus = (typeof SUPPORT_STATUSES)[number]
export type GoalFollowUpField = (typeof GOAL_FOLLOW_UP_FIELDS)[number]
export type SupportFollowUpField = (typeof SUPPORT_FOLLOW_UP_FIELDS)[number]

export function speakingKey(step: Step, participantId: string): string {
  return `${step}:${participantId}`
}

/** Typed access to a plan document's parts. Creating them on first access is how Yjs works. */
export function planParts(doc: Y.Doc) {
  return {
    meeting: doc.getMap<number>(Y_NAMES.meeting),
    setup: doc.getMap<string>(Y_NAMES.setup),
    participants: doc.getMap<Y.Map<string>>(Y_NAMES.participants),
    attendance: doc.getMap<Attendance>(Y_NAMES.attendance),
    speakingRound: doc.getMap<number>(Y_NAMES.speakingRound),
    goals: doc.getArray<Y.Map<string | boolean>>(Y_NAMES.goals),
    supports: doc.getArray<Y.Map<string>>(Y_NAMES.supports),
    responsible: doc.getMap<string>(Y_NAMES.responsible),
    followUp: doc.getMap<string>(Y_NAMES.followUp),
    text: (part: TextPart) => doc.getXmlFragment(part),
  }
}
export type PlanParts = ReturnType<typeof planParts>

/** The current step, 1 before the chair has moved on. */
export function currentStep(doc: Y.Doc): Step {
  const step = planParts(doc).meeting.get('step')
  return step === 2 || step === 3 || step === 4 || step === 5 ? step : 1
}
