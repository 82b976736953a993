import { useEffect, useRef, useState } from 'react'
import type { Step } from '../../shared/plan/layout'
import { useTranslation } from '../i18n'
import { stepTexts } from './labels'

/**
 * Following the chair's step in the plan: scroll to the new step, unless this person is writing –
 * then say so and let them move when they choose. Focus is never moved by the chair.
 */

export function stepSectionId(step: Step): string {
  return `plan-step-${step}`
}

function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false
}

function scrollToStep(step: Step): HTMLElement | null {
  const section = document.getElementById(stepSectionId(step))
  section?.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' })
  return section
}

/** Moves to a step the user asked for (the step list, "Visa steget"): scroll and focus its heading. */
export function showStep(step: Step): void {
  scrollToStep(step)
  document.getElementById(`${stepSectionId(step)}-title`)?.focus({ preventScroll: true })
}

/** Someone is writing: a text field, a list box or a rich-text editor has the keyboard. */
function isTyping(element: Element | null): boolean {
  if (!(element instanceof HTMLElement)) return false
  if (element.isContentEditable) return true
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true
  return (
    element instanceof HTMLInputElement &&
    !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(element.type)
  )
}

export interface FollowStep {
  /** The step the meeting moved to while this person was writing; null when there is none. */
  step: Step | null
  /** "Visa steget": go there now. */
  show(): void
  /** "Stäng": stay, and get the keyboard back where they were writing. */
  dismiss(): void
}

/**
 * Follows the chair's step: when `focusStep` changes, that step's section scrolls into view. Never
 * while this person is writing somewhere in the plan – that would pull the text they are typing
 * out of sight; they are told instead, and move when they choose. Focus is never moved here.
 * `undefined` follows nothing.
 */
export function useFollowStep(focusStep: Step | undefined): FollowStep {
  const previous = useRef(focusStep)
  const [pendingStep, setPendingStep] = useState<Step | null>(null)
  // Where the writer was when the step changed: "Stäng" gives the keyboard back there.
  const writingIn = useRef<HTMLElement | null>(null)

  useEffect(() => {
    // The first render shows the plan from the top; only a change of step moves it.
    if (focusStep === undefined || focusStep === previous.current) return
    previous.current = focusStep
    const active = document.activeElement
    if (isTyping(active)) {
      writingIn.current = active as HTMLElement
      setPendingStep(focusStep)
      return
    }
    setPendingStep(null)
    scrollToStep(focusStep)
  }, [focusStep])

  return {
    step: pendingStep,
    show(): void {
      if (pendingStep) showStep(pendingStep)
      setPendingStep(null)
    },
    dismiss(): void {
      setPendingStep(null)
      if (writingIn.current?.isConnected) writingIn.current.focus({ preventScroll: true })
    },
  }
}

/**
 * "Mötet har gått vidare till steg 4": said politely, with "Visa steget" and "Stäng". Where it is
 * shown is the screen's choice; it must never sit on top of the field someone types in.
 */
export function MovedOnNotice({
  pending,
  className = 'plan-moved',
}: {
  pending: FollowStep
  className?: string
}) {
  const { t } = useTranslation()
  return (
    <div className={className} role="status">
      {pending.step ? (
        <>
          <p>{t('plan.step.movedOn', { number: pending.step, title: stepTexts(pending.step).title })}</p>
          <div className="button-row">
            <button type="button" className="button--primary" onClick={() => pending.show()}>
              {t('plan.step.show')}
            </button>
            <button type="button" onClick={() => pending.dismiss()}>
              {t('plan.step.dismiss')}
            </button>
          </div>
        </>
      ) : null}
    </div>
  )
}
