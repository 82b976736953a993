import { createElement } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { closureNotice } from '../../shared/closure/notice'
import type { ClosureNotice } from '../../shared/schemas/closure-notice'
import type { SessionResponse } from '../../shared/schemas/session'
import { i18n, render, text } from '../test/render'
import { TEST_GUARDIAN as GUARDIAN, TEST_MEETING as MEETING, testSession } from '../test/session'
import type { LoadState } from '../ui/useLoad'
import { ClosedSipContent } from './ClosedSipView'

vi.hoisted(() => {
  // The app's i18n (reached through the API client) marks the page's language when it loads, and
  // the router (reached through its links) reads the address; these tests run in Node, with no page.
  Object.assign(globalThis, {
    document: { documentElement: {} },
    window: { history: { state: null }, location: { pathname: '/', search: '' }, addEventListener() {} },
  })
})

const session = (
  overrides: Partial<SessionResponse['meeting']> = {},
  role: SessionResponse['role'] = 'guardian',
): SessionResponse =>
  testSession({
    role,
    meeting: { status: 'finalized', ...overrides },
    closure: { closedOn: '2027-05-12', reason: 'consent-withdrawn' },
  })

const NOTICE_INPUT = {
  childName: 'Elsa',
  closedOn: '2027-05-12',
  reason: 'consent-withdrawn',
  helpText: 'Call the student health team.',
  responsible: null,
  lang: 'sv',
} as const

const NOTICE = closureNotice({
  childName: 'Elsa',
  closedOn: '2027-05-12',
  reason: 'consent-withdrawn',
  helpText: 'Ring elevhälsan.\nDe svarar vardagar.',
  responsible: { name: 'Amir Haddad', function: 'kurator', organisationLabel: 'Elevhälsa' },
  lang: 'sv',
})

const loaded = (notice: ClosureNotice): LoadState<ClosureNotice> => ({
  status: 'ok',
  data: notice,
  failure: undefined,
})

const page = (s: SessionResponse, notice: LoadState<ClosureNotice>) =>
  render(createElement(ClosedSipContent, { session: s, notice, onRetry: () => {} }))

describe('P9: what a participant link shows once the SIP is closed', () => {
  it('P9: the notice as the server wrote it – its title the page’s heading, its sections, the installation’s text', () => {
    const html = page(session(), loaded(NOTICE))
    expect(html).toContain('<h1')
    expect(text(html)).toContain('SIP:en för Elsa är avslutad')
    for (const block of NOTICE.blocks) expect(html).toContain(block.text)
    expect(html).toMatch(/<h2>Om behovet kommer tillbaka<\/h2>/)
    expect(html).toContain('lang="sv"')
  })

  it('P10: print and download the notice; the PDF link is this participant’s own, in the notice’s language', () => {
    const html = page(session(), loaded(NOTICE))
    expect(text(html)).toContain('Skriv ut')
    expect(text(html)).toContain('Ladda ner beskedet (PDF)')
    expect(html).toContain(`href="/api/session/closure-notice.pdf?as=${GUARDIAN}&amp;lang=sv"`)
  })

  it('P9: a finalized meeting’s protocol can be read and downloaded; nothing to edit, sign or start', () => {
    const html = page(session(), loaded(NOTICE))
    expect(text(html)).toContain('Protokollet från mötet')
    expect(html).toContain(`href="/m/${MEETING}/protokoll?as=${GUARDIAN}"`)
    expect(html).toContain(`/api/meetings/${MEETING}/plan/protocol.pdf?as=${GUARDIAN}`)
    expect(text(html)).toContain('Det går inte längre att skriva något i SIP:en.')
    expect(html).not.toMatch(/<(input|textarea|select)\b|contenteditable/)
    expect(text(html)).not.toMatch(/Skriv under|Starta mötet|Sparat/)
  })

  it('P9: a meeting that was never held has no protocol, and the page says so', () => {
    for (const status of ['cancelled', 'planned'] as const) {
      const html = page(session({ status }), loaded(NOTICE))
      expect(text(html)).toContain(
        'Mötet hölls inte innan SIP:en avslutades, så det finns inget protokoll från det.',
      )
      expect(html).not.toContain('/plan/protocol.pdf')
      expect(html).not.toContain('/plan/previous-protocol.pdf')
    }
  })

  it('P8, P9: a follow-up never held offers the protocol of the meeting before it – the plan that applied', () => {
    const followUp = {
      ...session({ status: 'cancelled' }),
      previousMeeting: { startsAt: '2027-01-10T08:00:00.000Z' },
    }
    const html = page(followUp, loaded(NOTICE))
    expect(text(html)).toContain('Protokollet från förra mötet (PDF)')
    expect(html).toContain(`/api/meetings/${MEETING}/plan/previous-protocol.pdf?as=${GUARDIAN}&amp;lang=sv`)
  })

  it('P9: the child is greeted by name and sees the same notice', () => {
    const html = page(session({}, 'child'), loaded(NOTICE))
    expect(text(html)).toContain('Hej Elsa!')
    expect(text(html)).toContain('SIP:en för Elsa är avslutad')
  })

  it('P9: while the notice loads, and when it cannot be fetched, the page still says the SIP has ended', () => {
    const loading = page(session(), { status: 'loading', data: undefined, failure: undefined })
    expect(text(loading)).toContain('SIP:en är avslutad')
    expect(text(loading)).toContain('Hämtar beskedet')
    expect(loading).not.toContain('Ladda ner beskedet')
    const failed = page(session(), {
      status: 'failed',
      data: undefined,
      failure: { status: 0, code: 'network', issues: [] },
    })
    expect(failed).toContain('role="alert"')
    expect(text(failed)).toContain('Beskedet kunde inte hämtas.')
    expect(text(failed)).toContain('Försök igen')
  })

  it('P10: in English, the screen’s own words are English and the notice is the English one', async () => {
    await i18n.changeLanguage('en')
    try {
      const english = closureNotice({ ...NOTICE_INPUT, lang: 'en' })
      const html = page(session(), loaded(english))
      expect(text(html)).toContain('The SIP for Elsa has ended')
      expect(text(html)).toContain('Download the notice (PDF)')
      expect(text(html)).toContain('The minutes of the meeting')
      expect(html).toContain('lang=en')
    } finally {
      await i18n.changeLanguage('sv')
    }
  })
})
