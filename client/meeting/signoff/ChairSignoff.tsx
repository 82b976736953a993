import { useState } from 'react'
import type * as Y from 'yjs'
import type { SessionResponse } from '../../../shared/schemas/session'
import type { MeetingState } from '../../../shared/schemas/signoff'
import { api } from '../../api'
import { formatTime } from '../../format/dates'
import { useTranslation } from '../../i18n'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useRoster } from '../hooks'
import { FinalizeForm } from './FinalizeForm'
import { MinutesLinks } from './MinutesLinks'
import { activeSignatures, type Signature, useRequest } from './request'
import { SignInRoom } from './SignInRoom'
import { VoidList } from './SignoffStatus'
import { SkippedParts } from './SkippedParts'
import { UnlockDialog } from './UnlockDialog'

/**
 * The chair's "Underskrift" panel (docs/protocol.md G): lock, the count, who has signed and who
 * has not, sign in the room, unlock, finalize, and the minutes. The server decides; this only
 * sends requests and shows the state it answers or pushes.
 */
export function ChairSignoff({
  doc,
  me,
  state,
  apply,
}: {
  doc: Y.Doc
  me: SessionResponse
  state: MeetingState | null
  apply: (state: MeetingState) => void
}) {
  const { t } = useTranslation()
  const roster = useRoster(doc)
  const { error, busy, run } = useRequest()
  const [confirmLock, setConfirmLock] = useState(false)
  const [confirmUnlock, setConfirmUnlock] = useState(false)
  const { meetingId, participantId } = me

  if (!state) {
    return (
      <section className="room-panel signoff" aria-labelledby="signoff-title">
        <h2 id="signoff-title">{t('signoff.title')}</h2>
        <p>{t('signoff.loading')}</p>
      </section>
    )
  }

  const signatures = activeSignatures(state)
  const signedIds = new Set(signatures.map((s) => s.participantId))
  const nameOf = (id: string): string => roster.find((r) => r.participantId === id)?.name ?? id
  const notSigned = state.required.filter((id) => !signedIds.has(id))
  // After finalizing, a missing signature is listed once, with the reason the chair recorded.
  const reasons = new Map(state.missing.map((m) => [m.participantId, m.reason]))
  const notSignedIds = new Set(notSigned)
  const missingElsewhere = state.missing.filter((m) => !notSignedIds.has(m.participantId))
  const voided = state.signatures.filter((s) => s.void)

  const lock = (): void => {
    setConfirmLock(false)
    void run(() => api.lockPlan(meetingId, participantId), apply)
  }
  const unlock = (reason: string): void => {
    setConfirmUnlock(false)
    void run(() => api.unlockPlan(meetingId, participantId, { reason }), apply)
  }

  return (
    <section className="room-panel signoff" aria-labelledby="signoff-title">
      <h2 id="signoff-title">{t('signoff.title')}</h2>
      <ErrorNotice message={error} />
      {state.status === 'open' ? (
        <div className="button-row">
          <button
            type="button"
            className="button--primary"
            disabled={busy}
            onClick={() => setConfirmLock(true)}
          >
            {t('signoff.lock.button')}
          </button>
        </div>
      ) : (
        <>
          <p className="signoff__code">
            {t(`signoff.status.${state.status}`, { code: state.version?.code ?? '' })}
          </p>
          <SkippedParts skipped={state.version?.skipped ?? []} />
          <p className="signoff__count" aria-live="polite">
            {t('signoff.count', { signed: signatures.length, required: state.required.length })}
          </p>
          <h3>{t('signoff.signedList')}</h3>
          {signatures.length === 0 ? <p>{t('signoff.nobody')}</p> : null}
          <ul className="signoff-list" aria-label={t('signoff.signedList')}>
            {signatures.map((s) => (
              <li key={s.participantId}>
                <SignedEntry signature={s} chair={participantId} />
              </li>
            ))}
          </ul>
          <h3>{t('signoff.notSignedList')}</h3>
          {notSigned.length === 0 ? <p>{t('signoff.nobody')}</p> : null}
          <ul className="signoff-list" aria-label={t('signoff.notSignedList')}>
            {notSigned.map((id) => (
              <li key={id}>{reasons.has(id) ? `${nameOf(id)}: ${reasons.get(id)}` : nameOf(id)}</li>
            ))}
          </ul>
        </>
      )}
      {state.status === 'finalized' && missingElsewhere.length > 0 ? (
        <ul className="signoff-list">
          {missingElsewhere.map((m) => (
            <li key={m.participantId}>{`${m.name}: ${m.reason}`}</li>
          ))}
        </ul>
      ) : null}
      {voided.length > 0 ? (
        <>
          <h3>{t('signoff.voidTitle')}</h3>
          <VoidList signatures={voided} label={t('signoff.voidTitle')} />
        </>
      ) : null}
      {state.status === 'locked' && state.version ? (
        <>
          <SignInRoom
            me={me}
            versionHash={state.version.hash}
            people={roster.filter((r) => !signedIds.has(r.participantId))}
            apply={apply}
          />
          <FinalizeForm me={me} missing={notSigned.map((id) => ({ id, name: nameOf(id) }))} apply={apply} />
          <div className="button-row">
            <button type="button" disabled={busy} onClick={() => setConfirmUnlock(true)}>
              {t('signoff.unlock.button')}
            </button>
          </div>
        </>
      ) : null}
      {state.status === 'finalized' ? <p className="notice">{t('signoff.finalize.done')}</p> : null}
      {state.status !== 'open' ? <MinutesLinks me={me} /> : null}

      <ConfirmDialog
        open={confirmLock}
        title={t('signoff.lock.title')}
        confirmLabel={t('signoff.lock.confirm')}
        onConfirm={lock}
        onCancel={() => setConfirmLock(false)}
      >
        <p>{t('signoff.lock.text')}</p>
      </ConfirmDialog>
      <UnlockDialog open={confirmUnlock} onUnlock={unlock} onCancel={() => setConfirmUnlock(false)} />
    </section>
  )
}

/** "Namn, 10:42, i rummet, bevittnat av mötesledaren, handskriven". */
/** One signature; the chair's own, given on her screen, is "i rummet" – she does not witness herself. */
function SignedEntry({ signature: s, chair }: { signature: Signature; chair: string }) {
  const { t } = useTranslation()
  const method =
    s.method === 'in-room' && s.participantId === chair
      ? t('signoff.methodInRoomSelf')
      : t(`signoff.method.${s.method}`)
  const values = { name: s.name, time: formatTime(s.signedAt), method }
  return <>{s.drawn ? t('signoff.signedEntryDrawn', values) : t('signoff.signedEntry', values)}</>
}
