import { useTranslation } from '../i18n'
import type { ConnectionState } from '../sync/connection'

/** After this many refused attempts in a row, say that waiting may not help. */
const ATTEMPTS_BEFORE_HINT = 3

/** Whether the plan is saved, in words, announced politely to screen readers when it changes. */
export function SyncStatus({ state }: { state: ConnectionState }) {
  const { t } = useTranslation()
  const label = {
    connecting: t('status.connecting'),
    saved: t('status.saved'),
    offline: state.unsaved ? t('status.offlineUnsaved') : t('status.offline'),
    closed: t('status.closed'),
  }[state.status]
  const detail =
    state.status !== 'saved' && state.closeReason
      ? t(`close.${state.closeReason}`)
      : state.status === 'connecting' && state.failedAttempts >= ATTEMPTS_BEFORE_HINT
        ? t('status.cannotConnect')
        : null
  return (
    <p role="status" aria-live="polite" className={`sync-status sync-status--${state.status}`}>
      <span className="sync-status__label">{label}</span>
      {detail && <span className="sync-status__detail"> {detail}</span>}
    </p>
  )
}
