import type { ReactNode } from 'react'
import { useTranslation } from '../i18n'
import { DownloadLink } from '../ui/DownloadLink'

/**
 * A link to a protocol's PDF (or the closure notice's) that checks the answer before saving it
 * (DownloadLink), and says why it could not: the plan is not locked, the link no longer reads it,
 * or it failed.
 */
export function PdfDownloadLink({
  href,
  className,
  children,
}: {
  href: string
  className?: string
  children: ReactNode
}) {
  const { t } = useTranslation()
  const failed = (status: number): string =>
    status === 409
      ? t('signoff.minutes.notLocked')
      : status === 401 || status === 403
        ? t('signoff.minutes.noAccess')
        : t('signoff.minutes.failed', { message: '' })
  return (
    <DownloadLink
      href={href}
      fileName="SIP-protokoll.pdf"
      failed={failed}
      {...(className ? { className } : {})}
    >
      {children}
    </DownloadLink>
  )
}
