import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionResponse } from '../../../shared/schemas/session'
import { protocolPdfUrl } from '../../api'
import { currentLanguage } from '../../i18n'
import { PdfDownloadLink } from '../../protocol/PdfDownloadLink'
import { Link } from '../../router/Link'
import { routes } from '../../router/routes'

/**
 * Each participant's own way to the protocol once the plan is locked or finalized: the print view,
 * and the PDF (fetched with this browser's cookie for this participant). The protocol is written
 * in the language the screen shows.
 */
export function ProtocolLinks({ me }: { me: SessionResponse }) {
  const { t } = useTranslation()
  const labelId = useId()
  return (
    <nav className="protocol-links" aria-labelledby={labelId}>
      <h3 id={labelId}>{t('signoff.protocolLinks.label')}</h3>
      <ul>
        <li>
          <Link href={routes.protocol({ meetingId: me.meetingId, as: me.participantId })}>
            {t('signoff.protocolLinks.view')}
          </Link>
        </li>
        <li>
          <PdfDownloadLink href={protocolPdfUrl(me.meetingId, me.participantId, currentLanguage())}>
            {t('signoff.protocolLinks.download')}
          </PdfDownloadLink>
        </li>
      </ul>
    </nav>
  )
}
