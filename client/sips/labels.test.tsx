import { createElement } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { SipSummary } from '../../shared/schemas/sip'
import { render, t, text } from '../test/render'
import { FollowUpState } from './FollowUpState'
import { followUpLine, formatDay, meetingTitles, orderSummaries, personLabel } from './labels'

vi.hoisted(() => {
  // The app's i18n (reached through the date format) marks the page's language when it loads;
  // these tests run in Node, with no page.
  Object.assign(globalThis, { document: { documentElement: {} } })
})

function summary(fields: Partial<SipSummary>): SipSummary {
  return {
    id: 'sip-1',
    childName: 'Elsa',
    status: 'active',
    myRoles: ['convener'],
    responsible: null,
    meetings: 1,
    lastMeeting: null,
    nextFollowUp: null,
    followUpState: 'none',
    closedOn: null,
    ...fields,
  }
}

describe('P4: the follow-up state in "Mina SIP:ar", in words', () => {
  it('P4: a due follow-up says "snart" and its date, and is marked for attention', () => {
    const line = followUpLine(
      t,
      summary({ followUpState: 'due', nextFollowUp: { date: '2026-12-03', meetingId: 'm-2' } }),
    )
    expect(line).toEqual({ text: 'Uppföljning snart – 3 december 2026', detail: null, attention: 'due' })
  })

  it('P4: an overdue follow-up says when it should have been held; a date the plan set without a meeting says so', () => {
    expect(
      followUpLine(
        t,
        summary({ followUpState: 'overdue', nextFollowUp: { date: '2026-11-01', meetingId: null } }),
      ),
    ).toEqual({
      text: 'Försenad uppföljning – skulle ha hållits 1 november 2026',
      detail: 'Inget möte är bokat än.',
      attention: 'overdue',
    })
  })

  it('P4: a finalized last meeting with nothing booked is flagged, with the date the plan set if any', () => {
    expect(followUpLine(t, summary({ followUpState: 'not-booked' }))).toEqual({
      text: 'Ingen uppföljning bokad',
      detail: null,
      attention: 'not-booked',
    })
    expect(
      followUpLine(
        t,
        summary({ followUpState: 'not-booked', nextFollowUp: { date: '2027-02-10', meetingId: null } }),
      ).detail,
    ).toBe('Planen säger 10 februari 2027.')
  })

  it('P4: a booked follow-up is told but not highlighted; a closed SIP or one still waiting for its meeting says nothing', () => {
    expect(
      followUpLine(
        t,
        summary({ followUpState: 'booked', nextFollowUp: { date: '2027-03-15', meetingId: 'm' } }),
      ),
    ).toEqual({ text: 'Uppföljning bokad – 15 mars 2027', detail: null, attention: null })
    expect(followUpLine(t, summary({ followUpState: 'none' })).text).toBeNull()
    expect(
      followUpLine(
        t,
        summary({
          status: 'closed',
          followUpState: 'overdue',
          nextFollowUp: { date: '2026-11-01', meetingId: null },
        }),
      ).text,
    ).toBeNull()
  })

  it('P4: the highlight is in the text too (strong), not in the colour alone', () => {
    const html = render(
      createElement(FollowUpState, {
        sip: summary({ followUpState: 'overdue', nextFollowUp: { date: '2026-11-01', meetingId: 'm' } }),
      }),
    )
    expect(html).toContain('follow-up-state--overdue')
    expect(html).toContain('<strong>Försenad uppföljning – skulle ha hållits 1 november 2026</strong>')
    expect(text(html)).toBe('Försenad uppföljning – skulle ha hållits 1 november 2026')
  })

  it('a calendar date is that day in any time zone, and malformed text is shown as it is', () => {
    expect(formatDay('2026-01-01')).toBe('1 januari 2026')
    expect(formatDay('inte ett datum')).toBe('inte ett datum')
  })
})

describe('P4: the two lists of "Mina SIP:ar"', () => {
  it('P4: active SIPs in one list and closed ones in the other, each in the order the server sends', () => {
    const sips = [
      summary({
        id: 'overdue',
        followUpState: 'overdue',
        nextFollowUp: { date: '2026-10-01', meetingId: null },
      }),
      summary({ id: 'not-booked', followUpState: 'not-booked' }),
      summary({ id: 'closed-new', status: 'closed', closedOn: '2026-06-30' }),
      summary({ id: 'due', followUpState: 'due', nextFollowUp: { date: '2026-12-02', meetingId: 'z' } }),
      summary({ id: 'closed-old', status: 'closed', closedOn: '2026-01-05' }),
      summary({ id: 'first', followUpState: 'none' }),
    ]
    const { active, closed } = orderSummaries(sips)
    expect(active.map((s) => s.id)).toEqual(['overdue', 'not-booked', 'due', 'first'])
    expect(closed.map((s) => s.id)).toEqual(['closed-new', 'closed-old'])
  })
})

describe('the SIP page: meetings and people in words', () => {
  it('names the meetings in order: Första mötet, then Uppföljning 1, 2 … (a cancelled one keeps its number)', () => {
    expect(meetingTitles(t, [{ type: 'first' }, { type: 'followup' }, { type: 'followup' }])).toEqual([
      'Första mötet',
      'Uppföljning 1',
      'Uppföljning 2',
    ])
  })

  it('names huvudansvarig as people say it, with or without a name', () => {
    expect(
      personLabel(t, {
        name: 'Amir Haddad',
        function: 'kurator',
        organisation: 'elevhalsa',
        organisationOther: '',
      }),
    ).toBe('Amir Haddad, kurator, Elevhälsa')
    expect(
      personLabel(t, { name: '', function: 'psykolog', organisation: 'bup', organisationOther: 'BUP Nord' }),
    ).toBe('psykolog, BUP (BUP Nord)')
  })
})
