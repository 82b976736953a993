import type { ReactNode } from 'react'
import type { StatisticsQuery, StatisticsTable as Table } from '../../shared/schemas/statistics'
import { tableSpec } from '../../shared/statistics/tables'
import { rowLabel } from '../../shared/statistics/text'
import { statisticsCsvUrl } from '../api'
import { useTranslation } from '../i18n'
import { DownloadLink } from '../ui/DownloadLink'
import { BarChart } from './BarChart'
import { formatBasis, formatCell, type ReportFormat } from './format'

/** Tables of more columns than this (the label, a count, a per cent) scroll in their own region on a phone. */
const NARROW_COLUMNS = 3

/**
 * One table of the report in the seed's style: its heading and what it counts, its chart, the
 * data table (the chart's text alternative: a caption, headers with scope, the base), and its CSV.
 */
export function StatisticsTableView({
  table,
  query,
  format,
}: {
  table: Table
  /** The query the report answered: the CSV is the same selection. */
  query: StatisticsQuery
  format: ReportFormat
}) {
  const { t } = useTranslation()
  const spec = tableSpec(table.id)
  const { title, description } = format.text.tables[table.id]
  const headingId = `statistics-${table.id}`
  const wide = spec.columns.length + 1 > NARROW_COLUMNS

  const data = (
    <table className="stat-table__table">
      <caption>
        <span className="visually-hidden">{title}. </span>
        {formatBasis(format, table.base)}
      </caption>
      <thead>
        <tr>
          <th scope="col">{format.text.labels[table.id]}</th>
          {spec.columns.map((column) => (
            <th key={column} scope="col" className="stat-table__number">
              {format.text.columns[column]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.length === 0 ? (
          <tr>
            <td colSpan={spec.columns.length + 1}>{t('statistics.noRows')}</td>
          </tr>
        ) : (
          table.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{rowLabel(format.text, table.id, row)}</th>
              {spec.columns.map((column) => (
                <td key={column} className="stat-table__number">
                  {formatCell(format, column, row.values[column])}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  )

  return (
    <div
      className={`stat-table${spec.chart !== 'none' && !wide ? ' stat-table--beside' : ''}`}
      id={`table-${table.id}`}
    >
      <h3 id={headingId}>{title}</h3>
      <p className="stat-table__description">{description}</p>
      {/* A narrow table stands beside its chart where there is room (statistics.css). */}
      <div className="stat-table__body">
        <BarChart spec={spec} table={table} title={title} format={format} />
        {/* A wide table scrolls in its own region: focusable, so a keyboard can scroll it; named. */}
        {wide ? <ScrollRegion label={t('statistics.tableRegion', { title })}>{data}</ScrollRegion> : data}
      </div>
      <p className="stat-table__download">
        <DownloadLink
          href={statisticsCsvUrl(query, table.id)}
          fileName={`sip-statistik-${table.id}.csv`}
          failed={t('statistics.csvFailed')}
        >
          {t('statistics.csv')}
          <span className="visually-hidden">: {title}</span>
        </DownloadLink>
      </p>
    </div>
  )
}

function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region without focusable content (WCAG 2.1.1)
    <section className="stat-table__scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  )
}
