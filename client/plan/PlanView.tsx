import { type ReactNode, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { STEPS, type Step } from '../../shared/plan/layout'
import type { Role } from '../../shared/roles'
import { FollowUpSection, ResponsibleSection } from './AgreementsSection'
import { AttendanceSection } from './AttendanceSection'
import { GoalsSection } from './GoalsSection'
import { below, Heading, type HeadingLevel } from './Heading'
import { stepTexts } from './labels'
import { PlanHeader } from './PlanHeader'
import { SupportsSection } from './SupportsSection'
import { TextPartField } from './TextPartField'
import './plan.css'

export interface PlanViewProps {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Writers (chair, note-taker) get forms and editors; everyone else reads the same plan as text. */
  editable: boolean
  /** The meeting's current step: marked, and scrolled into view when it changes. */
  focusStep?: Step | undefined
  me: { participantId: string; name: string; role: Role }
  /** The level of the plan's own headings (the set-up and each step); parts are one below. */
  headingLevel?: HeadingLevel | undefined
  /**
   * Only this step's part (the chair's wall): no list of steps and no scrolling to follow; the
   * set-up ("Om mötet") comes with step 1, where the chair reads it out.
   */
  only?: Step | undefined
}

export function stepSectionId(step: Step): string {
  return `plan-step-${step}`
}

const KEYBOARD_HINT_ID = 'plan-keyboard-hint'

/**
 * The plan, organised by the five steps of the meeting circle: the set-up first, then a section
 * per step with what is written in it. Phones first: one column, forms that wrap.
 */
export function PlanView({ doc, provider, editable, focusStep, me, headingLevel = 3, only }: PlanViewProps) {
  const { t } = useTranslation()
  const pending = useFollowStep(only === undefined ? focusStep : undefined)
  const steps = only === undefined ? STEPS : [only]
  const part = below(headingLevel)
  const text = (name: Parameters<typeof TextPartField>[0]['part']) => (
    <TextPartField
      doc={doc}
      provider={provider}
      part={name}
      editable={editable}
      level={part}
      name={me.name}
      describedBy={KEYBOARD_HINT_ID}
    />
  )

  const content: Record<Step, ReactNode> = {
    1: (
      <>
        <AttendanceSection doc={doc} editable={editable} level={part} />
        {text('opening')}
      </>
    ),
    2: (
      <>
        {text('childWords')}
        {text('situation')}
      </>
    ),
    3: (
      <>
        {text('needs')}
        <GoalsSection doc={doc} editable={editable} level={part} />
        <SupportsSection doc={doc} editable={editable} level={part} />
      </>
    ),
    4: (
      <>
        {text('summary')}
        {text('disagreements')}
        <ResponsibleSection doc={doc} editable={editable} level={part} />
      </>
    ),
    5: <FollowUpSection doc={doc} editable={editable} level={part} />,
  }

  return (
    <div className={`plan${editable ? ' plan--editable' : ' plan--read'}`}>
      {only === undefined || only === 1 ? <PlanHeader doc={doc} level={headingLevel} /> : null}
      {only !== undefined ? null : (
        <nav className="plan-nav" aria-label={t('plan.nav.label')}>
          <ol>
            {STEPS.map((step) => (
              <li key={step}>
                <a
                  href={`#${stepSectionId(step)}`}
                  aria-current={step === focusStep ? 'step' : undefined}
                  onClick={(event) => {
                    event.preventDefault()
                    showStep(step)
                  }}
                >
                  {t('plan.step.heading', { number: step, title: stepTexts(step).title })}
                  {step === focusStep ? (
                    <span className="plan-nav__now"> ({t('plan.nav.current')})</span>
                  ) : null}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {editable ? (
        <p className="field__hint plan-keyboard" id={KEYBOARD_HINT_ID}>
          {t('plan.keyboard')}
        </p>
      ) : null}
      {steps.map((step) => {
        const current = step === focusStep
        const texts = stepTexts(step)
        return (
          <section
            key={step}
            id={stepSectionId(step)}
            className={`plan-step${current ? ' plan-step--current' : ''}`}
            aria-labelledby={`${stepSectionId(step)}-title`}
          >
            <div className="plan-step__head" aria-current={current ? 'step' : undefined}>
              <Heading level={headingLevel} id={`${stepSectionId(step)}-title`} tabIndex={-1}>
                {t('plan.step.heading', { number: step, title: texts.title })}
              </Heading>
              {current ? <p className="plan-step__now">{t('plan.step.current')}</p> : null}
              <p className="plan-step__guide">{me.role === 'child' ? texts.child : texts.participant}</p>
            </div>
            {content[step]}
          </section>
        )
      })}
      <div className="plan-moved" role="status">
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
    </div>
  )
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
function showStep(step: Step): void {
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

/**
 * Follows the chair's step: when `focusStep` changes, that step's section scrolls into view. Never
 * while this person is writing somewhere in the plan – that would pull the text they are typing
 * out of sight; they are told instead, and move when they choose. Focus is never moved here.
 */
function useFollowStep(focusStep: Step | undefined) {
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
      if (writingIn.current?.isConnected) writingIn.current.focus()
    },
  }
}
