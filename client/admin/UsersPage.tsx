import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MIN_PASSWORD_CHARS } from '../../shared/limits'
import { NewUserInputSchema, type User } from '../../shared/schemas/staff'
import { type ApiFailure, api } from '../api'
import { formatDate } from '../format/dates'
import { useStaffState } from '../staff/session'
import { failureMessage } from '../ui/errors'
import {
  CheckboxField,
  ErrorSummary,
  type FieldErrors,
  fieldId,
  TextField,
  toFieldErrors,
  validate,
} from '../ui/fields'
import { PageTitle } from '../ui/PageTitle'

const FORM = 'new-user'

/** `/admin/anvandare`: staff accounts – who may sign in, and who administers. */
export function UsersPage() {
  const { t } = useTranslation()
  const staff = useStaffState()
  const myId = staff.status === 'signed-in' ? staff.session.user.id : null
  const [users, setUsers] = useState<User[] | null>(null)
  const [failure, setFailure] = useState<ApiFailure | null>(null)
  const [status, setStatus] = useState('')

  const load = useCallback(async (signal?: AbortSignal) => {
    const result = await api.users(signal)
    if (result.ok) setUsers(result.data)
    else setFailure(result.failure)
  }, [])

  useEffect(() => {
    const abort = new AbortController()
    load(abort.signal).catch(() => {})
    return () => abort.abort()
  }, [load])

  const toggle = async (user: User): Promise<void> => {
    const result = await api.setUserDisabled(user.id, !user.disabled)
    if (!result.ok) {
      setStatus(failureMessage(t, result.failure))
      return
    }
    setUsers((list) => list?.map((u) => (u.id === user.id ? result.data : u)) ?? null)
    setStatus(t(result.data.disabled ? 'users.disabledDone' : 'users.enabledDone', { name: user.name }))
  }

  return (
    <main className="page page--narrow" id="main">
      <PageTitle>{t('users.title')}</PageTitle>
      <p role="status" className="form__status">
        {status}
      </p>
      <section aria-labelledby="users-list-title">
        <h2 id="users-list-title">{t('users.listTitle')}</h2>
        {failure ? (
          <p className="notice notice--error" role="alert">
            {failureMessage(t, failure)}
          </p>
        ) : users === null ? (
          <p role="status">{t('common.loading')}</p>
        ) : (
          <ul className="user-list">
            {users.map((user) => (
              <li key={user.id} className="user-row">
                <h3 className="user-row__name">{user.name}</h3>
                <p className="user-row__email">{user.email}</p>
                <p>
                  {[
                    user.isAdmin ? t('users.admin') : t('users.staff'),
                    user.disabled ? t('users.disabled') : t('users.active'),
                    t('users.created', { date: formatDate(user.createdAt) }),
                  ].join(' · ')}
                </p>
                {user.id === myId ? null : (
                  <button type="button" onClick={() => void toggle(user)}>
                    {user.disabled ? t('users.enable') : t('users.disable')}
                    <span className="visually-hidden">: {user.name}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="users-new-title">
        <h2 id="users-new-title">{t('users.newTitle')}</h2>
        <NewUserForm
          onCreated={(user) => {
            setUsers((list) => [...(list ?? []), user])
            setStatus(t('users.createdDone', { name: user.name }))
          }}
        />
      </section>
    </main>
  )
}

function NewUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [isAdmin, setIsAdmin] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [general, setGeneral] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setGeneral(null)
    const checked = validate(NewUserInputSchema, { name, email, password, isAdmin })
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    setBusy(true)
    const result = await api.createUser(checked.data)
    setBusy(false)
    if (!result.ok) {
      const { failure } = result
      if (failure.code === 'email-taken') setErrors({ email: t('users.emailTaken') })
      else if (failure.code === 'validation' && failure.issues.length > 0)
        setErrors(toFieldErrors(failure.issues))
      else setGeneral(failureMessage(t, failure))
      return
    }
    setName('')
    setEmail('')
    setPassword('')
    setIsAdmin(false)
    onCreated(result.data)
  }

  return (
    <>
      <p>{t('users.newIntro')}</p>
      <ErrorSummary errors={errors} generalError={general} targetOf={(field) => fieldId(FORM, field)} />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={fieldId(FORM, 'name')}
          label={t('fields.userName')}
          required
          value={name}
          onChange={setName}
          error={errors.name}
        />
        <TextField
          id={fieldId(FORM, 'email')}
          label={t('fields.email')}
          type="email"
          required
          value={email}
          onChange={setEmail}
          error={errors.email}
        />
        <TextField
          id={fieldId(FORM, 'password')}
          label={t('fields.initialPassword')}
          hint={t('fields.passwordHint', { count: MIN_PASSWORD_CHARS })}
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
        <CheckboxField
          id={fieldId(FORM, 'isAdmin')}
          label={t('fields.isAdmin')}
          hint={t('fields.isAdminHint')}
          checked={isAdmin}
          onChange={setIsAdmin}
          error={errors.isAdmin}
        />
        <button type="submit" className="button--primary" disabled={busy}>
          {t('users.create')}
        </button>
      </form>
    </>
  )
}
