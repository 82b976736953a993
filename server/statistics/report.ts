import type { StatisticsQuery, StatisticsReport } from '../../shared/schemas/statistics'
import type { Db } from '../db/connection'

export interface ReportOptions {
  /** "Today" for the follow-up outcome (overdue / not yet due); Date.now() when not given. */
  now?: number
  /** Counts from 1 to threshold − 1 are 'suppressed' when query.publication is true. */
  threshold: number
}

/**
 * The statistics report (issue 14) for a period and filters, from the facts tables and the SIP
 * records only – never a plan document. How each figure is counted: docs/statistics.md.
 */
export function computeStatistics(
  _db: Db,
  _query: StatisticsQuery,
  _options: ReportOptions,
): StatisticsReport {
  throw new Error('computeStatistics: not built yet (issue 14, helper "report")')
}
