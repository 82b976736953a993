import { useId } from 'react'
import type { StatisticsReport } from '../../shared/schemas/statistics'
import { SECTIONS, type SectionId, tableSpec } from '../../shared/statistics/tables'
import { statisticsPdfUrl } from '../api'
import { useTranslation } from '../i18n'
import { DownloadLink } from '../ui/DownloadLink'
import { type ReportFormat, reportLines } from './format'
import { StatisticsTableView } from './StatisticsTable'

/**
 * The report as the seed wrote it by hand, now from the server's counts: the period and the
 * selection, what kind of counts these are, then per section a heading and its tables. The PDF of
 * the same report, and printing this page (statistics.css hides the rest), are at the top.
 */
export function ReportView({ report, format }: { report: StatisticsReport; format: ReportFormat }) {
  const { t } = useTranslation()
  const exportsHintId = useId()
  const contentsId = useId()
  const lines = reportLines(format, report)
  const sections = SECTIONS.map((section) => ({
    section,
    tables: report.tables.filter((table) => tableSpec(table.id).section === section),
  })).filter(({ tables }) => tables.length > 0)

  return (
    <div className="statistics-report">
      <div className="statistics-report__head">
        <p className="statistics-report__period">{lines.period}</p>
        <p>{lines.filters}</p>
        <p>{lines.counts}</p>
        <p className="statistics-report__generated">{lines.generated}</p>
      </div>
      <div className="statistics-report__actions">
        <DownloadLink
          className="button-link"
          href={statisticsPdfUrl(report.query, format.lang)}
          fileName="sip-statistik.pdf"
          failed={t('statistics.pdfFailed')}
          describedBy={exportsHintId}
        >
          {t('statistics.pdf')}
        </DownloadLink>
        <button type="button" onClick={() => window.print()}>
          {t('statistics.print')}
        </button>
        <p className="field__hint" id={exportsHintId}>
          {t('statistics.exportsHint')}
        </p>
      </div>
      <nav className="statistics-report__contents" aria-labelledby={contentsId}>
        <h2 id={contentsId}>{t('statistics.contents')}</h2>
        <ul>
          {sections.map(({ section }) => (
            <li key={section}>
              <a href={`#${sectionId(section)}`}>{format.text.sections[section]}</a>
            </li>
          ))}
        </ul>
      </nav>
      {sections.map(({ section, tables }) => (
        <section key={section} className="statistics-report__section">
          <h2 id={sectionId(section)} tabIndex={-1}>
            {format.text.sections[section]}
          </h2>
          {tables.map((table) => (
            <StatisticsTableView key={table.id} table={table} query={report.query} format={format} />
          ))}
        </section>
      ))}
    </div>
  )
}

const sectionId = (section: SectionId): string => `section-${section}`
