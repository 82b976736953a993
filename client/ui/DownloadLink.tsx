import { type MouseEvent, type ReactNode, useState } from 'react'

/**
 * A link to a file the server writes (a CSV export, a protocol's PDF) that checks the answer
 * before saving it: a plain `download` link would save an error (a session that ended, a right
 * taken away, a plan unlocked a moment ago) as a file named like the export. The file keeps the
 * server's name (Content-Disposition). Without JavaScript it still works as an ordinary download
 * link.
 */
export function DownloadLink({
  href,
  fileName,
  failed,
  describedBy,
  className,
  children,
}: {
  href: string
  /** The name to save under if the server gives none. */
  fileName: string
  /** The sentence shown when the file could not be fetched: one, or one per HTTP status (0: no answer). */
  failed: string | ((status: number) => string)
  /** The id of a hint that describes the link. */
  describedBy?: string
  className?: string
  children: ReactNode
}) {
  const failure = (status: number) => (typeof failed === 'string' ? failed : failed(status))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(href, { credentials: 'same-origin', cache: 'no-store' })
      if (!response.ok) {
        setError(failure(response.status))
        return
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1]
      const url = URL.createObjectURL(await response.blob())
      const anchor = document.createElement('a')
      anchor.href = url
      anchor.download = name ?? fileName
      document.body.append(anchor)
      anchor.click()
      anchor.remove()
      // The browser has taken the file; the object URL is not needed after this turn.
      setTimeout(() => URL.revokeObjectURL(url), 0)
    } catch {
      setError(failure(0))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <a
        className={className}
        href={href}
        download={fileName}
        onClick={(event) => void download(event)}
        aria-busy={busy}
        aria-describedby={describedBy}
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
