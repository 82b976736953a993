import { describe, expect, it, vi } from 'vitest'

const language = vi.hoisted(() => ({ current: 'sv' as 'sv' | 'en' }))
vi.mock('../i18n', () => ({ currentLanguage: () => language.current }))

import { formatDate, formatDateTime, formatTime } from './dates'

describe('dates as people read them', () => {
  it('follow the page language although each formatter is made once (issue 15)', () => {
    const at = '2026-12-14T08:00:00.000Z'
    const swedish = new Intl.DateTimeFormat('sv-SE', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    })
    const english = new Intl.DateTimeFormat('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    })
    language.current = 'sv'
    expect(formatDate(at)).toBe(swedish.format(new Date(at)))
    language.current = 'en'
    expect(formatDate(at)).toBe(english.format(new Date(at)))
    language.current = 'sv'
    expect(formatDate(at)).toBe(swedish.format(new Date(at)))
    expect(formatTime(at)).toMatch(/^\d{2}[.:]\d{2}$/)
    expect(formatDateTime(at)).toBe(`${formatDate(at)} ${formatTime(at)}`)
  })
})
