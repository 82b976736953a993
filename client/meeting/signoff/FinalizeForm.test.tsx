import { createElement } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { SessionResponse } from '../../../shared/schemas/session'
import { FinalizeInputSchema } from '../../../shared/schemas/signoff'
import { i18n, render, text } from '../../test/render'
import { FinalizeForm, finalizeInput } from './FinalizeForm'

vi.hoisted(() => {
  // The app's i18n (reached through the API client) marks the page's language when it loads.
  Object.assign(globalThis, { document: { documentElement: {} } })
})

const MISSING = [
  { id: 'p1', name: 'Sara' },
  { id: 'p2', name: 'Nils' },
]

describe('G7 and issue 14: finalizing with the reasons for missing signatures', () => {
  it('sends each missing signature’s kind of reason as `category`, beside the chair’s words', () => {
    const input = finalizeInput(
      MISSING,
      { p1: '  Gick till nästa möte ', p2: 'Nätet låg nere' },
      { p1: 'left-early', p2: 'technical' },
    )
    expect(input).toEqual({
      missing: [
        { participantId: 'p1', category: 'left-early', reason: 'Gick till nästa möte' },
        { participantId: 'p2', category: 'technical', reason: 'Nätet låg nere' },
      ],
    })
    expect(FinalizeInputSchema.parse(input)).toEqual(input)
  })

  it('a kind left unchosen is not sent (the server counts it as another reason)', () => {
    expect(finalizeInput(MISSING, { p1: 'Gick', p2: 'Ville inte' }, { p2: '' })).toEqual({
      missing: [
        { participantId: 'p1', reason: 'Gick' },
        { participantId: 'p2', reason: 'Ville inte' },
      ],
    })
  })

  it('per person a group: "Skäl" in the statistics’ words, and the explanation', () => {
    const html = render(
      createElement(FinalizeForm, {
        me: { meetingId: 'm1', participantId: 'chair' } as SessionResponse,
        missing: MISSING,
        apply: () => {},
      }),
    )
    expect(html).toMatch(
      /<fieldset class="signoff-missing"><legend>Varför har Sara inte skrivit under\?<\/legend>/,
    )
    const select = /<select id="signoff-missing-p1-category"[^>]*>(.*?)<\/select>/.exec(html)?.[1] ?? ''
    expect(text(select.replaceAll('</option>', ' |'))).toBe(
      'Välj skäl | Gick innan underskriften | Tekniskt hinder | Ville inte skriva under | Annat skäl |',
    )
    expect(html).toMatch(/<label class="field__label" for="signoff-missing-p1-category">Skäl/)
    expect(html).toMatch(/<label class="field__label" for="signoff-missing-p2">Förklaring<\/label>/)
    expect(html.match(/<select /g)).toHaveLength(2)
  })

  it('in English, the reasons are English', async () => {
    await i18n.changeLanguage('en')
    try {
      const html = render(
        createElement(FinalizeForm, {
          me: { meetingId: 'm1', participantId: 'chair' } as SessionResponse,
          missing: MISSING.slice(0, 1),
          apply: () => {},
        }),
      )
      expect(text(html)).toContain(
        'Left before signing Technical obstacle Did not want to sign Another reason',
      )
    } finally {
      await i18n.changeLanguage('sv')
    }
  })
})
