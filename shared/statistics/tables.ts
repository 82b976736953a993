import { CHILD_PARTICIPATION, ORGANISATIONS, type Organisation } from '../schemas/meeting'
import { MISSING_SIGNATURE_REASONS } from '../schemas/signoff'
import { CLOSE_REASONS, DEVIATION_CATEGORIES } from '../schemas/sip'

/**
 * The statistics report (issue 14): its sections and tables, each table's rows and columns, defined
 * once for the server that counts them, the page that draws them, the CSV and the PDF. The words
 * are in ./text.ts; how each figure is counted is in docs/statistics.md.
 */

/** The three principals (huvudmän) of a SIP: the school, the municipality's social services, the region. */
export const PRINCIPALS = ['school', 'social', 'region'] as const
export type Principal = (typeof PRINCIPALS)[number]

/** Which principal an organisation belongs to; null for the family and other organisations. */
export const PRINCIPAL_OF: Record<Organisation, Principal | null> = {
  skola: 'school',
  elevhalsa: 'school',
  socialtjanst: 'social',
  bup: 'region',
  habilitering: 'region',
  primarvard: 'region',
  ungdomsmottagning: 'region',
  familj: null,
  annan: null,
}

/** The organisations of professionals (everyone but the family). */
export const PROFESSIONAL_ORGANISATIONS = ORGANISATIONS.filter((o) => o !== 'familj')

/** The attendance statuses a finalized meeting records per participant; `unmarked`: none was set. */
export const ATTENDANCE_STATUSES = ['present', 'remote', 'cancelled', 'no-show', 'unmarked'] as const
export type AttendanceStatusKey = (typeof ATTENDANCE_STATUSES)[number]

/** The number of days the routines allow: consent to first meeting (seed 004), invitation ahead (seed 002). */
export const THREE_WEEKS_DAYS = 21

/** A column of a table: a count, its per cent of the table's base, or a count per attendance status. */
export type ColumnKey = 'count' | 'percent' | 'without' | 'total' | AttendanceStatusKey

export const SECTIONS = [
  'meetings',
  'convening',
  'participation',
  'attendance',
  'child',
  'timeliness',
  'follow-up',
  'signatures',
  'satisfaction',
  'closure',
] as const
export type SectionId = (typeof SECTIONS)[number]

export interface TableSpec {
  id: string
  section: SectionId
  columns: readonly ColumnKey[]
  /** The rows, always in this order (zeros included); 'dynamic' rows come from the data (functions). */
  rows: readonly string[] | 'dynamic'
  /**
   * How the page draws it: one bar per row of `count` ('bars'), one bar per row split across the
   * status columns ('stacked'), or no chart (a plain table).
   */
  chart: 'bars' | 'stacked' | 'none'
}

const COUNT_PERCENT = ['count', 'percent'] as const
const STATUS_COLUMNS = [...ATTENDANCE_STATUSES, 'total'] as const
const PRINCIPAL_ROWS = [...PRINCIPALS, 'other', 'unknown'] as const

export const STATISTICS_TABLES = [
  // Meetings held (finalized) in the period; first meetings and follow-ups of them; meetings cancelled.
  {
    id: 'meetings',
    section: 'meetings',
    columns: COUNT_PERCENT,
    rows: ['held', 'first', 'followup', 'cancelled'],
    chart: 'none',
  },
  // The convener's organisation and principal, and (rows from the data) organisation and function.
  {
    id: 'convener-principal',
    section: 'convening',
    columns: COUNT_PERCENT,
    rows: PRINCIPAL_ROWS,
    chart: 'bars',
  },
  {
    id: 'convener-organisation',
    section: 'convening',
    columns: COUNT_PERCENT,
    rows: [...PROFESSIONAL_ORGANISATIONS, 'unknown'],
    chart: 'bars',
  },
  { id: 'convener-function', section: 'convening', columns: COUNT_PERCENT, rows: 'dynamic', chart: 'none' },
  // Meetings where a principal / organisation took part (someone present or remote).
  {
    id: 'participation-principal',
    section: 'participation',
    columns: COUNT_PERCENT,
    rows: PRINCIPALS,
    chart: 'bars',
  },
  {
    id: 'participation-organisation',
    section: 'participation',
    columns: COUNT_PERCENT,
    rows: PROFESSIONAL_ORGANISATIONS,
    chart: 'bars',
  },
  {
    id: 'principal-combinations',
    section: 'participation',
    columns: COUNT_PERCENT,
    rows: [
      'all-three',
      'school-social',
      'school-region',
      'social-region',
      'school-only',
      'social-only',
      'region-only',
      'none',
    ],
    chart: 'bars',
  },
  {
    id: 'principal-count',
    section: 'participation',
    columns: COUNT_PERCENT,
    rows: ['three', 'two', 'one', 'none'],
    chart: 'none',
  },
  // Per invited person: how they attended, per principal and per organisation.
  {
    id: 'attendance-principal',
    section: 'attendance',
    columns: STATUS_COLUMNS,
    rows: [...PRINCIPALS, 'family', 'other'],
    chart: 'stacked',
  },
  {
    id: 'attendance-organisation',
    section: 'attendance',
    columns: STATUS_COLUMNS,
    rows: ORGANISATIONS,
    chart: 'stacked',
  },
  // Professionals recorded without a function (empty, or only the organisation's name: "BUP", "HAB").
  {
    id: 'without-function',
    section: 'attendance',
    columns: ['without', 'total', 'percent'],
    rows: PROFESSIONAL_ORGANISATIONS,
    chart: 'none',
  },
  {
    id: 'child-participation',
    section: 'child',
    columns: COUNT_PERCENT,
    rows: CHILD_PARTICIPATION,
    chart: 'bars',
  },
  {
    id: 'guardian-attendance',
    section: 'child',
    columns: COUNT_PERCENT,
    rows: ATTENDANCE_STATUSES,
    chart: 'bars',
  },
  // First meetings: consent to meeting within three weeks (seed 004); invitations three weeks ahead (seed 002).
  {
    id: 'consent-to-first',
    section: 'timeliness',
    columns: COUNT_PERCENT,
    rows: ['within-three-weeks', 'later', 'no-consent'],
    chart: 'bars',
  },
  {
    id: 'invitation-notice',
    section: 'timeliness',
    columns: COUNT_PERCENT,
    rows: ['three-weeks-or-more', 'less-than-three-weeks', 'no-invitation'],
    chart: 'bars',
  },
  {
    id: 'follow-up-booked',
    section: 'follow-up',
    columns: COUNT_PERCENT,
    rows: ['booked', 'not-booked'],
    chart: 'bars',
  },
  {
    id: 'follow-up-outcome',
    section: 'follow-up',
    columns: COUNT_PERCENT,
    rows: ['on-time', 'late', 'overdue', 'not-yet-due', 'sip-closed'],
    chart: 'bars',
  },
  {
    id: 'signatures',
    section: 'signatures',
    columns: COUNT_PERCENT,
    rows: ['signed-by-all', 'missing'],
    chart: 'bars',
  },
  {
    id: 'missing-signature-reasons',
    section: 'signatures',
    columns: COUNT_PERCENT,
    rows: MISSING_SIGNATURE_REASONS,
    chart: 'bars',
  },
  {
    id: 'satisfaction',
    section: 'satisfaction',
    columns: COUNT_PERCENT,
    rows: ['score-5', 'score-4', 'score-3', 'score-2', 'score-1'],
    chart: 'bars',
  },
  { id: 'sips-closed', section: 'closure', columns: COUNT_PERCENT, rows: CLOSE_REASONS, chart: 'bars' },
  {
    id: 'deviations-category',
    section: 'closure',
    columns: COUNT_PERCENT,
    rows: DEVIATION_CATEGORIES,
    chart: 'bars',
  },
  {
    id: 'deviations-organisation',
    section: 'closure',
    columns: COUNT_PERCENT,
    rows: ORGANISATIONS,
    chart: 'bars',
  },
] as const satisfies readonly TableSpec[]

export type TableId = (typeof STATISTICS_TABLES)[number]['id']
export const TABLE_IDS = STATISTICS_TABLES.map((t) => t.id) as unknown as readonly [TableId, ...TableId[]]

export function tableSpec(id: TableId): TableSpec {
  return STATISTICS_TABLES.find((t) => t.id === id)!
}
