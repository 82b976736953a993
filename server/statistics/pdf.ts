import type { Language } from '../../shared/languages'
import type { StatisticsReport } from '../../shared/schemas/statistics'
import { SECTIONS, tableSpec } from '../../shared/statistics/tables'
import { STATISTICS_TEXT } from '../../shared/statistics/text'
import {
  breather,
  drawPdf,
  heading,
  keepTogether,
  pageFooters,
  paragraph,
  SIZE,
  table,
} from '../pdf/document'
import { baseText, reportHeader, textTable } from './presentation'

/**
 * The whole statistics report as a PDF, in the style of the region's own follow-up (seed 000): the
 * title, the period and filters, the sentence on exact counts or publication; then per section a
 * heading, and per table its title, a sentence on what is counted, the table and its base. Fonts,
 * tagging and PDF/A-2a are server/pdf/document.ts's, as for the minutes.
 */
export function statisticsPdf(report: StatisticsReport, lang: Language): Promise<Buffer> {
  const text = STATISTICS_TEXT[lang]
  const header = reportHeader(report, lang)
  return drawPdf(
    { lang, title: `${header.title} – ${header.period}` },
    async (doc, root) => {
      heading(doc, root, 'H1', header.title, SIZE.title, 0)
      for (const line of [header.period, header.filters]) paragraph(doc, root, line, SIZE.subtitle)
      paragraph(doc, root, header.privacy)
      paragraph(doc, root, header.generated, SIZE.small)
      for (const section of SECTIONS) {
        const tables = report.tables.filter((t) => tableSpec(t.id).section === section)
        if (tables.length === 0) continue
        heading(doc, root, 'H2', text.sections[section], SIZE.heading, 0.8)
        for (const t of tables) {
          // A table shorter than a page starts on a page it fits on, with its title and base.
          keepTogether(doc, Math.min(100 + 18 * (t.rows.length + 1), 600))
          heading(doc, root, 'H3', text.tables[t.id].title, SIZE.subheading, 0.4)
          paragraph(doc, root, text.tables[t.id].description)
          const data = textTable(report, t, lang, {
            none: text.notApplicable,
            percentSign: lang === 'sv' ? ' %' : '%',
          })
          // The label left, the figures right.
          table(doc, root, data, ['left', ...data.columns.slice(1).map(() => 'right' as const)])
          paragraph(doc, root, baseText(report, t, lang), SIZE.small)
          await breather()
        }
      }
    },
    (doc) => pageFooters(doc, (page, pages) => `${header.title} · ${header.period} · ${page}/${pages}`),
  )
}

/** "sip-statistik-2026-03-01-2026-05-31.pdf": the period only, no filter text. */
/** A file for publication says so in its name, so an exact one is not published by mistake. */
export function publicationSuffix(report: StatisticsReport): string {
  return report.query.publication ? '-publicering' : ''
}

export function statisticsPdfFileName(report: StatisticsReport): string {
  return `sip-statistik-${report.query.from}-${report.query.to}${publicationSuffix(report)}.pdf`
}
