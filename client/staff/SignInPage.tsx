import { LoginInputSchema } from '../../shared/schemas/staff'
import { api } from '../api'
import { useTranslation } from '../i18n'
import { navigate, useLocation } from '../router/router'
import { routes } from '../router/routes'
import { ErrorSummary, TextField } from '../ui/fields'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'
import { useSchemaForm } from '../ui/useSchemaForm'
import { setStaffSession } from './session'

/** Only paths inside the app are followed after sign-in, never another site. */
function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : routes.meetings()
}

export function SignInPage() {
  const { t } = useTranslation()
  const { state } = useLocation()
  const form = useSchemaForm({
    form: 'signin',
    schema: LoginInputSchema,
    initialValues: { email: '', password: '' },
    send: async (input) => {
      const result = await api.login(input)
      if (!result.ok) {
        if (result.failure.code === 'invalid-credentials') return { message: t('signIn.invalidCredentials') }
        return result.failure
      }
      setStaffSession(result.data)
      navigate(safeNext(state?.next), { replace: true })
      return null
    },
  })

  const reason = state?.signInReason
  return (
    <>
      <PageHeader />
      <main className="page page--narrow" id="main">
        <PageTitle>{t('signIn.title')}</PageTitle>
        {reason ? (
          <p className={reason === 'expired' ? 'notice notice--warning' : 'notice'} role="status">
            {t(`signIn.reason.${reason}`)}
          </p>
        ) : null}
        <p>{t('signIn.intro')}</p>
        <ErrorSummary {...form.summary} />
        <form onSubmit={form.onSubmit} noValidate className="form">
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
            type="password"
            autoComplete="current-password"
            required
          />
          <button type="submit" className="button--primary" disabled={form.busy}>
            {t('signIn.submit')}
          </button>
        </form>
        <p className="notice">{t('signIn.participantHint')}</p>
      </main>
    </>
  )
}
