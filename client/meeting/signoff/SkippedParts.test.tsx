import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { SkippedPart } from '../../../shared/plan/skipped'
import { en } from '../../i18n/en'
import { sv } from '../../i18n/sv'
import { Translator, TranslatorProvider } from '../../i18n/translator'
import { SkippedParts, skippedLines } from './SkippedParts'

const i18n = new Translator({ sv, en }, 'sv')

const SKIPPED: SkippedPart[] = [
  { part: 'needs', problem: 'not-rich-text' },
  { part: 'needs', problem: 'not-rich-text' },
  { part: 'goals', index: 2, problem: 'not-a-map' },
  { part: 'goals', index: 0, field: 'agreed', problem: 'wrong-type' },
  { part: 'goals', index: 1, field: 'kind', problem: 'wrong-type' },
  { part: 'supports', index: 0, problem: 'not-a-map' },
  { part: 'participants', key: 'p9', problem: 'not-a-map' },
  { part: 'responsible', field: 'name', problem: 'wrong-type' },
  { part: 'followUp', field: 'place', problem: 'wrong-type' },
]

describe('G13: what a lock left out, for the chair', () => {
  it('G13: one plain line per place, in Swedish first and in English', async () => {
    await i18n.changeLanguage('sv')
    expect(skippedLines(SKIPPED, i18n.t)).toEqual([
      'En del av texten under ”Behov”',
      'Mål nr 3',
      'Mål nr 1: Överens med barnet och vårdnadshavarna',
      'Mål nr 2: en uppgift',
      'Insats nr 1',
      'En rad i deltagarlistan',
      'Huvudansvarig: Namn',
      'Uppföljningsmöte: Plats',
    ])
    await i18n.changeLanguage('en')
    expect(skippedLines(SKIPPED, i18n.t)[1]).toBe('Goal no. 3')
    await i18n.changeLanguage('sv')
  })

  it('G13: a heading and a list – nothing at all when nothing was left out', () => {
    const render = (skipped: SkippedPart[]) =>
      renderToStaticMarkup(
        createElement(TranslatorProvider, { translator: i18n }, createElement(SkippedParts, { skipped })),
      )
    const html = render([{ part: 'goals', index: 2, problem: 'not-a-map' }])
    expect(html).toContain(
      '<h3 id="signoff-skipped-title">Några delar av planen hade fel form och kom inte med i versionen</h3>',
    )
    expect(html).toContain('<ul class="signoff-list"><li>Mål nr 3</li></ul>')
    expect(html).toContain('aria-labelledby="signoff-skipped-title"')
    expect(render([])).toBe('')
  })
})
