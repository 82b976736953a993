import { toDataURL } from 'qrcode'
import { useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import type { IssuedLink, Meeting, Participant } from '../../shared/schemas/meeting'
import { formatDate } from '../format/dates'
import { useTranslation } from '../i18n'
import { InvitationPrint } from './InvitationPrint'
import { participantLabel } from './labels'

/**
 * A freshly issued personal link, shown once: the server keeps only its hash, so this panel is
 * the only time it can be copied, printed or scanned. Nothing is e-mailed.
 */
export function LinkPanel({
  meeting,
  participant,
  link,
  onClose,
}: {
  meeting: Meeting
  participant: Participant
  link: IssuedLink
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [qr, setQr] = useState<string | null>(null)
  const [copyStatus, setCopyStatus] = useState<'copied' | 'selected' | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const field = useRef<HTMLInputElement>(null)
  const who = participantLabel(t, participant)

  useEffect(() => {
    heading.current?.focus()
  }, [])

  useEffect(() => {
    let current = true
    toDataURL(link.url, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).then(
      (url) => current && setQr(url),
      () => current && setQr(null),
    )
    return () => {
      current = false
    }
  }, [link.url])

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(link.url)
      setCopyStatus('copied')
      return
    } catch {
      // No clipboard access (plain http, or permission denied): select the text for Ctrl+C.
    }
    field.current?.focus()
    field.current?.select()
    setCopyStatus('selected')
  }

  const qrAlt = t('linkPanel.qrAlt', { who })
  return (
    <section className="link-panel" aria-labelledby="link-panel-title">
      <h3 id="link-panel-title" ref={heading} tabIndex={-1}>
        {t('linkPanel.panelTitle', { who })}
      </h3>
      <p>{t('linkPanel.onlyOnce')}</p>
      <p className="notice">{t('linkPanel.expires', { date: formatDate(link.expiresAt) })}</p>
      <div className="field">
        <label className="field__label" htmlFor="link-panel-url">
          {t('linkPanel.urlLabel')}
        </label>
        <input
          id="link-panel-url"
          ref={field}
          className="field__input"
          type="text"
          readOnly
          value={link.url}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button--primary" onClick={() => void copy()}>
          {t('linkPanel.copy')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('linkPanel.print')}
        </button>
        <button type="button" onClick={onClose}>
          {t('linkPanel.close')}
        </button>
      </div>
      <p role="status" className="form__status">
        {copyStatus === 'copied'
          ? t('linkPanel.copied')
          : copyStatus === 'selected'
            ? t('linkPanel.selected')
            : ''}
      </p>
      {qr ? <img className="link-panel__qr" src={qr} alt={qrAlt} width={240} height={240} /> : null}
      {createPortal(
        <InvitationPrint meeting={meeting} participant={participant} link={link} qr={qr} qrAlt={qrAlt} />,
        document.body,
      )}
    </section>
  )
}
