import type { StatisticsCell, StatisticsReport, StatisticsTable } from '../../shared/schemas/statistics'
import type { ColumnKey } from '../../shared/statistics/tables'

/**
 * The report for publication (docs/statistics.md ST20): every count from 1 to threshold − 1 – the
 * base too – becomes 'suppressed', and so does every per cent of a suppressed count. 0 stays 0 (no
 * one to point at) and null stays null (nothing to show). Pure: the exact report in, the published
 * one out.
 */

/** Columns that are per cents, and the count column each is a per cent of. */
const PERCENT_OF: Partial<Record<ColumnKey, ColumnKey>> = { percent: 'count' }

function isSmall(cell: StatisticsCell, threshold: number): boolean {
  return typeof cell === 'number' && cell >= 1 && cell < threshold
}

function suppressCount(cell: StatisticsCell, threshold: number): StatisticsCell {
  return isSmall(cell, threshold) ? 'suppressed' : cell
}

function publishTable(table: StatisticsTable, threshold: number): StatisticsTable {
  return {
    ...table,
    base: suppressCount(table.base, threshold),
    rows: table.rows.map((row) => {
      const values: Record<string, StatisticsCell> = {}
      for (const [column, cell] of Object.entries(row.values)) {
        if (column in PERCENT_OF) {
          // The per cent of `without` in the without-function table, of `count` elsewhere.
          const of = 'without' in row.values ? 'without' : (PERCENT_OF[column as ColumnKey] as string)
          values[column] = cell !== null && isSmall(row.values[of] ?? null, threshold) ? 'suppressed' : cell
        } else {
          values[column] = suppressCount(cell, threshold)
        }
      }
      return { ...row, values }
    }),
  }
}

/** The report as published: small counts and their per cents hidden (a report already published is unchanged). */
export function forPublication(report: StatisticsReport, threshold: number): StatisticsReport {
  return {
    ...report,
    query: { ...report.query, publication: true },
    threshold,
    tables: report.tables.map((table) => publishTable(table, threshold)),
  }
}
