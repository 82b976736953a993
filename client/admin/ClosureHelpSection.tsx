import { type ClosureHelp, ClosureHelpSchema } from '../../shared/schemas/sip'
import { api } from '../api'
import { useTranslation } from '../i18n'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { ErrorSummary, TextArea } from '../ui/fields'
import { useLoad } from '../ui/useLoad'
import { useSchemaForm } from '../ui/useSchemaForm'

/**
 * "Text i beskedet om avslut" (docs/process.md P10): the installation's text in the closure notice
 * – where a family turns if the need returns – in Swedish and English. Administrators only (the
 * page is theirs; the server checks again).
 */
export function ClosureHelpSection() {
  const { t } = useTranslation()
  const help = useLoad('closure-help', (signal) => api.closureHelp(signal))
  return (
    <section aria-labelledby="closure-help-title">
      <h2 id="closure-help-title">{t('closure.admin.title')}</h2>
      <p>{t('closure.admin.intro')}</p>
      {help.data ? (
        <ClosureHelpForm initial={help.data} onSaved={help.set} />
      ) : help.failure ? (
        <ErrorNotice message={failureMessage(t, help.failure)} />
      ) : (
        <p role="status">{t('closure.admin.loading')}</p>
      )}
    </section>
  )
}

function ClosureHelpForm({
  initial,
  onSaved,
}: {
  initial: ClosureHelp
  onSaved: (help: ClosureHelp) => void
}) {
  const { t } = useTranslation()
  const form = useSchemaForm({
    form: 'closure-help',
    schema: ClosureHelpSchema,
    initialValues: initial,
    send: async (input) => {
      const result = await api.updateClosureHelp(input)
      if (!result.ok) return result.failure
      form.setValues(result.data)
      onSaved(result.data)
      return null
    },
  })
  return (
    <>
      <ErrorSummary {...form.summary} />
      <form className="form" noValidate onSubmit={form.onSubmit}>
        <TextArea
          {...form.field('sv')}
          label={<span lang="sv">{t('closure.admin.sv')}</span>}
          hint={t('closure.admin.hint')}
          rows={5}
          required
        />
        <TextArea
          {...form.field('en')}
          label={<span lang="en">{t('closure.admin.en')}</span>}
          hint={t('closure.admin.hint')}
          rows={5}
          required
        />
        <button type="submit" className="button--primary" disabled={form.busy}>
          {t('closure.admin.save')}
        </button>
        <p role="status" className="form__status">
          {form.saved ? t('closure.admin.saved') : ''}
        </p>
      </form>
    </>
  )
}
