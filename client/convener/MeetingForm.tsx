import { useTranslation } from 'react-i18next'
import { INVITATION_LEAD_DAYS } from '../../shared/limits'
import {
  CHILD_PARTICIPATION,
  copiedSetup,
  MEETING_TYPES,
  type Meeting,
  type MeetingInput,
  meetingInputAt,
} from '../../shared/schemas/meeting'
import type { ApiResult } from '../api'
import { isoToLocalParts, localDateTimeToIso } from '../format/dates'
import { CheckboxField, ErrorSummary, fieldId, RadioGroup, TextArea, TextField } from '../ui/fields'
import { useSchemaForm } from '../ui/useSchemaForm'

const FORM = 'meeting'
const DAY_MS = 24 * 60 * 60 * 1000

type MeetingType = (typeof MEETING_TYPES)[number]
type ChildParticipation = (typeof CHILD_PARTICIPATION)[number]

interface Draft {
  type: MeetingType | ''
  date: string
  time: string
  durationMinutes: string
  place: string
  remoteAllowed: boolean
  videoUrl: string
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
      durationMinutes: '90',
      place: '',
      remoteAllowed: false,
      videoUrl: '',
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
  return { ...copiedSetup(meeting), date, time, durationMinutes: String(meeting.durationMinutes) }
}

/** What the shared schema reads: empty choices and numbers become "missing", not "invalid". */
function inputFrom(draft: Draft): Record<string, unknown> {
  const duration = draft.durationMinutes.trim()
  return {
    type: draft.type || undefined,
    startsAt: localDateTimeToIso(draft.date, draft.time),
    durationMinutes: duration === '' ? undefined : Number(duration),
    place: draft.place,
    remoteAllowed: draft.remoteAllowed,
    videoUrl: draft.videoUrl,
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
  const form = useSchemaForm({
    form: FORM,
    // A start in the past is refused as the server refuses it; a meeting's own start may stay.
    schema: meetingInputAt(Date.now(), meeting?.startsAt),
    initialValues: () => draftFrom(meeting),
    toInput: inputFrom,
    targetOf,
    send: async (input) => {
      const result = await onSubmit(input)
      if (!result.ok) return result.failure
      onSaved(result.data)
      return null
    },
  })
  const draft = form.values

  // A soft warning while typing; the saved meeting carries the server's own `late-invitation`.
  const startsAt = localDateTimeToIso(draft.date, draft.time)
  const sentAt = meeting ? Date.parse(meeting.createdAt) : Date.now()
  const late = startsAt !== undefined && Date.parse(startsAt) - sentAt < INVITATION_LEAD_DAYS * DAY_MS
  const startsAtError = form.errors.startsAt
  const groupDescribedBy = [startsAtError && `${FORM}-startsAt-error`, late && `${FORM}-startsAt-late`]
    .filter(Boolean)
    .join(' ')

  return (
    <>
      <ErrorSummary {...form.summary} />
      <form className="form" noValidate onSubmit={form.onSubmit}>
        <fieldset className="form__fieldset" disabled={disabled}>
          <RadioGroup
            {...form.field('type')}
            label={t('fields.type')}
            required
            options={MEETING_TYPES.map((value) => ({ value, label: t(`meetingType.${value}`) }))}
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
                {...form.field('date')}
                label={t('fields.date')}
                type="date"
                required
                describedBy={groupDescribedBy || undefined}
                invalid={Boolean(startsAtError)}
              />
              <TextField
                {...form.field('time')}
                label={t('fields.time')}
                type="time"
                required
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
            {...form.field('durationMinutes')}
            label={t('fields.durationMinutes')}
            hint={t('fields.durationHint')}
            type="number"
            inputMode="numeric"
            min={15}
            max={480}
            step={15}
            required
          />
          <TextField {...form.field('place')} label={t('fields.place')} hint={t('fields.placeHint')} />
          <CheckboxField {...form.checkbox('remoteAllowed')} label={t('fields.remoteAllowed')} />
          <TextField
            {...form.field('videoUrl')}
            label={t('lifecycle.form.videoUrl')}
            hint={t('lifecycle.form.videoUrlHint')}
            type="url"
          />
          <TextField
            {...form.field('childName')}
            label={t('fields.childName')}
            hint={t('fields.childNameHint')}
            required
          />
          <TextField
            {...form.field('childAge')}
            label={t('fields.childAge')}
            hint={t('fields.childAgeHint')}
          />
          <TextArea
            {...form.field('purpose')}
            label={t('fields.purpose')}
            hint={t('fields.purposeHint')}
            required
          />
          <TextArea
            {...form.field('questions')}
            label={t('fields.questions')}
            hint={t('fields.questionsHint')}
          />
          <TextArea
            {...form.field('childWords')}
            label={t('fields.childWords')}
            hint={t('fields.childWordsHint')}
          />
          <RadioGroup
            {...form.field('childParticipation')}
            label={t('fields.childParticipation')}
            required
            options={CHILD_PARTICIPATION.map((value) => ({ value, label: t(`childParticipation.${value}`) }))}
          />
          <TextArea
            {...form.field('childParticipationNote')}
            label={t('fields.childParticipationNote')}
            hint={t('fields.childParticipationNoteHint')}
            required={draft.childParticipation === 'not-at-all'}
          />
          <button type="submit" className="button--primary" disabled={form.busy}>
            {submitLabel}
          </button>
        </fieldset>
      </form>
    </>
  )
}
