import type { AuditPerson } from '../../shared/schemas/audit'
import { api } from '../api'
import { formatTimestamp } from '../format/dates'
import { useTranslation } from '../i18n'
import { Link } from '../router/Link'
import { routes } from '../router/routes'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { Fact } from '../ui/Fact'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'

/**
 * `/admin/moten/<id>/logg`: who read or changed what in one meeting, newest first – people by name
 * and role, the meeting by its title and date (the server names them; GET /api/meetings/:id/audit).
 */
export function AuditLogPage({ meetingId }: { meetingId: string }) {
  const { t, i18n } = useTranslation()
  const log = useLoad(meetingId, (signal) => api.audit(meetingId, signal))

  /** "Sara (Vårdnadshavare)", "Eva Ek (Sammankallande)", "psykolog, BUP (Deltagare)". */
  const person = (who: AuditPerson): string => {
    if (who.kind === 'system') return t('audit.system')
    if (who.kind === 'anonymous') return t('convener.audit.anonymous')
    if (who.kind === 'staff') {
      const name = who.name ?? t('convener.audit.unknownStaff')
      const roles = [
        ...(who.isConvener ? [t('myRole.convener')] : []),
        ...(who.role ? [t(`roles.${who.role}`)] : []),
      ]
      return roles.length > 0
        ? t('convener.audit.participant', { name, role: roles.join(', ') })
        : t('convener.audit.staff', { name })
    }
    if (who.removed) {
      return who.name ? t('convener.audit.removedNamed', { name: who.name }) : t('convener.audit.removed')
    }
    if (!who.name) return t('convener.audit.removed')
    return who.role
      ? t('convener.audit.participant', { name: who.name, role: t(`roles.${who.role}`) })
      : who.name
  }

  const day = (iso: string): string =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(iso))

  return (
    <main className="page" id="main">
      <p>
        <Link href={routes.meetingSetup({ meetingId })}>{t('audit.back')}</Link>
      </p>
      <PageTitle>
        {log.data
          ? t('convener.audit.titleFor', {
              title: log.data.meeting.title,
              date: day(log.data.meeting.startsAt),
            })
          : t('audit.title')}
      </PageTitle>
      <p>{t('audit.intro')}</p>
      {log.status === 'failed' ? (
        <ErrorNotice
          message={log.failure.status === 404 ? t('setup.notFound') : failureMessage(t, log.failure)}
        />
      ) : log.status === 'loading' ? (
        <p role="status">{t('common.loading')}</p>
      ) : log.data.entries.length === 0 ? (
        <p className="notice">{t('audit.none')}</p>
      ) : (
        <ol className="audit-list">
          {log.data.entries.map((entry) => (
            <li key={entry.id} className="audit-entry">
              <p className="audit-entry__what">
                <time dateTime={entry.at}>{formatTimestamp(entry.at)}</time> –{' '}
                <strong>{t(`auditActions.${entry.action}`)}</strong>
              </p>
              <dl className="audit-entry__facts">
                <Fact term={t('audit.actor')}>{person(entry.actor)}</Fact>
                {entry.subject ? <Fact term={t('audit.subject')}>{person(entry.subject)}</Fact> : null}
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
