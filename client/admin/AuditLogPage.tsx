import { useTranslation } from 'react-i18next'
import type { AuditEntry } from '../../shared/schemas/staff'
import { api } from '../api'
import { formatTimestamp } from '../format/dates'
import { Link } from '../router/Link'
import { routes } from '../router/routes'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { Fact } from '../ui/Fact'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'

/** `/admin/moten/<id>/logg`: who read or changed what in one meeting, newest first. */
export function AuditLogPage({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation()
  const log = useLoad(meetingId, (signal) => api.audit(meetingId, signal))

  const actor = (entry: AuditEntry): string => {
    if (entry.actorName) return entry.actorName
    if (entry.actor === 'system') return t('audit.system')
    return entry.actor
  }

  return (
    <main className="page" id="main">
      <p>
        <Link href={routes.meetingSetup({ meetingId })}>{t('audit.back')}</Link>
      </p>
      <PageTitle>{t('audit.title')}</PageTitle>
      <p>{t('audit.intro')}</p>
      {log.status === 'failed' ? (
        <ErrorNotice
          message={log.failure.status === 404 ? t('setup.notFound') : failureMessage(t, log.failure)}
        />
      ) : log.status === 'loading' ? (
        <p role="status">{t('common.loading')}</p>
      ) : log.data.length === 0 ? (
        <p className="notice">{t('audit.none')}</p>
      ) : (
        <ol className="audit-list">
          {log.data.map((entry) => (
            <li key={entry.id} className="audit-entry">
              <p className="audit-entry__what">
                <time dateTime={entry.at}>{formatTimestamp(entry.at)}</time> –{' '}
                <strong>{t(`auditActions.${entry.action}`)}</strong>
              </p>
              <dl className="audit-entry__facts">
                <Fact term={t('audit.actor')}>{actor(entry)}</Fact>
                {entry.subject ? <Fact term={t('audit.subject')}>{entry.subject}</Fact> : null}
                {entry.sourceAddress ? <Fact term={t('audit.source')}>{entry.sourceAddress}</Fact> : null}
                {entry.count > 1 && entry.lastAt ? (
                  <Fact term={t('audit.repeated')}>
                    {t('audit.repeatedTimes', { count: entry.count, last: formatTimestamp(entry.lastAt) })}
                  </Fact>
                ) : null}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </main>
  )
}
