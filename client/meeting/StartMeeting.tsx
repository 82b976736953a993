import { useState } from 'react'
import type * as Y from 'yjs'
import type { SessionResponse } from '../../shared/schemas/session'
import { type ApiFailure, api } from '../api'
import { failureMessage } from '../ui/errors'
import { startMeeting } from './meeting-state'
import './lifecycle.css'
import { useTranslation } from '../i18n'

/**
 * The chair's "Starta mötet": the server starts the meeting first (POST /api/session/start –
 * status `started`, answers to the invitation closed, consent required), and only then does the
 * circle start in the live plan. Without recorded consent the chair is told whom to ask and where
 * it is recorded, and nothing starts.
 */
export function StartMeeting({
  doc,
  me,
  onSessionChange,
  disabled = false,
}: {
  /** The meeting's live document: its circle starts at step 1 once the server has started it. */
  doc: Y.Doc
  /** The chair's session: who asks (`participantId`), and the convener to name if consent is missing. */
  me: SessionResponse
  /** The session as the server answered it (status `started`). */
  onSessionChange: (session: SessionResponse) => void
  /** The chair cannot write to the plan now (e.g. refused by the server): the button is off. */
  disabled?: boolean
}) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<ApiFailure | null>(null)

  const start = async (): Promise<void> => {
    if (busy) return
    setBusy(true)
    setFailure(null)
    const result = await api.startInRoom(me.participantId)
    setBusy(false)
    if (!result.ok) {
      setFailure(result.failure)
      return
    }
    startMeeting(doc)
    onSessionChange(result.data)
  }

  return (
    <div className="start-meeting">
      <div className="button-row">
        <button
          type="button"
          className="button--primary"
          onClick={() => void start()}
          disabled={disabled}
          aria-disabled={busy || undefined}
          aria-describedby={failure ? 'start-meeting-error' : undefined}
        >
          {busy ? t('lifecycle.start.starting') : t('lifecycle.start.button')}
        </button>
      </div>
      <div role="alert" id="start-meeting-error">
        {failure ? (
          <StartError failure={failure} convenerName={me.chairBriefing?.convenerName ?? ''} />
        ) : null}
      </div>
    </div>
  )
}

export function StartError({ failure, convenerName }: { failure: ApiFailure; convenerName: string }) {
  const { t } = useTranslation()
  if (failure.code === 'no-consent') {
    return (
      <div className="notice notice--error start-meeting__error">
        <h3>{t('lifecycle.start.noConsentTitle')}</h3>
        <p>
          {convenerName
            ? t('lifecycle.start.noConsentWho', { convener: convenerName })
            : t('lifecycle.start.noConsentWhoUnknown')}
        </p>
        <p>{t('lifecycle.start.noConsentWhere')}</p>
      </div>
    )
  }
  const message =
    failure.code === 'finalized'
      ? t('lifecycle.start.finalized')
      : failure.status === 403
        ? t('lifecycle.start.forbidden')
        : failureMessage(t, failure)
  return <p className="notice notice--error">{message}</p>
}
