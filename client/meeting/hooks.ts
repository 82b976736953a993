import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { CIRCLE, circleTexts, type MeetingType, type StepTexts, stepGuide } from '../../shared/circle'
import { planParts, type Step } from '../../shared/plan/layout'
import type { Role } from '../../shared/roles'
import { useTranslation } from '../i18n'
import { useYChanges } from '../sync/useYChanges'
import { type MeetingProgress, type RosterEntry, readProgress, readRoster } from './meeting-state'

/** The chair's step, its start time and the meeting's start, re-read whenever the chair moves. */
export function useMeetingProgress(doc: Y.Doc): MeetingProgress {
  useYChanges(planParts(doc).meeting)
  return readProgress(doc)
}

/** Everyone invited (server-written roster) with their attendance, in speaking order. */
export function useRoster(doc: Y.Doc): RosterEntry[] {
  const { participants, attendance, speakingRound } = planParts(doc)
  // The speaking round is read by the callers while rendering the roster; one subscription for all.
  useYChanges(participants, attendance, speakingRound)
  return readRoster(doc)
}

/** The circle's texts in the screen's language, a follow-up's own where it has them (P8). */
export function useStepTexts(step: Step, type: MeetingType = 'first'): StepTexts {
  const { i18n } = useTranslation()
  return circleTexts(i18n.resolvedLanguage === 'en' ? 'en' : 'sv', step, type)
}

/** What this person is asked to think about in the step: the guardian's, the child's or staff's words. */
export function useStepGuide(step: Step, role: Role, type: MeetingType = 'first'): string {
  return stepGuide(useStepTexts(step, type), role)
}

export function useCircleTexts(): Record<Step, StepTexts> {
  const { i18n } = useTranslation()
  return CIRCLE[i18n.resolvedLanguage === 'en' ? 'en' : 'sv']
}

/** The time now, renewed every `intervalMs` while `active`. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    setNow(Date.now())
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs)
    return () => window.clearInterval(timer)
  }, [active, intervalMs])
  return now
}
