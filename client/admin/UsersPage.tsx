import { useState } from 'react'
import { MIN_PASSWORD_CHARS } from '../../shared/limits'
import type { Organisation } from '../../shared/schemas/meeting'
import { NewUserInputSchema, type User } from '../../shared/schemas/staff'
import { api } from '../api'
import { formatDate } from '../format/dates'
import { useTranslation } from '../i18n'
import { setStaffSession, useStaffState } from '../staff/session'
import { ErrorNotice } from '../ui/ErrorNotice'
import { failureMessage } from '../ui/errors'
import { CheckboxField, ErrorSummary, TextField } from '../ui/fields'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'
import { useSchemaForm } from '../ui/useSchemaForm'
import { ClosureHelpSection } from './ClosureHelpSection'
import { knownMunicipalities, ProfileFields, profileSummary, UserProfileForm } from './UserProfileForm'

/** `/admin/anvandare`: staff accounts – who may sign in, and who administers. */
export function UsersPage() {
  const { t } = useTranslation()
  const staff = useStaffState()
  const myId = staff.status === 'signed-in' ? staff.session.user.id : null
  const users = useLoad('users', (signal) => api.users(signal))
  const [status, setStatus] = useState('')
  const municipalities = knownMunicipalities(users.data ?? [])

  const saved = (user: User): void => {
    users.set((list = []) => list.map((u) => (u.id === user.id ? user : u)))
    // Their own account: the menu shows "Statistik" as soon as they have given themself the right.
    if (staff.status === 'signed-in' && user.id === staff.session.user.id)
      setStaffSession({ ...staff.session, user })
    setStatus(t('statistics.account.saved', { name: user.name }))
  }

  const toggle = async (user: User): Promise<void> => {
    const result = await api.setUserDisabled(user.id, !user.disabled)
    if (!result.ok) {
      setStatus(failureMessage(t, result.failure))
      return
    }
    users.set((list = []) => list.map((u) => (u.id === user.id ? result.data : u)))
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
        {users.failure ? (
          <ErrorNotice message={failureMessage(t, users.failure)} />
        ) : users.data === undefined ? (
          <p role="status">{t('common.loading')}</p>
        ) : (
          <ul className="user-list">
            {users.data.map((user) => (
              <li key={user.id} className="user-row">
                <h3 className="user-row__name">{user.name}</h3>
                <p className="user-row__email">{user.email}</p>
                <p>
                  {[
                    user.isAdmin ? t('users.admin') : t('users.staff'),
                    user.disabled ? t('users.disabled') : t('users.active'),
                    ...(user.statistics ? [t('statistics.account.mayReadStatistics')] : []),
                    t('users.created', { date: formatDate(user.createdAt) }),
                  ].join(' · ')}
                </p>
                {profileSummary(t, user) ? <p>{profileSummary(t, user)}</p> : null}
                <details className="user-row__edit">
                  <summary>
                    {t('statistics.account.edit')}
                    <span className="visually-hidden">: {user.name}</span>
                  </summary>
                  <UserProfileForm
                    user={user}
                    municipalities={municipalities}
                    onSaved={saved}
                    onUnchanged={() => setStatus(t('statistics.account.unchanged', { name: user.name }))}
                  />
                </details>
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
          municipalities={municipalities}
          onCreated={(user) => {
            users.set((list = []) => [...list, user])
            setStatus(t('users.createdDone', { name: user.name }))
          }}
        />
      </section>
      <ClosureHelpSection />
    </main>
  )
}

function NewUserForm({
  municipalities,
  onCreated,
}: {
  municipalities: readonly string[]
  onCreated: (user: User) => void
}) {
  const { t } = useTranslation()
  const form = useSchemaForm({
    form: 'new-user',
    schema: NewUserInputSchema,
    initialValues: {
      name: '',
      email: '',
      password: '',
      isAdmin: false,
      organisation: '' as Organisation | '',
      function: '',
      municipality: '',
      statistics: false,
    },
    send: async (input) => {
      const result = await api.createUser(input)
      if (!result.ok) {
        if (result.failure.code === 'email-taken') return { field: 'email', message: t('users.emailTaken') }
        return result.failure
      }
      form.reset()
      onCreated(result.data)
      return null
    },
  })

  return (
    <>
      <p>{t('users.newIntro')}</p>
      <ErrorSummary {...form.summary} />
      <form className="form" noValidate onSubmit={form.onSubmit}>
        <TextField {...form.field('name')} label={t('fields.userName')} required />
        <TextField {...form.field('email')} label={t('fields.email')} type="email" required />
        <TextField
          {...form.field('password')}
          label={t('fields.initialPassword')}
          hint={t('fields.passwordHint', { count: MIN_PASSWORD_CHARS })}
          type="password"
          autoComplete="new-password"
          required
        />
        <CheckboxField
          {...form.checkbox('isAdmin')}
          label={t('fields.isAdmin')}
          hint={t('fields.isAdminHint')}
        />
        <ProfileFields
          organisation={form.field('organisation')}
          fn={form.field('function')}
          municipality={form.field('municipality')}
          statistics={form.checkbox('statistics')}
          municipalities={municipalities}
        />
        <button type="submit" className="button--primary" disabled={form.busy}>
          {t('users.create')}
        </button>
      </form>
    </>
  )
}
