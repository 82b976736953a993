import type { MeetingType } from '../../shared/circle'
import type { Deviation } from '../../shared/schemas/sip'
import { organisationName } from '../convener/labels'
import { formatDate, formatTimestamp } from '../format/dates'
import { Fact } from '../ui/Fact'
import './deviations.css'
import { type TFunction, useTranslation } from '../i18n'

/** What a list shows of a deviation: the SIP's own list and the installation's (without ids). */
export type DeviationListItem = Omit<Deviation, 'sipId' | 'meetingId'>

/** "Uppföljningsmöte måndag 1 mars 2027": a meeting a deviation concerns. */
export function meetingName(t: TFunction, meeting: { type: MeetingType; startsAt: string }): string {
  return t('deviations.form.meetingOption', {
    type: t(`meetingType.${meeting.type}`),
    date: formatDate(meeting.startsAt),
  })
}

/** A calendar date (YYYY-MM-DD) as people read it; read at local noon, so no time zone moves the day. */
export function formatDay(date: string): string {
  return formatDate(`${date}T12:00:00`)
}

/**
 * Deviations as a list, newest first: the category in words, then the date, the organisation
 * concerned, what it concerns (`meetingLabel`, when the screen knows the SIP's meetings), the
 * description and who recorded it when. The SIP page and the administrators' page both show it.
 */
export function DeviationList<D extends DeviationListItem>({
  deviations,
  meetingLabel,
}: {
  deviations: readonly D[]
  /** "Uppföljningsmöte måndag 1 mars 2027", or "Hela SIP:en" when it concerns the SIP as a whole. */
  meetingLabel?: (deviation: D) => string
}) {
  const { t } = useTranslation()
  if (deviations.length === 0) return <p className="notice">{t('deviations.list.none')}</p>
  return (
    <ul className="deviation-list">
      {deviations.map((deviation) => (
        <li key={deviation.id} className="deviation">
          <p className="deviation__category">{t(`deviations.categories.${deviation.category}`)}</p>
          <dl className="deviation__facts">
            <Fact term={t('deviations.list.date')}>{formatDay(deviation.occurredOn)}</Fact>
            <Fact term={t('deviations.list.organisation')}>{organisationName(t, deviation)}</Fact>
            {meetingLabel ? <Fact term={t('deviations.list.meeting')}>{meetingLabel(deviation)}</Fact> : null}
            <Fact term={t('deviations.list.description')} className="preserve-lines">
              {deviation.description}
            </Fact>
            <Fact term={t('deviations.list.recorded')}>
              {t('deviations.list.recordedBy', {
                name: deviation.recordedBy,
                when: formatTimestamp(deviation.recordedAt),
              })}
            </Fact>
          </dl>
        </li>
      ))}
    </ul>
  )
}

/** Newest first, as the server lists them: by date, then by when they were recorded. */
export function newestFirst(a: Deviation, b: Deviation): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? 1 : -1
  return a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0
}
