import { useId } from 'react'
import type { SessionResponse } from '../../../shared/schemas/session'
import { minutesPdfUrl } from '../../api'
import { currentLanguage, useTranslation } from '../../i18n'
import { PdfDownloadLink } from '../../minutes/PdfDownloadLink'
import { Link } from '../../router/Link'
import { routes } from '../../router/routes'

/**
 * Each participant's own way to the minutes ("protokoll") once the plan is locked or finalized:
 * the print view, and the PDF (fetched with this browser's cookie for this participant). The
 * minutes are written in the language the screen shows.
 */
export function MinutesLinks({ me }: { me: SessionResponse }) {
  const { t } = useTranslation()
  const labelId = useId()
  return (
    <nav className="protocol-links" aria-labelledby={labelId}>
      <h3 id={labelId}>{t('signoff.minutesLinks.label')}</h3>
      <ul>
        <li>
          <Link href={routes.minutes({ meetingId: me.meetingId, as: me.participantId })}>
            {t('signoff.minutesLinks.view')}
          </Link>
        </li>
        <li>
          <PdfDownloadLink href={minutesPdfUrl(me.meetingId, me.participantId, currentLanguage())}>
            {t('signoff.minutesLinks.download')}
          </PdfDownloadLink>
        </li>
      </ul>
    </nav>
  )
}
