import type { SipSummary } from '../../shared/schemas/sip'
import { api } from '../api'
import { formatDate } from '../format/dates'
import { Link } from '../router/Link'
import { routes } from '../router/routes'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { Fact } from '../ui/Fact'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'
import { FollowUpState } from './FollowUpState'
import { formatDay, orderSummaries, personLabel } from './labels'
import './sips.css'
import { useTranslation } from '../i18n'

/**
 * "Mina SIP:ar" (docs/process.md P4): the SIPs I convened a meeting of or am huvudansvarig for.
 * Active ones first, the follow-ups that need me at the top; closed ones after.
 */
export function MySipsPage() {
  const { t } = useTranslation()
  const sips = useLoad('sips', (signal) => api.sips(signal))
  const { active, closed } = orderSummaries(sips.data ?? [])

  return (
    <main className="page" id="main">
      <PageTitle>{t('sips.list.title')}</PageTitle>
      <p>{t('sips.list.intro')}</p>
      {sips.status === 'failed' ? (
        <ErrorNotice message={failureMessage(t, sips.failure)} />
      ) : sips.status === 'loading' ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <SipSection
            id="active"
            title={t('sips.list.active')}
            empty={t('sips.list.noneActive')}
            sips={active}
          />
          <SipSection
            id="closed"
            title={t('sips.list.closed')}
            empty={t('sips.list.noneClosed')}
            sips={closed}
          />
        </>
      )}
    </main>
  )
}

function SipSection({
  id,
  title,
  empty,
  sips,
}: {
  id: string
  title: string
  empty: string
  sips: SipSummary[]
}) {
  return (
    <section aria-labelledby={`sips-${id}`} className="meeting-list">
      <h2 id={`sips-${id}`}>{title}</h2>
      {sips.length === 0 ? (
        <p className="notice">{empty}</p>
      ) : (
        <ul className="meeting-list__items">
          {sips.map((sip) => (
            <SipRow key={sip.id} sip={sip} />
          ))}
        </ul>
      )}
    </section>
  )
}

function SipRow({ sip }: { sip: SipSummary }) {
  const { t } = useTranslation()
  const last = sip.lastMeeting
  return (
    <li className={`meeting-row sip-row sip-row--${sip.status}`}>
      <h3 className="meeting-row__title">
        <Link href={routes.sip({ sipId: sip.id })}>{t('sips.list.rowTitle', { child: sip.childName })}</Link>
      </h3>
      {sip.status === 'closed' && sip.closedOn ? (
        <p className="sip-row__closed">
          <strong>{t('sips.list.closedOn', { date: formatDay(sip.closedOn) })}</strong>
        </p>
      ) : (
        <FollowUpState sip={sip} />
      )}
      <dl className="meeting-row__facts">
        <Fact term={t('sips.list.responsible')}>
          {sip.responsible ? personLabel(t, sip.responsible) : t('sips.list.noResponsible')}
        </Fact>
        <Fact term={t('sips.list.lastMeeting')}>
          {last
            ? t('sips.list.lastMeetingValue', {
                type: t(`meetingType.${last.type}`),
                date: formatDate(last.startsAt),
                status: t(`sips.meetingStatus.${last.status}`),
              })
            : t('sips.list.noMeeting')}
        </Fact>
        {sip.status === 'active' && sip.nextFollowUp ? (
          <Fact term={t('sips.list.nextFollowUp')}>{formatDay(sip.nextFollowUp.date)}</Fact>
        ) : null}
        <Fact term={t('sips.list.myRoles')}>
          {sip.myRoles.map((role) => t(`sips.myRole.${role}`)).join(', ')}
        </Fact>
      </dl>
    </li>
  )
}
