import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { SUPPORT_PARTIES } from '../../shared/plan/layout'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { Fact } from '../ui/Fact'
import { fieldId, RadioGroup, SelectField, TextArea, TextField } from '../ui/fields'
import { addSupport, removeSupport, updateSupportField } from './actions'
import { formatDay } from './format'
import { goalTitle } from './GoalsSection'
import { Heading, type HeadingLevel } from './Heading'
import { useGoals, useSupports } from './hooks'
import type { Goal, Support } from './model'
import { supportIssues } from './validation'

/**
 * Step 3: the supports (insatser) – what, which organisation, who is responsible, how often,
 * where, from when to when, which goal it serves – and the family's own part beside the agencies'.
 */
export function SupportsSection({
  doc,
  editable,
  level,
}: {
  doc: Y.Doc
  editable: boolean
  level: HeadingLevel
}) {
  const { t } = useTranslation()
  const supports = useSupports(doc)
  const goals = useGoals(doc)
  const [justAdded, setJustAdded] = useState<string | null>(null)
  const [removing, setRemoving] = useState<Support | null>(null)
  const [status, setStatus] = useState('')
  const [addButton, setAddButton] = useState<HTMLButtonElement | null>(null)

  return (
    <section className="plan-part" aria-labelledby="plan-supports-title">
      <Heading level={level} id="plan-supports-title" className="plan-part__title">
        {t('plan.supports.title')}
      </Heading>
      {editable ? (
        <p className="field__hint" id="plan-supports-hint">
          {t('plan.supports.hint')}
        </p>
      ) : null}
      {supports.length === 0 ? (
        <p className="plan-empty">{t('plan.supports.none')}</p>
      ) : (
        <ol className="plan-entries" aria-labelledby="plan-supports-title">
          {supports.map((support, index) => (
            <li key={support.id} className="plan-entry">
              {editable ? (
                <SupportForm
                  doc={doc}
                  support={support}
                  number={index + 1}
                  goals={goals}
                  autoFocus={justAdded === support.id}
                  onFocused={() => setJustAdded(null)}
                  onRemove={() => setRemoving(support)}
                />
              ) : (
                <SupportText support={support} goals={goals} />
              )}
            </li>
          ))}
        </ol>
      )}
      {editable ? (
        <button
          type="button"
          className="plan-add"
          ref={setAddButton}
          onClick={() => {
            setStatus('')
            setJustAdded(addSupport(doc, 'agency'))
          }}
        >
          {t('plan.supports.add')}
        </button>
      ) : null}
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {editable ? (
        <ConfirmDialog
          open={removing !== null}
          title={t('plan.supports.removeTitle')}
          confirmLabel={t('plan.removeConfirm')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            if (!removing) return
            removeSupport(doc, removing.id)
            setRemoving(null)
            setStatus(t('plan.supports.removed'))
            addButton?.focus()
          }}
        >
          {removing?.what.trim() ? (
            <p>
              <strong>{removing.what.trim()}</strong>
            </p>
          ) : null}
          <p>{t('plan.supports.removeText')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  )
}

/** "Mål på kort sikt 2: …", numbered within its kind, as the goals section numbers it. */
function goalOptions(t: ReturnType<typeof useTranslation>['t'], goals: readonly Goal[]) {
  const counts = { long: 0, short: 0 }
  return goals.map((goal) => {
    counts[goal.kind] += 1
    return { value: goal.id, label: goalTitle(t, goal, counts[goal.kind]) }
  })
}

function SupportForm({
  doc,
  support,
  number,
  goals,
  autoFocus,
  onFocused,
  onRemove,
}: {
  doc: Y.Doc
  support: Support
  number: number
  goals: readonly Goal[]
  autoFocus: boolean
  onFocused: () => void
  onRemove: () => void
}) {
  const { t } = useTranslation()
  const form = `plan-support-${support.id}`
  const issues = supportIssues(support)
  const needsOwner = issues.includes('supportNeedsOwner')
  const ownerErrorId = `${form}-owner-error`
  const options = goalOptions(t, goals)
  // A goal removed by someone else leaves a dangling id until the remover's client clears it.
  const goalId = options.some((option) => option.value === support.goalId) ? support.goalId : ''
  const set =
    <F extends Exclude<keyof Support, 'id'>>(field: F) =>
    (value: Support[F]) =>
      updateSupportField(doc, support.id, field, value)

  useEffect(() => {
    if (!autoFocus) return
    document.getElementById(fieldId(form, 'what'))?.focus()
    onFocused()
  }, [autoFocus, form, onFocused])

  return (
    <fieldset className="plan-entry__form">
      <legend className="plan-entry__legend">{t('plan.supports.item', { number })}</legend>
      <TextArea
        id={fieldId(form, 'what')}
        label={t('plan.supports.what')}
        required
        rows={2}
        value={support.what}
        onChange={set('what')}
      />
      <RadioGroup
        id={fieldId(form, 'party')}
        label={t('plan.supports.party')}
        required
        value={support.party}
        options={SUPPORT_PARTIES.map((party) => ({
          value: party,
          label: t(`plan.supports.parties.${party}`),
        }))}
        onChange={set('party')}
      />
      {needsOwner ? (
        <p className="field__error plan-entry__issue" id={ownerErrorId}>
          {t('plan.issues.supportNeedsOwner')}
        </p>
      ) : null}
      <div className="field-row">
        <TextField
          id={fieldId(form, 'responsible')}
          label={t('plan.supports.responsible')}
          required
          value={support.responsible}
          describedBy={needsOwner ? ownerErrorId : undefined}
          invalid={needsOwner}
          onChange={set('responsible')}
        />
        <TextField
          id={fieldId(form, 'organisation')}
          label={t('plan.supports.organisation')}
          required
          value={support.organisation}
          describedBy={needsOwner ? ownerErrorId : undefined}
          invalid={needsOwner}
          onChange={set('organisation')}
        />
      </div>
      <div className="field-row">
        <TextField
          id={fieldId(form, 'frequency')}
          label={t('plan.supports.frequency')}
          value={support.frequency}
          onChange={set('frequency')}
        />
        <TextField
          id={fieldId(form, 'where')}
          label={t('plan.supports.where')}
          value={support.where}
          onChange={set('where')}
        />
      </div>
      <div className="field-row">
        <TextField
          id={fieldId(form, 'start')}
          type="date"
          label={t('plan.supports.start')}
          value={support.start}
          onChange={set('start')}
        />
        <TextField
          id={fieldId(form, 'end')}
          type="date"
          label={t('plan.supports.end')}
          value={support.end}
          error={
            issues.includes('supportEndsBeforeStart') ? t('plan.issues.supportEndsBeforeStart') : undefined
          }
          onChange={set('end')}
        />
      </div>
      <SelectField
        id={fieldId(form, 'goalId')}
        label={t('plan.supports.goal')}
        value={goalId}
        placeholder={t('plan.supports.noGoal')}
        options={options}
        onChange={set('goalId')}
      />
      <button type="button" className="button--danger plan-entry__remove" onClick={onRemove}>
        {t('plan.supports.remove')}
        <span className="visually-hidden"> ({t('plan.supports.item', { number })})</span>
      </button>
    </fieldset>
  )
}

function SupportText({ support, goals }: { support: Support; goals: readonly Goal[] }) {
  const { t } = useTranslation()
  const goal = goalOptions(t, goals).find((option) => option.value === support.goalId)
  const rows: [string, string][] = [
    [t('plan.supports.party'), t(`plan.supports.parties.${support.party}`)],
    // A missing owner is shown, not hidden: everyone reading before sign-off should see the gap.
    [
      t('plan.supports.responsible'),
      support.responsible.trim() || (support.organisation.trim() ? '' : t('plan.notSet')),
    ],
    [t('plan.supports.organisation'), support.organisation],
    [t('plan.supports.frequency'), support.frequency],
    [t('plan.supports.where'), support.where],
    [t('plan.supports.start'), support.start ? formatDay(support.start) : ''],
    [t('plan.supports.end'), support.end ? formatDay(support.end) : ''],
    [t('plan.supports.goal'), goal?.label ?? ''],
  ]
  return (
    <>
      <p className="plan-entry__title">{support.what.trim() || t('plan.supports.untitled')}</p>
      <dl className="plan-facts">
        {rows
          .filter(([, value]) => value.trim() !== '')
          .map(([term, value]) => (
            <Fact key={term} term={term}>
              {value}
            </Fact>
          ))}
      </dl>
    </>
  )
}
