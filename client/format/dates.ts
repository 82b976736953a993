import { currentLanguage } from '../i18n'

/**
 * Dates and times as people read them, in the browser's time zone: "måndag 14 december 2026",
 * "09:00". The Swedish locale writes 24-hour times; English uses en-GB for the same reason.
 */

function locale(): string {
  return currentLanguage() === 'en' ? 'en-GB' : 'sv-SE'
}

const DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' }

/**
 * One formatter per locale and kind, made once: making one loads the locale's calendar data, a
 * quarter of a second on a slow phone for the first (issue 15), and a page formats many dates.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(locale: string, kind: 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${locale} ${kind}`
  let made = formatters.get(key)
  if (!made) {
    made = new Intl.DateTimeFormat(locale, kind === 'date' ? DATE : TIME)
    formatters.set(key, made)
  }
  return made
}

export function formatDate(iso: string): string {
  return formatter(locale(), 'date').format(new Date(iso))
}

export function formatTime(iso: string): string {
  return formatter(locale(), 'time').format(new Date(iso))
}

/**
 * Makes the page language's formatters ahead of need, when the browser has nothing else to do: a
 * personal link's join does, while it waits for the network (join/joining.ts).
 */
export function prepareDateFormats(): void {
  const prepare = () => {
    formatter(locale(), 'date')
    formatter(locale(), 'time')
  }
  if (typeof requestIdleCallback === 'function') requestIdleCallback(prepare)
  else setTimeout(prepare, 0)
}

export function formatDateTime(iso: string): string {
  return `${formatDate(iso)} ${formatTime(iso)}`
}

/** "2026-11-20 14:05" – compact, for logs and lists. */
export function formatTimestamp(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso))
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/**
 * A date (YYYY-MM-DD) and a time (HH:MM) from native inputs, read in the browser's time zone, as
 * ISO 8601 with that zone's offset on that day (summer and winter time differ): the form the
 * shared schema asks for. Undefined when either part is missing or not a real moment.
 */
export function localDateTimeToIso(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined
  const moment = new Date(`${date}T${time}:00`)
  if (Number.isNaN(moment.getTime())) return undefined
  const offsetMinutes = -moment.getTimezoneOffset()
  const sign = offsetMinutes >= 0 ? '+' : '-'
  const abs = Math.abs(offsetMinutes)
  return `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** The local date and time parts of an ISO moment, for filling native inputs. */
export function isoToLocalParts(iso: string): { date: string; time: string } {
  const moment = new Date(iso)
  return {
    date: `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`,
    time: `${pad(moment.getHours())}:${pad(moment.getMinutes())}`,
  }
}

/** Today in the browser's time zone, as YYYY-MM-DD. */
export function todayLocal(): string {
  return isoToLocalParts(new Date().toISOString()).date
}
