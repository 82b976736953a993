import { useTranslation } from '../i18n'
import { useNow } from './hooks'
import { formatElapsed } from './meeting-state'

/**
 * Time spent in the current step, ticking every second. role="timer" is not announced while it
 * ticks (implicit aria-live="off", made explicit here): a screen reader reads it when asked.
 */
export function StepTimer({ since }: { since: number | undefined }) {
  const { t } = useTranslation()
  const now = useNow(since !== undefined)
  if (since === undefined) return null
  return (
    <p className="step-timer">
      <span className="step-timer__label">{t('room.step.timeInStep')}</span>{' '}
      <span className="step-timer__value" role="timer" aria-live="off" aria-atomic="true">
        {formatElapsed(now - since)}
      </span>
    </p>
  )
}
