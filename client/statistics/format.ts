import type { Language } from '../../shared/languages'
import { fill } from '../../shared/minutes/text'
import type { StatisticsCell, StatisticsReport } from '../../shared/schemas/statistics'
import type { ColumnKey } from '../../shared/statistics/tables'
import { STATISTICS_TEXT, type StatisticsText } from '../../shared/statistics/text'

/**
 * The report's figures as people read them: "1 234", "76 %", "< 5" for a count hidden in a report
 * for publication, "–" where a figure does not apply. The words are shared/statistics/text.ts's.
 */

export interface ReportFormat {
  lang: Language
  text: StatisticsText
  threshold: number
}

export function reportFormat(lang: Language, report: Pick<StatisticsReport, 'threshold'>): ReportFormat {
  return { lang, text: STATISTICS_TEXT[lang], threshold: report.threshold }
}

const locale = (lang: Language): string => (lang === 'en' ? 'en-GB' : 'sv-SE')

export function formatNumber(lang: Language, value: number): string {
  return new Intl.NumberFormat(locale(lang)).format(value)
}

/** "76 %" in Swedish (a no-break space before the sign), "76%" in English. */
export function formatPercent(lang: Language, value: number): string {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(
    value / 100,
  )
}

/**
 * One figure of a table. A hidden count reads "< 5"; its hidden per cent is not shown ("–"), as the
 * report's publication sentence says: "< 5" in a per-cent column would read "under 5 %", and 3 of
 * 14 is 21 %.
 */
export function formatCell(
  format: ReportFormat,
  column: ColumnKey,
  cell: StatisticsCell | undefined,
): string {
  if (cell === null || cell === undefined) return format.text.notApplicable
  if (cell === 'suppressed')
    return column === 'percent'
      ? format.text.notApplicable
      : fill(format.text.suppressed, { threshold: format.threshold })
  return column === 'percent' ? formatPercent(format.lang, cell) : formatNumber(format.lang, cell)
}

/** "Underlag: 152". */
export function formatBasis(format: ReportFormat, base: StatisticsCell): string {
  return fill(format.text.basis, { count: formatCell(format, 'count', base) })
}

/** The period, the filters and what kind of counts: the lines under the report's title. */
export function reportLines(format: ReportFormat, report: StatisticsReport) {
  const { text } = format
  const { query } = report
  const filters = [
    query.organisation
      ? fill(text.filters.organisation, {
          value: text.organisations[query.organisation] ?? query.organisation,
        })
      : null,
    query.principal
      ? fill(text.filters.principal, { value: text.rows[query.principal] ?? query.principal })
      : null,
    query.municipality ? fill(text.filters.municipality, { value: query.municipality }) : null,
  ].filter((line): line is string => line !== null)
  return {
    period: fill(text.subtitle, { from: query.from, to: query.to }),
    filters: filters.length > 0 ? filters.join(' · ') : text.filters.none,
    counts: query.publication ? fill(text.publication, { threshold: report.threshold }) : text.exact,
    generated: fill(text.generated, { at: formatMoment(report.generatedAt) }),
  }
}

/** "2026-11-29 14:05" in the browser's time zone. */
function formatMoment(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso))
}
