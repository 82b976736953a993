import { currentLanguage } from '../i18n'

/**
 * Plan dates are calendar dates (YYYY-MM-DD, from native date inputs), not moments: they are read
 * as that day wherever the reader is, never through UTC (new Date('2026-06-15') would be the day
 * before west of Greenwich).
 */

function locale(): string {
  return currentLanguage() === 'en' ? 'en-GB' : 'sv-SE'
}

function parseDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return null
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(date.getTime()) ? null : date
}

/** "15 juni 2026" (or with the weekday: "måndag 15 juni 2026"); anything else as written. */
export function formatDay(value: string, { weekday = false }: { weekday?: boolean } = {}): string {
  const date = parseDay(value)
  if (!date) return value
  return new Intl.DateTimeFormat(locale(), {
    weekday: weekday ? 'long' : undefined,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date)
}
