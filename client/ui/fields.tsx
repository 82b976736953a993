import { type ReactNode, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { describeIssue, type FieldError } from '../../shared/validation'
import { currentLanguage } from '../i18n'

/**
 * Form fields that carry their own accessibility wiring: a visible label, an optional hint, and an
 * error that is linked with aria-describedby and marked with aria-invalid. Errors come from the
 * same zod schema the server uses (validate()), and the server's issues are shown the same way.
 */

/** Field path (`startsAt`, `givenBy.0.name`) → the sentence to show. */
export type FieldErrors = Record<string, string>

export function toFieldErrors(list: readonly FieldError[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const { field, message } of list) errors[field] ??= message
  return errors
}

/** Parses `value` with the shared schema; answers the parsed data or the errors to show. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(value)
  if (parsed.success) return { ok: true, data: parsed.data }
  const language = currentLanguage()
  const list = parsed.error.issues.map((issue) =>
    // zod reports a choice left empty (undefined) as "not in the list"; say "must be filled in".
    issue.code === 'invalid_value' && valueAt(value, issue.path) === undefined
      ? describeIssue({ ...issue, code: 'invalid_type', expected: 'string', input: undefined }, language)
      : describeIssue(issue, language),
  )
  return { ok: false, errors: toFieldErrors(list) }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

/** The element id of a field: `<form>-<path with dots as dashes>`. */
export function fieldId(form: string, field: string): string {
  return `${form}-${field.replaceAll('.', '-')}`
}

function describedBy(...ids: (string | undefined)[]): string | undefined {
  const list = ids.filter(Boolean)
  return list.length ? list.join(' ') : undefined
}

interface BaseProps {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string | undefined
  required?: boolean
}

function Label({ id, label, required }: { id: string; label: ReactNode; required?: boolean | undefined }) {
  const { t } = useTranslation()
  return (
    <label className="field__label" htmlFor={id}>
      {label}
      {required ? null : <span className="field__optional"> {t('form.optional')}</span>}
    </label>
  )
}

function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  )
}

export function TextField({
  id,
  label,
  hint,
  error,
  required,
  value,
  onChange,
  type = 'text',
  autoComplete,
  inputMode,
  min,
  max,
  step,
  readOnly,
  className,
  describedBy: extraDescribedBy,
  invalid,
}: BaseProps & {
  value: string
  onChange?: (value: string) => void
  type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'number' | 'url'
  autoComplete?: string
  inputMode?: 'numeric' | 'text'
  min?: string | number
  max?: string | number
  step?: number
  readOnly?: boolean
  className?: string
  /** Ids of a group's hint or error that also describe this input (date and time share one). */
  describedBy?: string | undefined
  /** Marked invalid by the group it belongs to. */
  invalid?: boolean
}) {
  return (
    <div className={`field${error ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} />
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        className="field__input"
        type={type}
        value={value}
        onChange={(event) => onChange?.(event.target.value)}
        aria-invalid={error || invalid ? true : undefined}
        aria-describedby={describedBy(
          hint ? `${id}-hint` : undefined,
          error ? `${id}-error` : undefined,
          extraDescribedBy,
        )}
        autoComplete={autoComplete ?? 'off'}
        inputMode={inputMode}
        min={min}
        max={max}
        step={step}
        readOnly={readOnly}
      />
    </div>
  )
}

export function TextArea({
  id,
  label,
  hint,
  error,
  required,
  value,
  onChange,
  rows = 3,
}: BaseProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <Label id={id} label={label} required={required} />
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        className="field__input"
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined)}
      />
    </div>
  )
}

export function SelectField<V extends string>({
  id,
  label,
  hint,
  error,
  required,
  value,
  onChange,
  options,
  placeholder,
}: BaseProps & {
  value: V | ''
  onChange: (value: V | '') => void
  options: readonly { value: V; label: string }[]
  /** Shown while nothing is chosen (value ''). */
  placeholder?: string
}) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <Label id={id} label={label} required={required} />
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        className="field__input"
        value={value}
        onChange={(event) => onChange(event.target.value as V | '')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export function CheckboxField({
  id,
  label,
  hint,
  error,
  checked,
  onChange,
}: Omit<BaseProps, 'required'> & { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className={`field field--checkbox${error ? ' field--error' : ''}`}>
      <input
        id={id}
        type="checkbox"
        className="field__checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined)}
      />
      <div>
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        <HintAndError id={id} hint={hint} error={error} />
      </div>
    </div>
  )
}

/** Radio buttons in a fieldset; `id` is the fieldset's, each option gets `<id>-<value>`. */
export function RadioGroup<V extends string>({
  id,
  label,
  hint,
  error,
  required,
  value,
  onChange,
  options,
}: BaseProps & {
  value: V | ''
  onChange: (value: V) => void
  options: readonly { value: V; label: string; hint?: string }[]
}) {
  const { t } = useTranslation()
  return (
    <fieldset
      className={`field field--group${error ? ' field--error' : ''}`}
      id={id}
      aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined)}
    >
      <legend className="field__label">
        {label}
        {required ? null : <span className="field__optional"> {t('form.optional')}</span>}
      </legend>
      <HintAndError id={id} hint={hint} error={error} />
      {options.map((option) => (
        <div className="field__radio" key={option.value}>
          <input
            id={`${id}-${option.value}`}
            type="radio"
            name={id}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            aria-invalid={error ? true : undefined}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  )
}

/**
 * The list of problems above a form, announced (role="alert") and focused when it appears, each
 * one a link that moves focus to its field.
 */
export function ErrorSummary({
  errors,
  targetOf,
  generalError,
}: {
  errors: FieldErrors
  /** The element id to focus for a field path. */
  targetOf: (field: string) => string
  /** An error that belongs to no field (the server refused, the network is down). */
  generalError?: string | null
}) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  const entries = Object.entries(errors)
  const visible = entries.length > 0 || Boolean(generalError)
  // Each failed submit sets a new errors object: focus (and announce) the summary again, even
  // when the problems are the same as last time.
  useEffect(() => {
    if (Object.keys(errors).length > 0 || generalError) ref.current?.focus()
  }, [errors, generalError])

  if (!visible) return null
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2 className="error-summary__title">
        {entries.length > 0 ? t('form.errorSummary', { count: entries.length }) : t('form.errorTitle')}
      </h2>
      {generalError ? <p>{generalError}</p> : null}
      {entries.length > 0 ? (
        <ul className="error-summary__list">
          {entries.map(([field, message]) => (
            <li key={field}>
              <a
                href={`#${targetOf(field)}`}
                onClick={(event) => {
                  event.preventDefault()
                  focusField(targetOf(field))
                }}
              >
                {message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** Focuses a field by id; for a fieldset, its checked or first control. */
export function focusField(id: string): void {
  const element = document.getElementById(id)
  if (!element) return
  if (element instanceof HTMLFieldSetElement) {
    const control =
      element.querySelector<HTMLInputElement>('input:checked') ??
      element.querySelector<HTMLInputElement>('input')
    control?.focus()
    return
  }
  element.focus()
}
