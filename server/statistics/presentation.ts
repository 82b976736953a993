import { TIME_ZONE } from '../../shared/dates'
import type { Language } from '../../shared/languages'
import { fill } from '../../shared/minutes/text'
import type { StatisticsCell, StatisticsReport, StatisticsTable } from '../../shared/schemas/statistics'
import { tableSpec } from '../../shared/statistics/tables'
import { rowLabel, STATISTICS_TEXT, type StatisticsText } from '../../shared/statistics/text'

/**
 * What the CSV and the PDF of the statistics both say, in the report's words (shared/statistics/
 * text.ts): its period and filters, which sentence heads it (exact, or for publication), and a
 * table as a header and rows of text.
 */

export interface ReportHeader {
  title: string
  /** "Möten 2026-03-01 – 2026-05-31" */
  period: string
  /** "Verksamhet: Skola · Kommun: Uppsala", or "Alla verksamheter och kommuner". */
  filters: string
  /** The exact-counts sentence, or the publication sentence with its threshold. */
  privacy: string
  /** "Framtagen 2026-06-01 10:15 ur SIP Live." */
  generated: string
}

export function reportHeader(report: StatisticsReport, lang: Language): ReportHeader {
  const text = STATISTICS_TEXT[lang]
  const { query } = report
  const filters = [
    query.organisation &&
      fill(text.filters.organisation, { value: text.organisations[query.organisation] ?? '' }),
    query.principal && fill(text.filters.principal, { value: text.rows[query.principal] ?? query.principal }),
    query.municipality && fill(text.filters.municipality, { value: query.municipality }),
  ].filter((part): part is string => Boolean(part))
  const at = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: TIME_ZONE })
  return {
    title: text.title,
    period: fill(text.subtitle, { from: query.from, to: query.to }),
    filters: filters.length > 0 ? filters.join(' · ') : text.filters.none,
    privacy: query.publication ? fill(text.publication, { threshold: report.threshold }) : text.exact,
    generated: fill(text.generated, { at: at.format(new Date(report.generatedAt)) }),
  }
}

/** A table as text: the label column and the spec's columns, then one line per row. */
export interface TextTable {
  columns: string[]
  rows: string[][]
}

/**
 * A cell as text. `percentSign` for the PDF ("76 %"); the CSV keeps the bare number so a
 * spreadsheet can count with it. A hidden count is "< 5" with the report's threshold; its hidden per
 * cent is not shown (`none`), as the page does: "< 5" in a per-cent column would read "under 5 %".
 * null is `none`.
 */
export function cellText(
  cell: StatisticsCell | undefined,
  column: string,
  text: StatisticsText,
  threshold: number,
  options: { none: string; percentSign: string | null },
): string {
  if (cell === undefined || cell === null) return options.none
  if (cell === 'suppressed') return column === 'percent' ? options.none : fill(text.suppressed, { threshold })
  if (column === 'percent' && options.percentSign !== null) return `${cell}${options.percentSign}`
  return String(cell)
}

export function textTable(
  report: StatisticsReport,
  table: StatisticsTable,
  lang: Language,
  options: { none: string; percentSign: string | null },
): TextTable {
  const text = STATISTICS_TEXT[lang]
  const { columns } = tableSpec(table.id)
  return {
    columns: [text.labels[table.id], ...columns.map((column) => text.columns[column])],
    rows: table.rows.map((row) => [
      rowLabel(text, table.id, row),
      ...columns.map((column) => cellText(row.values[column], column, text, report.threshold, options)),
    ]),
  }
}

/** The base of a table as the report shows it ("Underlag: 152", "Underlag: < 5"). */
export function baseText(report: StatisticsReport, table: StatisticsTable, lang: Language): string {
  const text = STATISTICS_TEXT[lang]
  const count = cellText(table.base, 'count', text, report.threshold, { none: '0', percentSign: null })
  return fill(text.basis, { count })
}
