import { type FormEvent, useState } from 'react'
import type { z } from 'zod'
import { describeIssue, type FieldError } from '../../shared/validation'
import type { ApiFailure } from '../api'
import { currentLanguage, useTranslation } from '../i18n'
import { failureMessage } from './errors'
import { type FieldErrors, fieldId } from './fields'

export function toFieldErrors(list: readonly Pick<FieldError, 'field' | 'message'>[]): FieldErrors {
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

/** A refusal in the screen's own words, for one field or (without `field`) the whole form. */
export interface Refusal {
  field?: string
  message: string
}

/** The keys of `V` whose values are of type `T`. */
type KeysOf<V, T> = { [K in keyof V]: V[K] extends T ? K : never }[keyof V] & string

export interface SchemaFormOptions<S extends z.ZodType, V> {
  /** The form's name: a field's element id is `<form>-<field>` (fieldId). */
  form: string
  /** The shared schema the server parses the same input with. */
  schema: S
  initialValues: V | (() => V)
  /** What the schema reads, made from the values (e.g. an empty choice as `undefined`). */
  toInput?: (values: V) => unknown
  /** The element an error's field path leads to; by default the field of that name. */
  targetOf?: (field: string) => string
  /**
   * Sends the checked input; answers null when it was saved, else what to show: the server's
   * failure (its field issues, or one sentence for the form) or a refusal in the screen's words.
   */
  send: (data: z.output<S>) => Promise<ApiFailure | Refusal | null>
}

/**
 * One form's state: its values, the errors from the shared schema (checked before anything is
 * sent) or from the server's answer, the summary above the form, and whether it is sending.
 */
export function useSchemaForm<S extends z.ZodType, V extends object>({
  form,
  schema,
  initialValues,
  toInput = (values) => values,
  targetOf = (field) => fieldId(form, field),
  send,
}: SchemaFormOptions<S, V>) {
  const { t } = useTranslation()
  const [initial] = useState(initialValues)
  const [values, setValues] = useState<V>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [general, setGeneral] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)

  const set =
    <K extends keyof V>(key: K) =>
    (value: V[K]): void =>
      setValues((current) => ({ ...current, [key]: value }))

  const submit = async (): Promise<void> => {
    setGeneral(null)
    setSaved(false)
    const checked = validate(schema, toInput(values))
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    setBusy(true)
    const outcome = await send(checked.data)
    setBusy(false)
    if (outcome === null) {
      setSaved(true)
      return
    }
    if (!('status' in outcome)) {
      if (outcome.field) setErrors({ [outcome.field]: outcome.message })
      else setGeneral(outcome.message)
      return
    }
    // The server's field issues beside their fields; any other failure as one sentence.
    if (outcome.code === 'validation' && outcome.issues.length > 0) setErrors(toFieldErrors(outcome.issues))
    else setGeneral(failureMessage(t, outcome))
  }

  return {
    values,
    setValues,
    /** Back to the values the form started with (after adding something, for the next one). */
    reset: (): void => setValues(initial),
    errors,
    busy,
    /** The last submit was saved (cleared when the form is submitted again). */
    saved,
    /** Props of a text, select or radio field bound to `values[key]`. */
    field: <K extends KeysOf<V, string>>(key: K) => ({
      id: fieldId(form, key),
      value: values[key],
      onChange: set(key),
      error: errors[key],
    }),
    /** Props of a checkbox bound to `values[key]`. */
    checkbox: <K extends KeysOf<V, boolean>>(key: K) => ({
      id: fieldId(form, key),
      checked: values[key] as boolean,
      onChange: (checked: boolean) => set(key)(checked as V[K]),
      error: errors[key],
    }),
    /** Props of the ErrorSummary above the form. */
    summary: { errors, generalError: general, targetOf },
    onSubmit: (event: FormEvent): void => {
      event.preventDefault()
      void submit()
    },
  }
}
