import { useId } from 'react'
import type * as Y from 'yjs'
import type { MeetingType } from '../../shared/circle'
import { useTranslation } from '../i18n'
import { useStepTexts } from './hooks'
import { goToStep, type MeetingProgress, nextStep, previousStep } from './meeting-state'
import { STEP_SHORTCUTS, type StepDirection, useStepShortcuts } from './step-shortcuts'

/**
 * The chair's "Föregående steg" / "Nästa steg", with the keyboard shortcuts (Alt+Page Up/Down) on
 * the whole window. The wall and the coaching window both have them; either moves the one meeting.
 * Before the start there is nothing to move (the wall has the start button).
 */
export function StepControls({
  doc,
  progress,
  editable,
  writeDenied,
}: {
  doc: Y.Doc
  progress: MeetingProgress
  editable: boolean
  writeDenied: boolean
}) {
  const { t } = useTranslation()
  const edgeId = useId()
  const started = progress.startedAt !== undefined
  const previous = previousStep(progress.step)
  const next = nextStep(progress.step)

  const move = (direction: StepDirection): void => {
    if (!editable || !started) return
    const target = direction === 'next' ? next : previous
    if (target) goToStep(doc, target)
  }
  useStepShortcuts(editable && started, move)

  if (!editable) {
    return writeDenied ? <p className="notice notice--warning">{t('room.step.cannotSteer')}</p> : null
  }
  if (!started) return null
  return (
    <>
      <div className="button-row step-buttons">
        <button
          type="button"
          aria-keyshortcuts={STEP_SHORTCUTS.previous.aria}
          aria-disabled={previous === null}
          aria-describedby={previous === null ? edgeId : undefined}
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
          aria-describedby={next === null ? edgeId : undefined}
          onClick={() => move('next')}
        >
          {t('room.step.next')}
          <span aria-hidden="true"> →</span>
        </button>
      </div>
      {previous === null || next === null ? (
        <p id={edgeId} className="hint">
          {previous === null ? t('room.step.first') : t('room.step.last')}
        </p>
      ) : null}
    </>
  )
}

/**
 * The chair's own coaching for the step – what to do in it (shared/circle.ts `chair`) and the
 * shortcuts. Never on the wall unless the chair asks ("Visa ledarstöd"); always in the coaching
 * window.
 */
export function ChairCoaching({ progress, type }: { progress: MeetingProgress; type: MeetingType }) {
  const { t } = useTranslation()
  const texts = useStepTexts(progress.step, type)
  return (
    <div className="chair-coaching">
      <h3 className="step-guide__title">{t('room.step.forChair')}</h3>
      <p className="step-guide">{texts.chair}</p>
      <p className="hint">{t('room.step.shortcuts')}</p>
    </div>
  )
}
