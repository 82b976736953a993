import { useMemo, useState } from 'react'
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../shared/languages'
import { STATISTICS_TEXT } from '../../shared/statistics/text'
import { api } from '../api'
import { todayLocal } from '../format/dates'
import { navigate, useLocation } from '../router/router'
import { useStaffState } from '../staff/session'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'
import { FilterForm, problemErrors } from './FilterForm'
import { reportFormat, reportLines } from './format'
import {
  checkFilters,
  filtersAddress,
  filtersFromParams,
  type StatisticsParams,
  serverProblems,
} from './query'
import { ReportView } from './ReportView'
import './statistics.css'
import { useTranslation } from '../i18n'

/** Until the first report names the installation's threshold: the usual rule, "< 5". */
const USUAL_THRESHOLD = 5

/**
 * `/statistik` (issue 14): the regional SIP follow-up as a page – for staff whose account has the
 * statistics permission (an administrator grants it; being one is not enough). Without it, the
 * page says so and asks nothing of the server.
 */
export function StatisticsPage({ params }: { params: StatisticsParams }) {
  const staff = useStaffState()
  const allowed = staff.status === 'signed-in' && staff.session.user.statistics
  return allowed ? <StatisticsReportPage params={params} /> : <StatisticsForbidden />
}

/** 403: no permission, said plainly, with who can change it. */
export function StatisticsForbidden() {
  const { t } = useTranslation()
  return (
    <main className="page page--narrow" id="main">
      <PageTitle>{t('statistics.forbiddenTitle')}</PageTitle>
      <p>{t('statistics.forbidden')}</p>
    </main>
  )
}

function StatisticsReportPage({ params }: { params: StatisticsParams }) {
  const { t, i18n } = useTranslation()
  const lang: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE
  const text = STATISTICS_TEXT[lang]
  const { pathname, search } = useLocation()
  // "Today" for the default period, fixed while the page is open.
  const [today] = useState(todayLocal)
  const filters = filtersFromParams(params, today)
  const checked = checkFilters(filters)
  const report = useLoad(checked.ok ? JSON.stringify(checked.query) : null, (signal) =>
    checked.ok ? api.statistics(checked.query, signal) : Promise.reject(new Error('filters not checked')),
  )
  // The municipalities of the last report, for the filter while another one is fetched.
  const [municipalities, setMunicipalities] = useState<readonly string[]>([])
  const threshold = report.data?.threshold ?? USUAL_THRESHOLD
  if (report.data && report.data.municipalities !== municipalities && report.status === 'ok')
    setMunicipalities(report.data.municipalities)

  const failure = report.status === 'failed' ? report.failure : undefined
  const problems = !checked.ok
    ? checked.problems
    : failure?.status === 400
      ? serverProblems(failure.issues)
      : {}
  // One object while the problems stay the same: the error summary takes focus when it changes.
  const problemsKey = JSON.stringify(problems)
  const fieldProblems = useMemo(() => problemErrors(t, JSON.parse(problemsKey)), [problemsKey, t])
  if (failure?.status === 403) return <StatisticsForbidden />
  const generalError =
    failure && Object.keys(fieldProblems).length === 0
      ? t('statistics.errors.failed', { message: failureMessage(t, failure) })
      : null
  const format = report.data ? reportFormat(lang, report.data) : null

  return (
    <main className="page statistics-page" id="main">
      <PageTitle>{text.title}</PageTitle>
      <p className="statistics-page__intro">{t('statistics.intro')}</p>
      <FilterForm
        // A new address (sent, linked, back button) starts the form from what it says.
        key={search}
        initial={filters}
        today={today}
        municipalities={municipalities}
        threshold={threshold}
        text={text}
        problems={fieldProblems}
        onSubmit={(next) => {
          const address = filtersAddress(next)
          // The same selection again: count again (the figures may have changed since).
          if (address === pathname + search) void report.reload()
          else navigate(address)
        }}
      />
      <p role="status" className="statistics-page__status">
        {report.status === 'loading' && checked.ok
          ? t('statistics.loading')
          : report.status === 'ok' && format
            ? t('statistics.ready', { period: reportLines(format, report.data).period })
            : ''}
      </p>
      <ErrorNotice message={generalError} />
      {report.status === 'ok' && format ? <ReportView report={report.data} format={format} /> : null}
    </main>
  )
}
