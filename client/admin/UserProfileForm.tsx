import { ORGANISATIONS, type Organisation } from '../../shared/schemas/meeting'
import { NewUserInputSchema, type User, type UserPatch } from '../../shared/schemas/staff'
import { api } from '../api'
import { CheckboxField, ErrorSummary, SelectField, TextField } from '../ui/fields'
import { useSchemaForm } from '../ui/useSchemaForm'
import './users.css'
import { type TFunction, useTranslation } from '../i18n'

/**
 * Where an account's holder works and whether they may read the statistics (issue 14): the
 * statistics count "who convened" by the organisation and function, and filter by municipality.
 */
export const ProfileSchema = NewUserInputSchema.pick({
  organisation: true,
  function: true,
  municipality: true,
  statistics: true,
})

export interface Profile {
  organisation: Organisation | ''
  function: string
  municipality: string
  statistics: boolean
}

export const profileOf = (user: User): Profile => ({
  organisation: user.organisation,
  function: user.function,
  municipality: user.municipality,
  statistics: user.statistics,
})

/** Only what changed, as PATCH /api/users/:id takes it; empty when nothing did. */
export function profilePatch(user: User, profile: Profile): UserPatch {
  const patch: UserPatch = {}
  if (profile.organisation !== user.organisation) patch.organisation = profile.organisation
  if (profile.function !== user.function) patch.function = profile.function
  if (profile.municipality !== user.municipality) patch.municipality = profile.municipality
  if (profile.statistics !== user.statistics) patch.statistics = profile.statistics
  return patch
}

/** The municipalities the accounts already name, as suggestions: one spelling each in the statistics. */
export function knownMunicipalities(users: readonly Pick<User, 'municipality'>[]): string[] {
  return [...new Set(users.map((u) => u.municipality.trim()).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b, 'sv'),
  )
}

/** "Skola – biträdande rektor · Kommun: Lund", or nothing when none is recorded. */
export function profileSummary(t: TFunction, user: User): string {
  const organisation = user.organisation ? t(`organisations.${user.organisation}`) : ''
  const work =
    organisation && user.function
      ? t('statistics.account.summary', { organisation, function: user.function })
      : organisation || user.function
  const municipality = user.municipality
    ? t('statistics.account.municipalityLine', { municipality: user.municipality })
    : ''
  return [work, municipality].filter(Boolean).join(' · ')
}

type FieldProps<V> = { id: string; value: V; onChange: (value: V) => void; error: string | undefined }

/** The four fields, in the new-user form and in each account's own. */
export function ProfileFields({
  organisation,
  fn,
  municipality,
  statistics,
  municipalities,
}: {
  organisation: FieldProps<Organisation | ''>
  fn: FieldProps<string>
  municipality: FieldProps<string>
  statistics: {
    id: string
    checked: boolean
    onChange: (checked: boolean) => void
    error: string | undefined
  }
  municipalities: readonly string[]
}) {
  const { t } = useTranslation()
  const listId = `${municipality.id}-list`
  return (
    <>
      <SelectField
        {...organisation}
        label={t('statistics.account.organisation')}
        placeholder={t('statistics.account.notSet')}
        options={ORGANISATIONS.map((value) => ({ value, label: t(`organisations.${value}`) }))}
      />
      <TextField
        {...fn}
        label={t('statistics.account.function')}
        hint={t('statistics.account.functionHint')}
      />
      <TextField
        {...municipality}
        label={t('statistics.account.municipality')}
        hint={t('statistics.account.municipalityHint')}
        list={municipalities.length > 0 ? listId : undefined}
      />
      {municipalities.length > 0 ? (
        <datalist id={listId}>
          {municipalities.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      ) : null}
      <CheckboxField
        {...statistics}
        label={t('statistics.account.statistics')}
        hint={t('statistics.account.statisticsHint')}
      />
    </>
  )
}

/**
 * One account's organisation, function, municipality and statistics permission, saved with
 * PATCH /api/users/:id – only the fields that changed; the server's refusals at their fields.
 */
export function UserProfileForm({
  user,
  municipalities,
  onSaved,
  onUnchanged,
}: {
  user: User
  municipalities: readonly string[]
  onSaved: (user: User) => void
  onUnchanged: () => void
}) {
  const { t } = useTranslation()
  const form = useSchemaForm({
    form: `user-${user.id}`,
    schema: ProfileSchema,
    initialValues: () => profileOf(user),
    send: async (profile) => {
      const patch = profilePatch(user, profile)
      if (Object.keys(patch).length === 0) {
        onUnchanged()
        return null
      }
      const result = await api.updateUser(user.id, patch)
      if (!result.ok) return result.failure
      onSaved(result.data)
      return null
    },
  })
  return (
    <form className="form user-profile" noValidate onSubmit={form.onSubmit}>
      <ErrorSummary {...form.summary} />
      <ProfileFields
        organisation={form.field('organisation')}
        fn={form.field('function')}
        municipality={form.field('municipality')}
        statistics={form.checkbox('statistics')}
        municipalities={municipalities}
      />
      <button type="submit" className="button--primary" disabled={form.busy}>
        {t('statistics.account.save')}
        <span className="visually-hidden">: {user.name}</span>
      </button>
    </form>
  )
}
