import { ORGANISATIONS, type Organisation } from '../../shared/schemas/meeting'
import { type ResponsibleInput, ResponsibleInputSchema, type Sip } from '../../shared/schemas/sip'
import { api } from '../api'
import { todayLocal } from '../format/dates'
import { useTranslation } from '../i18n'
import { ErrorSummary, SelectField, TextField } from '../ui/fields'
import { useSchemaForm } from '../ui/useSchemaForm'

const FORM = 'responsible'

interface Draft {
  organisation: Organisation | ''
  organisationOther: string
  function: string
  name: string
  fromDate: string
  email: string
}

/** What the shared schema reads: an organisation not chosen is "missing", not "invalid". */
export function responsibleInputFrom(draft: Draft): Record<string, unknown> {
  return { ...draft, organisation: draft.organisation || undefined, email: draft.email.trim() }
}

/**
 * P3: a new huvudansvarig from a date (organisation, function, name, and the e-mail of their
 * SIP Live account if they have one); the earlier ones stay in the history.
 */
export function ResponsibleForm({
  sipId,
  onSaved,
  onCancel,
}: {
  sipId: string
  onSaved: (sip: Sip, input: ResponsibleInput) => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const form = useSchemaForm({
    form: FORM,
    schema: ResponsibleInputSchema,
    initialValues: (): Draft => ({
      organisation: '',
      organisationOther: '',
      function: '',
      name: '',
      fromDate: todayLocal(),
      email: '',
    }),
    toInput: responsibleInputFrom,
    send: async (input) => {
      const result = await api.changeResponsible(sipId, input)
      if (!result.ok) return result.failure
      onSaved(result.data, input)
      return null
    },
  })

  return (
    <>
      <ErrorSummary {...form.summary} />
      <form className="form sip-form" noValidate onSubmit={form.onSubmit}>
        <SelectField
          {...form.field('organisation')}
          label={t('fields.organisation')}
          required
          placeholder={t('form.choose')}
          options={ORGANISATIONS.filter((value) => value !== 'familj').map((value) => ({
            value,
            label: t(`organisations.${value}`),
          }))}
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
          hint={t('sips.responsible.functionHint')}
          required
        />
        <TextField {...form.field('name')} label={t('sips.responsible.name')} required autoComplete="off" />
        <TextField {...form.field('fromDate')} label={t('sips.responsible.fromDate')} type="date" required />
        <TextField
          {...form.field('email')}
          label={t('sips.responsible.email')}
          hint={t('sips.responsible.emailHint')}
          type="email"
        />
        <div className="button-row">
          <button type="submit" className="button--primary" disabled={form.busy}>
            {t('sips.responsible.save')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  )
}
