import { STEPS, type Step } from '../../shared/plan/layout'
import { useTranslation } from '../i18n'
import { useCircleTexts } from './hooks'

/**
 * The meeting circle as an ordered list: five steps, the current one marked in words ("Pågår") and
 * with aria-current, so the state never rests on colour alone.
 */
export function StepCircle({
  current,
  started,
  labelledBy,
  compact = false,
  finished = false,
}: {
  current: Step
  started: boolean
  labelledBy: string
  compact?: boolean
  /** The plan is finalized: the last step reads "Klart", not "Pågår". */
  finished?: boolean
}) {
  const { t } = useTranslation()
  const texts = useCircleTexts()
  return (
    <ol className={`step-circle${compact ? ' step-circle--compact' : ''}`} aria-labelledby={labelledBy}>
      {STEPS.map((step) => {
        const isCurrent = step === current
        const state = isCurrent ? (started ? 'current' : 'next') : step < current ? 'done' : 'later'
        return (
          <li
            key={step}
            className={`step-circle__step step-circle__step--${state}`}
            aria-current={isCurrent && started ? 'step' : undefined}
          >
            <span className="step-circle__number" aria-hidden="true">
              {step}
            </span>
            <span className="step-circle__title">{texts[step].title}</span>
            {isCurrent ? (
              <span className="step-circle__state">
                {finished
                  ? t('room.circle.finished')
                  : started
                    ? t('room.circle.current')
                    : t('room.circle.next')}
              </span>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}
