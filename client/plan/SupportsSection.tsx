import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { SUPPORT_PARTIES } from '../../shared/plan/layout'
import { Fact } from '../ui/Fact'
import { RadioGroup, SelectField, TextArea, TextField } from '../ui/fields'
import { addSupport, removeSupport, updateSupportField } from './actions'
import { EntryList, entryFields } from './EntryList'
import { formatDay } from './format'
import { goalTitle } from './GoalsSection'
import { useGoals, useSupports } from './hooks'
import type { Goal, Support } from './model'
import { PlanPart, type PlanPartProps } from './PlanPart'
import { supportIssues } from './validation'

/**
 * Step 3: the supports (insatser) – what, which organisation, who is responsible, how often,
 * where, from when to when, which goal it serves – and the family's own part beside the agencies'.
 */
export function SupportsSection({ doc, editable, level }: PlanPartProps) {
  const { t } = useTranslation()
  const supports = useSupports(doc)
  const goals = useGoals(doc)

  return (
    <PlanPart id="plan-supports" title={t('plan.supports.title')} level={level}>
      {editable ? (
        <p className="field__hint" id="plan-supports-hint">
          {t('plan.supports.hint')}
        </p>
      ) : null}
      <EntryList
        editable={editable}
        groups={[
          {
            key: 'supports',
            titleId: 'plan-supports-title',
            entries: supports,
            empty: t('plan.supports.none'),
            addLabel: t('plan.supports.add'),
            add: () => addSupport(doc, 'agency'),
          },
        ]}
        formId={(support) => `plan-support-${support.id}`}
        legend={(_, number) => t('plan.supports.item', { number })}
        fields={(support, form) => <SupportFields doc={doc} support={support} form={form} goals={goals} />}
        text={(support) => <SupportText support={support} goals={goals} />}
        removeLabel={t('plan.supports.remove')}
        removeTitle={t('plan.supports.removeTitle')}
        removeText={t('plan.supports.removeText')}
        removed={t('plan.supports.removed')}
        remove={(id) => removeSupport(doc, id)}
      />
    </PlanPart>
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

function SupportFields({
  doc,
  support,
  form,
  goals,
}: {
  doc: Y.Doc
  support: Support
  form: string
  goals: readonly Goal[]
}) {
  const { t } = useTranslation()
  const issues = supportIssues(support)
  const needsOwner = issues.includes('supportNeedsOwner')
  const ownerErrorId = `${form}-owner-error`
  const options = goalOptions(t, goals)
  // A goal removed by someone else leaves a dangling id until the remover's client clears it.
  const goalId = options.some((option) => option.value === support.goalId) ? support.goalId : ''
  const field = entryFields(form, support, (name, value) => updateSupportField(doc, support.id, name, value))
  const owner = { required: true, describedBy: needsOwner ? ownerErrorId : undefined, invalid: needsOwner }

  return (
    <>
      <TextArea {...field('what')} label={t('plan.supports.what')} required rows={2} />
      <RadioGroup
        {...field('party')}
        label={t('plan.supports.party')}
        required
        options={SUPPORT_PARTIES.map((party) => ({
          value: party,
          label: t(`plan.supports.parties.${party}`),
        }))}
      />
      {needsOwner ? (
        <p className="field__error plan-entry__issue" id={ownerErrorId}>
          {t('plan.issues.supportNeedsOwner')}
        </p>
      ) : null}
      <div className="field-row">
        <TextField {...field('responsible')} {...owner} label={t('plan.supports.responsible')} />
        <TextField {...field('organisation')} {...owner} label={t('plan.supports.organisation')} />
      </div>
      <div className="field-row">
        <TextField {...field('frequency')} label={t('plan.supports.frequency')} />
        <TextField {...field('where')} label={t('plan.supports.where')} />
      </div>
      <div className="field-row">
        <TextField {...field('start')} type="date" label={t('plan.supports.start')} />
        <TextField
          {...field('end')}
          type="date"
          label={t('plan.supports.end')}
          error={
            issues.includes('supportEndsBeforeStart') ? t('plan.issues.supportEndsBeforeStart') : undefined
          }
        />
      </div>
      <SelectField
        {...field('goalId')}
        value={goalId}
        label={t('plan.supports.goal')}
        placeholder={t('plan.supports.noGoal')}
        options={options}
      />
    </>
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
