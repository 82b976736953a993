import { INVITATION_LEAD_DAYS } from '../../shared/limits'
import {
  CHILD_PARTICIPATION,
  type CopiedSetup,
  copiedSetup,
  MEETING_TYPES,
  type Meeting,
  type MeetingInput,
  meetingInputAt,
} from '../../shared/schemas/meeting'
import type { ApiResult } from '../api'
import { isoToLocalParts, localDateTimeToIso } from '../format/dates'
import { useTranslation } from '../i18n'
import {
  CheckboxField,
  ErrorSummary,
  type FieldErrors,
  fieldId,
  RadioGroup,
  TextArea,
  TextField,
} from '../ui/fields'
import { useSchemaForm } from '../ui/useSchemaForm'

const FORM = 'meeting'
const DAY_MS = 24 * 60 * 60 * 1000

type MeetingType = (typeof MEETING_TYPES)[number]
type ChildParticipation = (typeof CHILD_PARTICIPATION)[number]

/** The set-up as the form holds it: the start as a date and a time, numbers as typed. */
export interface SetupDraft {
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

/** The form's values for a set-up (a stored meeting, or a prefilled one); '' start = not chosen. */
export function setupDraftFrom(
  setup: CopiedSetup & { startsAt: string; durationMinutes: number },
): SetupDraft {
  const { date, time } = setup.startsAt ? isoToLocalParts(setup.startsAt) : { date: '', time: '' }
  return { ...copiedSetup(setup), date, time, durationMinutes: String(setup.durationMinutes) }
}

function draftFrom(meeting: Meeting | null): SetupDraft {
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
  return setupDraftFrom(meeting)
}

/** What the shared schema reads: empty choices and numbers become "missing", not "invalid". */
export function setupInputFrom(draft: SetupDraft): Record<string, unknown> {
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

/** The field of the set-up that an error's path (`startsAt`, `place`) leads to. */
export function setupFieldOf(field: string): string {
  if (field === 'startsAt') return 'date'
  return field.split('.')[0] ?? field
}

/** The element that a field's error leads to. */
function targetOf(field: string): string {
  return fieldId(FORM, setupFieldOf(field))
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
  const form = useSchemaForm({
    form: FORM,
    // A start in the past is refused as the server refuses it; a meeting's own start may stay.
    schema: meetingInputAt(Date.now(), meeting?.startsAt),
    initialValues: () => draftFrom(meeting),
    toInput: setupInputFrom,
    targetOf,
    send: async (input) => {
      const result = await onSubmit(input)
      if (!result.ok) return result.failure
      onSaved(result.data)
      return null
    },
  })

  return (
    <>
      <ErrorSummary {...form.summary} />
      <form className="form" noValidate onSubmit={form.onSubmit}>
        <fieldset className="form__fieldset" disabled={disabled}>
          <SetupFields
            form={FORM}
            values={form.values}
            onChange={(patch) => form.setValues((values) => ({ ...values, ...patch }))}
            errors={form.errors}
            sentAt={meeting ? Date.parse(meeting.createdAt) : Date.now()}
          />
          <button type="submit" className="button--primary" disabled={form.busy}>
            {submitLabel}
          </button>
        </fieldset>
      </form>
    </>
  )
}

/**
 * The fields of a meeting's set-up, for any form that holds a SetupDraft: the meeting's own form,
 * and the booking of a follow-up (which leaves out the type and the child's name, both given).
 * `errors` are keyed by the set-up's own field names (`startsAt`, `place`).
 */
export function SetupFields({
  form: formName,
  values: draft,
  onChange,
  errors,
  sentAt,
  showTypeAndChild = true,
}: {
  form: string
  values: SetupDraft
  onChange: (patch: Partial<SetupDraft>) => void
  errors: FieldErrors
  /** When the invitation goes out, for the warning that it is late. */
  sentAt: number
  showTypeAndChild?: boolean
}) {
  const { t } = useTranslation()
  const field = <K extends keyof SetupDraft & string>(key: K) => ({
    id: fieldId(formName, key),
    value: draft[key],
    onChange: (value: SetupDraft[K]) => onChange({ [key]: value } as Partial<SetupDraft>),
    error: errors[key],
  })

  // A soft warning while typing; the saved meeting carries the server's own `late-invitation`.
  const startsAt = localDateTimeToIso(draft.date, draft.time)
  const late = startsAt !== undefined && Date.parse(startsAt) - sentAt < INVITATION_LEAD_DAYS * DAY_MS
  const startsAtError = errors.startsAt
  const groupDescribedBy = [
    startsAtError && `${formName}-startsAt-error`,
    late && `${formName}-startsAt-late`,
  ]
    .filter(Boolean)
    .join(' ')

  return (
    <>
      {showTypeAndChild ? (
        <RadioGroup
          {...field('type')}
          label={t('fields.type')}
          required
          options={MEETING_TYPES.map((value) => ({ value, label: t(`meetingType.${value}`) }))}
        />
      ) : null}
      <fieldset
        className={`field field--group${startsAtError ? ' field--error' : ''}`}
        id={`${formName}-startsAt`}
      >
        <legend className="field__label">{t('fields.startsAt')}</legend>
        {startsAtError ? (
          <p className="field__error" id={`${formName}-startsAt-error`}>
            {startsAtError}
          </p>
        ) : null}
        <div className="field-row">
          <TextField
            {...field('date')}
            label={t('fields.date')}
            type="date"
            required
            describedBy={groupDescribedBy || undefined}
            invalid={Boolean(startsAtError)}
          />
          <TextField
            {...field('time')}
            label={t('fields.time')}
            type="time"
            required
            describedBy={groupDescribedBy || undefined}
            invalid={Boolean(startsAtError)}
          />
        </div>
        <div aria-live="polite">
          {late ? (
            <p className="notice notice--warning" id={`${formName}-startsAt-late`}>
              {t('warnings.late-invitation')}
            </p>
          ) : null}
        </div>
      </fieldset>
      <TextField
        {...field('durationMinutes')}
        label={t('fields.durationMinutes')}
        hint={t('fields.durationHint')}
        type="number"
        inputMode="numeric"
        min={15}
        max={480}
        step={15}
        required
      />
      <TextField {...field('place')} label={t('fields.place')} hint={t('fields.placeHint')} />
      <CheckboxField
        id={fieldId(formName, 'remoteAllowed')}
        checked={draft.remoteAllowed}
        onChange={(remoteAllowed) => onChange({ remoteAllowed })}
        error={errors.remoteAllowed}
        label={t('fields.remoteAllowed')}
      />
      <TextField
        {...field('videoUrl')}
        label={t('lifecycle.form.videoUrl')}
        hint={t('lifecycle.form.videoUrlHint')}
        type="url"
      />
      {showTypeAndChild ? (
        <TextField
          {...field('childName')}
          label={t('fields.childName')}
          hint={t('fields.childNameHint')}
          required
        />
      ) : null}
      <TextField {...field('childAge')} label={t('fields.childAge')} hint={t('fields.childAgeHint')} />
      <TextArea {...field('purpose')} label={t('fields.purpose')} hint={t('fields.purposeHint')} required />
      <TextArea {...field('questions')} label={t('fields.questions')} hint={t('fields.questionsHint')} />
      <TextArea {...field('childWords')} label={t('fields.childWords')} hint={t('fields.childWordsHint')} />
      <RadioGroup
        {...field('childParticipation')}
        label={t('fields.childParticipation')}
        required
        options={CHILD_PARTICIPATION.map((value) => ({ value, label: t(`childParticipation.${value}`) }))}
      />
      <TextArea
        {...field('childParticipationNote')}
        label={t('fields.childParticipationNote')}
        hint={t('fields.childParticipationNoteHint')}
        required={draft.childParticipation === 'not-at-all'}
      />
    </>
  )
}
