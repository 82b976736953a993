import { ROLES } from '../../shared/roles'
import {
  ORGANISATIONS,
  type Participant,
  type ParticipantInput,
  ParticipantInputSchema,
} from '../../shared/schemas/meeting'
import type { ApiFailure } from '../api'
import { useTranslation } from '../i18n'
import { CheckboxField, ErrorSummary, SelectField, TextField } from '../ui/fields'
import { useSchemaForm } from '../ui/useSchemaForm'

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
  form: formName,
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
  const form = useSchemaForm({
    form: formName,
    schema: ParticipantInputSchema,
    initialValues: () => draftFrom(participant),
    toInput: (draft) => ({
      ...draft,
      organisation: draft.organisation || undefined,
      role: draft.role || undefined,
    }),
    send: async (input) => {
      const failure = await onSubmit(input)
      // A new participant is added: the form is empty again for the next one.
      if (!failure && !participant) form.reset()
      return failure
    },
  })

  return (
    <>
      <ErrorSummary {...form.summary} />
      <form className="form participant-form" noValidate onSubmit={form.onSubmit}>
        <SelectField
          {...form.field('organisation')}
          label={t('fields.organisation')}
          required
          placeholder={t('form.choose')}
          options={ORGANISATIONS.map((value) => ({ value, label: t(`organisations.${value}`) }))}
        />
        <TextField
          {...form.field('organisationOther')}
          label={t('fields.organisationOther')}
          hint={t('fields.organisationOtherHint')}
          required={form.values.organisation === 'annan'}
        />
        <TextField
          {...form.field('function')}
          label={t('fields.function')}
          hint={t('fields.functionHint')}
          required
        />
        <TextField
          {...form.field('name')}
          label={t('fields.participantName')}
          hint={t('fields.participantNameHint')}
        />
        <SelectField
          {...form.field('role')}
          label={t('fields.role')}
          required
          options={ROLES.map((value) => ({ value, label: t(`roleChoice.${value}`) }))}
        />
        <CheckboxField {...form.checkbox('isMe')} label={t('fields.isMe')} hint={t('fields.isMeHint')} />
        <div className="button-row">
          <button type="submit" className="button--primary" disabled={form.busy}>
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
