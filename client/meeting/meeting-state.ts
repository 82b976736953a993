import type * as Y from 'yjs'
import {
  ATTENDANCE,
  type Attendance,
  currentStep,
  planParts,
  STEPS,
  type Step,
  speakingKey,
} from '../../shared/plan/layout'
import { ROLES, type Role } from '../../shared/roles'

/**
 * The meeting's progress through the circle, as the chair steers it. Everything lives in the plan
 * document (Y map `meeting`, `speakingRound`), so every screen renders the chair's change from the
 * same Yjs update – there is no separate "agenda" channel to fall out of step.
 */
export interface MeetingProgress {
  step: Step
  /** When the current step began (the chair's clock, ms since epoch); undefined before the start. */
  stepStartedAt: number | undefined
  startedAt: number | undefined
}

export const FIRST_STEP: Step = STEPS[0]
export const LAST_STEP: Step = STEPS[STEPS.length - 1]!

function timestamp(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

export function readProgress(doc: Y.Doc): MeetingProgress {
  const { meeting } = planParts(doc)
  return {
    step: currentStep(doc),
    stepStartedAt: timestamp(meeting.get('stepStartedAt')),
    startedAt: timestamp(meeting.get('startedAt')),
  }
}

export function nextStep(step: Step): Step | null {
  return STEPS.find((s) => s === step + 1) ?? null
}

export function previousStep(step: Step): Step | null {
  return STEPS.find((s) => s === step - 1) ?? null
}

/** "Starta mötet": the meeting starts at step 1, once; starting again changes nothing. */
export function startMeeting(doc: Y.Doc, now: number = Date.now()): void {
  const { meeting } = planParts(doc)
  if (timestamp(meeting.get('startedAt')) !== undefined) return
  doc.transact(() => {
    meeting.set('startedAt', now)
    meeting.set('step', FIRST_STEP)
    meeting.set('stepStartedAt', now)
  })
}

/**
 * Moves the circle to `step`. Step and its start time change in one transaction – one update – so
 * no screen ever shows the new step with the old step's clock. Moving before "Starta mötet" starts
 * the meeting too.
 */
export function goToStep(doc: Y.Doc, step: Step, now: number = Date.now()): void {
  const { meeting } = planParts(doc)
  doc.transact(() => {
    if (timestamp(meeting.get('startedAt')) === undefined) meeting.set('startedAt', now)
    meeting.set('step', step)
    meeting.set('stepStartedAt', now)
  })
}

/** Marks (or unmarks) that a participant has spoken in a step's round. */
export function setSpoken(
  doc: Y.Doc,
  step: Step,
  participantId: string,
  spoken: boolean,
  now: number = Date.now(),
): void {
  const { speakingRound } = planParts(doc)
  const key = speakingKey(step, participantId)
  if (spoken) {
    if (!speakingRound.has(key)) speakingRound.set(key, now)
  } else if (speakingRound.has(key)) {
    speakingRound.delete(key)
  }
}

export function hasSpoken(doc: Y.Doc, step: Step, participantId: string): boolean {
  return planParts(doc).speakingRound.has(speakingKey(step, participantId))
}

/** One invited participant as the plan's roster (server-written) and attendance say. */
export interface RosterEntry {
  participantId: string
  name: string
  role: Role | null
  organisation: string
  function: string
  attendance: Attendance | null
}

/** The child first (the presentation round starts with the child), then family, then staff. */
const ROSTER_ORDER: readonly Role[] = ['child', 'guardian', 'participant', 'notetaker', 'chair']

export function readRoster(doc: Y.Doc): RosterEntry[] {
  const { participants, attendance } = planParts(doc)
  const entries: RosterEntry[] = []
  for (const [participantId, entry] of participants) {
    const text = (field: string): string => {
      const value: unknown = entry.get(field)
      return typeof value === 'string' ? value : ''
    }
    const role = ROLES.find((r) => r === text('role')) ?? null
    const marked = attendance.get(participantId)
    entries.push({
      participantId,
      name: text('name'),
      role,
      organisation: text('organisation'),
      function: text('function'),
      attendance: ATTENDANCE.find((a) => a === marked) ?? null,
    })
  }
  const rank = (role: Role | null): number => (role ? ROSTER_ORDER.indexOf(role) : ROSTER_ORDER.length)
  return entries.sort(
    (a, b) =>
      rank(a.role) - rank(b.role) ||
      a.name.localeCompare(b.name, 'sv') ||
      a.participantId.localeCompare(b.participantId),
  )
}

/** Marked as not there (cancelled, no-show): not expected to speak, so not counted in the round. */
export function expectedToSpeak(entry: RosterEntry): boolean {
  return entry.attendance !== 'cancelled' && entry.attendance !== 'no-show'
}

/** "4 av 6 har talat" for the step. */
export function speakingCount(
  doc: Y.Doc,
  step: Step,
  roster: readonly RosterEntry[],
): { spoken: number; total: number } {
  const expected = roster.filter(expectedToSpeak)
  return {
    spoken: expected.filter((entry) => hasSpoken(doc, step, entry.participantId)).length,
    total: expected.length,
  }
}

/** Time in the step as m:ss (minutes keep counting past 60: a step is never that long twice). */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000))
  const minutes = Math.floor(seconds / 60)
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`
}
