import type { SessionResponse } from '../../shared/schemas/session'
import { isoToLocalParts } from '../format/dates'
import { currentLanguage, useTranslation } from '../i18n'
import { formatDay } from '../plan/format'
import { previousMinutesPdfUrl } from '../room-api'
import './previous-protocol.css'

/**
 * At a follow-up, the previous meeting's protocol from step 1 (docs/process.md P8): the chair's
 * "Läs upp tidigare protokoll (mötet 2 november 2026)", and for everyone else "Förra mötets
 * protokoll". It opens in a tab of its own (the PDF of the previous meeting's active version,
 * fetched with this browser's cookie for this participant), so the room stays where it is. Nothing
 * at a first meeting (the session's `previousMeeting` is null).
 */
export function PreviousProtocolLink({
  me,
  chair = false,
}: {
  me: Pick<SessionResponse, 'meetingId' | 'participantId' | 'previousMeeting'>
  /** The chair reads it out: a button-sized link with the chair's words. */
  chair?: boolean
}) {
  const { t } = useTranslation()
  const previous = me.previousMeeting
  if (!previous) return null
  const date = formatDay(isoToLocalParts(previous.startsAt).date)
  return (
    <div className="previous-protocol">
      <p className="previous-protocol__link">
        <a
          className={chair ? 'button-link' : undefined}
          href={previousMinutesPdfUrl(me.meetingId, me.participantId, currentLanguage())}
          target="_blank"
          rel="noopener"
        >
          {t(chair ? 'followup.previous.chair' : 'followup.previous.participant', { date })}
          <span className="visually-hidden">{t('followup.previous.opensTab')}</span>
          <span aria-hidden="true"> ↗</span>
        </a>
      </p>
      <p className="hint">{t('followup.previous.hint')}</p>
    </div>
  )
}
