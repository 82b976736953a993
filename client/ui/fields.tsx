import { type ReactNode, useEffect, useRef } from 'react'
import { useTranslation } from '../i18n'

/**
 * Form fields that carry their own accessibility wiring: a visible label, an optional hint, and an
 * error that is linked with aria-describedby and marked with aria-invalid. Errors come from the
 * same zod schema the server uses (useSchemaForm), and the server's issues are shown the same way.
 */

/** Field path (`startsAt`, `givenBy.0.name`) → the sentence to show. */
export type FieldErrors = Record<string, string>

/** The element id of a field: `<form>-<path with dots as dashes>`. */
export function fieldId(form: string, field: string): string {
  return `${form}-${field.replaceAll('.', '-')}`
}

interface BaseProps {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string | undefined
  required?: boolean
}

/** The attributes that tie a control to its hint and error (and to its group's, if any). */
function ariaProps(
  { id, hint, error }: Pick<BaseProps, 'id' | 'hint' | 'error'>,
  group: { describedBy?: string | undefined; invalid?: boolean | undefined } = {},
) {
  const ids = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined, group.describedBy]
  const describedBy = ids.filter(Boolean).join(' ')
  return {
    'aria-invalid': error || group.invalid ? true : undefined,
    'aria-describedby': describedBy || undefined,
  }
}

/** "(valfritt)" after the label of a field that may be left empty. */
function OptionalMark({ required }: { required?: boolean | undefined }) {
  const { t } = useTranslation()
  return required ? null : <span className="field__optional"> {t('form.optional')}</span>
}

function HintAndError({ id, hint, error }: Pick<BaseProps, 'id' | 'hint' | 'error'>) {
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

/** Label, hint and error above one control (an input, a textarea or a select). */
function LabelledField({
  id,
  label,
  hint,
  error,
  required,
  className,
  children,
}: BaseProps & { className?: string | undefined; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
        <OptionalMark required={required} />
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  )
}

export function TextField({
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
  describedBy,
  invalid,
  list,
  ...field
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
  /** The id of a <datalist> of suggestions. */
  list?: string
}) {
  return (
    <LabelledField {...field} className={className}>
      <input
        id={field.id}
        className="field__input"
        type={type}
        value={value}
        onChange={(event) => onChange?.(event.target.value)}
        {...ariaProps(field, { describedBy, invalid })}
        autoComplete={autoComplete ?? 'off'}
        inputMode={inputMode}
        min={min}
        max={max}
        step={step}
        readOnly={readOnly}
        list={list}
      />
    </LabelledField>
  )
}

export function TextArea({
  value,
  onChange,
  rows = 3,
  ...field
}: BaseProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  return (
    <LabelledField {...field}>
      <textarea
        id={field.id}
        className="field__input"
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...ariaProps(field)}
      />
    </LabelledField>
  )
}

export function SelectField<V extends string>({
  value,
  onChange,
  options,
  placeholder,
  ...field
}: BaseProps & {
  value: V | ''
  onChange: (value: V | '') => void
  options: readonly { value: V; label: string }[]
  /** Shown while nothing is chosen (value ''). */
  placeholder?: string
}) {
  return (
    <LabelledField {...field}>
      <select
        id={field.id}
        className="field__input"
        value={value}
        onChange={(event) => onChange(event.target.value as V | '')}
        {...ariaProps(field)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledField>
  )
}

export function CheckboxField({
  checked,
  onChange,
  ...field
}: Omit<BaseProps, 'required'> & { checked: boolean; onChange: (checked: boolean) => void }) {
  const { id, label, hint, error } = field
  return (
    <div className={`field field--checkbox${error ? ' field--error' : ''}`}>
      <input
        id={id}
        type="checkbox"
        className="field__checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        {...ariaProps(field)}
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
  value,
  onChange,
  options,
  ...field
}: BaseProps & {
  value: V | ''
  onChange: (value: V) => void
  options: readonly { value: V; label: string; hint?: string }[]
}) {
  const { id, label, hint, error, required } = field
  const { 'aria-describedby': describedBy, 'aria-invalid': invalid } = ariaProps(field)
  return (
    <fieldset
      className={`field field--group${error ? ' field--error' : ''}`}
      id={id}
      aria-describedby={describedBy}
    >
      <legend className="field__label">
        {label}
        <OptionalMark required={required} />
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
            aria-invalid={invalid}
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
