import { useState } from 'react'
import type { SessionResponse } from '../../shared/schemas/session'
import { useTranslation } from '../i18n'
import { roomApi } from '../room-api'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { InvitationDetails } from './InvitationDetails'

type RsvpAnswer = NonNullable<SessionResponse['rsvp']>

/** The two answers to an invitation, as buttons. */
const ANSWERS = [
  { answer: 'coming', label: 'invitation.coming' },
  { answer: 'not-coming', label: 'invitation.notComing' },
] as const satisfies readonly { answer: RsvpAnswer; label: string }[]

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

  const answer = async (value: RsvpAnswer): Promise<void> => {
    setBusy(true)
    setError(null)
    const result = await roomApi.rsvp(session.participantId, value)
    setBusy(false)
    if (!result.ok) {
      setError(result.failure.status === 409 ? t('invitation.rsvpClosed') : failureMessage(t, result.failure))
      return
    }
    onAnswered(result.data)
  }

  return (
    <section className="invitation" aria-labelledby="invitation-title">
      <h2 id="invitation-title">{t('invitation.title', { type: t(`meetingType.${meeting.type}`) })}</h2>
      <InvitationDetails meeting={meeting} className="invitation__facts" />
      <h3 id="rsvp-title">{t('invitation.rsvpTitle')}</h3>
      <p role="status" className="invitation__answer">
        {rsvp ? t('invitation.yourAnswer', { answer: t(`rsvp.${rsvp}`) }) : t('invitation.noAnswer')}
      </p>
      <ErrorNotice message={error} />
      <div className="button-row">
        {ANSWERS.map(({ answer: value, label }) => (
          <button
            key={value}
            type="button"
            className={rsvp === value ? 'button--primary' : undefined}
            aria-pressed={rsvp === value}
            disabled={busy}
            onClick={() => void answer(value)}
          >
            {rsvp === value ? <span aria-hidden="true">✓ </span> : null}
            {t(label)}
          </button>
        ))}
      </div>
    </section>
  )
}

/**
 * The invitation on a meeting screen, while there is still something to answer: the meeting is
 * planned and the chair has not started it. Once it runs, the screen is about the meeting itself.
 */
export function PendingInvitation({
  session,
  started,
  onAnswered,
}: {
  session: SessionResponse
  started: boolean
  onAnswered: (session: SessionResponse) => void
}) {
  if (session.meeting.status !== 'planned' || started) return null
  return <InvitationPanel session={session} onAnswered={onAnswered} />
}
