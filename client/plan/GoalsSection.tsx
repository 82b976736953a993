import type * as Y from 'yjs'
import { GOAL_KINDS } from '../../shared/plan/layout'
import { type TFunction, useTranslation } from '../i18n'
import { Fact } from '../ui/Fact'
import { fieldId } from '../ui/fields'
import { addGoal, removeGoal, updateGoalField } from './actions'
import { EntryList, entryFields } from './EntryList'
import { CarriedTags, carriedClass, GoalFollowUpFacts, GoalFollowUpFields } from './FollowUpFields'
import { formatDay } from './format'
import { below } from './Heading'
import { useGoals } from './hooks'
import { type Goal, isBlankGoal } from './model'
import { PlanPart, type PlanPartProps } from './PlanPart'
import { RowInput, RowSelect, RowText } from './RowFields'
import { goalIssues } from './validation'

/** Step 3: long-term and short-term goals, each concrete and possible to follow up (SMART). */
export function GoalsSection({ doc, editable, level }: PlanPartProps) {
  const { t } = useTranslation()
  const goals = useGoals(doc)

  return (
    <PlanPart id="plan-goals" title={t('plan.goals.title')} level={level}>
      {editable ? (
        <p className="field__hint" id="plan-goals-hint">
          {t('plan.goals.keys')}
        </p>
      ) : null}
      <EntryList
        editable={editable}
        layout="goal"
        columns={[
          t('plan.goals.what'),
          t('plan.goals.measure'),
          t('plan.goals.byWhen'),
          t('plan.goals.agreedShort'),
        ]}
        isBlank={isBlankGoal}
        groups={GOAL_KINDS.map((kind) => ({
          key: kind,
          titleId: `plan-goals-${kind}-title`,
          heading: { level: below(level), text: t(`plan.goals.${kind}`) },
          entries: goals.filter((goal) => goal.kind === kind),
          empty: t(kind === 'long' ? 'plan.goals.noneLong' : 'plan.goals.noneShort'),
          addLabel: t(kind === 'long' ? 'plan.goals.addLong' : 'plan.goals.addShort'),
          add: () => addGoal(doc, kind),
        }))}
        formId={(goal) => `plan-goal-${goal.id}`}
        legend={(goal, number) => goalName(t, goal, number)}
        fields={(goal, form) => <GoalFields doc={doc} goal={goal} form={form} />}
        text={(goal) => <GoalText goal={goal} />}
        entryClass={(goal) => carriedClass(goal.carried)}
        removeLabel={t('plan.goals.remove')}
        removeTitle={t('plan.goals.removeTitle')}
        removeText={t('plan.goals.removeText')}
        removed={t('plan.goals.removed')}
        remove={(id) => removeGoal(doc, id)}
      />
    </PlanPart>
  )
}

/** "Mål på kort sikt 2", numbered within its kind. */
function goalName(t: TFunction, goal: Goal, number: number): string {
  return t(goal.kind === 'long' ? 'plan.goals.itemLong' : 'plan.goals.itemShort', { number })
}

/** A goal's label where it is chosen or listed: "Mål på kort sikt 2: Elsa har en kompis i klassen". */
export function goalTitle(t: TFunction, goal: Goal, number: number): string {
  const name = goalName(t, goal, number)
  return goal.what.trim() ? `${name}: ${goal.what.trim()}` : name
}

/** The three answers to "agreed?": not decided yet (a new goal), yes, no. */
type Agreement = '' | 'yes' | 'no'

function toAgreement(agreed: boolean | null): Agreement {
  return agreed === null ? '' : agreed ? 'yes' : 'no'
}

function GoalFields({ doc, goal, form }: { doc: Y.Doc; goal: Goal; form: string }) {
  const { t } = useTranslation()
  const issues = goalIssues(goal)
  const needsByWhen = issues.includes('goalNeedsByWhen')
  const byWhenErrorId = `${form}-byWhen-error`
  const field = entryFields(form, goal, (name, value) => updateGoalField(doc, goal.id, name, value))

  return (
    <>
      <RowText {...field('what')} cell="what" headed label={t('plan.goals.what')} required />
      <RowInput {...field('measure')} cell="measure" headed label={t('plan.goals.measure')} required />
      <RowInput
        {...field('byWhen')}
        type="date"
        cell="date"
        headed
        label={t('plan.goals.byWhen')}
        required
        describedBy={needsByWhen ? byWhenErrorId : undefined}
        invalid={needsByWhen}
      />
      <RowSelect<Agreement>
        id={fieldId(form, 'agreed')}
        cell="agreed"
        headed
        label={t('plan.goals.agreedShort')}
        value={toAgreement(goal.agreed)}
        options={[
          { value: '', label: t('plan.goals.agreedUnset') },
          { value: 'yes', label: t('plan.yes') },
          { value: 'no', label: t('plan.no') },
        ]}
        onChange={(value) => updateGoalField(doc, goal.id, 'agreed', value === '' ? null : value === 'yes')}
      />
      {needsByWhen ? (
        <p className="field__error plan-row__note" id={byWhenErrorId}>
          {t('plan.issues.goalNeedsByWhen')}
        </p>
      ) : null}
      {goal.carried ? <GoalFollowUpFields doc={doc} goal={goal} carried={goal.carried} form={form} /> : null}
    </>
  )
}

function GoalText({ goal }: { goal: Goal }) {
  const { t } = useTranslation()
  const agreed =
    goal.agreed === null ? t('plan.goals.agreedUnset') : goal.agreed ? t('plan.yes') : t('plan.no')
  return (
    <>
      {goal.carried ? (
        <p className="plan-entry__tags">
          <CarriedTags />
        </p>
      ) : null}
      <p className="plan-entry__title">{goal.what.trim() || t('plan.goals.untitled')}</p>
      <dl className="plan-facts">
        {goal.carried ? <GoalFollowUpFacts carried={goal.carried} /> : null}
        {goal.measure.trim() ? <Fact term={t('plan.goals.measure')}>{goal.measure}</Fact> : null}
        <Fact term={t('plan.goals.byWhen')}>{goal.byWhen ? formatDay(goal.byWhen) : t('plan.notSet')}</Fact>
        <Fact term={t('plan.goals.agreedShort')}>{agreed}</Fact>
      </dl>
    </>
  )
}
