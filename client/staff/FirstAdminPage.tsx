import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MIN_PASSWORD_CHARS } from '../../shared/limits'
import { NewUserInputSchema } from '../../shared/schemas/staff'
import { api } from '../api'
import { Link } from '../router/Link'
import { navigate } from '../router/router'
import { ErrorSummary, TextField } from '../ui/fields'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'
import { useSchemaForm } from '../ui/useSchemaForm'
import { setStaffSession } from './session'

/** The very first account of a new installation: an administrator, created in the browser. */
export function FirstAdminPage() {
  const { t } = useTranslation()
  const [needed, setNeeded] = useState<boolean | null>(null)
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
        setNeeded(false)
        return null
      }
      setStaffSession(result.data)
      navigate('/moten', { replace: true })
      return null
    },
  })

  useEffect(() => {
    const abort = new AbortController()
    api.setupStatus(abort.signal).then(
      (result) => setNeeded(result.ok ? result.data.needsFirstAdmin : true),
      () => {},
    )
    return () => abort.abort()
  }, [])

  return (
    <>
      <PageHeader />
      <main className="page page--narrow" id="main">
        <PageTitle>{t('firstAdmin.title')}</PageTitle>
        {needed === false ? (
          <p>
            {t('firstAdmin.alreadyDone')} <Link href="/logga-in">{t('start.signIn')}</Link>
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
