import { type FormEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MIN_PASSWORD_CHARS } from '../../shared/limits'
import { NewUserInputSchema } from '../../shared/schemas/staff'
import { api } from '../api'
import { Link } from '../router/Link'
import { navigate } from '../router/router'
import { failureMessage } from '../ui/errors'
import { ErrorSummary, type FieldErrors, fieldId, TextField, toFieldErrors, validate } from '../ui/fields'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'
import { setStaffSession } from './session'

const FORM = 'first-admin'

/** The very first account of a new installation: an administrator, created in the browser. */
export function FirstAdminPage() {
  const { t } = useTranslation()
  const [needed, setNeeded] = useState<boolean | null>(null)
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [general, setGeneral] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const abort = new AbortController()
    api.setupStatus(abort.signal).then(
      (result) => setNeeded(result.ok ? result.data.needsFirstAdmin : true),
      () => {},
    )
    return () => abort.abort()
  }, [])

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setGeneral(null)
    const checked = validate(NewUserInputSchema, { name, email, password, isAdmin: true })
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    setBusy(true)
    const result = await api.createFirstAdmin(checked.data)
    setBusy(false)
    if (!result.ok) {
      const { failure } = result
      if (failure.status === 409) setNeeded(false)
      else if (failure.code === 'validation') setErrors(toFieldErrors(failure.issues))
      else setGeneral(failureMessage(t, failure))
      return
    }
    setStaffSession(result.data)
    navigate('/moten', { replace: true })
  }

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
            <ErrorSummary errors={errors} generalError={general} targetOf={(field) => fieldId(FORM, field)} />
            <form onSubmit={(event) => void submit(event)} noValidate className="form">
              <TextField
                id={fieldId(FORM, 'name')}
                label={t('fields.userName')}
                autoComplete="name"
                required
                value={name}
                onChange={setName}
                error={errors.name}
              />
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
                hint={t('fields.passwordHint', { count: MIN_PASSWORD_CHARS })}
                type="password"
                autoComplete="new-password"
                required
                value={password}
                onChange={setPassword}
                error={errors.password}
              />
              <button type="submit" className="button--primary" disabled={busy}>
                {t('firstAdmin.submit')}
              </button>
            </form>
          </>
        )}
      </main>
    </>
  )
}
