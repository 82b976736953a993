import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LoginInputSchema } from '../../shared/schemas/staff'
import { api } from '../api'
import { navigate, useLocation } from '../router/router'
import { failureMessage } from '../ui/errors'
import { ErrorSummary, type FieldErrors, fieldId, TextField, toFieldErrors, validate } from '../ui/fields'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'
import { setStaffSession } from './session'

const FORM = 'signin'

/** Only paths inside the app are followed after sign-in, never another site. */
function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/moten'
}

export function SignInPage() {
  const { t } = useTranslation()
  const { state } = useLocation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [general, setGeneral] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setGeneral(null)
    const checked = validate(LoginInputSchema, { email, password })
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    setBusy(true)
    const result = await api.login(checked.data)
    setBusy(false)
    if (!result.ok) {
      const { failure } = result
      if (failure.code === 'invalid-credentials') setGeneral(t('signIn.invalidCredentials'))
      else if (failure.code === 'validation') setErrors(toFieldErrors(failure.issues))
      else setGeneral(failureMessage(t, failure))
      return
    }
    setStaffSession(result.data)
    navigate(safeNext(state?.next), { replace: true })
  }

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
        <ErrorSummary errors={errors} generalError={general} targetOf={(field) => fieldId(FORM, field)} />
        <form onSubmit={(event) => void submit(event)} noValidate className="form">
          <TextField
            id={fieldId(FORM, 'email')}
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={setEmail}
            error={errors.email}
          />
          <TextField
            id={fieldId(FORM, 'password')}
            label={t('fields.password')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
            error={errors.password}
          />
          <button type="submit" className="button--primary" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </form>
        <p className="notice">{t('signIn.participantHint')}</p>
      </main>
    </>
  )
}
