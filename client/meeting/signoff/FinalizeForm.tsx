import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionResponse } from '../../../shared/schemas/session'
import type { MeetingState } from '../../../shared/schemas/signoff'
import { api } from '../../api'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { FieldError, focusFirst, SubmitRow } from './fields'
import { useRequest } from './request'

/** Finalize (G7): a reason for each present participant who has not signed. */
export function FinalizeForm({
  me,
  missing,
  apply,
}: {
  me: SessionResponse
  missing: { id: string; name: string }[]
  apply: (state: MeetingState) => void
}) {
  const { t } = useTranslation()
  const { error, busy, run } = useRequest()
  const [reasons, setReasons] = useState<Record<string, string>>({})
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
      () =>
        api.finalizePlan(me.meetingId, me.participantId, {
          missing: missing.map((p) => ({ participantId: p.id, reason: (reasons[p.id] ?? '').trim() })),
        }),
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
            <div key={person.id} className={`field${message ? ' field--error' : ''}`}>
              <label className="field__label" htmlFor={id}>
                {t('signoff.finalize.reasonFor', { name: person.name })}
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
          )
        })}
        <SubmitRow busy={busy} label={t('signoff.finalize.submit')} />
      </fieldset>
    </form>
  )
}
