import { type MouseEvent, type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A link to the minutes' PDF that checks the answer before saving it: a plain `download` link
 * would save an error (an expired link, a plan unlocked a moment ago) as a file named like the
 * minutes. Without JavaScript it still works as an ordinary download link.
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
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(href, { credentials: 'same-origin' })
      if (!response.ok) {
        setError(
          response.status === 409
            ? t('signoff.minutes.notLocked')
            : response.status === 401 || response.status === 403
              ? t('signoff.minutes.noAccess')
              : t('signoff.minutes.failed', { message: '' }),
        )
        return
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1]
      const url = URL.createObjectURL(await response.blob())
      const anchor = document.createElement('a')
      anchor.href = url
      anchor.download = name ?? 'SIP-protokoll.pdf'
      document.body.append(anchor)
      anchor.click()
      anchor.remove()
      // The browser has taken the file; the object URL is not needed after this turn.
      setTimeout(() => URL.revokeObjectURL(url), 0)
    } catch {
      setError(t('signoff.minutes.failed', { message: '' }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <a
        className={className}
        href={href}
        download
        onClick={(event) => void download(event)}
        aria-busy={busy}
      >
        {children}
      </a>
      {error ? (
        <span className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  )
}
