import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionResponse } from '../../../shared/schemas/session'
import { api } from '../../api'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { SubmitRow } from './fields'
import { useRequest } from './request'

const SCORES = ['1', '2', '3', '4', '5'] as const

/**
 * "Är du nöjd med mötet?" (G11), once: not asked again after a reload (the session says it was
 * answered), and a 409 `already-answered` (answered on another tab) counts as answered.
 */
export function Satisfaction({ me }: { me: SessionResponse }) {
  const { t } = useTranslation()
  const { error, busy, run } = useRequest()
  const [score, setScore] = useState('')
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState(false)
  const [sent, setSent] = useState(me.satisfactionAnswered)
  const firstRadio = useRef<HTMLInputElement>(null)

  if (sent) {
    return (
      <p className="notice" role="status">
        {t('signoff.satisfaction.done')}
      </p>
    )
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (!score) {
      setMissing(true)
      firstRadio.current?.focus()
      return
    }
    void run(
      () => api.satisfaction(me.participantId, { score: Number(score), comment: comment.trim() }),
      () => setSent(true),
      (failure) => {
        const answered = failure.status === 409 && failure.code === 'already-answered'
        if (answered) setSent(true)
        return answered
      },
    )
  }

  return (
    <form className="signoff-form" noValidate onSubmit={submit}>
      <fieldset
        className={missing ? 'field--error' : undefined}
        aria-invalid={missing ? true : undefined}
        aria-describedby={missing ? 'signoff-satisfaction-error' : undefined}
      >
        <legend>{t('signoff.satisfaction.legend')}</legend>
        {missing ? (
          <p className="field__error" id="signoff-satisfaction-error" role="alert">
            {t('signoff.satisfaction.missing')}
          </p>
        ) : null}
        <ErrorNotice message={error} />
        {SCORES.map((value, index) => (
          <label key={value} className="field__check">
            <input
              ref={index === 0 ? firstRadio : undefined}
              type="radio"
              name="signoff-satisfaction"
              value={value}
              checked={score === value}
              onChange={() => {
                setScore(value)
                setMissing(false)
              }}
            />
            {t(`signoff.satisfaction.options.${value}`)}
          </label>
        ))}
        <div className="field">
          <label className="field__label" htmlFor="signoff-satisfaction-comment">
            {t('signoff.satisfaction.comment')}
            <span className="field__optional"> {t('form.optional')}</span>
          </label>
          <textarea
            id="signoff-satisfaction-comment"
            className="field__input"
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </div>
        <SubmitRow busy={busy} label={t('signoff.satisfaction.submit')} />
      </fieldset>
    </form>
  )
}
