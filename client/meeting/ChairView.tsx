import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { STEPS } from '../../shared/plan/layout'
import { stepSectionId } from '../plan/PlanView'
import { usePresence } from '../sync/presence'
import { PageTitle } from '../ui/PageTitle'
import { useMeetingProgress, useStepTexts } from './hooks'
import { goToStep, nextStep, previousStep, startMeeting } from './meeting-state'
import { PlanSlot } from './PlanSlot'
import { RosterPanel } from './RosterPanel'
import type { RoomProps } from './room'
import { StepCircle } from './StepCircle'
import { StepStatus } from './StepStatus'
import { StepTimer } from './StepTimer'
import { ChairSignoff } from './signoff/ChairSignoff'
import { SignoffStatus } from './signoff/SignoffStatus'
import { STEP_SHORTCUTS, type StepDirection, useStepShortcuts } from './step-shortcuts'
import { ToggleButton } from './ToggleButton'

/**
 * The chair's screen, made for the projector: the circle, what to do in the current step, time in
 * the step, the participants with the speaking round, and the plan as it grows. In a small meeting
 * the chair also writes: "Skriv i planen" puts the plan, editable, beside the circle.
 */
export function ChairView({ connection, me, state, editable, signoff, applySignoff }: RoomProps) {
  const { t } = useTranslation()
  const { doc } = connection
  const progress = useMeetingProgress(doc)
  const texts = useStepTexts(progress.step)
  const present = usePresence(connection.provider.awareness)
  const [writing, setWriting] = useState(false)
  const started = progress.startedAt !== undefined
  const previous = previousStep(progress.step)
  const next = nextStep(progress.step)

  const move = (direction: StepDirection): void => {
    if (!editable || !started) return
    const target = direction === 'next' ? next : previous
    if (target) goToStep(doc, target)
  }
  useStepShortcuts(editable && started, move)

  // Turning "Skriv i planen" on brings the current step's part of the plan into view beside the
  // circle; focus stays on the toggle.
  const toggleWriting = (): void => {
    const on = !writing
    setWriting(on)
    if (on)
      requestAnimationFrame(() => document.getElementById(stepSectionId(progress.step))?.scrollIntoView())
  }

  return (
    <main className="page page--wide room room--chair" id="main">
      <PageTitle>{me.meeting.title}</PageTitle>
      <StepStatus progress={progress} hidden />
      <SignoffStatus state={signoff} showSignatures={false} />
      <div className={`room-chair${writing ? ' room-chair--writing' : ''}`}>
        <section className="room-panel room-chair__circle" aria-labelledby="circle-title">
          <h2 id="circle-title">{t('room.circle.title')}</h2>
          <StepCircle current={progress.step} started={started} labelledBy="circle-title" compact={writing} />
        </section>

        <section className="room-panel room-chair__step" aria-labelledby="step-title">
          <h2 id="step-title" className="step-heading">
            {t('room.step.heading', { step: progress.step, count: STEPS.length, title: texts.title })}
          </h2>
          {started ? null : <p className="notice">{t('room.step.notStartedChair')}</p>}
          <h3 className="step-guide__title">{t('room.step.forChair')}</h3>
          <p className="step-guide">{texts.chair}</p>
          <StepTimer since={progress.stepStartedAt} />
          {!editable ? (
            state.writeDenied ? (
              <p className="notice notice--warning">{t('room.step.cannotSteer')}</p>
            ) : null
          ) : started ? (
            <>
              <div className="button-row step-buttons">
                <button
                  type="button"
                  aria-keyshortcuts={STEP_SHORTCUTS.previous.aria}
                  aria-disabled={previous === null}
                  aria-describedby={previous === null ? 'step-edge' : undefined}
                  onClick={() => move('previous')}
                >
                  <span aria-hidden="true">← </span>
                  {t('room.step.previous')}
                </button>
                <button
                  type="button"
                  className="button--primary"
                  aria-keyshortcuts={STEP_SHORTCUTS.next.aria}
                  aria-disabled={next === null}
                  aria-describedby={next === null ? 'step-edge' : undefined}
                  onClick={() => move('next')}
                >
                  {t('room.step.next')}
                  <span aria-hidden="true"> →</span>
                </button>
              </div>
              {previous === null || next === null ? (
                <p id="step-edge" className="hint">
                  {previous === null ? t('room.step.first') : t('room.step.last')}
                </p>
              ) : null}
              <p className="hint">{t('room.step.shortcuts')}</p>
            </>
          ) : (
            <div className="button-row">
              <button type="button" className="button--primary" onClick={() => startMeeting(doc)}>
                {t('room.step.start')}
              </button>
            </div>
          )}
        </section>

        <RosterPanel
          doc={doc}
          me={me}
          step={progress.step}
          present={present}
          online={state.status === 'saved'}
          canMark={editable}
          className="room-panel room-chair__roster"
        />

        <section className="room-chair__plan" aria-labelledby="plan-title">
          <div className="room-plan__bar">
            <h2 id="plan-title">{t('room.plan.title')}</h2>
            {editable ? (
              <ToggleButton pressed={writing} onToggle={toggleWriting}>
                {t('room.plan.write')}
              </ToggleButton>
            ) : null}
          </div>
          <PlanSlot
            connection={connection}
            editable={editable && writing}
            focusStep={progress.step}
            me={me}
          />
        </section>
      </div>
      <ChairSignoff doc={doc} me={me} state={signoff} apply={applySignoff} />
    </main>
  )
}
