import type { MeetingState } from '../../../shared/schemas/signoff'
import { formatTime } from '../../format/dates'
import { useTranslation } from '../../i18n'
import { activeSignatures, type Signature } from './request'

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

/**
 * The lock state in words, on every screen. Everyone in the meeting also sees who has signed this
 * version and, after an unlock, whose signatures became void (the chair's panel has its own lists,
 * so the chair's screen passes `showSignatures={false}`).
 */
export function SignoffStatus({
  state,
  showSignatures = true,
}: {
  state: MeetingState | null
  showSignatures?: boolean
}) {
  const { t } = useTranslation()
  if (!state) return null
  const current = activeSignatures(state)
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
      {showSignatures && state.version ? (
        <>
          <p className="signoff__count">
            {t('signoff.count', { signed: current.length, required: state.required.length })}
          </p>
          {current.length > 0 ? (
            <ul className="signoff-list" aria-label={t('signoff.signedList')}>
              {current.map((s) => (
                <li key={s.participantId}>{s.name}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {showSignatures ? (
        <VoidList signatures={state.signatures.filter((s) => s.void)} label={t('signoff.voidTitle')} />
      ) : null}
    </div>
  )
}

/**
 * The lock state for the child, in plain words: "Planen är klar. 3 av 5 har skrivit under." and
 * who. No version code and no void signatures: after an unlock, only that the plan is being
 * changed and everyone may sign again.
 */
export function ChildSignoffStatus({ state }: { state: MeetingState | null }) {
  const { t } = useTranslation()
  if (!state) return null
  const current = activeSignatures(state)
  // Nobody is asked to sign while no one is marked present: then the count says nothing.
  const count =
    state.required.length > 0
      ? ` ${t('child.signoff.count', { signed: current.length, required: state.required.length })}`
      : ''
  const text =
    state.status === 'open'
      ? state.versions.length > 0
        ? t('child.signoff.changing')
        : ''
      : `${t(`child.signoff.${state.status}`)}${count}`
  return (
    <div className={text ? 'child-status' : undefined}>
      <p className={text ? 'child-status__text' : 'visually-hidden'} role="status">
        {text}
      </p>
      {state.status !== 'open' && current.length > 0 ? (
        <ul className="child-status__names" aria-label={t('child.signoff.signedList')}>
          {current.map((s) => (
            <li key={s.participantId}>{s.name}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
