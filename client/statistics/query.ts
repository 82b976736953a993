import { type StatisticsQuery, StatisticsQuerySchema } from '../../shared/schemas/statistics'
import type { ApiIssue } from '../api'
import { routes } from '../router/routes'

/**
 * The statistics page's period and filters (issue 14): as the form holds them, as the page's
 * address carries them (Swedish names, so a report can be linked: /statistik?fran=…&till=…) and
 * as the API reads them (checked with the shared schema before anything is sent).
 */

export interface StatisticsFilters {
  from: string
  to: string
  /** An organisation key, '' for all. */
  organisation: string
  /** A principal key, '' for all. */
  principal: string
  /** '' for all. */
  municipality: string
  publication: boolean
}

export type StatisticsParams = NonNullable<ReturnType<typeof routes.statistics.match>>

/** Why a filter field is refused: each has its sentence in `statistics.errors`. */
export type FilterProblem = 'date' | 'toBeforeFrom' | 'periodTooLong' | 'choice' | 'tooLong'
export type FilterField = 'from' | 'to' | 'organisation' | 'principal' | 'municipality'
export const FILTER_FIELDS: readonly FilterField[] = [
  'from',
  'to',
  'organisation',
  'principal',
  'municipality',
]

const day = (year: number, month: number, date: number): string =>
  new Date(Date.UTC(year, month - 1, date)).toISOString().slice(0, 10)

function parts(today: string): { year: number; month: number } {
  return { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }
}

/**
 * The period the page opens with: this year up to today. Early in January it is short; "Förra
 * året" and "Förra kvartalet" are one click away (presetPeriods).
 */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today }
}

/** Periods people ask for: this year so far, the last full calendar quarter, last year. */
export function presetPeriods(today: string) {
  const { year, month } = parts(today)
  const quarterStart = Math.floor((month - 1) / 3) * 3 + 1
  // The quarter before this one: its first month, and its last day (day 0 of the next month).
  const lastQuarter = quarterStart === 1 ? { year: year - 1, month: 10 } : { year, month: quarterStart - 3 }
  return {
    thisYear: defaultPeriod(today),
    lastQuarter: {
      from: day(lastQuarter.year, lastQuarter.month, 1),
      to: day(lastQuarter.year, lastQuarter.month + 3, 0),
    },
    lastYear: { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
  }
}

/** The filters the address names; a period left out is the default one. */
export function filtersFromParams(params: StatisticsParams, today: string): StatisticsFilters {
  const period = defaultPeriod(today)
  return {
    from: params.fran ?? period.from,
    to: params.till ?? period.to,
    organisation: params.verksamhet ?? '',
    principal: params.huvudman ?? '',
    municipality: params.kommun ?? '',
    publication: params.publicering === 'ja',
  }
}

/** The page's address for these filters (a filter that is not set is left out). */
export function filtersAddress(filters: StatisticsFilters): string {
  return routes.statistics({
    fran: filters.from,
    till: filters.to,
    verksamhet: filters.organisation || null,
    huvudman: filters.principal || null,
    kommun: filters.municipality.trim() || null,
    publicering: filters.publication ? 'ja' : null,
  })
}

/** The report's address for the same filters, with another period (the quick choices). */
export function withPeriod(filters: StatisticsFilters, period: { from: string; to: string }): string {
  return filtersAddress({ ...filters, ...period })
}

export type CheckedFilters =
  | { ok: true; query: StatisticsQuery }
  | { ok: false; problems: Partial<Record<FilterField, FilterProblem>> }

/** The filters checked with the schema the server parses them with. */
export function checkFilters(filters: StatisticsFilters): CheckedFilters {
  const parsed = StatisticsQuerySchema.safeParse({
    from: filters.from,
    to: filters.to,
    organisation: filters.organisation || undefined,
    principal: filters.principal || undefined,
    municipality: filters.municipality.trim() || undefined,
    publication: filters.publication ? 'true' : 'false',
  })
  if (parsed.success) return { ok: true, query: parsed.data }
  const problems: Partial<Record<FilterField, FilterProblem>> = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '') as FilterField
    if (!FILTER_FIELDS.includes(field)) continue
    problems[field] ??= problemOf(field, issue.code, issue.message)
  }
  return { ok: false, problems }
}

function problemOf(field: FilterField, code: string, message: string): FilterProblem {
  if (message === 'toBeforeFrom' || message === 'periodTooLong') return message
  if (field === 'from' || field === 'to') return 'date'
  if (code === 'too_big' || code === 'tooLong') return 'tooLong'
  return 'choice'
}

/**
 * A 400's issues on the filters: the problems the page has its own words for, else the server's
 * sentence (it names the field in the request's language).
 */
export function serverProblems(
  issues: readonly ApiIssue[],
): Partial<Record<FilterField, FilterProblem | string>> {
  const problems: Partial<Record<FilterField, FilterProblem | string>> = {}
  for (const issue of issues) {
    const field = issue.field.split('.')[0] as FilterField
    if (!FILTER_FIELDS.includes(field)) continue
    const known =
      issue.code === 'toBeforeFrom' || issue.code === 'periodTooLong'
        ? issue.code
        : (field === 'from' || field === 'to') && (issue.code === 'invalidDate' || issue.code === 'required')
          ? 'date'
          : issue.code === 'invalidChoice'
            ? 'choice'
            : issue.code === 'tooLong'
              ? 'tooLong'
              : null
    problems[field] ??= known ?? issue.message
  }
  return problems
}

/** The page without a chosen period (it opens with the default one): the staff menu's link. */
export const statisticsHome = (): string =>
  routes.statistics({
    fran: null,
    till: null,
    verksamhet: null,
    huvudman: null,
    kommun: null,
    publicering: null,
  })
