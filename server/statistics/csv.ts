import type { StatisticsReport } from '../../shared/schemas/statistics'
import type { TableId } from '../../shared/statistics/tables'
import { toCsv } from '../csv'
import { publicationSuffix } from './pdf'
import { textTable } from './presentation'

/**
 * One table of the statistics as CSV (server/csv.ts: BOM, semicolons, CRLF): the header row in
 * Swedish – what the rows are ("Huvudman") and the columns – then one row per row of the table, its
 * label first. Per cents are bare whole numbers; a hidden count is "< 5" (the report's threshold); a
 * hidden per cent and a figure that does not apply are empty. A file for publication says so in its
 * name (`-publicering`).
 */
export function statisticsCsv(report: StatisticsReport, table: TableId): { fileName: string; csv: string } {
  const found = report.tables.find((t) => t.id === table)
  if (!found) throw new Error(`statistics: no table ${table}`)
  const { columns, rows } = textTable(report, found, 'sv', { none: '', percentSign: null })
  return {
    fileName: `sip-statistik-${table}-${report.query.from}-${report.query.to}${publicationSuffix(report)}.csv`,
    csv: toCsv(columns, rows),
  }
}
