import { MIN_PASSWORD_CHARS } from '../../shared/limits'
import { NewUserInputSchema } from '../../shared/schemas/staff'
import { api } from '../api'
import { useTranslation } from '../i18n'
import { Link } from '../router/Link'
import { navigate } from '../router/router'
import { routes } from '../router/routes'
import { ErrorSummary, TextField } from '../ui/fields'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'
import { useSchemaForm } from '../ui/useSchemaForm'
import { setStaffSession } from './session'

/** The very first account of a new installation: an administrator, created in the browser. */
export function FirstAdminPage() {
  const { t } = useTranslation()
  const setup = useLoad('setup-status', (signal) => api.setupStatus(signal))
  // Unknown while asking; if the server cannot say, the form is offered (it refuses a second admin).
  const needed = setup.data?.needsFirstAdmin ?? (setup.status === 'loading' ? null : true)
  const form = useSchemaForm({
    form: 'first-admin',
    schema: NewUserInputSchema,
    initialValues: { name: '', email: '', password: '' },
    toInput: (values) => ({ ...values, isAdmin: true }),
    send: async (input) => {
      const result = await api.createFirstAdmin(input)
      if (!result.ok) {
        if (result.failure.status !== 409) return result.failure
        // Someone else was first: the page says so instead of the form.
        setup.set({ needsFirstAdmin: false })
        return null
      }
      setStaffSession(result.data)
      navigate(routes.meetings(), { replace: true })
      return null
    },
  })

  return (
    <>
      <PageHeader />
      <main className="page page--narrow" id="main">
        <PageTitle>{t('firstAdmin.title')}</PageTitle>
        {needed === false ? (
          <p>
            {t('firstAdmin.alreadyDone')} <Link href={routes.signIn()}>{t('start.signIn')}</Link>
          </p>
        ) : (
          <>
            <p>{t('firstAdmin.intro')}</p>
            <ErrorSummary {...form.summary} />
            <form onSubmit={form.onSubmit} noValidate className="form">
              <TextField {...form.field('name')} label={t('fields.userName')} autoComplete="name" required />
              <TextField
                {...form.field('email')}
                label={t('fields.email')}
                type="email"
                autoComplete="username"
                required
              />
              <TextField
                {...form.field('password')}
                label={t('fields.password')}
                hint={t('fields.passwordHint', { count: MIN_PASSWORD_CHARS })}
                type="password"
                autoComplete="new-password"
                required
              />
              <button type="submit" className="button--primary" disabled={form.busy}>
                {t('firstAdmin.submit')}
              </button>
            </form>
          </>
        )}
      </main>
    </>
  )
}
