import { useEffect, useRef } from 'react'
import { ConsentInputSchema, type Meeting } from '../../shared/schemas/meeting'
import { api } from '../api'
import { formatDate, todayLocal } from '../format/dates'
import { useTranslation } from '../i18n'
import { ErrorSummary, fieldId, SelectField, TextArea, TextField } from '../ui/fields'
import { useSchemaForm } from '../ui/useSchemaForm'

const FORM = 'consent'
const MAX_GIVERS = 6
const RELATIONS = ['guardian', 'child', 'other'] as const
type Relation = (typeof RELATIONS)[number]

interface Giver {
  /** Stable React key, so removing a row keeps the others' focus and text. */
  key: number
  name: string
  relation: Relation | ''
}

let nextKey = 1

function giversFrom(meeting: Meeting): Giver[] {
  const given = meeting.consent?.givenBy ?? []
  if (given.length === 0) return [{ key: nextKey++, name: '', relation: 'guardian' }]
  return given.map((g) => ({ key: nextKey++, name: g.name, relation: g.relation }))
}

/**
 * Samtycke (domain.md §3): who gave it, when, for what, and what the family does not want
 * shared. Recorded with PUT; recording it again replaces it.
 */
export function ConsentForm({ meeting, onSaved }: { meeting: Meeting; onSaved: (meeting: Meeting) => void }) {
  const { t } = useTranslation()
  const form = useSchemaForm({
    form: FORM,
    schema: ConsentInputSchema,
    initialValues: () => ({
      givers: giversFrom(meeting),
      givenAt: meeting.consent?.givenAt ?? todayLocal(),
      scope: meeting.consent?.scope ?? '',
      notShared: meeting.consent?.notShared ?? '',
    }),
    toInput: ({ givers, ...rest }) => ({
      givenBy: givers.map((g) => ({ name: g.name, relation: g.relation || undefined })),
      ...rest,
    }),
    targetOf: (field) => fieldId(FORM, field === 'givenBy' ? 'givenBy.0.name' : field),
    send: async (input) => {
      const result = await api.recordConsent(meeting.id, input)
      if (!result.ok) return result.failure
      onSaved(result.data)
      return null
    },
  })
  const { givers } = form.values
  const { errors, setValues } = form
  const addButton = useRef<HTMLButtonElement>(null)
  const focusAfterRender = useRef<string | null>(null)

  const setGivers = (change: (list: Giver[]) => Giver[]): void =>
    setValues((values) => ({ ...values, givers: change(values.givers) }))

  const updateGiver = (key: number, patch: Partial<Giver>): void =>
    setGivers((list) => list.map((g) => (g.key === key ? { ...g, ...patch } : g)))

  const addGiver = (): void => {
    const giver: Giver = { key: nextKey++, name: '', relation: 'guardian' }
    focusAfterRender.current = fieldId(FORM, `givenBy.${givers.length}.name`)
    setGivers((list) => [...list, giver])
  }

  const removeGiver = (key: number): void => {
    setGivers((list) => list.filter((g) => g.key !== key))
    addButton.current?.focus()
  }

  // A new row's name field takes focus once it exists.
  useEffect(() => {
    if (givers.length === 0 || !focusAfterRender.current) return
    document.getElementById(focusAfterRender.current)?.focus()
    focusAfterRender.current = null
  }, [givers])

  const consent = meeting.consent
  return (
    <>
      <p className={consent ? 'notice' : 'notice notice--warning'}>
        {consent
          ? t('consent.recorded', {
              date: formatDate(consent.givenAt),
              names: consent.givenBy.map((g) => g.name).join(', '),
            })
          : t('consent.missing')}
      </p>
      <ErrorSummary {...form.summary} />
      <form className="form" noValidate onSubmit={form.onSubmit}>
        <fieldset className="form__fieldset" disabled={meeting.status === 'finalized'}>
          <fieldset className="field field--group">
            <legend className="field__label">{t('fields.givenBy')}</legend>
            {givers.map((giver, index) => (
              <fieldset className="consent-giver" key={giver.key}>
                <legend>{t('consent.person', { number: index + 1 })}</legend>
                <div className="field-row">
                  <TextField
                    id={fieldId(FORM, `givenBy.${index}.name`)}
                    label={t('fields.name')}
                    required
                    value={giver.name}
                    onChange={(name) => updateGiver(giver.key, { name })}
                    error={errors[`givenBy.${index}.name`]}
                  />
                  <SelectField
                    id={fieldId(FORM, `givenBy.${index}.relation`)}
                    label={t('fields.relation')}
                    required
                    value={giver.relation}
                    onChange={(relation) => updateGiver(giver.key, { relation })}
                    options={RELATIONS.map((value) => ({ value, label: t(`relations.${value}`) }))}
                    error={errors[`givenBy.${index}.relation`]}
                  />
                </div>
                {givers.length > 1 ? (
                  <button type="button" onClick={() => removeGiver(giver.key)}>
                    {t('consent.removePerson', { number: index + 1 })}
                  </button>
                ) : null}
              </fieldset>
            ))}
            {givers.length < MAX_GIVERS ? (
              <button type="button" ref={addButton} onClick={addGiver}>
                {t('consent.addPerson')}
              </button>
            ) : null}
          </fieldset>
          <TextField {...form.field('givenAt')} label={t('fields.givenAt')} type="date" required />
          <TextArea
            {...form.field('scope')}
            label={t('fields.scope')}
            hint={t('fields.scopeHint')}
            required
          />
          <TextArea
            {...form.field('notShared')}
            label={t('fields.notShared')}
            hint={t('fields.notSharedHint')}
          />
          <button type="submit" className="button--primary" disabled={form.busy}>
            {t('consent.save')}
          </button>
          <p role="status" className="form__status">
            {form.saved ? t('consent.saved') : ''}
          </p>
        </fieldset>
      </form>
    </>
  )
}
