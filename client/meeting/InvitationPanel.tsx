import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionResponse } from '../../shared/schemas/session'
import { api } from '../api'
import { formatDate, formatTime } from '../format/dates'
import { failureMessage } from '../ui/errors'

/**
 * Before the meeting (status `planned`): the invitation – when, where, why – and the answer
 * "Jag kommer" / "Jag kommer inte", which the convener sees in their list.
 */
export function InvitationPanel({
  session,
  onAnswered,
}: {
  session: SessionResponse
  onAnswered: (session: SessionResponse) => void
}) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const { meeting, rsvp } = session

  const answer = async (value: 'coming' | 'not-coming'): Promise<void> => {
    setBusy(true)
    setError(null)
    const result = await api.rsvp(session.participantId, value)
    setBusy(false)
    if (!result.ok) {
      setError(result.failure.status === 409 ? t('invitation.rsvpClosed') : failureMessage(t, result.failure))
      return
    }
    onAnswered(result.data)
  }

  const place = [meeting.place, meeting.remoteAllowed ? t('invitation.remotePossible') : '']
    .filter(Boolean)
    .join('. ')
  return (
    <section className="invitation" aria-labelledby="invitation-title">
      <h2 id="invitation-title">{t('invitation.title', { type: t(`meetingType.${meeting.type}`) })}</h2>
      <dl className="invitation__facts">
        <dt>{t('invitation.when')}</dt>
        <dd>
          {t('invitation.whenValue', {
            date: formatDate(meeting.startsAt),
            time: formatTime(meeting.startsAt),
            minutes: meeting.durationMinutes,
          })}
        </dd>
        <dt>{t('invitation.where')}</dt>
        <dd>{place}</dd>
        <dt>{t('fields.purpose')}</dt>
        <dd className="preserve-lines">{meeting.purpose}</dd>
        {meeting.questions ? (
          <>
            <dt>{t('fields.questions')}</dt>
            <dd className="preserve-lines">{meeting.questions}</dd>
          </>
        ) : null}
      </dl>
      <h3 id="rsvp-title">{t('invitation.rsvpTitle')}</h3>
      <p role="status" className="invitation__answer">
        {rsvp ? t('invitation.yourAnswer', { answer: t(`rsvp.${rsvp}`) }) : t('invitation.noAnswer')}
      </p>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className={rsvp === 'coming' ? 'button--primary' : undefined}
          aria-pressed={rsvp === 'coming'}
          disabled={busy}
          onClick={() => void answer('coming')}
        >
          {rsvp === 'coming' ? <span aria-hidden="true">✓ </span> : null}
          {t('invitation.coming')}
        </button>
        <button
          type="button"
          className={rsvp === 'not-coming' ? 'button--primary' : undefined}
          aria-pressed={rsvp === 'not-coming'}
          disabled={busy}
          onClick={() => void answer('not-coming')}
        >
          {rsvp === 'not-coming' ? <span aria-hidden="true">✓ </span> : null}
          {t('invitation.notComing')}
        </button>
      </div>
    </section>
  )
}
