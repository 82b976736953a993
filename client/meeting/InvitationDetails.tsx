import type { ReactNode } from 'react'
import type { Meeting } from '../../shared/schemas/meeting'
import { formatDate, formatTime } from '../format/dates'
import { useTranslation } from '../i18n'
import { VideoLink } from './VideoLink'

type InvitedMeeting = Pick<
  Meeting,
  'startsAt' | 'durationMinutes' | 'place' | 'remoteAllowed' | 'videoUrl' | 'purpose' | 'questions'
>

/**
 * What an invitation says about the meeting – when, where, why – as the participant sees it on
 * the meeting page and as the convener prints it. `children` adds rows at the end.
 */
export function InvitationDetails({
  meeting,
  className,
  children,
}: {
  meeting: InvitedMeeting
  className?: string
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const place = [meeting.place, meeting.remoteAllowed ? t('invitation.remotePossible') : '']
    .filter(Boolean)
    .join('. ')
  return (
    <dl className={className}>
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
      {meeting.videoUrl ? (
        <>
          <dt>{t('lifecycle.video.title')}</dt>
          <dd>
            <VideoLink url={meeting.videoUrl} showAddress />
          </dd>
        </>
      ) : null}
      <dt>{t('fields.purpose')}</dt>
      <dd className="preserve-lines">{meeting.purpose}</dd>
      {meeting.questions ? (
        <>
          <dt>{t('fields.questions')}</dt>
          <dd className="preserve-lines">{meeting.questions}</dd>
        </>
      ) : null}
      {children}
    </dl>
  )
}
