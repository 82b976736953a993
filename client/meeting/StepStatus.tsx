import { STEPS } from '../../shared/plan/layout'
import { useTranslation } from '../i18n'
import { useStepTexts } from './hooks'
import type { MeetingProgress } from './meeting-state'

/**
 * "Nu: steg 3 av 5 – Behov" in a polite live region: when the chair moves on, a screen reader says
 * so on every screen without moving anyone's focus. `hidden` keeps it for screen readers only, on
 * screens that show the step in a heading already.
 */
export function StepStatus({
  progress,
  hidden = false,
  className,
  inline = false,
}: {
  progress: MeetingProgress
  hidden?: boolean
  className?: string
  /** Inside a heading: a span, not a paragraph. */
  inline?: boolean
}) {
  const { t } = useTranslation()
  const texts = useStepTexts(progress.step)
  const values = { step: progress.step, count: STEPS.length, title: texts.title }
  const text =
    progress.startedAt === undefined
      ? t('room.step.notStarted')
      : hidden
        ? t('room.step.announce', values)
        : t('room.step.now', values)
  const Element = inline ? 'span' : 'p'
  return (
    <Element role="status" className={hidden ? 'visually-hidden' : (className ?? 'step-status')}>
      {text}
    </Element>
  )
}
