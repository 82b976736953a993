import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { GOAL_KINDS, type GoalKind } from '../../shared/plan/layout'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { Fact } from '../ui/Fact'
import { CheckboxField, fieldId, TextArea, TextField } from '../ui/fields'
import { addGoal, removeGoal, updateGoalField } from './actions'
import { formatDay } from './format'
import { below, Heading, type HeadingLevel } from './Heading'
import { useGoals } from './hooks'
import type { Goal } from './model'
import { goalIssues } from './validation'

/** Step 3: long-term and short-term goals, each concrete and possible to follow up (SMART). */
export function GoalsSection({
  doc,
  editable,
  level,
}: {
  doc: Y.Doc
  editable: boolean
  level: HeadingLevel
}) {
  const { t } = useTranslation()
  const goals = useGoals(doc)
  const [justAdded, setJustAdded] = useState<string | null>(null)
  const [removing, setRemoving] = useState<Goal | null>(null)
  const [status, setStatus] = useState('')
  const addButtons = useRef<Partial<Record<GoalKind, HTMLButtonElement | null>>>({})

  return (
    <section className="plan-part" aria-labelledby="plan-goals-title">
      <Heading level={level} id="plan-goals-title" className="plan-part__title">
        {t('plan.goals.title')}
      </Heading>
      {GOAL_KINDS.map((kind) => {
        const ofKind = goals.filter((goal) => goal.kind === kind)
        const titleId = `plan-goals-${kind}-title`
        return (
          <section key={kind} className="plan-group" aria-labelledby={titleId}>
            <Heading level={below(level)} id={titleId}>
              {t(`plan.goals.${kind}`)}
            </Heading>
            {ofKind.length === 0 ? (
              <p className="plan-empty">
                {t(kind === 'long' ? 'plan.goals.noneLong' : 'plan.goals.noneShort')}
              </p>
            ) : (
              <ol className="plan-entries" aria-labelledby={titleId}>
                {ofKind.map((goal, index) => (
                  <li key={goal.id} className="plan-entry">
                    {editable ? (
                      <GoalForm
                        doc={doc}
                        goal={goal}
                        number={index + 1}
                        autoFocus={justAdded === goal.id}
                        onFocused={() => setJustAdded(null)}
                        onRemove={() => setRemoving(goal)}
                      />
                    ) : (
                      <GoalText goal={goal} />
                    )}
                  </li>
                ))}
              </ol>
            )}
            {editable ? (
              <button
                type="button"
                className="plan-add"
                ref={(element) => {
                  addButtons.current[kind] = element
                }}
                onClick={() => {
                  setStatus('')
                  setJustAdded(addGoal(doc, kind))
                }}
              >
                {t(kind === 'long' ? 'plan.goals.addLong' : 'plan.goals.addShort')}
              </button>
            ) : null}
          </section>
        )
      })}
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {editable ? (
        <ConfirmDialog
          open={removing !== null}
          title={t('plan.goals.removeTitle')}
          confirmLabel={t('plan.removeConfirm')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            if (!removing) return
            removeGoal(doc, removing.id)
            setRemoving(null)
            setStatus(t('plan.goals.removed'))
            addButtons.current[removing.kind]?.focus()
          }}
        >
          {removing?.what.trim() ? (
            <p>
              <strong>{removing.what.trim()}</strong>
            </p>
          ) : null}
          <p>{t('plan.goals.removeText')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  )
}

/** A goal's label where it is chosen or listed: "Mål på kort sikt 2: Elsa har en kompis i klassen". */
export function goalTitle(t: ReturnType<typeof useTranslation>['t'], goal: Goal, number: number): string {
  const name = t(goal.kind === 'long' ? 'plan.goals.itemLong' : 'plan.goals.itemShort', { number })
  return goal.what.trim() ? `${name}: ${goal.what.trim()}` : name
}

function GoalForm({
  doc,
  goal,
  number,
  autoFocus,
  onFocused,
  onRemove,
}: {
  doc: Y.Doc
  goal: Goal
  number: number
  autoFocus: boolean
  onFocused: () => void
  onRemove: () => void
}) {
  const { t } = useTranslation()
  const form = `plan-goal-${goal.id}`
  const issues = goalIssues(goal)

  // A goal just added by this user: put the cursor in its first field (they asked for it).
  useEffect(() => {
    if (!autoFocus) return
    document.getElementById(fieldId(form, 'what'))?.focus()
    onFocused()
  }, [autoFocus, form, onFocused])

  return (
    <fieldset className="plan-entry__form">
      <legend className="plan-entry__legend">
        {t(goal.kind === 'long' ? 'plan.goals.itemLong' : 'plan.goals.itemShort', { number })}
      </legend>
      <TextArea
        id={fieldId(form, 'what')}
        label={t('plan.goals.what')}
        required
        rows={2}
        value={goal.what}
        onChange={(value) => updateGoalField(doc, goal.id, 'what', value)}
      />
      <TextField
        id={fieldId(form, 'measure')}
        label={t('plan.goals.measure')}
        required
        value={goal.measure}
        onChange={(value) => updateGoalField(doc, goal.id, 'measure', value)}
      />
      <TextField
        id={fieldId(form, 'byWhen')}
        type="date"
        label={t('plan.goals.byWhen')}
        required
        value={goal.byWhen}
        error={issues.includes('goalNeedsByWhen') ? t('plan.issues.goalNeedsByWhen') : undefined}
        onChange={(value) => updateGoalField(doc, goal.id, 'byWhen', value)}
      />
      <CheckboxField
        id={fieldId(form, 'agreed')}
        label={t('plan.goals.agreed')}
        checked={goal.agreed}
        onChange={(checked) => updateGoalField(doc, goal.id, 'agreed', checked)}
      />
      <button type="button" className="button--danger plan-entry__remove" onClick={onRemove}>
        {t('plan.goals.remove')}
        <span className="visually-hidden">
          {' '}
          ({t(goal.kind === 'long' ? 'plan.goals.itemLong' : 'plan.goals.itemShort', { number })})
        </span>
      </button>
    </fieldset>
  )
}

function GoalText({ goal }: { goal: Goal }) {
  const { t } = useTranslation()
  return (
    <>
      <p className="plan-entry__title">{goal.what.trim() || t('plan.goals.untitled')}</p>
      <dl className="plan-facts">
        {goal.measure.trim() ? <Fact term={t('plan.goals.measure')}>{goal.measure}</Fact> : null}
        <Fact term={t('plan.goals.byWhen')}>{goal.byWhen ? formatDay(goal.byWhen) : t('plan.notSet')}</Fact>
        <Fact term={t('plan.goals.agreedShort')}>{goal.agreed ? t('plan.yes') : t('plan.no')}</Fact>
      </dl>
    </>
  )
}
