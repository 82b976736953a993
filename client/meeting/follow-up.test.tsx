import { createElement } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { render, text } from '../test/render'
import type { MeetingProgress } from './meeting-state'
import { PreviousProtocolLink } from './PreviousProtocol'
import { ChairCoaching } from './StepControls'

vi.hoisted(() => {
  // The app's i18n (reached through the date format and the API client) marks the page's language
  // when it loads; these tests run in Node, with no page.
  Object.assign(globalThis, { document: { documentElement: {} } })
})

/** Noon UTC: the same calendar day in every time zone the tests may run in. */
const FOLLOW_UP_SESSION = {
  meetingId: 'm-follow',
  participantId: 'p-amir',
  previousMeeting: { startsAt: '2026-11-02T12:00:00.000Z' },
}

describe('P8: the previous protocol, from step 1 of a follow-up', () => {
  it('P8: the chair’s "Läs upp tidigare protokoll", naming the meeting, opens the previous PDF in a tab of its own', () => {
    const html = render(createElement(PreviousProtocolLink, { me: FOLLOW_UP_SESSION, chair: true }))
    expect(html).toContain(
      'href="/api/meetings/m-follow/plan/previous-protocol.pdf?as=p-amir&amp;lang=sv" target="_blank" rel="noopener"',
    )
    expect(html).toContain('class="button-link"')
    expect(text(html)).toContain(
      'Läs upp tidigare protokoll (mötet 2 november 2026) (PDF, öppnas i en ny flik) ↗',
    )
  })

  it('P8: a participant or guardian gets "Förra mötets protokoll" – the same address, for their own seat', () => {
    const html = render(
      createElement(PreviousProtocolLink, { me: { ...FOLLOW_UP_SESSION, participantId: 'p-sara' } }),
    )
    expect(html).toContain('href="/api/meetings/m-follow/plan/previous-protocol.pdf?as=p-sara&amp;lang=sv"')
    expect(html).not.toContain('button-link')
    expect(text(html)).toContain('Förra mötets protokoll (mötet 2 november 2026)')
  })

  it('P8: a first meeting has no previous protocol, and shows nothing', () => {
    expect(
      render(createElement(PreviousProtocolLink, { me: { ...FOLLOW_UP_SESSION, previousMeeting: null } })),
    ).toBe('')
  })
})

describe('P8: the chair’s coaching follows the meeting’s type', () => {
  const step1: MeetingProgress = { step: 1, stepStartedAt: 1, startedAt: 1 }
  const step2: MeetingProgress = { step: 2, stepStartedAt: 1, startedAt: 1 }

  it('P8: at a follow-up the chair is told to read out the previous protocol, and asked the routine’s questions', () => {
    expect(text(render(createElement(ChairCoaching, { progress: step1, type: 'followup' })))).toContain(
      'Läs upp tidigare protokoll',
    )
    const step2Text = text(render(createElement(ChairCoaching, { progress: step2, type: 'followup' })))
    expect(step2Text).toContain('Uppfylls barnets önskningar och mål?')
    expect(step2Text).toContain('skolbyte eller ny adress')
  })

  it('P8: at a first meeting the coaching is the circle’s as before', () => {
    const first = text(render(createElement(ChairCoaching, { progress: step1, type: 'first' })))
    expect(first).toContain('Hälsa välkommen.')
    expect(first).not.toContain('protokoll')
  })
})
