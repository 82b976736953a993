import { useEffect, useState } from 'react'
import { api } from '../api'
import { formatDate, formatTime } from '../format/dates'
import { useTranslation } from '../i18n'
import { Link } from '../router/Link'
import { navigate, useLocation } from '../router/router'
import { routes } from '../router/routes'
import { useStaffState } from '../staff/session'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'
import { ConsentForm } from './ConsentForm'
import { MeetingForm } from './MeetingForm'
import { ParticipantsSection } from './ParticipantsSection'

/** `/moten/ny`: the form alone; once created, the meeting's own page takes over. */
export function NewMeetingPage() {
  const { t } = useTranslation()
  return (
    <main className="page page--narrow" id="main">
      <p>
        <Link href={routes.meetings()}>{t('meetings.back')}</Link>
      </p>
      <PageTitle>{t('setup.newTitle')}</PageTitle>
      <p>{t('setup.newIntro')}</p>
      <MeetingForm
        meeting={null}
        submitLabel={t('setup.create')}
        onSubmit={(input) => api.createMeeting(input)}
        onSaved={(meeting) =>
          navigate(routes.meetingSetup({ meetingId: meeting.id }), {
            replace: true,
            state: { flash: 'created' },
          })
        }
      />
    </main>
  )
}

/** `/moten/<id>`: the set-up of one meeting – details, consent, participants – and starting it. */
export function MeetingSetupPage({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation()
  const { state: navState } = useLocation()
  const staff = useStaffState()
  const loaded = useLoad(meetingId, (signal) => api.meeting(meetingId, signal))
  const { reload } = loaded
  const [saved, setSaved] = useState(
    navState?.flash === 'created'
      ? t('setup.created')
      : navState?.flash === 'followup-booked'
        ? t('sips.setup.followUpBooked')
        : '',
  )
  const [actionError, setActionError] = useState<string | null>(null)
  const [confirmStart, setConfirmStart] = useState(false)

  // Answers come in while the page is open elsewhere: look again when the user comes back to it.
  useEffect(() => {
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void reload()
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => document.removeEventListener('visibilitychange', onVisible)
  }, [reload])

  // Once shown, the meeting stays on the page while it is loaded again, even if that fails.
  const meeting = loaded.data
  if (!meeting) {
    const { failure } = loaded
    return (
      <main className="page page--narrow" id="main">
        {failure ? (
          <>
            <PageTitle>{t('setup.loadFailedTitle')}</PageTitle>
            <p role="alert">{failure.status === 404 ? t('setup.notFound') : failureMessage(t, failure)}</p>
            <p>
              <Link href={routes.meetings()}>{t('meetings.back')}</Link>
            </p>
          </>
        ) : (
          <p role="status">{t('common.loading')}</p>
        )}
      </main>
    )
  }

  const me = meeting.participants.find((p) => p.isMe)
  const isAdmin = staff.status === 'signed-in' && staff.session.user.isAdmin
  // Its convener sees the whole SIP (P4); a chair who only leads this meeting does not.
  const isConvener = staff.status === 'signed-in' && staff.session.user.id === meeting.convener.id

  const start = async (): Promise<void> => {
    setConfirmStart(false)
    setActionError(null)
    const result = await api.startMeeting(meeting.id)
    if (!result.ok) {
      setActionError(
        result.failure.code === 'no-consent' ? t('setup.startNoConsent') : failureMessage(t, result.failure),
      )
      return
    }
    loaded.set(result.data)
    setSaved(t('setup.started'))
  }

  const open = async (): Promise<void> => {
    setActionError(null)
    const result = await api.openMeeting(meeting.id)
    if (!result.ok) {
      setActionError(failureMessage(t, result.failure))
      return
    }
    navigate(routes.meeting({ meetingId: meeting.id, as: result.data.participantId }))
  }

  return (
    <main className="page page--narrow" id="main">
      <p>
        <Link href={routes.meetings()}>{t('meetings.back')}</Link>
        {isConvener ? (
          <>
            <span aria-hidden="true"> · </span>
            <Link href={routes.sip({ sipId: meeting.sipId })}>{t('sips.setup.toSip')}</Link>
          </>
        ) : null}
      </p>
      <PageTitle>{t('setup.title', { child: meeting.childName })}</PageTitle>
      <p className="meeting-summary">
        {t(`meetingType.${meeting.type}`)} · {formatDate(meeting.startsAt)}, {t('common.at')}{' '}
        {formatTime(meeting.startsAt)} · {t('meetings.status')}: {t(`meetingStatus.${meeting.status}`)}
      </p>
      <p role="status" className="form__status">
        {saved}
      </p>
      {meeting.warnings.length > 0 ? (
        <section className="notice notice--warning" aria-labelledby="warnings-title">
          <h2 id="warnings-title">{t('setup.warningsTitle')}</h2>
          <ul>
            {meeting.warnings.map((warning) => (
              <li key={warning}>{t(`warnings.${warning}`)}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <nav aria-label={t('setup.sectionsNav')} className="section-nav">
        <ul>
          <li>
            <a href="#section-details">{t('setup.detailsTitle')}</a>
          </li>
          <li>
            <a href="#section-consent">{t('setup.consentTitle')}</a>
          </li>
          <li>
            <a href="#section-participants">{t('setup.participantsTitle')}</a>
          </li>
          {isAdmin ? (
            <li>
              <Link href={routes.auditLog({ meetingId: meeting.id })}>{t('audit.link')}</Link>
            </li>
          ) : null}
        </ul>
      </nav>

      <section aria-labelledby="actions-title" className="meeting-actions">
        <h2 id="actions-title">{t('setup.actionsTitle')}</h2>
        <ErrorNotice message={actionError} />
        <div className="button-row">
          {me ? (
            <button type="button" className="button--primary" onClick={() => void open()}>
              {t('setup.open')}
            </button>
          ) : null}
          {meeting.status === 'planned' ? (
            <button type="button" onClick={() => setConfirmStart(true)}>
              {t('setup.start')}
            </button>
          ) : null}
        </div>
        {me ? null : <p className="notice">{t('setup.openHint')}</p>}
      </section>

      <section aria-labelledby="section-details" className="setup-section">
        <h2 id="section-details" tabIndex={-1}>
          {t('setup.detailsTitle')}
        </h2>
        <MeetingForm
          key={meeting.id}
          meeting={meeting}
          submitLabel={t('setup.save')}
          disabled={meeting.status === 'finalized'}
          onSubmit={(input) => api.updateMeeting(meeting.id, input)}
          onSaved={(updated) => {
            loaded.set(updated)
            setSaved(t('setup.saved'))
          }}
        />
      </section>

      <section aria-labelledby="section-consent" className="setup-section">
        <h2 id="section-consent" tabIndex={-1}>
          {t('setup.consentTitle')}
        </h2>
        <ConsentForm key={meeting.id} meeting={meeting} onSaved={loaded.set} />
      </section>

      <section aria-labelledby="section-participants" className="setup-section">
        <h2 id="section-participants" tabIndex={-1}>
          {t('setup.participantsTitle')}
        </h2>
        <ParticipantsSection meeting={meeting} onChanged={reload} />
      </section>

      <ConfirmDialog
        open={confirmStart}
        title={t('setup.startConfirmTitle')}
        confirmLabel={t('setup.start')}
        onConfirm={() => void start()}
        onCancel={() => setConfirmStart(false)}
      >
        <p>{t('setup.startConfirmText')}</p>
      </ConfirmDialog>
    </main>
  )
}
