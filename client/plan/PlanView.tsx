import type { ReactNode } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { stepGuide } from '../../shared/circle'
import { STEPS, type Step } from '../../shared/plan/layout'
import type { Role } from '../../shared/roles'
import { FollowUpSection, ResponsibleSection } from './AgreementsSection'
import { AttendanceSection } from './AttendanceSection'
import { MovedOnNotice, showStep, stepSectionId, useFollowStep } from './follow-step'
import { GoalsSection } from './GoalsSection'
import { below, Heading, type HeadingLevel } from './Heading'
import { useMeetingType } from './hooks'
import { stepTexts } from './labels'
import { PlanHeader } from './PlanHeader'
import { SupportsSection } from './SupportsSection'
import { TextPartField } from './TextPartField'
import './plan.css'
import { useTranslation } from '../i18n'

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
   * Whether the plan follows `focusStep` itself, with its own "moved on" notice (default). A screen
   * that calls useFollowStep and shows the notice where the writer types passes false.
   */
  followsStep?: boolean | undefined
  /**
   * Only this step's part (the chair's wall): no list of steps and no scrolling to follow; the
   * set-up ("Om mötet") comes with step 1, where the chair reads it out.
   */
  only?: Step | undefined
}

export { stepSectionId }

const KEYBOARD_HINT_ID = 'plan-keyboard-hint'

/**
 * The plan, organised by the five steps of the meeting circle: the set-up first, then a section
 * per step with what is written in it. Phones first: one column, forms that wrap.
 */
export function PlanView({
  doc,
  provider,
  editable,
  focusStep,
  me,
  headingLevel = 3,
  followsStep = true,
  only,
}: PlanViewProps) {
  const { t } = useTranslation()
  const type = useMeetingType(doc)
  const pending = useFollowStep(followsStep && only === undefined ? focusStep : undefined)
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
        const texts = stepTexts(step, type)
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
              {/* On the chair's wall the guide is the room's; the chair's coaching stays in her own panel. */}
              <p className="plan-step__guide">
                {me.role === 'chair' ? texts.room : stepGuide(texts, me.role)}
              </p>
            </div>
            {content[step]}
          </section>
        )
      })}
      {followsStep ? <MovedOnNotice pending={pending} /> : null}
    </div>
  )
}
