import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ConsentInputSchema, type Meeting } from '../../shared/schemas/meeting'
import { api } from '../api'
import { formatDate, todayLocal } from '../format/dates'
import { failureMessage } from '../ui/errors'
import {
  ErrorSummary,
  type FieldErrors,
  fieldId,
  SelectField,
  TextArea,
  TextField,
  toFieldErrors,
  validate,
} from '../ui/fields'

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
  const [givers, setGivers] = useState<Giver[]>(() => giversFrom(meeting))
  const [givenAt, setGivenAt] = useState(meeting.consent?.givenAt ?? todayLocal())
  const [scope, setScope] = useState(meeting.consent?.scope ?? '')
  const [notShared, setNotShared] = useState(meeting.consent?.notShared ?? '')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [general, setGeneral] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const addButton = useRef<HTMLButtonElement>(null)
  const focusAfterRender = useRef<string | null>(null)

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

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setGeneral(null)
    setSaved(false)
    const checked = validate(ConsentInputSchema, {
      givenBy: givers.map((g) => ({ name: g.name, relation: g.relation || undefined })),
      givenAt,
      scope,
      notShared,
    })
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    setBusy(true)
    const result = await api.recordConsent(meeting.id, checked.data)
    setBusy(false)
    if (!result.ok) {
      const { failure } = result
      if (failure.code === 'validation' && failure.issues.length > 0) setErrors(toFieldErrors(failure.issues))
      else setGeneral(failureMessage(t, failure))
      return
    }
    setSaved(true)
    onSaved(result.data)
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
      <ErrorSummary
        errors={errors}
        generalError={general}
        targetOf={(field) => fieldId(FORM, field === 'givenBy' ? 'givenBy.0.name' : field)}
      />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
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
          <TextField
            id={fieldId(FORM, 'givenAt')}
            label={t('fields.givenAt')}
            type="date"
            required
            value={givenAt}
            onChange={setGivenAt}
            error={errors.givenAt}
          />
          <TextArea
            id={fieldId(FORM, 'scope')}
            label={t('fields.scope')}
            hint={t('fields.scopeHint')}
            required
            value={scope}
            onChange={setScope}
            error={errors.scope}
          />
          <TextArea
            id={fieldId(FORM, 'notShared')}
            label={t('fields.notShared')}
            hint={t('fields.notSharedHint')}
            value={notShared}
            onChange={setNotShared}
            error={errors.notShared}
          />
          <button type="submit" className="button--primary" disabled={busy}>
            {t('consent.save')}
          </button>
          <p role="status" className="form__status">
            {saved ? t('consent.saved') : ''}
          </p>
        </fieldset>
      </form>
    </>
  )
}
