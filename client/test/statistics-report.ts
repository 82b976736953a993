import {
  type StatisticsCell,
  type StatisticsReport,
  StatisticsReportSchema,
  type StatisticsRow,
  type StatisticsTable,
} from '../../shared/schemas/statistics'
import type { TableId } from '../../shared/statistics/tables'

/**
 * A statistics report written by hand in the shape of the region's follow-up (seed 000): 152
 * meetings in March–May, 7 of them follow-ups, the school convening 116 (76 %) and the region 19
 * (12 %), the region taking part in 111 (73 %), BUP and HAB participants recorded without a
 * function. Every table of the report, parsed with the shared schema, for the page's tests and
 * its screenshots (not a server's answer: the counts are made up to add up).
 */

const percentOf = (count: number, base: number): number | null =>
  base === 0 ? null : Math.round((100 * count) / base)

/** A count-and-per-cent table: rows in the spec's order with their counts. */
function counted(id: TableId, base: number, counts: [string, number][]): StatisticsTable {
  return {
    id,
    base,
    rows: counts.map(([key, count]) => ({ key, values: { count, percent: percentOf(count, base) } })),
  }
}

/** An attendance table: per row the counts of present, remote, cancelled, no-show and unmarked. */
function attendance(
  id: TableId,
  rows: [string, [number, number, number, number, number]][],
): StatisticsTable {
  const tableRows: StatisticsRow[] = rows.map(([key, [present, remote, cancelled, noShow, unmarked]]) => ({
    key,
    values: {
      present,
      remote,
      cancelled,
      'no-show': noShow,
      unmarked,
      total: present + remote + cancelled + noShow + unmarked,
    },
  }))
  const base = tableRows.reduce((sum, row) => sum + (row.values.total as number), 0)
  return { id, base, rows: tableRows }
}

const functions: [string, string, number][] = [
  ['skola', '', 53],
  ['skola', 'biträdande rektor', 31],
  ['skola', 'rektor', 25],
  ['socialtjanst', 'socialsekreterare', 8],
  ['elevhalsa', 'kurator', 5],
  ['unknown', '', 5],
  ['habilitering', 'kurator', 4],
  ['primarvard', 'kurator', 4],
  ['bup', 'kurator', 3],
  ['bup', 'psykolog', 3],
  ['socialtjanst', 'handläggare', 3],
  ['elevhalsa', 'specialpedagog', 2],
  ['habilitering', 'logoped', 2],
  ['habilitering', 'psykolog', 2],
  ['socialtjanst', 'familjebehandlare', 1],
  ['ungdomsmottagning', 'kurator', 1],
]

const withoutFunction: [string, number, number][] = [
  ['skola', 10, 176],
  ['elevhalsa', 2, 70],
  ['socialtjanst', 1, 51],
  ['bup', 25, 62],
  ['habilitering', 20, 49],
  ['primarvard', 0, 9],
  ['ungdomsmottagning', 0, 1],
  ['annan', 0, 4],
]

export const SEED_REPORT: StatisticsReport = StatisticsReportSchema.parse({
  query: { from: '2026-03-01', to: '2026-05-31', publication: false },
  threshold: 5,
  generatedAt: '2026-06-02T07:30:00.000Z',
  municipalities: ['Lund', 'Växjö', 'Älmhult'],
  tables: [
    {
      id: 'meetings',
      base: 152,
      // Cancelled meetings are not a share of those held.
      rows: [
        { key: 'held', values: { count: 152, percent: 100 } },
        { key: 'first', values: { count: 145, percent: 95 } },
        { key: 'followup', values: { count: 7, percent: 5 } },
        { key: 'cancelled', values: { count: 6, percent: null } },
      ],
    },
    counted('convener-principal', 152, [
      ['school', 116],
      ['social', 12],
      ['region', 19],
      ['other', 0],
      ['unknown', 5],
    ]),
    counted('convener-organisation', 152, [
      ['skola', 109],
      ['elevhalsa', 7],
      ['socialtjanst', 12],
      ['bup', 6],
      ['habilitering', 8],
      ['primarvard', 4],
      ['ungdomsmottagning', 1],
      ['annan', 0],
      ['unknown', 5],
    ]),
    {
      id: 'convener-function',
      base: 152,
      rows: functions.map(([organisation, fn, count]) => ({
        key: `${organisation}:${fn}`,
        label: fn,
        values: { count, percent: percentOf(count, 152) },
      })),
    },
    counted('participation-principal', 152, [
      ['school', 152],
      ['social', 46],
      ['region', 111],
    ]),
    counted('participation-organisation', 152, [
      ['skola', 150],
      ['elevhalsa', 60],
      ['socialtjanst', 46],
      ['bup', 58],
      ['habilitering', 47],
      ['primarvard', 9],
      ['ungdomsmottagning', 1],
      ['annan', 4],
    ]),
    counted('principal-combinations', 152, [
      ['all-three', 44],
      ['school-social', 2],
      ['school-region', 67],
      ['social-region', 0],
      ['school-only', 39],
      ['social-only', 0],
      ['region-only', 0],
      ['none', 0],
    ]),
    counted('principal-count', 152, [
      ['three', 44],
      ['two', 69],
      ['one', 39],
      ['none', 0],
    ]),
    attendance('attendance-principal', [
      ['school', [230, 12, 4, 0, 0]],
      ['social', [40, 8, 2, 1, 0]],
      ['region', [90, 21, 6, 4, 0]],
      ['family', [250, 10, 5, 2, 1]],
      ['other', [3, 1, 0, 0, 0]],
    ]),
    attendance('attendance-organisation', [
      ['skola', [170, 4, 2, 0, 0]],
      ['elevhalsa', [60, 8, 2, 0, 0]],
      ['socialtjanst', [40, 8, 2, 1, 0]],
      ['bup', [45, 12, 3, 2, 0]],
      ['habilitering', [38, 7, 2, 2, 0]],
      ['primarvard', [6, 2, 1, 0, 0]],
      ['ungdomsmottagning', [1, 0, 0, 0, 0]],
      ['familj', [250, 10, 5, 2, 1]],
      ['annan', [3, 1, 0, 0, 0]],
    ]),
    {
      id: 'without-function',
      base: withoutFunction.reduce((sum, [, , total]) => sum + total, 0),
      rows: withoutFunction.map(([key, without, total]) => ({
        key,
        values: { without, total, percent: percentOf(without, total) },
      })),
    },
    counted('child-participation', 152, [
      ['whole', 70],
      ['part', 40],
      ['remote', 12],
      ['trusted-person', 10],
      ['not-at-all', 20],
    ]),
    counted('guardian-attendance', 248, [
      ['present', 230],
      ['remote', 10],
      ['cancelled', 5],
      ['no-show', 2],
      ['unmarked', 1],
    ]),
    counted('consent-to-first', 145, [
      ['within-three-weeks', 98],
      ['later', 35],
      ['no-consent', 12],
    ]),
    counted('invitation-notice', 152, [
      ['three-weeks-or-more', 88],
      ['less-than-three-weeks', 50],
      ['no-invitation', 14],
    ]),
    counted('follow-up-booked', 152, [
      ['booked', 131],
      ['not-booked', 21],
    ]),
    counted('follow-up-outcome', 131, [
      ['on-time', 60],
      ['late', 12],
      ['overdue', 9],
      ['not-yet-due', 47],
      ['sip-closed', 3],
    ]),
    counted('signatures', 152, [
      ['signed-by-all', 139],
      ['missing', 13],
    ]),
    counted('missing-signature-reasons', 16, [
      ['left-early', 9],
      ['technical', 3],
      ['declined', 1],
      ['other', 3],
    ]),
    counted('satisfaction', 198, [
      ['score-5', 102],
      ['score-4', 61],
      ['score-3', 24],
      ['score-2', 8],
      ['score-1', 3],
    ]),
    counted('sips-closed', 14, [
      ['new-sip-needed', 2],
      ['no-joint-support', 6],
      ['no-new-needs', 5],
      ['consent-withdrawn', 1],
    ]),
    counted('deviations-category', 23, [
      ['actor-absent', 11],
      ['late-invitation', 7],
      ['meeting-late', 2],
      ['not-signed', 1],
      ['other', 2],
    ]),
    counted('deviations-organisation', 23, [
      ['skola', 1],
      ['elevhalsa', 0],
      ['socialtjanst', 2],
      ['bup', 9],
      ['habilitering', 6],
      ['primarvard', 1],
      ['ungdomsmottagning', 0],
      ['familj', 2],
      ['annan', 2],
    ]),
  ],
})

/**
 * The same report for publication, as the contract says the server makes it: every count (and
 * base) from 1 to threshold − 1 is 'suppressed', and so is every per cent of such a count.
 */
export function forPublication(report: StatisticsReport): StatisticsReport {
  const hide = (cell: StatisticsCell | undefined): StatisticsCell =>
    typeof cell === 'number' && cell >= 1 && cell < report.threshold ? 'suppressed' : (cell ?? null)
  return StatisticsReportSchema.parse({
    ...report,
    query: { ...report.query, publication: true },
    tables: report.tables.map((table) => ({
      ...table,
      base: hide(table.base),
      rows: table.rows.map((row) => {
        const values: Record<string, StatisticsCell> = {}
        for (const [column, cell] of Object.entries(row.values))
          values[column] = column === 'percent' ? cell : hide(cell)
        const countColumn = 'count' in row.values ? 'count' : 'without'
        if ('percent' in row.values && values[countColumn] === 'suppressed') values.percent = 'suppressed'
        return { ...row, values }
      }),
    })),
  })
}
