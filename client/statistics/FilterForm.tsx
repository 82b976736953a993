import { type FormEvent, useState } from 'react'
import { ORGANISATIONS } from '../../shared/schemas/meeting'
import { PRINCIPALS } from '../../shared/statistics/tables'
import type { StatisticsText } from '../../shared/statistics/text'
import { type TFunction, useTranslation } from '../i18n'
import { Link } from '../router/Link'
import { CheckboxField, ErrorSummary, type FieldErrors, fieldId, SelectField, TextField } from '../ui/fields'
import {
  checkFilters,
  type FilterField,
  type FilterProblem,
  presetPeriods,
  type StatisticsFilters,
  withPeriod,
} from './query'

const FORM = 'statistics'

/** A filter's problem in words: the page's own sentence, or the server's when it is one. */
export function problemMessage(t: TFunction, field: FilterField, problem: FilterProblem | string): string {
  const label = t(`statistics.filters.${field}`)
  switch (problem) {
    case 'date':
      return t('statistics.errors.date', { label })
    case 'toBeforeFrom':
      return t('statistics.errors.toBeforeFrom')
    case 'periodTooLong':
      return t('statistics.errors.periodTooLong')
    case 'choice':
      return t('statistics.errors.choice', { label })
    case 'tooLong':
      return t('statistics.errors.tooLong', { label })
    default:
      return problem
  }
}

export function problemErrors(
  t: TFunction,
  problems: Partial<Record<FilterField, FilterProblem | string>>,
): FieldErrors {
  const errors: FieldErrors = {}
  for (const [field, problem] of Object.entries(problems) as [FilterField, string][])
    errors[field] = problemMessage(t, field, problem)
  return errors
}

/**
 * The period and the selection. Sending it changes the page's address (so the report can be
 * linked and the back button goes to the previous one); the page fetches what the address says.
 */
export function FilterForm({
  initial,
  today,
  municipalities,
  threshold,
  text,
  problems,
  onSubmit,
}: {
  initial: StatisticsFilters
  today: string
  /** The municipalities the installation's accounts name (the last report's list). */
  municipalities: readonly string[]
  threshold: number
  text: StatisticsText
  /** Problems with the filters the page was opened with, or the server's answer to them. */
  problems: FieldErrors
  onSubmit: (filters: StatisticsFilters) => void
}) {
  const { t } = useTranslation()
  const [values, setValues] = useState(initial)
  // The problems of the address the page was opened with (or the server's), until sent again.
  const [checkedErrors, setErrors] = useState<FieldErrors | null>(null)
  const errors = checkedErrors ?? problems
  const set =
    <K extends keyof StatisticsFilters>(key: K) =>
    (value: StatisticsFilters[K]) =>
      setValues((current) => ({ ...current, [key]: value }))

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const checked = checkFilters(values)
    if (!checked.ok) {
      setErrors(problemErrors(t, checked.problems))
      return
    }
    setErrors(null)
    onSubmit(values)
  }

  const known = values.municipality && !municipalities.includes(values.municipality)
  const municipalityOptions = [...municipalities, ...(known ? [values.municipality] : [])]
  const presets = presetPeriods(today)
  const field = <K extends 'from' | 'to' | 'organisation' | 'principal' | 'municipality'>(key: K) => ({
    id: fieldId(FORM, key),
    value: values[key],
    onChange: set(key),
    error: errors[key],
  })

  return (
    <section className="statistics-filters" aria-labelledby="statistics-filters-title">
      <h2 id="statistics-filters-title">{t('statistics.filters.title')}</h2>
      <ErrorSummary errors={errors} targetOf={(name) => fieldId(FORM, name)} />
      <form className="form statistics-filters__form" noValidate onSubmit={submit}>
        <div className="statistics-filters__period">
          <TextField {...field('from')} label={t('statistics.filters.from')} type="date" required />
          <TextField {...field('to')} label={t('statistics.filters.to')} type="date" required />
        </div>
        <p className="statistics-filters__presets">
          <span>{t('statistics.filters.presets')}:</span>{' '}
          {(['thisYear', 'lastQuarter', 'lastYear'] as const).map((preset) => (
            <Link key={preset} href={withPeriod(values, presets[preset])}>
              {t(`statistics.filters.${preset}`)}
            </Link>
          ))}
        </p>
        <div className="statistics-filters__selection">
          <SelectField
            {...field('organisation')}
            label={t('statistics.filters.organisation')}
            placeholder={t('statistics.filters.all')}
            options={ORGANISATIONS.map((value) => ({ value, label: text.organisations[value] ?? value }))}
            required
          />
          <SelectField
            {...field('principal')}
            label={t('statistics.filters.principal')}
            placeholder={t('statistics.filters.all')}
            options={PRINCIPALS.map((value) => ({ value, label: text.rows[value] ?? value }))}
            required
          />
          <SelectField
            {...field('municipality')}
            label={t('statistics.filters.municipality')}
            hint={t('statistics.filters.municipalityHint')}
            placeholder={t('statistics.filters.all')}
            options={municipalityOptions.map((value) => ({ value, label: value }))}
            required
          />
        </div>
        <CheckboxField
          id={fieldId(FORM, 'publication')}
          checked={values.publication}
          onChange={set('publication')}
          label={t('statistics.filters.publication', { threshold })}
          hint={t('statistics.filters.publicationHint')}
        />
        <div className="button-row">
          <button type="submit" className="button--primary">
            {t('statistics.filters.submit')}
          </button>
        </div>
      </form>
    </section>
  )
}
