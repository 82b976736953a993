import { type FormEvent, type ReactNode, useRef, useState } from 'react'
import type { SessionResponse } from '../../../shared/schemas/session'
import type { MeetingState } from '../../../shared/schemas/signoff'
import { api } from '../../api'
import { useTranslation } from '../../i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { SubmitRow } from './fields'
import { useRequest } from './request'

const SCORES = ['1', '2', '3', '4', '5'] as const
type Score = (typeof SCORES)[number]

/**
 * When "Är du nöjd med mötet?" (G11) is asked: of the child and the guardians, once the plan is
 * locked or finalized – the meeting is ending – whether or not they have signed.
 */
export function asksSatisfaction(me: SessionResponse, state: MeetingState | null): boolean {
  const answerer = me.role === 'child' || me.role === 'guardian'
  return answerer && state?.version != null && state.status !== 'open'
}

/**
 * The answer's state and its sending, for both forms. Asked once: not again after a reload (the
 * session says it was answered), and a 409 `already-answered` (answered on another tab) counts as
 * answered.
 */
function useSatisfaction(me: SessionResponse) {
  const { error, busy, run } = useRequest()
  const [score, setScore] = useState<Score | ''>('')
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState(false)
  const [sent, setSent] = useState(me.satisfactionAnswered)
  const firstRadio = useRef<HTMLInputElement>(null)

  const choose = (value: Score): void => {
    setScore(value)
    setMissing(false)
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
  return { error, busy, score, choose, comment, setComment, missing, sent, firstRadio, submit }
}

/** "Är du nöjd med mötet?" for a guardian: five answers and a comment. */
export function Satisfaction({ me }: { me: SessionResponse }) {
  const { t } = useTranslation()
  const form = useSatisfaction(me)
  if (form.sent) return <Thanks text={t('signoff.satisfaction.done')} />
  return (
    <SatisfactionForm
      form={form}
      prefix="signoff-satisfaction"
      legend={t('signoff.satisfaction.legend')}
      missing={t('signoff.satisfaction.missing')}
      comment={
        <>
          {t('signoff.satisfaction.comment')}
          <span className="field__optional"> {t('form.optional')}</span>
        </>
      }
      submit={t('signoff.satisfaction.submit')}
      renderOption={(value) => (
        <label key={value} className="field__check">
          <input type="radio" {...radio(form, value, 'signoff-satisfaction')} />
          {t(`signoff.satisfaction.options.${value}`)}
        </label>
      )}
    />
  )
}

/** The same question for the child: five faces, each with its words, large enough for a finger. */
export function ChildSatisfaction({ me }: { me: SessionResponse }) {
  const { t } = useTranslation()
  const form = useSatisfaction(me)
  if (form.sent) return <Thanks text={t('child.satisfaction.done')} />
  return (
    <SatisfactionForm
      form={form}
      prefix="child-satisfaction"
      className="child-faces"
      legend={t('child.satisfaction.legend')}
      missing={t('child.satisfaction.missing')}
      comment={t('child.satisfaction.comment')}
      submit={t('child.satisfaction.submit')}
      renderOption={(value) => (
        <label key={value} className="child-faces__option">
          <input type="radio" {...radio(form, value, 'child-satisfaction')} />
          <Face score={Number(value)} />
          <span className="child-faces__label">{t(`child.satisfaction.options.${value}`)}</span>
        </label>
      )}
    />
  )
}

type Form = ReturnType<typeof useSatisfaction>

function Thanks({ text }: { text: string }) {
  return (
    <p className="notice" role="status">
      {text}
    </p>
  )
}

/** One answer's radio button: its value, whether it is chosen, and the first one's focus handle. */
function radio(form: Form, value: Score, name: string) {
  return {
    ref: value === SCORES[0] ? form.firstRadio : undefined,
    name,
    value,
    checked: form.score === value,
    onChange: () => form.choose(value),
  }
}

function SatisfactionForm({
  form,
  prefix,
  className,
  legend,
  missing,
  comment,
  submit,
  renderOption,
}: {
  form: Form
  prefix: string
  className?: string
  legend: string
  missing: string
  comment: ReactNode
  submit: string
  renderOption: (value: Score) => ReactNode
}) {
  return (
    <form className={`signoff-form${className ? ` ${className}` : ''}`} noValidate onSubmit={form.submit}>
      <fieldset
        className={form.missing ? 'field--error' : undefined}
        aria-invalid={form.missing ? true : undefined}
        aria-describedby={form.missing ? `${prefix}-error` : undefined}
      >
        <legend>{legend}</legend>
        {form.missing ? (
          <p className="field__error" id={`${prefix}-error`} role="alert">
            {missing}
          </p>
        ) : null}
        <ErrorNotice message={form.error} />
        <div className={className ? `${className}__options` : undefined}>{SCORES.map(renderOption)}</div>
        <div className="field">
          <label className="field__label" htmlFor={`${prefix}-comment`}>
            {comment}
          </label>
          <textarea
            id={`${prefix}-comment`}
            className="field__input"
            value={form.comment}
            onChange={(event) => form.setComment(event.target.value)}
          />
        </div>
        <SubmitRow busy={form.busy} label={submit} />
      </fieldset>
    </form>
  )
}

/** Mouth curves from a frown (1) to a wide smile (5); drawn, so no emoji font is needed. */
const MOUTHS: Record<number, string> = {
  1: 'M15 34 Q24 24 33 34',
  2: 'M16 33 Q24 28 32 33',
  3: 'M16 31 L32 31',
  4: 'M16 29 Q24 35 32 29',
  5: 'M14 28 Q24 40 34 28',
}

/** A face for a score; decorative, the label beside it says the same in words. */
function Face({ score }: { score: number }) {
  return (
    <svg className="child-faces__face" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="17" cy="19" r="2.5" fill="currentColor" />
      <circle cx="31" cy="19" r="2.5" fill="currentColor" />
      <path d={MOUTHS[score]} fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  )
}
