import { type FormEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { SessionResponse } from '../../shared/schemas/session'
import type { MeetingState } from '../../shared/schemas/signoff'
import type { ApiResult } from '../api'
import { api } from '../api'
import { formatTime } from '../format/dates'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { useRoster } from './hooks'

/**
 * Sign-off screens (docs/protocol.md G): the status every screen shows, the chair's panel (lock,
 * count, sign in the room, unlock, finalize) and everyone else's sign panel. The server decides;
 * these only send requests and show the state it answers or pushes.
 */

type Signature = MeetingState['signatures'][number]

/** Signatures of the active version that still count. */
function activeSignatures(state: MeetingState): Signature[] {
  const version = state.version
  if (!version) return []
  return state.signatures.filter((s) => !s.void && s.versionNumber === version.number)
}

/** Runs a request, applies the state it answers, and turns a failure into a sentence. */
function useRequest() {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async <T,>(request: () => Promise<ApiResult<T>>, done: (data: T) => void): Promise<void> => {
    if (busy) return
    setBusy(true)
    setError(null)
    const result = await request()
    setBusy(false)
    if (result.ok) done(result.data)
    else setError(t('signoff.error', { message: failureMessage(t, result.failure) }))
  }
  return { error, busy, run }
}

/** The lock state in words, on every screen; voided signatures of mine are named void. */
export function SignoffStatus({ state, me }: { state: MeetingState | null; me: SessionResponse }) {
  const { t } = useTranslation()
  if (!state) return null
  const code = state.version?.code ?? ''
  const mineVoid = state.signatures.filter((s) => s.void && s.participantId === me.participantId)
  // While the plan has never been locked there is nothing to say; the live region stays mounted so
  // the lock is announced when it comes.
  const text =
    state.status === 'open'
      ? state.versions.length > 0
        ? t('signoff.status.open')
        : ''
      : `${t(`signoff.status.${state.status}`, { code })} ${t('signoff.status.readOnly')}`
  return (
    <div className="signoff-status">
      <p
        className={text ? `notice${state.status === 'open' ? '' : ' notice--warning'}` : 'visually-hidden'}
        role="status"
      >
        {text}
      </p>
      {mineVoid.length > 0 ? (
        <ul className="signoff-list signoff-list--void">
          {mineVoid.map((s) => (
            <li key={`${s.versionNumber}-${s.participantId}`}>
              {t('signoff.voidEntry', { name: s.name, time: formatTime(s.signedAt) })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** The chair's "Underskrift" panel. */
export function ChairSignoff({
  doc,
  me,
  state,
  apply,
}: {
  doc: Y.Doc
  me: SessionResponse
  state: MeetingState | null
  apply: (state: MeetingState) => void
}) {
  const { t } = useTranslation()
  const roster = useRoster(doc)
  const { error, busy, run } = useRequest()
  const [confirmLock, setConfirmLock] = useState(false)
  const [confirmUnlock, setConfirmUnlock] = useState(false)
  const [unlockReason, setUnlockReason] = useState('')
  const [unlockError, setUnlockError] = useState<string | null>(null)
  const { meetingId, participantId } = me

  if (!state) {
    return (
      <section className="room-panel signoff" aria-labelledby="signoff-title">
        <h2 id="signoff-title">{t('signoff.title')}</h2>
        <p>{t('signoff.loading')}</p>
      </section>
    )
  }

  const signatures = activeSignatures(state)
  const signedIds = new Set(signatures.map((s) => s.participantId))
  const nameOf = (id: string): string => roster.find((r) => r.participantId === id)?.name ?? id
  const notSigned = state.required.filter((id) => !signedIds.has(id))
  const voided = state.signatures.filter((s) => s.void)

  const lock = (): void => {
    setConfirmLock(false)
    void run(() => api.lockPlan(meetingId, participantId), apply)
  }
  const unlock = (): void => {
    if (!unlockReason.trim()) {
      setUnlockError(t('signoff.unlock.reasonMissing'))
      document.getElementById('signoff-unlock-reason')?.focus()
      return
    }
    setConfirmUnlock(false)
    void run(
      () => api.unlockPlan(meetingId, participantId, { reason: unlockReason.trim() }),
      (next) => {
        setUnlockReason('')
        apply(next)
      },
    )
  }

  return (
    <section className="room-panel signoff" aria-labelledby="signoff-title">
      <h2 id="signoff-title">{t('signoff.title')}</h2>
      <ErrorNotice message={error} />
      {state.status === 'open' ? (
        <div className="button-row">
          <button
            type="button"
            className="button--primary"
            disabled={busy}
            onClick={() => setConfirmLock(true)}
          >
            {t('signoff.lock.button')}
          </button>
        </div>
      ) : (
        <>
          <p className="signoff__code">
            {t(`signoff.status.${state.status}`, { code: state.version?.code ?? '' })}
          </p>
          <p className="signoff__count" aria-live="polite">
            {t('signoff.count', { signed: signatures.length, required: state.required.length })}
          </p>
          <h3>{t('signoff.signedList')}</h3>
          {signatures.length === 0 ? <p>{t('signoff.nobody')}</p> : null}
          <ul className="signoff-list" aria-label={t('signoff.signedList')}>
            {signatures.map((s) => (
              <li key={s.participantId}>
                {t('signoff.signedEntry', {
                  name: s.name,
                  time: formatTime(s.signedAt),
                  method: t(`signoff.method.${s.method}`),
                })}
              </li>
            ))}
          </ul>
          <h3>{t('signoff.notSignedList')}</h3>
          {notSigned.length === 0 ? <p>{t('signoff.nobody')}</p> : null}
          <ul className="signoff-list" aria-label={t('signoff.notSignedList')}>
            {notSigned.map((id) => (
              <li key={id}>{nameOf(id)}</li>
            ))}
          </ul>
        </>
      )}
      {state.status === 'finalized' && state.missing.length > 0 ? (
        <ul className="signoff-list">
          {state.missing.map((m) => (
            <li key={m.participantId}>{`${m.name}: ${m.reason}`}</li>
          ))}
        </ul>
      ) : null}
      {voided.length > 0 ? (
        <>
          <h3>{t('signoff.voidTitle')}</h3>
          <ul className="signoff-list signoff-list--void" aria-label={t('signoff.voidTitle')}>
            {voided.map((s) => (
              <li key={`${s.versionNumber}-${s.participantId}`}>
                {t('signoff.voidEntry', { name: s.name, time: formatTime(s.signedAt) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {state.status === 'locked' && state.version ? (
        <>
          <SignInRoom
            me={me}
            versionHash={state.version.hash}
            people={roster.filter((r) => !signedIds.has(r.participantId))}
            apply={apply}
          />
          <FinalizeForm me={me} missing={notSigned.map((id) => ({ id, name: nameOf(id) }))} apply={apply} />
          <div className="button-row">
            <button type="button" disabled={busy} onClick={() => setConfirmUnlock(true)}>
              {t('signoff.unlock.button')}
            </button>
          </div>
        </>
      ) : null}
      {state.status === 'finalized' ? <p className="notice">{t('signoff.finalize.done')}</p> : null}

      <ConfirmDialog
        open={confirmLock}
        title={t('signoff.lock.title')}
        confirmLabel={t('signoff.lock.confirm')}
        onConfirm={lock}
        onCancel={() => setConfirmLock(false)}
      >
        <p>{t('signoff.lock.text')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmUnlock}
        title={t('signoff.unlock.title')}
        confirmLabel={t('signoff.unlock.confirm')}
        onConfirm={unlock}
        onCancel={() => setConfirmUnlock(false)}
        danger
      >
        <p>{t('signoff.unlock.text')}</p>
        <div className={`field${unlockError ? ' field--error' : ''}`}>
          <label className="field__label" htmlFor="signoff-unlock-reason">
            {t('signoff.unlock.reason')}
          </label>
          {unlockError ? (
            <p className="field__error" id="signoff-unlock-reason-error" role="alert">
              {unlockError}
            </p>
          ) : null}
          <input
            id="signoff-unlock-reason"
            className="field__input"
            value={unlockReason}
            aria-invalid={unlockError ? true : undefined}
            aria-describedby={unlockError ? 'signoff-unlock-reason-error' : undefined}
            onChange={(event) => {
              setUnlockReason(event.target.value)
              setUnlockError(null)
            }}
          />
        </div>
      </ConfirmDialog>
    </section>
  )
}

/** A field error under a label, tied to its control. */
function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null
  return (
    <p className="field__error" id={`${id}-error`}>
      {message}
    </p>
  )
}

const invalid = (id: string, message: string | null) => ({
  'aria-invalid': message ? true : undefined,
  'aria-describedby': message ? `${id}-error` : undefined,
})

/** The checkbox and the typed name both sign forms share; validation is the server's schema's. */
function ConfirmAndName({
  prefix,
  confirm,
  setConfirm,
  name,
  setName,
  errors,
  nameLabel,
}: {
  prefix: string
  confirm: boolean
  setConfirm: (on: boolean) => void
  name: string
  setName: (name: string) => void
  errors: { confirm: string | null; name: string | null }
  nameLabel: string
}) {
  const { t } = useTranslation()
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
          {t('signoff.sign.confirm')}
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

/** Focuses the first control that has an error, so the error is read out with it. */
function focusFirst(ids: (string | false)[]): void {
  const first = ids.find(Boolean)
  if (first) document.getElementById(first)?.focus()
}

function SignInRoom({
  me,
  versionHash,
  people,
  apply,
}: {
  me: SessionResponse
  versionHash: string
  people: { participantId: string; name: string }[]
  apply: (state: MeetingState) => void
}) {
  const { t } = useTranslation()
  const { error, busy, run } = useRequest()
  const [person, setPerson] = useState('')
  const [confirm, setConfirm] = useState(false)
  const [name, setName] = useState('')
  const [errors, setErrors] = useState<{
    person: string | null
    confirm: string | null
    name: string | null
  }>({
    person: null,
    confirm: null,
    name: null,
  })
  const [done, setDone] = useState<string | null>(null)
  const prefix = 'signoff-room'

  if (people.length === 0) return <p>{t('signoff.inRoom.nobodyLeft')}</p>

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const next = {
      person: person ? null : t('signoff.inRoom.personMissing'),
      confirm: confirm ? null : t('signoff.sign.confirmMissing'),
      name: name.trim() ? null : t('signoff.sign.nameMissing'),
    }
    setErrors(next)
    if (next.person || next.confirm || next.name) {
      focusFirst([
        !!next.person && `${prefix}-person`,
        !!next.confirm && `${prefix}-confirm`,
        !!next.name && `${prefix}-name`,
      ])
      return
    }
    const typedName = name.trim()
    void run(
      () =>
        api.signPlanInRoom(me.meetingId, me.participantId, {
          participantId: person,
          versionHash,
          confirm: true,
          typedName,
        }),
      (state) => {
        setDone(t('signoff.inRoom.done', { name: typedName }))
        setPerson('')
        setConfirm(false)
        setName('')
        apply(state)
      },
    )
  }

  return (
    <form className="signoff-form" noValidate onSubmit={submit}>
      <fieldset>
        <legend>{t('signoff.inRoom.legend')}</legend>
        {done ? (
          <p className="notice" role="status">
            {done}
          </p>
        ) : null}
        <ErrorNotice message={error} />
        <div className={`field${errors.person ? ' field--error' : ''}`}>
          <label className="field__label" htmlFor={`${prefix}-person`}>
            {t('signoff.inRoom.person')}
          </label>
          <FieldError id={`${prefix}-person`} message={errors.person} />
          <select
            id={`${prefix}-person`}
            className="field__input"
            value={person}
            onChange={(event) => {
              const id = event.target.value
              setPerson(id)
              setName(people.find((p) => p.participantId === id)?.name ?? '')
            }}
            {...invalid(`${prefix}-person`, errors.person)}
          >
            <option value="">{t('signoff.inRoom.choose')}</option>
            {people.map((p) => (
              <option key={p.participantId} value={p.participantId}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <ConfirmAndName
          prefix={prefix}
          confirm={confirm}
          setConfirm={setConfirm}
          name={name}
          setName={setName}
          errors={errors}
          nameLabel={t('signoff.inRoom.name')}
        />
        <div className="button-row">
          <button type="submit" className="button--primary" disabled={busy}>
            {t('signoff.inRoom.submit')}
          </button>
        </div>
      </fieldset>
    </form>
  )
}

function FinalizeForm({
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
        <div className="button-row">
          <button type="submit" className="button--primary" disabled={busy}>
            {t('signoff.finalize.submit')}
          </button>
        </div>
      </fieldset>
    </form>
  )
}

/** Everyone else's sign panel while the plan is locked; then, for child and guardian, satisfaction. */
export function SignPanel({
  me,
  state,
  apply,
}: {
  me: SessionResponse
  state: MeetingState | null
  apply: (state: MeetingState) => void
}) {
  const { t } = useTranslation()
  const { error, busy, run } = useRequest()
  const [confirm, setConfirm] = useState(false)
  const [name, setName] = useState(me.name)
  const [errors, setErrors] = useState<{ confirm: string | null; name: string | null }>({
    confirm: null,
    name: null,
  })
  const titleId = useId()
  const prefix = 'signoff-sign'

  if (!state?.version || state.status === 'open') return null
  const version = state.version
  const mine = activeSignatures(state).find((s) => s.participantId === me.participantId)
  const asksSatisfaction = me.role === 'child' || me.role === 'guardian'

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const next = {
      confirm: confirm ? null : t('signoff.sign.confirmMissing'),
      name: name.trim() ? null : t('signoff.sign.nameMissing'),
    }
    setErrors(next)
    if (next.confirm || next.name) {
      focusFirst([!!next.confirm && `${prefix}-confirm`, !!next.name && `${prefix}-name`])
      return
    }
    void run(
      () =>
        api.signPlan(me.meetingId, me.participantId, {
          versionHash: version.hash,
          confirm: true,
          typedName: name.trim(),
        }),
      apply,
    )
  }

  return (
    <section className="room-panel signoff" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('signoff.title')}</h2>
      {mine ? (
        <>
          <p className="notice" role="status">
            {t('signoff.sign.done', { code: version.code })}
          </p>
          {asksSatisfaction ? <Satisfaction me={me} /> : null}
        </>
      ) : state.status === 'locked' ? (
        <form className="signoff-form" noValidate onSubmit={submit}>
          <fieldset>
            <legend>{t('signoff.sign.legend')}</legend>
            <p>{t('signoff.sign.review', { code: version.code })}</p>
            <ErrorNotice message={error} />
            <ConfirmAndName
              prefix={prefix}
              confirm={confirm}
              setConfirm={setConfirm}
              name={name}
              setName={setName}
              errors={errors}
              nameLabel={t('signoff.sign.name')}
            />
            <div className="button-row">
              <button type="submit" className="button--primary" disabled={busy}>
                {t('signoff.sign.submit')}
              </button>
            </div>
          </fieldset>
        </form>
      ) : null}
    </section>
  )
}

const SCORES = ['1', '2', '3', '4', '5'] as const

function Satisfaction({ me }: { me: SessionResponse }) {
  const { t } = useTranslation()
  const { error, busy, run } = useRequest()
  const [score, setScore] = useState('')
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState(false)
  const [sent, setSent] = useState(false)
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
        <div className="button-row">
          <button type="submit" className="button--primary" disabled={busy}>
            {t('signoff.satisfaction.submit')}
          </button>
        </div>
      </fieldset>
    </form>
  )
}
