import type { IssuedLink, Meeting, Participant } from '../../shared/schemas/meeting'
import { useTranslation } from '../i18n'
import { InvitationDetails } from '../meeting/InvitationDetails'
import { participantLabel } from './labels'

/**
 * The printed invitation (kallelse) for one participant: when, where, why, and how to open the
 * meeting. Nothing more personal than that – no child's name beyond what the purpose says, no
 * consent details, no other participants. Hidden on screen; print CSS shows only this.
 */
export function InvitationPrint({
  meeting,
  participant,
  link,
  qr,
  qrAlt,
}: {
  meeting: Meeting
  participant: Participant
  link: IssuedLink
  qr: string | null
  qrAlt: string
}) {
  const { t } = useTranslation()
  return (
    <article className="print-invitation" aria-label={t('invitation.printTitle')}>
      <h1>{t('invitation.printTitle')}</h1>
      <p>
        <strong>{t('invitation.to')}</strong> {participantLabel(t, participant)}
      </p>
      <InvitationDetails meeting={meeting}>
        <dt>{t('invitation.calledBy')}</dt>
        <dd>{meeting.convener.name}</dd>
      </InvitationDetails>
      <h2>{t('invitation.howToOpen')}</h2>
      <p>{t('invitation.scanOrType')}</p>
      {qr ? <img src={qr} alt={qrAlt} width={200} height={200} /> : null}
      <p className="print-invitation__url">{link.url}</p>
      <p>{t('invitation.personal')}</p>
    </article>
  )
}
