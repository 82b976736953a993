import type { ClosureNotice } from '../../shared/schemas/closure-notice'
import type { SessionResponse } from '../../shared/schemas/session'
import { api, closureNoticePdfUrl, minutesPdfUrl, previousMinutesPdfUrl } from '../api'
import { currentLanguage, useTranslation } from '../i18n'
import { PdfDownloadLink } from '../minutes/PdfDownloadLink'
import { Link } from '../router/Link'
import { routes } from '../router/routes'
import { failureMessage } from '../ui/errors'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'
import { type LoadState, useLoad } from '../ui/useLoad'
import './closed-sip.css'

/**
 * A participant's link once the SIP is closed (docs/process.md P9): the closure notice as the
 * server wrote it – the same words as its PDF (P10) – to read, print or download, and the
 * meeting's protocol if it was finalized. Read-only: no sync socket is opened (the server would
 * refuse it, 4410), nothing to edit or sign. The child, a guardian and a professional all see it.
 */
export function ClosedSipView({ session }: { session: SessionResponse }) {
  // useTranslation renders the page again when the language changes; the notice is fetched anew.
  useTranslation()
  const lang = currentLanguage()
  const notice = useLoad(`${session.participantId}/${lang}`, (signal) =>
    api.closureNotice(session.participantId, lang, signal),
  )
  return <ClosedSipContent session={session} notice={notice} onRetry={() => void notice.reload()} />
}

/** The page for a notice that is loading, failed or here (apart from loading it, for tests). */
export function ClosedSipContent({
  session,
  notice,
  onRetry,
}: {
  session: SessionResponse
  notice: LoadState<ClosureNotice>
  onRetry: () => void
}) {
  const { t } = useTranslation()
  return (
    <>
      <PageHeader>
        <p className="page-header__role">
          {session.role === 'child'
            ? t('child.hello', { name: session.name })
            : t('meeting.youAre', {
                role: t('meeting.youAreNamed', { name: session.name, role: t(`roles.${session.role}`) }),
              })}
        </p>
      </PageHeader>
      <main className="page closed-sip" id="main">
        {/* One title throughout: it does not take focus again when the notice arrives. */}
        <article className="closure-notice" lang={notice.data?.lang}>
          <PageTitle>{notice.data?.title ?? t('closure.view.title')}</PageTitle>
          {notice.data ? (
            <NoticeBlocks blocks={notice.data.blocks} />
          ) : notice.status === 'failed' ? (
            <>
              <p className="notice notice--error" role="alert">
                {t('closure.view.failed', { message: failureMessage(t, notice.failure) })}
              </p>
              <div className="button-row">
                <button type="button" onClick={onRetry}>
                  {t('closure.view.retry')}
                </button>
              </div>
            </>
          ) : (
            <p role="status">{t('closure.view.loading')}</p>
          )}
        </article>
        <div className="closed-sip__screen-only">
          {notice.data ? (
            <nav className="closed-sip__actions" aria-label={t('closure.view.actions')}>
              <button type="button" className="button--primary" onClick={() => window.print()}>
                {t('closure.view.print')}
              </button>
              <PdfDownloadLink
                className="button-link"
                href={closureNoticePdfUrl(session.participantId, notice.data.lang)}
              >
                {t('closure.view.download')}
              </PdfDownloadLink>
            </nav>
          ) : null}
          <p className="notice">{t('closure.view.readOnly')}</p>
          <MeetingProtocol session={session} />
        </div>
      </main>
    </>
  )
}

/** The notice's sections (h2) and paragraphs, under its title. */
function NoticeBlocks({ blocks }: { blocks: ClosureNotice['blocks'] }) {
  return blocks.map((block, index) =>
    // Blocks have no ids; a notice's order is fixed, so the index is a stable key.
    block.kind === 'heading' ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      <h2 key={index}>{block.text}</h2>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      <p key={index} className="closure-notice__text">
        {block.text}
      </p>
    ),
  )
}

/**
 * This link's meeting's protocol: to read and download if it was finalized, else why there is none
 * – and, for a follow-up never held, the previous meeting's.
 */
function MeetingProtocol({ session }: { session: SessionResponse }) {
  const { t } = useTranslation()
  const { meetingId, participantId } = session
  return (
    <section className="closed-sip__protocol" aria-labelledby="closed-sip-protocol">
      <h2 id="closed-sip-protocol">{t('closure.view.protocolTitle')}</h2>
      {session.meeting.status === 'finalized' ? (
        <ul className="closed-sip__links">
          <li>
            <Link href={routes.minutes({ meetingId, as: participantId })}>
              {t('closure.view.protocolView')}
            </Link>
          </li>
          <li>
            <PdfDownloadLink href={minutesPdfUrl(meetingId, participantId, currentLanguage())}>
              {t('closure.view.protocolDownload')}
            </PdfDownloadLink>
          </li>
        </ul>
      ) : (
        <>
          <p>{t('closure.view.noProtocol')}</p>
          {/* A follow-up never held: the plan that applied until the SIP ended is the one before (P8). */}
          {session.previousMeeting ? (
            <p>
              <PdfDownloadLink href={previousMinutesPdfUrl(meetingId, participantId, currentLanguage())}>
                {t('closure.view.previousDownload')}
              </PdfDownloadLink>
            </p>
          ) : null}
        </>
      )}
    </section>
  )
}
