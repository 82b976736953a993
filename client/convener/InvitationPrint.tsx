import { useTranslation } from 'react-i18next'
import type { IssuedLink, Meeting, Participant } from '../../shared/schemas/meeting'
import { formatDate, formatTime } from '../format/dates'
import { organisationName } from './labels'

/**
 * The printed invitation (kallelse) for one participant: when, where, why, and how to open the
 * meeting. Nothing more personal than that – no child's name beyond what the purpose says, no
 * consent details, no other participants. Hidden on screen; print CSS shows only this.
 */
export function InvitationPrint({
  meeting,
  participant,
  link,
  qr,
  qrAlt,
}: {
  meeting: Meeting
  participant: Participant
  link: IssuedLink
  qr: string | null
  qrAlt: string
}) {
  const { t } = useTranslation()
  const to = participant.name
    ? `${participant.name}, ${participant.function}, ${organisationName(t, participant)}`
    : `${participant.function}, ${organisationName(t, participant)}`
  const place = [meeting.place, meeting.remoteAllowed ? t('invitation.remotePossible') : '']
    .filter(Boolean)
    .join('. ')
  return (
    <article className="print-invitation" aria-label={t('invitation.printTitle')}>
      <h1>{t('invitation.printTitle')}</h1>
      <p>
        <strong>{t('invitation.to')}</strong> {to}
      </p>
      <dl>
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
        <dt>{t('invitation.calledBy')}</dt>
        <dd>{meeting.convener.name}</dd>
      </dl>
      <h2>{t('invitation.howToOpen')}</h2>
      <p>{t('invitation.scanOrType')}</p>
      {qr ? <img src={qr} alt={qrAlt} width={200} height={200} /> : null}
      <p className="print-invitation__url">{link.url}</p>
      <p>{t('invitation.personal')}</p>
    </article>
  )
}
