import type { StatisticsReport } from '../../shared/schemas/statistics'
import type { TableId } from '../../shared/statistics/tables'
import { toCsv } from '../csv'
import { textTable } from './presentation'

/**
 * One table of the statistics as CSV (server/csv.ts: BOM, semicolons, CRLF): the header row in
 * Swedish – "Rad" and the columns – then one row per row of the table, its label first. Per cents
 * are bare whole numbers; a hidden count is "< 5" (the report's threshold); no figure is empty.
 */
export function statisticsCsv(report: StatisticsReport, table: TableId): { fileName: string; csv: string } {
  const found = report.tables.find((t) => t.id === table)
  if (!found) throw new Error(`statistics: no table ${table}`)
  const { columns, rows } = textTable(report, found, 'sv', { none: '', percentSign: null })
  return {
    fileName: `sip-statistik-${table}-${report.query.from}-${report.query.to}.csv`,
    csv: toCsv(columns, rows),
  }
}
