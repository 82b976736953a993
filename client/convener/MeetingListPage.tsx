import type { MeetingSummary } from '../../shared/schemas/meeting'
import { api } from '../api'
import { formatDate, formatTime } from '../format/dates'
import { useTranslation } from '../i18n'
import { Link } from '../router/Link'
import { routes } from '../router/routes'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { Fact } from '../ui/Fact'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'

/** A meeting is "past" once it is finalized or its day is over. */
function isUpcoming(meeting: MeetingSummary, now: Date): boolean {
  if (meeting.status === 'finalized') return false
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  return new Date(meeting.startsAt) >= startOfToday
}

/** "Mina SIP-möten": meetings I convene or chair, with who has answered the invitation. */
export function MeetingListPage() {
  const { t } = useTranslation()
  const meetings = useLoad('meetings', (signal) => api.meetings(signal))

  const now = new Date()
  const upcoming = meetings.data?.filter((m) => isUpcoming(m, now)) ?? []
  const past = meetings.data?.filter((m) => !isUpcoming(m, now)) ?? []

  return (
    <main className="page" id="main">
      <PageTitle>{t('meetings.title')}</PageTitle>
      <p>
        <Link href={routes.newMeeting()} className="button-link button-link--primary">
          {t('meetings.new')}
        </Link>
      </p>
      {meetings.status === 'failed' ? (
        <ErrorNotice message={failureMessage(t, meetings.failure)} />
      ) : meetings.status === 'loading' ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <MeetingSection id="upcoming" title={t('meetings.upcoming')} meetings={upcoming} />
          <MeetingSection id="past" title={t('meetings.past')} meetings={past} />
        </>
      )}
    </main>
  )
}

function MeetingSection({ id, title, meetings }: { id: string; title: string; meetings: MeetingSummary[] }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby={`meetings-${id}`} className="meeting-list">
      <h2 id={`meetings-${id}`}>{title}</h2>
      {meetings.length === 0 ? (
        <p className="notice">{t('meetings.none')}</p>
      ) : (
        <ul className="meeting-list__items">
          {meetings.map((meeting) => (
            <MeetingRow key={meeting.id} meeting={meeting} />
          ))}
        </ul>
      )}
    </section>
  )
}

function MeetingRow({ meeting }: { meeting: MeetingSummary }) {
  const { t } = useTranslation()
  const { rsvp } = meeting
  return (
    <li className={`meeting-row${meeting.needsConfirmation ? ' meeting-row--attention' : ''}`}>
      <h3 className="meeting-row__title">
        <Link href={routes.meetingSetup({ meetingId: meeting.id })}>
          {t('meetings.rowTitle', { child: meeting.childName, type: t(`meetingType.${meeting.type}`) })}
        </Link>
      </h3>
      <p className="meeting-row__when">
        {formatDate(meeting.startsAt)}, {t('common.at')} {formatTime(meeting.startsAt)}
      </p>
      <dl className="meeting-row__facts">
        <Fact term={t('meetings.status')}>{t(`meetingStatus.${meeting.status}`)}</Fact>
        <Fact term={t('meetings.myRoles')}>
          {meeting.myRoles.map((role) => t(`myRole.${role}`)).join(', ')}
        </Fact>
        <Fact term={t('meetings.invited')}>{meeting.participants}</Fact>
        <Fact term={t('meetings.answers')}>
          {t('meetings.rsvpCounts', {
            coming: rsvp.coming,
            notComing: rsvp.notComing,
            unanswered: rsvp.unanswered,
          })}
        </Fact>
      </dl>
      {meeting.needsConfirmation ? (
        <p className="meeting-row__attention">
          <strong>{t('meetings.needsConfirmation')}</strong>{' '}
          {t('meetings.notAnswered', { count: rsvp.unanswered })}
        </p>
      ) : null}
    </li>
  )
}
