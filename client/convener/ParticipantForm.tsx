import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLES } from '../../shared/roles'
import {
  ORGANISATIONS,
  type Participant,
  type ParticipantInput,
  ParticipantInputSchema,
} from '../../shared/schemas/meeting'
import type { ApiFailure } from '../api'
import { failureMessage } from '../ui/errors'
import {
  CheckboxField,
  ErrorSummary,
  type FieldErrors,
  fieldId,
  SelectField,
  TextField,
  toFieldErrors,
  validate,
} from '../ui/fields'

type Role = (typeof ROLES)[number]
type Organisation = (typeof ORGANISATIONS)[number]

interface Draft {
  organisation: Organisation | ''
  organisationOther: string
  function: string
  name: string
  role: Role | ''
  isMe: boolean
}

function draftFrom(participant: Participant | null): Draft {
  return {
    organisation: participant?.organisation ?? '',
    organisationOther: participant?.organisationOther ?? '',
    function: participant?.function ?? '',
    name: participant?.name ?? '',
    role: participant?.role ?? 'participant',
    isMe: participant?.isMe ?? false,
  }
}

/** Adds a participant or changes one (ParticipantInputSchema). `form` keeps ids unique per row. */
export function ParticipantForm({
  form,
  participant,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  form: string
  participant: Participant | null
  submitLabel: string
  /** Answers a failure to show, or null when saved. */
  onSubmit: (input: ParticipantInput) => Promise<ApiFailure | null>
  onCancel?: () => void
}) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(() => draftFrom(participant))
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
    const checked = validate(ParticipantInputSchema, {
      ...draft,
      organisation: draft.organisation || undefined,
      role: draft.role || undefined,
    })
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    setBusy(true)
    const failure = await onSubmit(checked.data)
    setBusy(false)
    if (!failure) {
      if (!participant) setDraft(draftFrom(null))
      return
    }
    if (failure.code === 'validation' && failure.issues.length > 0) setErrors(toFieldErrors(failure.issues))
    else setGeneral(failureMessage(t, failure))
  }

  return (
    <>
      <ErrorSummary errors={errors} generalError={general} targetOf={(field) => fieldId(form, field)} />
      <form className="form participant-form" noValidate onSubmit={(event) => void submit(event)}>
        <SelectField
          id={fieldId(form, 'organisation')}
          label={t('fields.organisation')}
          required
          value={draft.organisation}
          onChange={set('organisation')}
          placeholder={t('form.choose')}
          options={ORGANISATIONS.map((value) => ({ value, label: t(`organisations.${value}`) }))}
          error={errors.organisation}
        />
        <TextField
          id={fieldId(form, 'organisationOther')}
          label={t('fields.organisationOther')}
          hint={t('fields.organisationOtherHint')}
          required={draft.organisation === 'annan'}
          value={draft.organisationOther}
          onChange={set('organisationOther')}
          error={errors.organisationOther}
        />
        <TextField
          id={fieldId(form, 'function')}
          label={t('fields.function')}
          hint={t('fields.functionHint')}
          required
          value={draft.function}
          onChange={set('function')}
          error={errors.function}
        />
        <TextField
          id={fieldId(form, 'name')}
          label={t('fields.participantName')}
          hint={t('fields.participantNameHint')}
          value={draft.name}
          onChange={set('name')}
          error={errors.name}
        />
        <SelectField
          id={fieldId(form, 'role')}
          label={t('fields.role')}
          required
          value={draft.role}
          onChange={set('role')}
          options={ROLES.map((value) => ({ value, label: t(`roleChoice.${value}`) }))}
          error={errors.role}
        />
        <CheckboxField
          id={fieldId(form, 'isMe')}
          label={t('fields.isMe')}
          hint={t('fields.isMeHint')}
          checked={draft.isMe}
          onChange={set('isMe')}
          error={errors.isMe}
        />
        <div className="button-row">
          <button type="submit" className="button--primary" disabled={busy}>
            {submitLabel}
          </button>
          {onCancel ? (
            <button type="button" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          ) : null}
        </div>
      </form>
    </>
  )
}
