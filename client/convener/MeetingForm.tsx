import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { INVITATION_LEAD_DAYS } from '../../shared/limits'
import {
  CHILD_PARTICIPATION,
  MEETING_TYPES,
  type Meeting,
  type MeetingInput,
  MeetingInputSchema,
} from '../../shared/schemas/meeting'
import type { ApiResult } from '../api'
import { isoToLocalParts, localDateTimeToIso } from '../format/dates'
import { failureMessage } from '../ui/errors'
import {
  CheckboxField,
  ErrorSummary,
  type FieldErrors,
  fieldId,
  RadioGroup,
  TextArea,
  TextField,
  toFieldErrors,
  validate,
} from '../ui/fields'

const FORM = 'meeting'
const DAY_MS = 24 * 60 * 60 * 1000

type MeetingType = (typeof MEETING_TYPES)[number]
type ChildParticipation = (typeof CHILD_PARTICIPATION)[number]

interface Draft {
  type: MeetingType | ''
  date: string
  time: string
  duration: string
  place: string
  remoteAllowed: boolean
  childName: string
  childAge: string
  purpose: string
  questions: string
  childWords: string
  childParticipation: ChildParticipation | ''
  childParticipationNote: string
}

function draftFrom(meeting: Meeting | null): Draft {
  if (!meeting) {
    return {
      type: 'first',
      date: '',
      time: '',
      duration: '90',
      place: '',
      remoteAllowed: false,
      childName: '',
      childAge: '',
      purpose: '',
      questions: '',
      childWords: '',
      childParticipation: '',
      childParticipationNote: '',
    }
  }
  const { date, time } = isoToLocalParts(meeting.startsAt)
  return {
    type: meeting.type,
    date,
    time,
    duration: String(meeting.durationMinutes),
    place: meeting.place,
    remoteAllowed: meeting.remoteAllowed,
    childName: meeting.childName,
    childAge: meeting.childAge,
    purpose: meeting.purpose,
    questions: meeting.questions,
    childWords: meeting.childWords,
    childParticipation: meeting.childParticipation,
    childParticipationNote: meeting.childParticipationNote,
  }
}

/** What the shared schema reads: empty choices and numbers become "missing", not "invalid". */
function inputFrom(draft: Draft): Record<string, unknown> {
  const duration = draft.duration.trim()
  return {
    type: draft.type || undefined,
    startsAt: localDateTimeToIso(draft.date, draft.time),
    durationMinutes: duration === '' ? undefined : Number(duration),
    place: draft.place,
    remoteAllowed: draft.remoteAllowed,
    childName: draft.childName,
    childAge: draft.childAge,
    purpose: draft.purpose,
    questions: draft.questions,
    childWords: draft.childWords,
    childParticipation: draft.childParticipation || undefined,
    childParticipationNote: draft.childParticipationNote,
  }
}

/** The element that a field's error leads to. */
function targetOf(field: string): string {
  if (field === 'startsAt') return fieldId(FORM, 'date')
  return fieldId(FORM, field.split('.')[0] ?? field)
}

/**
 * The meeting set-up (MeetingInputSchema): the same form creates a meeting and changes it. Checked
 * with the shared schema before it is sent; the server's field errors are shown the same way.
 */
export function MeetingForm({
  meeting,
  submitLabel,
  onSubmit,
  onSaved,
  disabled = false,
}: {
  meeting: Meeting | null
  submitLabel: string
  onSubmit: (input: MeetingInput) => Promise<ApiResult<Meeting>>
  onSaved: (meeting: Meeting) => void
  disabled?: boolean
}) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(() => draftFrom(meeting))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [general, setGeneral] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]): void =>
      setDraft((current) => ({ ...current, [key]: value }))

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setGeneral(null)
    const checked = validate(MeetingInputSchema, inputFrom(draft))
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    setBusy(true)
    const result = await onSubmit(checked.data)
    setBusy(false)
    if (!result.ok) {
      const { failure } = result
      if (failure.code === 'validation' && failure.issues.length > 0) setErrors(toFieldErrors(failure.issues))
      else setGeneral(failureMessage(t, failure))
      return
    }
    onSaved(result.data)
  }

  // A soft warning while typing; the saved meeting carries the server's own `late-invitation`.
  const startsAt = localDateTimeToIso(draft.date, draft.time)
  const sentAt = meeting ? Date.parse(meeting.createdAt) : Date.now()
  const late = startsAt !== undefined && Date.parse(startsAt) - sentAt < INVITATION_LEAD_DAYS * DAY_MS
  const startsAtError = errors.startsAt
  const groupDescribedBy = [startsAtError && `${FORM}-startsAt-error`, late && `${FORM}-startsAt-late`]
    .filter(Boolean)
    .join(' ')

  return (
    <>
      <ErrorSummary errors={errors} generalError={general} targetOf={targetOf} />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <fieldset className="form__fieldset" disabled={disabled}>
          <RadioGroup
            id={fieldId(FORM, 'type')}
            label={t('fields.type')}
            required
            value={draft.type}
            onChange={set('type')}
            options={MEETING_TYPES.map((value) => ({ value, label: t(`meetingType.${value}`) }))}
            error={errors.type}
          />
          <fieldset
            className={`field field--group${startsAtError ? ' field--error' : ''}`}
            id={`${FORM}-startsAt`}
          >
            <legend className="field__label">{t('fields.startsAt')}</legend>
            {startsAtError ? (
              <p className="field__error" id={`${FORM}-startsAt-error`}>
                {startsAtError}
              </p>
            ) : null}
            <div className="field-row">
              <TextField
                id={fieldId(FORM, 'date')}
                label={t('fields.date')}
                type="date"
                required
                value={draft.date}
                onChange={set('date')}
                describedBy={groupDescribedBy || undefined}
                invalid={Boolean(startsAtError)}
              />
              <TextField
                id={fieldId(FORM, 'time')}
                label={t('fields.time')}
                type="time"
                required
                value={draft.time}
                onChange={set('time')}
                describedBy={groupDescribedBy || undefined}
                invalid={Boolean(startsAtError)}
              />
            </div>
            <div aria-live="polite">
              {late ? (
                <p className="notice notice--warning" id={`${FORM}-startsAt-late`}>
                  {t('warnings.late-invitation')}
                </p>
              ) : null}
            </div>
          </fieldset>
          <TextField
            id={fieldId(FORM, 'durationMinutes')}
            label={t('fields.durationMinutes')}
            hint={t('fields.durationHint')}
            type="number"
            inputMode="numeric"
            min={15}
            max={480}
            step={15}
            required
            value={draft.duration}
            onChange={set('duration')}
            error={errors.durationMinutes}
          />
          <TextField
            id={fieldId(FORM, 'place')}
            label={t('fields.place')}
            hint={t('fields.placeHint')}
            value={draft.place}
            onChange={set('place')}
            error={errors.place}
          />
          <CheckboxField
            id={fieldId(FORM, 'remoteAllowed')}
            label={t('fields.remoteAllowed')}
            checked={draft.remoteAllowed}
            onChange={set('remoteAllowed')}
            error={errors.remoteAllowed}
          />
          <TextField
            id={fieldId(FORM, 'childName')}
            label={t('fields.childName')}
            hint={t('fields.childNameHint')}
            required
            value={draft.childName}
            onChange={set('childName')}
            error={errors.childName}
          />
          <TextField
            id={fieldId(FORM, 'childAge')}
            label={t('fields.childAge')}
            hint={t('fields.childAgeHint')}
            value={draft.childAge}
            onChange={set('childAge')}
            error={errors.childAge}
          />
          <TextArea
            id={fieldId(FORM, 'purpose')}
            label={t('fields.purpose')}
            hint={t('fields.purposeHint')}
            required
            value={draft.purpose}
            onChange={set('purpose')}
            error={errors.purpose}
          />
          <TextArea
            id={fieldId(FORM, 'questions')}
            label={t('fields.questions')}
            hint={t('fields.questionsHint')}
            value={draft.questions}
            onChange={set('questions')}
            error={errors.questions}
          />
          <TextArea
            id={fieldId(FORM, 'childWords')}
            label={t('fields.childWords')}
            hint={t('fields.childWordsHint')}
            value={draft.childWords}
            onChange={set('childWords')}
            error={errors.childWords}
          />
          <RadioGroup
            id={fieldId(FORM, 'childParticipation')}
            label={t('fields.childParticipation')}
            required
            value={draft.childParticipation}
            onChange={set('childParticipation')}
            options={CHILD_PARTICIPATION.map((value) => ({ value, label: t(`childParticipation.${value}`) }))}
            error={errors.childParticipation}
          />
          <TextArea
            id={fieldId(FORM, 'childParticipationNote')}
            label={t('fields.childParticipationNote')}
            hint={t('fields.childParticipationNoteHint')}
            required={draft.childParticipation === 'not-at-all'}
            value={draft.childParticipationNote}
            onChange={set('childParticipationNote')}
            error={errors.childParticipationNote}
          />
          <button type="submit" className="button--primary" disabled={busy}>
            {submitLabel}
          </button>
        </fieldset>
      </form>
    </>
  )
}
