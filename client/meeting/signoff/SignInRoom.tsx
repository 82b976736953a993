import { type FormEvent, useState } from 'react'
import type { SessionResponse } from '../../../shared/schemas/session'
import type { MeetingState } from '../../../shared/schemas/signoff'
import { api } from '../../api'
import { useTranslation } from '../../i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { ConfirmAndName, FieldError, focusFirst, invalid, SubmitRow, useSigner } from './fields'
import { useRequest } from './request'
import { SignaturePad } from './SignaturePad'
import { type Stroke, strokesToPath } from './signature-path'

const PREFIX = 'signoff-room'

/**
 * Signing in the room on the chair's screen (G5, method "in-room"), for people without a device:
 * choose the person, confirm, type the name – the name clarification, required – and, if they
 * like, draw a signature.
 */
export function SignInRoom({
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
  const signer = useSigner(PREFIX, '')
  const [strokes, setStrokes] = useState<Stroke[]>([])
  const [personError, setPersonError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  if (people.length === 0) return <p>{t('signoff.inRoom.nobodyLeft')}</p>

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const missingPerson = person ? null : t('signoff.inRoom.personMissing')
    setPersonError(missingPerson)
    const wrong = [...(missingPerson ? [`${PREFIX}-person`] : []), ...signer.validate()]
    if (wrong.length > 0) {
      focusFirst(wrong)
      return
    }
    const typedName = signer.name.trim()
    const drawing = strokesToPath(strokes)
    void run(
      () =>
        api.signPlanInRoom(me.meetingId, me.participantId, {
          participantId: person,
          versionHash,
          confirm: true,
          typedName,
          ...(drawing ? { drawing } : {}),
        }),
      (state) => {
        setDone(t('signoff.inRoom.done', { name: typedName }))
        setPerson('')
        signer.reset()
        setStrokes([])
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
        <div className={`field${personError ? ' field--error' : ''}`}>
          <label className="field__label" htmlFor={`${PREFIX}-person`}>
            {t('signoff.inRoom.person')}
          </label>
          <FieldError id={`${PREFIX}-person`} message={personError} />
          <select
            id={`${PREFIX}-person`}
            className="field__input"
            value={person}
            onChange={(event) => {
              const id = event.target.value
              setPerson(id)
              signer.setName(people.find((p) => p.participantId === id)?.name ?? '')
              // A drawing belongs to the person who drew it.
              setStrokes([])
            }}
            {...invalid(`${PREFIX}-person`, personError)}
          >
            <option value="">{t('signoff.inRoom.choose')}</option>
            {people.map((p) => (
              <option key={p.participantId} value={p.participantId}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <ConfirmAndName signer={signer} nameLabel={t('signoff.inRoom.name')} />
        <SignaturePad strokes={strokes} setStrokes={setStrokes} />
        <SubmitRow busy={busy} label={t('signoff.inRoom.submit')} />
      </fieldset>
    </form>
  )
}
