import type { TFunction } from 'i18next'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { StatisticsCell, StatisticsRow, StatisticsTable } from '../../shared/schemas/statistics'
import { ATTENDANCE_STATUSES, type AttendanceStatusKey, type TableSpec } from '../../shared/statistics/tables'
import { rowLabel } from '../../shared/statistics/text'
import { formatCell, type ReportFormat } from './format'

/**
 * A table's figures as horizontal bars, drawn here as SVG (no chart library): one bar per row,
 * scaled to the largest value. 'bars' draws the `count` column; 'stacked' splits each row's bar
 * across the attendance statuses, each with its own colour *and* pattern (told apart without
 * colour, and in black-and-white print), with a key.
 *
 * Text stays text-sized on any screen: the SVG is as wide as its column and every vertical
 * measure is in em, so a phone and 200 % text size get the same chart; bar lengths are per cents
 * of the width. Each row's label and value stand on a line of their own above its bar ("Skola:
 * 116 (76 %)"), so nothing overlaps however long a label or narrow a screen. A hidden count
 * (publication) draws no bar and says "< 5".
 *
 * The table under the chart is its text alternative (the issue: people look at charts, screen
 * readers read tables): the chart is one image named after the table that points to it.
 */

/** The statuses' colours: each at least 3:1 against white (WCAG 1.4.11), and a pattern each. */
export const STATUS_STYLE: Record<AttendanceStatusKey, { colour: string; pattern: Pattern }> = {
  present: { colour: '#005a9c', pattern: 'solid' }, // 7.3:1
  remote: { colour: '#1b6e20', pattern: 'diagonal' }, // 6.5:1
  cancelled: { colour: '#8a4b00', pattern: 'dots' }, // 6.6:1
  'no-show': { colour: '#b00020', pattern: 'cross' }, // 6.6:1
  unmarked: { colour: '#5c5c5c', pattern: 'vertical' }, // 6.9:1
}
const BAR_COLOUR = '#005a9c'
type Pattern = 'solid' | 'diagonal' | 'dots' | 'cross' | 'vertical'

/** Vertical measures, in em of the chart's text. */
const ROW = 2.9
const LABEL_BASELINE = 1.1
const BAR_TOP = 1.4
const BAR_HEIGHT = 1.2
/** A segment's value is written inside it from this share of the width on (else the table has it). */
const INSIDE_LABEL_SHARE = 0.12

const numberOf = (cell: StatisticsCell | undefined): number => (typeof cell === 'number' ? cell : 0)
const pct = (share: number): string => `${Number((share * 100).toFixed(3))}%`

interface Segment {
  status: AttendanceStatusKey
  value: number
  start: number
}

/** The segments of a stacked row: the statuses with a count above zero, in the spec's order. */
function segmentsOf(row: StatisticsRow): Segment[] {
  const segments: Segment[] = []
  let start = 0
  for (const status of ATTENDANCE_STATUSES) {
    const value = numberOf(row.values[status])
    if (value <= 0) continue
    segments.push({ status, value, start })
    start += value
  }
  return segments
}

/** The largest value the bars are scaled to: a row's count, or a stacked row's drawn total. */
export function chartScale(spec: Pick<TableSpec, 'chart'>, table: Pick<StatisticsTable, 'rows'>): number {
  let max = 0
  for (const row of table.rows) {
    const value =
      spec.chart === 'stacked'
        ? segmentsOf(row).reduce((sum, segment) => sum + segment.value, 0)
        : numberOf(row.values.count)
    max = Math.max(max, value)
  }
  return max
}

export function BarChart({
  spec,
  table,
  title,
  format,
}: {
  spec: TableSpec
  table: StatisticsTable
  /** The table's title, which names the chart. */
  title: string
  format: ReportFormat
}) {
  const { t } = useTranslation()
  const id = `chart-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`
  if (spec.chart === 'none') return null
  const stacked = spec.chart === 'stacked'
  const max = chartScale(spec, table)
  const share = (value: number): number => (max > 0 ? value / max : 0)
  const patternId = (status: AttendanceStatusKey) => `${id}-${status}`

  return (
    <div className={`bar-chart${stacked ? ' bar-chart--stacked' : ''}`}>
      {stacked ? (
        <>
          <svg className="bar-chart__defs" aria-hidden="true" focusable="false">
            <defs>
              {ATTENDANCE_STATUSES.map((status) => (
                <PatternDef key={status} id={patternId(status)} {...STATUS_STYLE[status]} />
              ))}
            </defs>
          </svg>
          <ul className="bar-chart__legend" aria-label={t('statistics.chartLegend')}>
            {ATTENDANCE_STATUSES.map((status) => (
              <li key={status}>
                <svg className="bar-chart__swatch" aria-hidden="true" focusable="false" viewBox="0 0 24 16">
                  <rect
                    x="1"
                    y="1"
                    width="22"
                    height="14"
                    fill={`url(#${patternId(status)})`}
                    stroke={STATUS_STYLE[status].colour}
                    strokeWidth="2"
                  />
                </svg>
                {format.text.columns[status]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <svg
        className="bar-chart__svg"
        role="img"
        aria-label={t('statistics.chart', { title })}
        width="100%"
        height={`${table.rows.length * ROW + 0.4}em`}
        focusable="false"
      >
        <line
          className="bar-chart__axis"
          x1="0"
          x2="0"
          y1={`${BAR_TOP - 0.2}em`}
          y2={`${(table.rows.length - 1) * ROW + BAR_TOP + BAR_HEIGHT + 0.2}em`}
        />
        {table.rows.map((row, index) => {
          const top = index * ROW
          const label = rowLabel(format.text, table.id, row)
          return (
            <g key={row.key} data-row={row.key}>
              <text className="bar-chart__label" x="0" y={`${top + LABEL_BASELINE}em`}>
                {stacked ? stackedLabel(t, format, label, row) : barLabel(format, label, row)}
              </text>
              {stacked
                ? segmentsOf(row).map((segment) => (
                    <g key={segment.status} data-status={segment.status}>
                      <rect
                        className="bar-chart__segment"
                        x={pct(share(segment.start))}
                        y={`${top + BAR_TOP}em`}
                        width={pct(share(segment.value))}
                        height={`${BAR_HEIGHT}em`}
                        fill={`url(#${patternId(segment.status)})`}
                        stroke={STATUS_STYLE[segment.status].colour}
                        strokeWidth="1.5"
                        data-value={segment.value}
                      />
                      {share(segment.value) >= INSIDE_LABEL_SHARE ? (
                        <text
                          className="bar-chart__inside"
                          x={pct(share(segment.start + segment.value / 2))}
                          y={`${top + BAR_TOP + BAR_HEIGHT * 0.72}em`}
                          textAnchor="middle"
                        >
                          {formatCell(format, 'count', segment.value)}
                        </text>
                      ) : null}
                    </g>
                  ))
                : numberOf(row.values.count) > 0 && (
                    <rect
                      className="bar-chart__bar"
                      x="0"
                      y={`${top + BAR_TOP}em`}
                      width={pct(share(numberOf(row.values.count)))}
                      height={`${BAR_HEIGHT}em`}
                      fill={BAR_COLOUR}
                      data-value={row.values.count}
                    />
                  )}
            </g>
          )
        })}
      </svg>
    </div>
  )
}

/** "Skola: 116 (76 %)"; "Skola: < 5" for a hidden count; "Skola: 0". */
function barLabel(format: ReportFormat, label: string, row: StatisticsRow): string {
  const count = formatCell(format, 'count', row.values.count)
  const percent = row.values.percent
  return typeof percent === 'number' && typeof row.values.count === 'number'
    ? `${label}: ${count} (${formatCell(format, 'percent', percent)})`
    : `${label}: ${count}`
}

/** "Skola: 57" – the row's total; the statuses' counts are in the segments and the table. */
function stackedLabel(t: TFunction, format: ReportFormat, label: string, row: StatisticsRow): string {
  return t('statistics.chartTotal', { label, total: formatCell(format, 'total', row.values.total) })
}

/** A status's fill: solid, or its colour's lines or dots on white. */
function PatternDef({ id, colour, pattern }: { id: string; colour: string; pattern: Pattern }) {
  if (pattern === 'solid')
    return (
      <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8">
        <rect width="8" height="8" fill={colour} />
      </pattern>
    )
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8">
      <rect width="8" height="8" fill="#ffffff" />
      {pattern === 'diagonal' ? (
        <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke={colour} strokeWidth="2.5" />
      ) : pattern === 'dots' ? (
        <>
          <circle cx="2" cy="2" r="1.8" fill={colour} />
          <circle cx="6" cy="6" r="1.8" fill={colour} />
        </>
      ) : pattern === 'cross' ? (
        <path d="M0,0 L8,8 M8,0 L0,8" stroke={colour} strokeWidth="2" />
      ) : (
        <path d="M2,0 V8 M6,0 V8" stroke={colour} strokeWidth="2" />
      )}
    </pattern>
  )
}
