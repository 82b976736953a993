import { useTranslation } from 'react-i18next'
import type { SessionResponse } from '../../../shared/schemas/session'
import type { MeetingState } from '../../../shared/schemas/signoff'
import { formatTime } from '../../format/dates'
import type { Signature } from './request'

/** Signatures of an unlocked version, struck through and named void. */
export function VoidList({ signatures, label }: { signatures: Signature[]; label?: string }) {
  const { t } = useTranslation()
  if (signatures.length === 0) return null
  return (
    <ul className="signoff-list signoff-list--void" aria-label={label}>
      {signatures.map((s) => (
        <li key={`${s.versionNumber}-${s.participantId}`}>
          {t('signoff.voidEntry', { name: s.name, time: formatTime(s.signedAt) })}
        </li>
      ))}
    </ul>
  )
}

/** The lock state in words, on every screen; voided signatures of mine are named void. */
export function SignoffStatus({ state, me }: { state: MeetingState | null; me: SessionResponse }) {
  const { t } = useTranslation()
  if (!state) return null
  const code = state.version?.code ?? ''
  // While the plan has never been locked there is nothing to say; the live region stays mounted so
  // the lock is announced when it comes.
  const text =
    state.status === 'open'
      ? state.versions.length > 0
        ? t('signoff.status.open')
        : ''
      : `${t(`signoff.status.${state.status}`, { code })} ${t('signoff.status.readOnly')}`
  return (
    <div className="signoff-status">
      <p
        className={text ? `notice${state.status === 'open' ? '' : ' notice--warning'}` : 'visually-hidden'}
        role="status"
      >
        {text}
      </p>
      <VoidList signatures={state.signatures.filter((s) => s.void && s.participantId === me.participantId)} />
    </div>
  )
}
