import { createElement } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { stockholmDay } from '../../shared/dates'
import { DEVIATION_CATEGORIES, type Deviation } from '../../shared/schemas/sip'
import { sv } from '../i18n/sv'
import { i18n, render, text } from '../test/render'
import { DeviationList, newestFirst } from './DeviationList'
import { DeviationForm, DeviationsSection } from './DeviationsSection'

vi.hoisted(() => {
  // The app's i18n (reached through the date format and the API client) marks the page's language
  // when it loads; these tests run in Node, with no page.
  Object.assign(globalThis, { document: { documentElement: {} } })
})

const MEETINGS = [
  { id: 'm1', type: 'first', startsAt: '2026-12-14T09:00:00.000Z' },
  { id: 'm2', type: 'followup', startsAt: '2027-03-01T09:00:00.000Z' },
] as const

const DEVIATIONS: Deviation[] = [
  {
    id: 'd1',
    sipId: 'm1',
    meetingId: 'm1',
    category: 'actor-absent',
    organisation: 'bup',
    organisationOther: 'BUP Nord',
    description: 'BUP var kallade men kom inte.\nInget förhinder meddelades.',
    occurredOn: '2026-12-14',
    recordedAt: '2026-12-14T13:05:00.000Z',
    recordedBy: 'Eva Ek',
  },
  {
    id: 'd2',
    sipId: 'm1',
    meetingId: null,
    category: 'late-invitation',
    organisation: 'annan',
    organisationOther: 'Fritidsgården',
    description: 'Kallelsen skickades två veckor före.',
    occurredOn: '2026-11-30',
    recordedAt: '2026-12-01T08:00:00.000Z',
    recordedBy: 'Amir Haddad',
  },
]

describe('P11: the SIP’s deviations as a list', () => {
  it('P11: the category in words, the date, the organisation, what it concerns, the description and who recorded it', () => {
    const html = render(
      createElement(DeviationList<Deviation>, {
        deviations: DEVIATIONS,
        meetingLabel: ({ meetingId }: Deviation) => (meetingId === 'm1' ? 'Första möte' : 'Hela SIP:en'),
      }),
    )
    const shown = text(html)
    expect(shown).toContain('En kallad aktör kom inte')
    expect(shown).toContain('Datum måndag 14 december 2026')
    expect(shown).toContain('Verksamhet BUP (BUP Nord)')
    expect(shown).toContain('Gäller Första möte')
    expect(shown).toContain('Beskrivning BUP var kallade men kom inte. Inget förhinder meddelades.')
    expect(shown).toMatch(/Registrerad Eva Ek, 2026-12-14 \d{2}:05/)
    // "Annan": the free text is the organisation.
    expect(shown).toContain('Kallelsen skickades senare än tre veckor före mötet')
    expect(shown).toContain('Verksamhet Fritidsgården')
    expect(shown).toContain('Gäller Hela SIP:en')
    // The codes are never shown.
    expect(shown).not.toContain('actor-absent')
    expect(shown).not.toContain('annan')
    // A description keeps its line breaks.
    expect(html).toContain('class="preserve-lines"')
  })

  it('P11: without the SIP’s meetings (the administrators’ page) the meeting is left out; none is said so', () => {
    const shown = text(render(createElement(DeviationList, { deviations: DEVIATIONS })))
    expect(shown).not.toContain('Gäller')
    expect(text(render(createElement(DeviationList, { deviations: [] })))).toBe(
      'Inga avvikelser är registrerade.',
    )
  })

  it('P11: newest first, as the server lists them – by date, then by when recorded', () => {
    const later = { ...DEVIATIONS[1]!, id: 'd3', recordedAt: '2026-12-02T08:00:00.000Z' }
    expect([DEVIATIONS[1]!, later, DEVIATIONS[0]!].sort(newestFirst).map((d) => d.id)).toEqual([
      'd1',
      'd3',
      'd2',
    ])
  })

  it('P11: in English the categories are English', async () => {
    await i18n.changeLanguage('en')
    try {
      const shown = text(render(createElement(DeviationList, { deviations: DEVIATIONS })))
      expect(shown).toContain('An invited organisation did not come')
      expect(shown).toContain('Organisation BUP (child and adolescent psychiatry) (BUP Nord)')
    } finally {
      await i18n.changeLanguage('sv')
    }
  })
})

describe('P11: the form that records a deviation', () => {
  const html = render(createElement(DeviationForm, { sipId: 's1', meetings: MEETINGS, onRecorded: () => {} }))

  it('P11: every category as a radio button, in words, none chosen', () => {
    for (const category of DEVIATION_CATEGORIES) {
      expect(html).toContain(`id="deviation-category-${category}"`)
      expect(html).toContain(`>${sv.deviations.categories[category]}</label>`)
    }
    expect(html).not.toMatch(/type="radio"[^>]*checked/)
    expect(text(html)).toContain('Kategori')
  })

  it('P11: the organisation from the same list the participant form offers', () => {
    expect(text(html)).toContain('Verksamhet som avvikelsen gäller')
    for (const word of ['Skola', 'Elevhälsa', 'Socialtjänst', 'BUP', 'Familj', 'Annan'])
      expect(html).toContain(`>${word}</option>`)
  })

  it('P11: the description warns against personal data, visibly and to a screen reader', () => {
    const warning = 'Skriv inga personuppgifter – inga namn, personnummer eller detaljer om barnet.'
    expect(text(html)).toContain(warning)
    // The warning is the textarea's description (aria-describedby), read out on focus.
    expect(html).toMatch(
      /<textarea id="deviation-description"[^>]*aria-describedby="deviation-description-hint"/,
    )
    expect(html).toMatch(
      /<p class="field__hint" id="deviation-description-hint"><strong[^>]*>Skriv inga personuppgifter/,
    )
    expect(text(html)).toContain('Kort, högst 500 tecken.')
  })

  it('P11: the date is today unless changed, and cannot be after today', () => {
    // The day in Sweden, as the form and the server count it – not this machine's (UTC) day.
    const today = stockholmDay(Date.now())
    expect(html).toMatch(new RegExp(`<input id="deviation-occurredOn"[^>]*type="date"[^>]*value="${today}"`))
    expect(html).toMatch(new RegExp(`<input id="deviation-occurredOn"[^>]*max="${today}"`))
  })

  it('P11: the meeting is optional – the whole SIP, or one of its meetings by type and date', () => {
    const select = /<select id="deviation-meetingId"[^>]*>(.*?)<\/select>/.exec(html)?.[1] ?? ''
    expect(text(select.replaceAll('</option>', ' |'))).toBe(
      'Hela SIP:en | Första möte måndag 14 december 2026 | Uppföljningsmöte måndag 1 mars 2027 |',
    )
    expect(html).toMatch(/<option value="" selected="">Hela SIP:en<\/option>/)
    expect(text(html)).toContain('Möte (valfritt)')
  })
})

describe('P11: the section on the SIP page', () => {
  it('P11: a region named "Avvikelser" that says it is loading before the list is in', () => {
    const html = render(createElement(DeviationsSection, { sipId: 's1', meetings: MEETINGS }))
    expect(html).toMatch(
      /<section class="[^"]*\bdeviations\b[^"]*" aria-labelledby="([^"]+)"><h2 id="\1"[^>]*>Avvikelser<\/h2>/,
    )
    expect(text(html)).toContain('Hämtar…')
    expect(text(html)).toContain('Registrera en avvikelse')
    // Nothing to export until there is something.
    expect(text(html)).not.toContain('Exportera som CSV')
  })
})
