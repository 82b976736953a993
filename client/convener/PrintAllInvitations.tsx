import { toDataURL } from 'qrcode'
import { useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import type { IssuedLink, Meeting, Participant } from '../../shared/schemas/meeting'
import { InvitationPrint } from './InvitationPrint'
import { participantLabel } from './labels'
import './invitations.css'
import { useTranslation } from '../i18n'

interface Invitation {
  participant: Participant
  link: IssuedLink
}

/**
 * "Skriv ut alla kallelser": the links just issued for everyone, each on a printed page of its own
 * with its QR code (the single invitation's own component, InvitationPrint). The print dialog opens
 * once the codes are drawn. Like LinkPanel, this is the only time the links exist on screen: the
 * server keeps only their hashes, and closing the panel forgets them.
 */
export function PrintAllInvitations({
  meeting,
  links,
  onClose,
}: {
  meeting: Meeting
  links: readonly IssuedLink[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  const printed = useRef(false)
  const [qrs, setQrs] = useState<Map<string, string | null> | null>(null)

  const invitations: Invitation[] = links.flatMap((link) => {
    const participant = meeting.participants.find((p) => p.id === link.participantId)
    return participant ? [{ participant, link }] : []
  })

  useEffect(() => {
    heading.current?.focus()
  }, [])

  useEffect(() => {
    let current = true
    const draw = (url: string) =>
      toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).catch(() => null)
    void Promise.all(links.map(async (link) => [link.url, await draw(link.url)] as const)).then(
      (drawn) => current && setQrs(new Map(drawn)),
    )
    return () => {
      current = false
    }
  }, [links])

  // One print job for all of them, as soon as every page has its code.
  useEffect(() => {
    if (!qrs || printed.current) return
    printed.current = true
    window.print()
  }, [qrs])

  return (
    <section className="link-panel" aria-labelledby="print-all-title">
      <h3 id="print-all-title" ref={heading} tabIndex={-1}>
        {t('convener.printAll.panelTitle', { count: invitations.length })}
      </h3>
      <p>{t('convener.printAll.onlyNow')}</p>
      <ul className="print-all__names" aria-label={t('convener.printAll.listLabel')}>
        {invitations.map(({ participant }) => (
          <li key={participant.id}>{participantLabel(t, participant)}</li>
        ))}
      </ul>
      <p role="status" className="form__status">
        {qrs ? t('convener.printAll.ready') : t('convener.printAll.preparing')}
      </p>
      <div className="button-row">
        <button type="button" className="button--primary" disabled={!qrs} onClick={() => window.print()}>
          {t('convener.printAll.print')}
        </button>
        <button type="button" onClick={onClose}>
          {t('convener.printAll.close')}
        </button>
      </div>
      {createPortal(
        <div className="print-invitations">
          {invitations.map(({ participant, link }) => (
            <InvitationPrint
              key={link.url}
              meeting={meeting}
              participant={participant}
              link={link}
              qr={qrs?.get(link.url) ?? null}
              qrAlt={t('linkPanel.qrAlt', { who: participantLabel(t, participant) })}
            />
          ))}
        </div>,
        document.body,
      )}
    </section>
  )
}
