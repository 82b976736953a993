import { useState } from 'react'
import { useTranslation } from '../../i18n'

/** Form parts the sign forms share; validation is the server's schema's, these only show it. */

/** A field error under a label, tied to its control. */
export function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null
  return (
    <p className="field__error" id={`${id}-error`}>
      {message}
    </p>
  )
}

export const invalid = (id: string, message: string | null) => ({
  'aria-invalid': message ? true : undefined,
  'aria-describedby': message ? `${id}-error` : undefined,
})

/** Focuses the first control that has an error, so the error is read out with it. */
export function focusFirst(ids: string[]): void {
  const first = ids[0]
  if (first) document.getElementById(first)?.focus()
}

interface ConfirmAndNameErrors {
  confirm: string | null
  name: string | null
}

/**
 * The state of "Jag har tagit del av planen och godkänner den" and the typed name, which both sign
 * forms require: `validate` shows what is missing and answers the ids of the controls in error.
 */
export function useSigner(prefix: string, initialName: string) {
  const { t } = useTranslation()
  const [confirm, setConfirm] = useState(false)
  const [name, setName] = useState(initialName)
  const [errors, setErrors] = useState<ConfirmAndNameErrors>({ confirm: null, name: null })
  const validate = (): string[] => {
    const next = {
      confirm: confirm ? null : t('signoff.sign.confirmMissing'),
      name: name.trim() ? null : t('signoff.sign.nameMissing'),
    }
    setErrors(next)
    return [next.confirm && `${prefix}-confirm`, next.name && `${prefix}-name`].filter(
      (id): id is string => !!id,
    )
  }
  const reset = (nextName = ''): void => {
    setConfirm(false)
    setName(nextName)
  }
  return { prefix, confirm, setConfirm, name, setName, errors, validate, reset }
}

export type Signer = ReturnType<typeof useSigner>

/** The checkbox "Jag har tagit del av planen och godkänner den" and the typed name. */
export function ConfirmAndName({
  signer,
  nameLabel,
  confirmLabel,
}: {
  signer: Signer
  nameLabel: string
  /** The confirmation's words; the adults' "Jag har läst …" unless given (the child's own words). */
  confirmLabel?: string
}) {
  const { t } = useTranslation()
  const { prefix, confirm, setConfirm, name, setName, errors } = signer
  return (
    <>
      <div className={`field${errors.confirm ? ' field--error' : ''}`}>
        <FieldError id={`${prefix}-confirm`} message={errors.confirm} />
        <label className="field__check">
          <input
            id={`${prefix}-confirm`}
            type="checkbox"
            checked={confirm}
            onChange={(event) => setConfirm(event.target.checked)}
            {...invalid(`${prefix}-confirm`, errors.confirm)}
          />
          {confirmLabel ?? t('signoff.sign.confirm')}
        </label>
      </div>
      <div className={`field${errors.name ? ' field--error' : ''}`}>
        <label className="field__label" htmlFor={`${prefix}-name`}>
          {nameLabel}
        </label>
        <FieldError id={`${prefix}-name`} message={errors.name} />
        <input
          id={`${prefix}-name`}
          className="field__input"
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          {...invalid(`${prefix}-name`, errors.name)}
        />
      </div>
    </>
  )
}

/** A form's one submit button, in its row. */
export function SubmitRow({ busy, label }: { busy: boolean; label: string }) {
  return (
    <div className="button-row">
      <button type="submit" className="button--primary" disabled={busy}>
        {label}
      </button>
    </div>
  )
}
