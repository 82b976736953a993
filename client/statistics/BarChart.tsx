import { Fragment, useId } from 'react'
import type { StatisticsCell, StatisticsRow, StatisticsTable } from '../../shared/schemas/statistics'
import { ATTENDANCE_STATUSES, type AttendanceStatusKey, type TableSpec } from '../../shared/statistics/tables'
import { rowLabel } from '../../shared/statistics/text'
import { useTranslation } from '../i18n'
import { formatCell, type ReportFormat } from './format'

/**
 * A table's figures as horizontal bars, drawn here in SVG (no chart library): one bar per row,
 * scaled to the largest value. 'bars' draws the `count` column; 'stacked' splits each row's bar
 * across the attendance statuses, each with its own colour *and* pattern (told apart without
 * colour, and in black-and-white print), with a key.
 *
 * Each row is its label line ("Skola: 116 (76 %)") above its bar, an SVG as wide as the column
 * whose lengths are per cents of it: the label is page text that wraps, so a phone, a long English
 * label and 200 % text size all fit, and nothing overlaps. A stacked row's values stand inside
 * their segments where there is room, and on the label line where there is not ("Region: 121 ·
 * Förhinder 6 · Uteblev 4"), so a small count – the seed's cancellations and no-shows – is never
 * only a sliver. A hidden count (publication) draws no bar and says "< 5".
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
      <div className="bar-chart__rows" role="img" aria-label={t('statistics.chart', { title })}>
        {table.rows.map((row) => {
          const label = rowLabel(format.text, table.id, row)
          const segments = stacked ? segmentsOf(row) : []
          return (
            <div key={row.key} className="bar-chart__row" data-row={row.key}>
              <RowLabel
                line={
                  stacked
                    ? stackedLine(format, label, row, (value) => share(value) >= INSIDE_LABEL_SHARE)
                    : barLine(format, label, row)
                }
              />
              <svg
                className="bar-chart__bar-line"
                width="100%"
                height="1.35em"
                aria-hidden="true"
                focusable="false"
              >
                {stacked
                  ? segments.map((segment) => (
                      <g key={segment.status} data-status={segment.status}>
                        <rect
                          className="bar-chart__segment"
                          x={pct(share(segment.start))}
                          y="0"
                          width={pct(share(segment.value))}
                          height="100%"
                          fill={`url(#${patternId(segment.status)})`}
                          stroke={STATUS_STYLE[segment.status].colour}
                          strokeWidth="1.5"
                          data-value={segment.value}
                        />
                        {share(segment.value) >= INSIDE_LABEL_SHARE ? (
                          <text
                            className="bar-chart__inside"
                            x={pct(share(segment.start + segment.value / 2))}
                            y="50%"
                            textAnchor="middle"
                            dominantBaseline="central"
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
                        y="0"
                        width={pct(share(numberOf(row.values.count)))}
                        height="100%"
                        fill={BAR_COLOUR}
                        data-value={row.values.count}
                      />
                    )}
              </svg>
            </div>
          )
        })}
      </div>
    </div>
  )
}

/** What a row's line says: its label, its value, and (stacked) the statuses not in their segments. */
interface RowLine {
  label: string
  value: string
  more: string[]
}

/** "Skola: 116 (76 %)"; "Skola: < 5" for a hidden count; "Skola: 0 (0 %)". */
function barLine(format: ReportFormat, label: string, row: StatisticsRow): RowLine {
  const count = formatCell(format, 'count', row.values.count)
  const percent = row.values.percent
  const value =
    typeof percent === 'number' && typeof row.values.count === 'number'
      ? `${count} (${formatCell(format, 'percent', percent)})`
      : count
  return { label, value, more: [] }
}

/**
 * "Region: 121 · Digitalt 21 · Förhinder 6 · Uteblev 4": the row's total, then every status whose
 * value is not written inside its segment (too short, or hidden for publication) and is not zero.
 */
function stackedLine(
  format: ReportFormat,
  label: string,
  row: StatisticsRow,
  insideSegment: (value: number) => boolean,
): RowLine {
  const more = ATTENDANCE_STATUSES.filter((status) => {
    const cell = row.values[status]
    return cell === 'suppressed' || (typeof cell === 'number' && cell > 0 && !insideSegment(cell))
  }).map((status) => `${format.text.columns[status]} ${formatCell(format, status, row.values[status])}`)
  return { label, value: formatCell(format, 'total', row.values.total), more }
}

/** The line above a bar; a value and each status stay on one line however narrow the screen. */
function RowLabel({ line }: { line: RowLine }) {
  return (
    <p className="bar-chart__label">
      {line.label}: <span className="bar-chart__value">{line.value}</span>
      {line.more.map((part) => (
        <Fragment key={part}>
          {' · '}
          <span className="bar-chart__value">{part}</span>
        </Fragment>
      ))}
    </p>
  )
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
