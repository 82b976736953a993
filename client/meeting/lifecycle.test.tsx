import { createElement } from 'react'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { ChairBriefing, SessionResponse } from '../../shared/schemas/session'
import { render, text } from '../test/render'
import { ConsentSummary } from './ConsentSummary'
import { StartError, StartMeeting } from './StartMeeting'
import { VideoLink } from './VideoLink'

vi.hoisted(() => {
  // The app's i18n (reached through the date format and the API client) marks the page's language
  // when it loads; these tests run in Node, with no page.
  Object.assign(globalThis, { document: { documentElement: {} } })
})

const BRIEFING: ChairBriefing = {
  consent: {
    givenBy: [
      { name: 'Sara Lind', relation: 'guardian' },
      { name: 'Elsa', relation: 'child' },
    ],
    givenAt: '2026-11-02',
    scope: 'Samordning mellan skola, BUP och socialtjänst.',
    notShared: 'BUP:s utredning till skolan.',
    recordedAt: '2026-11-03T08:15:00.000Z',
    recordedBy: 'Eva Ek',
  },
  convenerName: 'Eva Ek',
}

describe('M3: the consent the chair reads out in step 1', () => {
  it('M3: who gave it and as whom, when, what it covers, what must not be shared, and who called the meeting', () => {
    const shown = text(render(createElement(ConsentSummary, { briefing: BRIEFING })))
    expect(shown).toContain('Samtycke')
    expect(shown).toContain('Gavs av Sara Lind (vårdnadshavare), Elsa (barnet)')
    expect(shown).toContain('Datum måndag 2 november 2026')
    expect(shown).toContain('Gäller Samordning mellan skola, BUP och socialtjänst.')
    expect(shown).toContain('Får inte delas BUP:s utredning till skolan.')
    expect(shown).toContain('Kallade till mötet Eva Ek')
    expect(shown).toContain('Registrerat av Eva Ek')
  })

  it('M3: nothing kept out is said so, not left blank', () => {
    const consent = { ...BRIEFING.consent!, notShared: '' }
    const shown = text(render(createElement(ConsentSummary, { briefing: { ...BRIEFING, consent } })))
    expect(shown).toContain('Får inte delas Familjen har inte sagt att något ska hållas utanför.')
  })

  it('M3: missing consent is said plainly, with what to do; no briefing (not the chair) shows nothing', () => {
    const shown = text(
      render(createElement(ConsentSummary, { briefing: { consent: null, convenerName: 'Eva Ek' } })),
    )
    expect(shown).toContain('Inget samtycke är registrerat. Utan samtycke får mötet inte starta')
    expect(shown).toContain('Be den som kallade till mötet att registrera samtycket')
    expect(shown).toContain('Kallade till mötet Eva Ek')
    expect(render(createElement(ConsentSummary, { briefing: undefined }))).toBe('')
  })
})

describe('M2: the chair’s start button and its refusals', () => {
  const me = { participantId: 'p1', chairBriefing: BRIEFING } as SessionResponse

  it('M2: one button, "Starta mötet", and an empty alert region ready for a refusal', () => {
    const html = render(createElement(StartMeeting, { doc: new Y.Doc(), me, onSessionChange: () => {} }))
    expect(html).toContain('>Starta mötet</button>')
    expect(html).toContain('<div role="alert" id="start-meeting-error"></div>')
  })

  it('M2: without consent the chair is told whom to ask and where consent is recorded', () => {
    const failure = { status: 409, code: 'no-consent', issues: [] }
    const named = text(render(createElement(StartError, { failure, convenerName: 'Eva Ek' })))
    expect(named).toContain('Mötet kan inte starta: samtycke saknas')
    expect(named).toContain('Be Eva Ek, som kallade till mötet, att registrera samtycket.')
    expect(named).toContain('på mötets sida i SIP Live, under ”Samtycke”')
    const unnamed = text(render(createElement(StartError, { failure, convenerName: '' })))
    expect(unnamed).toContain('Be den som kallade till mötet att registrera samtycket.')
  })

  it('M2: a finalized meeting and a role that may not start are each said in their own words', () => {
    const finalized = { status: 409, code: 'finalized', issues: [] }
    const forbidden = { status: 403, code: 'forbidden', issues: [] }
    expect(text(render(createElement(StartError, { failure: finalized, convenerName: '' })))).toBe(
      'Mötet är redan avslutat och kan inte startas igen.',
    )
    expect(text(render(createElement(StartError, { failure: forbidden, convenerName: '' })))).toBe(
      'Bara mötesledaren kan starta mötet.',
    )
  })
})

describe('M4: the link to the organisation’s own video meeting', () => {
  it('M4: opens in a new window without handing over the opener, and says it is not SIP Live', () => {
    const url = 'https://video.region.se/m/1?pwd=a&b=c'
    const html = render(createElement(VideoLink, { url }))
    expect(html).toContain('href="https://video.region.se/m/1?pwd=a&amp;b=c"')
    expect(html).toContain('target="_blank"')
    expect(html).toContain('rel="noopener noreferrer"')
    expect(text(html)).toContain('Öppna videomötet (öppnas i ett nytt fönster)')
    expect(text(html)).toContain('inte i SIP Live')
    expect(text(render(createElement(VideoLink, { url, showAddress: true })))).toContain(
      url.replace('&', '&amp;'),
    )
  })

  it('M4: no link, nothing shown', () => {
    expect(render(createElement(VideoLink, { url: '' }))).toBe('')
  })
})
