import { useEffect, useRef, useState } from 'react'
import type { Responsible, Sip, SipConsent, SipMeeting } from '../../shared/schemas/sip'
import { type ApiFailure, api, minutesPdfUrl, sipClosureNoticePdfUrl } from '../api'
import { formatDate, formatTime } from '../format/dates'
import { currentLanguage, useTranslation } from '../i18n'
import { consentGivers } from '../meeting/ConsentSummary'
import { PdfDownloadLink } from '../minutes/PdfDownloadLink'
import { Link } from '../router/Link'
import { useLocation } from '../router/router'
import { routes } from '../router/routes'
import { failureMessage } from '../ui/errors'
import { Fact } from '../ui/Fact'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'
import { DEVIATIONS_HEADING, DeviationsSection } from './DeviationsSection'
import { FollowUpState } from './FollowUpState'
import { formatDay, meetingTitles, personLabel } from './labels'
import { ResponsibleForm } from './ResponsibleForm'
import './sips.css'

/**
 * `/sip/<id>`: one child's SIP over time (docs/process.md) – its status and next follow-up, its
 * meetings in order with their protocols, huvudansvarig now and before, the consent, and what the
 * signed-in staff member may do: book the follow-up (P5), change huvudansvarig (P3), close it (P9).
 */
export function SipPage({ sipId }: { sipId: string }) {
  const { t } = useTranslation()
  const { state: navState } = useLocation()
  const loaded = useLoad(sipId, (signal) => api.sip(sipId, signal))
  const [status, setStatus] = useState(navState?.flash === 'sip-closed' ? t('sips.page.closed') : '')

  const sip = loaded.data
  if (!sip) return <SipNotLoaded failure={loaded.failure} />

  const closed = sip.status === 'closed'
  return (
    <main className="page page--narrow sip-page" id="main">
      <p>
        <Link href={routes.sips()}>{t('sips.page.back')}</Link>
      </p>
      <PageTitle>{t('sips.page.title', { child: sip.childName })}</PageTitle>
      <dl className="meeting-row__facts sip-page__facts">
        <Fact term={t('sips.page.status')}>
          {closed && sip.closure
            ? t('sips.list.closedOn', { date: formatDay(sip.closure.closedOn) })
            : t(`sips.status.${sip.status}`)}
        </Fact>
        <Fact term={t('sips.page.started')}>{formatDate(sip.createdAt)}</Fact>
        <Fact term={t('sips.page.myRoles')}>
          {sip.myRoles.map((role) => t(`sips.myRole.${role}`)).join(', ')}
        </Fact>
      </dl>
      <FollowUpState sip={sip} />
      <p role="status" className="form__status">
        {status}
      </p>

      <nav aria-label={t('sips.page.sectionsNav')} className="section-nav">
        <ul>
          {closed ? (
            <li>
              <a href="#sip-closure">{t('sips.closure.title')}</a>
            </li>
          ) : null}
          <li>
            <a href="#sip-meetings">{t('sips.meetings.title')}</a>
          </li>
          <li>
            <a href="#sip-responsible">{t('sips.responsible.title')}</a>
          </li>
          <li>
            <a href="#sip-consent">{t('sips.consent.title')}</a>
          </li>
          <li>
            <a href={`#${DEVIATIONS_HEADING}`}>{t('deviations.title')}</a>
          </li>
        </ul>
      </nav>

      {closed ? <ClosureSection sip={sip} /> : <ActionsSection sip={sip} />}
      <MeetingsSection meetings={sip.meetings} />
      <ResponsibleSection
        sip={sip}
        onChanged={(updated, message) => {
          loaded.set(updated)
          setStatus(message)
        }}
      />
      <ConsentSection sip={sip} consent={sip.consent} />
      <DeviationsSection sipId={sip.id} meetings={sip.meetings} />
    </main>
  )
}

/** What may be done now: book the follow-up, close the SIP (the server checks again). */
function ActionsSection({ sip }: { sip: Sip }) {
  const { t } = useTranslation()
  const { bookFollowUp, close } = sip.can
  if (!bookFollowUp && !close) return null
  return (
    <section aria-labelledby="sip-actions" className="meeting-actions">
      <h2 id="sip-actions">{t('sips.page.actionsTitle')}</h2>
      <div className="button-row">
        {bookFollowUp ? (
          <Link href={routes.bookFollowUp({ sipId: sip.id })} className="button-link button-link--primary">
            {t('sips.book.action')}
          </Link>
        ) : null}
        {close ? (
          <Link href={routes.closeSip({ sipId: sip.id, orsak: null })} className="button-link">
            {t('sips.close.action')}
          </Link>
        ) : null}
      </div>
    </section>
  )
}

/** A closed SIP: when, why, by whom, and the notice for the family (P10) in both languages. */
function ClosureSection({ sip }: { sip: Sip }) {
  const { t } = useTranslation()
  const { closure } = sip
  return (
    <section aria-labelledby="sip-closure" className="setup-section sip-closure">
      <h2 id="sip-closure" tabIndex={-1}>
        {t('sips.closure.title')}
      </h2>
      <p className="notice">{t('sips.page.closedNoActions')}</p>
      {closure ? (
        <dl className="meeting-row__facts">
          <Fact term={t('sips.closure.closedOn')}>{formatDay(closure.closedOn)}</Fact>
          <Fact term={t('sips.closure.reason')}>{t(`sips.closeReason.${closure.reason}`)}</Fact>
          {closure.note ? (
            <Fact term={t('sips.closure.note')} className="preserve-lines">
              {closure.note}
            </Fact>
          ) : null}
          <Fact term={t('sips.closure.closedBy')}>{closure.closedBy}</Fact>
        </dl>
      ) : null}
      <h3>{t('sips.closure.notice')}</h3>
      <ul className="sip-links">
        <li>
          <PdfDownloadLink href={sipClosureNoticePdfUrl(sip.id, 'sv')}>
            {t('sips.closure.noticeSv')}
          </PdfDownloadLink>
        </li>
        <li>
          <PdfDownloadLink href={sipClosureNoticePdfUrl(sip.id, 'en')}>
            {t('sips.closure.noticeEn')}
          </PdfDownloadLink>
        </li>
      </ul>
    </section>
  )
}

/** The meetings in order: first meeting, follow-ups – each with its state and its protocol. */
function MeetingsSection({ meetings }: { meetings: SipMeeting[] }) {
  const { t } = useTranslation()
  const titles = meetingTitles(t, meetings)
  const lang = currentLanguage()
  return (
    <section aria-labelledby="sip-meetings" className="setup-section">
      <h2 id="sip-meetings" tabIndex={-1}>
        {t('sips.meetings.title')}
      </h2>
      {meetings.length === 0 ? (
        <p className="notice">{t('sips.meetings.none')}</p>
      ) : (
        <ol className="meeting-list__items sip-meetings">
          {meetings.map((meeting, index) => {
            const title = titles[index] ?? ''
            return (
              <li key={meeting.id} className={`meeting-row sip-meeting sip-meeting--${meeting.status}`}>
                <h3 className="meeting-row__title">{title}</h3>
                <p className="meeting-row__when">
                  {t('sips.meetings.when', {
                    date: formatDate(meeting.startsAt),
                    time: formatTime(meeting.startsAt),
                  })}
                  {meeting.place ? ` · ${meeting.place}` : null}
                </p>
                <p className="sip-meeting__status">
                  <strong>{t(`sips.meetingStatus.${meeting.status}`)}</strong>
                </p>
                {meeting.isConvener || meeting.hasProtocol ? (
                  <ul className="sip-links">
                    {meeting.isConvener ? (
                      <li>
                        <Link href={routes.meetingSetup({ meetingId: meeting.id })}>
                          {t('sips.meetings.setup')}
                          <span className="visually-hidden"> – {title}</span>
                        </Link>
                      </li>
                    ) : null}
                    {meeting.hasProtocol ? (
                      <>
                        <li>
                          <Link href={routes.minutes({ meetingId: meeting.id, as: null })}>
                            {t('sips.meetings.protocol')}
                            <span className="visually-hidden"> – {title}</span>
                          </Link>
                        </li>
                        <li>
                          <PdfDownloadLink href={minutesPdfUrl(meeting.id, null, lang)}>
                            {t('sips.meetings.protocolPdf')}
                            <span className="visually-hidden"> – {title}</span>
                          </PdfDownloadLink>
                        </li>
                      </>
                    ) : null}
                  </ul>
                ) : null}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}

/** P3: huvudansvarig now, the earlier ones with their dates, and changing it. */
function ResponsibleSection({
  sip,
  onChanged,
}: {
  sip: Sip
  onChanged: (sip: Sip, message: string) => void
}) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  const formHeading = useRef<HTMLHeadingElement>(null)
  const changeButton = useRef<HTMLButtonElement>(null)
  // The form opens where the button was: focus goes to its heading, then on through its fields.
  useEffect(() => {
    if (editing) formHeading.current?.focus()
  }, [editing])
  const [current, ...earlier] = sip.responsibleHistory
  const now = sip.responsible ?? current ?? null

  return (
    <section aria-labelledby="sip-responsible" className="setup-section">
      <h2 id="sip-responsible" ref={heading} tabIndex={-1}>
        {t('sips.responsible.title')}
      </h2>
      {now ? <ResponsibleFacts responsible={now} /> : <p className="notice">{t('sips.responsible.none')}</p>}
      {earlier.length > 0 ? (
        <>
          <h3>{t('sips.responsible.history')}</h3>
          <ul className="sip-history">
            {earlier.map((responsible) => (
              <li key={`${responsible.recordedAt}-${responsible.name}`}>
                <ResponsibleFacts responsible={responsible} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {sip.can.changeResponsible ? (
        editing ? (
          <div className="sip-subform">
            <h3 ref={formHeading} tabIndex={-1}>
              {t('sips.responsible.formTitle')}
            </h3>
            {now ? <p>{t('sips.responsible.formIntro')}</p> : null}
            <ResponsibleForm
              sipId={sip.id}
              onCancel={() => {
                setEditing(false)
                // The button is back after this render; focus it then.
                setTimeout(() => changeButton.current?.focus(), 0)
              }}
              onSaved={(updated, input) => {
                setEditing(false)
                onChanged(
                  updated,
                  t('sips.responsible.saved', { name: input.name, date: formatDay(input.fromDate) }),
                )
                heading.current?.focus()
              }}
            />
          </div>
        ) : (
          <p>
            <button type="button" ref={changeButton} onClick={() => setEditing(true)}>
              {t('sips.responsible.change')}
            </button>
          </p>
        )
      ) : null}
    </section>
  )
}

function ResponsibleFacts({ responsible }: { responsible: Responsible }) {
  const { t } = useTranslation()
  const more = [
    t('sips.responsible.since', { date: formatDay(responsible.fromDate) }),
    responsible.hasAccount ? t('sips.responsible.hasAccount') : null,
    responsible.meetingId
      ? t('sips.responsible.fromMeeting')
      : t('sips.responsible.recordedBy', { name: responsible.recordedBy }),
  ].filter(Boolean)
  return (
    <p className="sip-responsible">
      <strong>{personLabel(t, responsible)}</strong>
      {responsible.isMe ? ` ${t('participants.me')}` : null}
      <br />
      {more.join(', ')}
    </p>
  )
}

/** P2: consent belongs to the SIP; its withdrawal closes it (P9) through the closing form. */
function ConsentSection({ sip, consent }: { sip: Sip; consent: SipConsent | null }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="sip-consent" className="setup-section">
      <h2 id="sip-consent" tabIndex={-1}>
        {t('sips.consent.title')}
      </h2>
      {consent === null ? (
        <p className="notice">{t('sips.consent.missing')}</p>
      ) : (
        <>
          {consent.withdrawal ? (
            <p className="sip-consent__withdrawn">
              <strong>
                {t('sips.consent.withdrawn', {
                  date: formatDay(consent.withdrawal.withdrawnOn),
                  name: consent.withdrawal.withdrawnBy,
                })}
              </strong>
            </p>
          ) : null}
          <dl className="meeting-row__facts">
            <Fact term={t('sips.consent.givenBy')}>{consentGivers(t, consent.givenBy)}</Fact>
            <Fact term={t('sips.consent.givenAt')}>{formatDay(consent.givenAt)}</Fact>
            <Fact term={t('sips.consent.scope')} className="preserve-lines">
              {consent.scope}
            </Fact>
            <Fact term={t('sips.consent.notShared')} className="preserve-lines">
              {consent.notShared || t('sips.consent.nothingExcluded')}
            </Fact>
          </dl>
        </>
      )}
      {sip.can.close && consent !== null && !consent.withdrawal ? (
        <>
          <p className="notice">{t('sips.consent.withdrawHint')}</p>
          <p>
            <Link
              href={routes.closeSip({ sipId: sip.id, orsak: 'consent-withdrawn' })}
              className="button-link"
            >
              {t('sips.consent.withdraw')}
            </Link>
          </p>
        </>
      ) : null}
    </section>
  )
}

/** A SIP screen whose SIP is still loading, or could not be (404: not there, or not yours). */
export function SipNotLoaded({ failure }: { failure: ApiFailure | undefined }) {
  const { t } = useTranslation()
  return (
    <main className="page page--narrow" id="main">
      {failure ? (
        <>
          <PageTitle>{t('sips.page.loadFailedTitle')}</PageTitle>
          <p role="alert">{failure.status === 404 ? t('sips.page.notFound') : failureMessage(t, failure)}</p>
          <p>
            <Link href={routes.sips()}>{t('sips.page.back')}</Link>
          </p>
        </>
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
    </main>
  )
}
