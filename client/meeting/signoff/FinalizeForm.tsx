import { type FormEvent, useState } from 'react'
import { DEFAULT_LANGUAGE, isLanguage } from '../../../shared/languages'
import type { SessionResponse } from '../../../shared/schemas/session'
import {
  type FinalizeInput,
  type MeetingState,
  MISSING_SIGNATURE_REASONS,
  type MissingSignatureReason,
} from '../../../shared/schemas/signoff'
import { rowLabel, STATISTICS_TEXT } from '../../../shared/statistics/text'
import { api } from '../../api'
import { useTranslation } from '../../i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { FieldError, focusFirst, SubmitRow } from './fields'
import { useRequest } from './request'

type Person = { id: string; name: string }

/**
 * What finalizing sends: per missing signature the chair's words and, when chosen, the kind of
 * reason the statistics count (issue 14; left out, the server counts it as "another reason").
 */
export function finalizeInput(
  missing: readonly Person[],
  reasons: Readonly<Record<string, string>>,
  categories: Readonly<Record<string, MissingSignatureReason | ''>>,
): FinalizeInput {
  return {
    missing: missing.map((person) => {
      const category = categories[person.id]
      return {
        participantId: person.id,
        ...(category ? { category } : {}),
        reason: (reasons[person.id] ?? '').trim(),
      }
    }),
  }
}

/** Finalize (G7): a reason for each present participant who has not signed, and its kind. */
export function FinalizeForm({
  me,
  missing,
  apply,
}: {
  me: SessionResponse
  missing: Person[]
  apply: (state: MeetingState) => void
}) {
  const { t, i18n } = useTranslation()
  const words = STATISTICS_TEXT[isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE]
  const { error, busy, run } = useRequest()
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const [categories, setCategories] = useState<Record<string, MissingSignatureReason | ''>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const fieldFor = (id: string): string => `signoff-missing-${id}`

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const next: Record<string, string> = {}
    for (const person of missing) {
      if (!reasons[person.id]?.trim())
        next[person.id] = t('signoff.finalize.reasonMissing', { name: person.name })
    }
    setErrors(next)
    const first = missing.find((p) => next[p.id])
    if (first) {
      focusFirst([fieldFor(first.id)])
      return
    }
    void run(
      () => api.finalizePlan(me.meetingId, me.participantId, finalizeInput(missing, reasons, categories)),
      apply,
    )
  }

  return (
    <form className="signoff-form" noValidate onSubmit={submit}>
      <fieldset>
        <legend>{t('signoff.finalize.legend')}</legend>
        <ErrorNotice message={error} />
        {missing.map((person) => {
          const id = fieldFor(person.id)
          const message = errors[person.id] ?? null
          return (
            <fieldset key={person.id} className="signoff-missing">
              <legend>{t('signoff.finalize.reasonFor', { name: person.name })}</legend>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-category`}>
                  {t('signoff.finalize.category')}
                  <span className="field__optional"> {t('form.optional')}</span>
                </label>
                <select
                  id={`${id}-category`}
                  className="field__input"
                  value={categories[person.id] ?? ''}
                  onChange={(event) =>
                    setCategories((all) => ({
                      ...all,
                      [person.id]: event.target.value as MissingSignatureReason | '',
                    }))
                  }
                >
                  <option value="">{t('signoff.finalize.categoryNone')}</option>
                  {MISSING_SIGNATURE_REASONS.map((reason) => (
                    <option key={reason} value={reason}>
                      {rowLabel(words, 'missing-signature-reasons', { key: reason })}
                    </option>
                  ))}
                </select>
              </div>
              <div className={`field${message ? ' field--error' : ''}`}>
                <label className="field__label" htmlFor={id}>
                  {t('signoff.finalize.explanation')}
                </label>
                <p className="field__hint" id={`${id}-hint`}>
                  {t('signoff.finalize.reasonHint')}
                </p>
                <FieldError id={id} message={message} />
                <input
                  id={id}
                  className="field__input"
                  value={reasons[person.id] ?? ''}
                  onChange={(event) => setReasons((all) => ({ ...all, [person.id]: event.target.value }))}
                  aria-invalid={message ? true : undefined}
                  aria-describedby={message ? `${id}-hint ${id}-error` : `${id}-hint`}
                />
              </div>
            </fieldset>
          )
        })}
        <SubmitRow busy={busy} label={t('signoff.finalize.submit')} />
      </fieldset>
    </form>
  )
}
