import { describe, expect, it } from 'vitest'
import { en } from './en'
import { sv } from './sv'
import { type TranslationKey, Translator } from './translator'

describe('Translator', () => {
  it('fills in values, chooses the plural by count, and follows the language chosen', async () => {
    const i18n = new Translator({ sv, en }, 'sv')
    expect(i18n.t('deviations.admin.count', { count: 1 })).toBe('1 avvikelse')
    expect(i18n.t('deviations.admin.count', { count: 3 })).toBe('3 avvikelser')
    expect(i18n.t('meeting.youAreNamed', { name: 'Sara', role: 'vårdnadshavare' })).toBe(
      sv.meeting.youAreNamed.replace('{{name}}', 'Sara').replace('{{role}}', 'vårdnadshavare'),
    )
    const heard: string[] = []
    const stop = i18n.subscribe((language) => heard.push(language))
    const swedish = i18n.t
    await i18n.changeLanguage('en')
    expect(i18n.t('deviations.admin.count', { count: 1 })).toBe('1 deviation')
    expect(i18n.t).not.toBe(swedish)
    // A fixed t stays in its language.
    expect(i18n.getFixedT('sv')('deviations.admin.count', { count: 2 })).toBe('2 avvikelser')
    stop()
    await i18n.changeLanguage('sv')
    expect(heard).toEqual(['en'])
  })

  it('falls back to Swedish where the language has no catalogue, and to the key where no text is', () => {
    const i18n = new Translator({ sv }, 'en')
    expect(i18n.t('app.name')).toBe('SIP Live')
    expect(i18n.t('language.switchTo')).toBe('English')
    // Not a key of the catalogue (only typed code can stop this): the key shows, not an empty string.
    expect(i18n.t('app.missing' as 'app.name')).toBe('app.missing')
  })

  it('finds every text of both catalogues by its key, names with dots in them included (auditActions)', () => {
    for (const [language, catalogue] of [
      ['sv', sv],
      ['en', en],
    ] as const) {
      const t = new Translator({ sv, en }, language).t
      const leaves: [string, string][] = []
      const walk = (node: object, prefix: string) => {
        for (const [name, value] of Object.entries(node)) {
          if (typeof value === 'string') leaves.push([`${prefix}${name}`, value])
          else walk(value as object, `${prefix}${name}.`)
        }
      }
      walk(catalogue, '')
      expect(leaves.length).toBeGreaterThan(500)
      for (const [key, text] of leaves) expect(t(key as TranslationKey), key).toBe(text)
    }
    expect(new Translator({ sv, en }, 'sv').t('auditActions.plan.opened' as TranslationKey)).toBe(
      'Planen öppnad',
    )
  })
})
