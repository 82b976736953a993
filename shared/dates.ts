/**
 * Calendar days and local times as Swedish organisations live them: in Europe/Stockholm, whatever
 * the server's or the browser's own time zone.
 */

export const TIME_ZONE = 'Europe/Stockholm'

/**
 * Made at the first use, not at import: the first formatter loads the time zone data (~15 ms),
 * which a server start does not need (docs/performance.md, "Start-up (issue 15)").
 */
let dayFormat: Intl.DateTimeFormat | undefined

/** The calendar day (YYYY-MM-DD) of an instant in Stockholm. */
export function stockholmDay(ms: number): string {
  dayFormat ??= new Intl.DateTimeFormat('sv-SE', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
  return dayFormat.format(new Date(ms))
}

/** `day` plus `days` calendar days, as YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** Stockholm's offset from UTC at an instant, as "+01:00" or "+02:00". */
function stockholmOffset(ms: number): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms))
    .find((part) => part.type === 'timeZoneName')?.value
  const offset = name?.replace('GMT', '') ?? ''
  return offset === '' ? '+00:00' : offset
}

/**
 * A local date and time in Stockholm ("2027-05-05", "09:00") as an ISO date-time with its offset,
 * or undefined when either is not of that shape.
 */
export function stockholmDateTime(day: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) return undefined
  const guess = Date.parse(`${day}T${time}:00Z`)
  if (Number.isNaN(guess)) return undefined
  return `${day}T${time}:00${stockholmOffset(guess)}`
}
