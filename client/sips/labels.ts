import type { Responsible, SipMeeting, SipSummary } from '../../shared/schemas/sip'
import { organisationName } from '../convener/labels'
import { currentLanguage, type TFunction } from '../i18n'

/**
 * The words of the SIP screens that follow from data: a follow-up's state as a sentence, the
 * meetings' names in order, who is huvudansvarig, and the order of "Mina SIP:ar".
 */

/** "3 december 2026": a calendar date (YYYY-MM-DD) read as that day, in any time zone. */
export function formatDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number)
  if (!year || !month || !day) return date
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'sv-SE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(year, month - 1, day))
}

/** A state that needs the staff member's attention, and so is highlighted (in words too). */
export type Attention = 'due' | 'overdue' | 'not-booked'

export interface FollowUpLine {
  /** The sentence: "Uppföljning snart – 3 december 2026"; null when there is nothing to say. */
  text: string | null
  /** More about it: no meeting is booked for the date the plan set. */
  detail: string | null
  attention: Attention | null
}

/** P4: where the next follow-up stands, as the list and the SIP page say it. */
export function followUpLine(
  t: TFunction,
  summary: Pick<SipSummary, 'followUpState' | 'nextFollowUp' | 'status'>,
): FollowUpLine {
  const { followUpState: state, nextFollowUp: next } = summary
  if (summary.status === 'closed' || state === 'none') return { text: null, detail: null, attention: null }
  if (state === 'not-booked') {
    return {
      text: t('sips.followUp.not-booked'),
      detail: next ? t('sips.followUp.plannedFor', { date: formatDay(next.date) }) : null,
      attention: 'not-booked',
    }
  }
  // booked, due, overdue: each has a date (the booked meeting's, or the one the plan set).
  if (!next) return { text: null, detail: null, attention: null }
  const detail = next.meetingId === null ? t('sips.followUp.notBookedYet') : null
  const text = t(`sips.followUp.${state}`, { date: formatDay(next.date) })
  return { text, detail, attention: state === 'booked' ? null : state }
}

/**
 * "Mina SIP:ar" in two lists: the active SIPs and, after them, the closed ones – each in the
 * server's order (what needs attention first: late, unbooked, near; closed by latest closure).
 */
export function orderSummaries(summaries: readonly SipSummary[]): {
  active: SipSummary[]
  closed: SipSummary[]
} {
  return {
    active: summaries.filter((s) => s.status === 'active'),
    closed: summaries.filter((s) => s.status === 'closed'),
  }
}

/** "Första mötet", "Uppföljning 1", "Uppföljning 2" … for the SIP's meetings in their order. */
export function meetingTitles(t: TFunction, meetings: readonly Pick<SipMeeting, 'type'>[]): string[] {
  let followUps = 0
  return meetings.map((meeting) =>
    meeting.type === 'first'
      ? t('sips.meetings.first')
      : t('sips.meetings.followUp', { number: ++followUps }),
  )
}

/** "Amir Haddad, kurator, Elevhälsa": a huvudansvarig, or a participant of the booking form. */
export function personLabel(
  t: TFunction,
  person: Pick<Responsible, 'name' | 'function' | 'organisation' | 'organisationOther'>,
): string {
  const what = [person.function, organisationName(t, person)].filter(Boolean).join(', ')
  return person.name ? `${person.name}, ${what}` : what
}
