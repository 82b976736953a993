import { useSyncExternalStore } from 'react'
import { useTranslation } from '../i18n'
import { type FollowStep, MovedOnNotice } from '../plan/follow-step'
import type { ConnectionState } from '../sync/connection'

/**
 * The note-taker's strip beside the plan: whether what he writes is saved, and that the chair moved
 * on while he was writing. It sits in its own column (on a narrow screen above the plan), never on
 * top of the field he types in, and says changes politely without taking the keyboard.
 */
export function NotetakerStatus({
  state,
  pending,
  editable,
}: {
  state: ConnectionState
  pending: FollowStep
  /** While the plan is locked he cannot write: "saved" would promise what is not asked for. */
  editable: boolean
}) {
  const { t } = useTranslation()
  const online = useOnline()
  const kind = !online ? 'offline' : state.status === 'offline' ? 'reconnecting' : state.status
  const text =
    kind === 'closed' && state.closeReason
      ? t(`close.${state.closeReason}`)
      : kind === 'saved' && !editable
        ? ''
        : t(`plan.writer.${kind}`)
  return (
    <section className="notetaker-status" aria-label={t('plan.writer.label')}>
      <p
        role="status"
        className={text ? `notetaker-status__sync notetaker-status__sync--${kind}` : undefined}
      >
        {text}
      </p>
      <MovedOnNotice pending={pending} className="notetaker-status__moved" />
    </section>
  )
}

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange)
  window.addEventListener('offline', onChange)
  return () => {
    window.removeEventListener('online', onChange)
    window.removeEventListener('offline', onChange)
  }
}

/** The browser's own word on the network: the socket may take a while to notice it is gone. */
function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  )
}
