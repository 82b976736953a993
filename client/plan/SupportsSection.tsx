import type * as Y from 'yjs'
import { SUPPORT_PARTIES } from '../../shared/plan/layout'
import { type TFunction, useTranslation } from '../i18n'
import { Fact } from '../ui/Fact'
import { addSupport, removeSupport, updateSupportField } from './actions'
import { EntryList, entryFields } from './EntryList'
import { CarriedTags, carriedClass, SupportFollowUpFacts, SupportFollowUpFields } from './FollowUpFields'
import { formatDay } from './format'
import { goalTitle } from './GoalsSection'
import { useGoals, useSupports } from './hooks'
import { type Goal, isBlankSupport, isEnded, type Support } from './model'
import { PlanPart, type PlanPartProps } from './PlanPart'
import { RowInput, RowSelect, RowText } from './RowFields'
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
          {t('plan.supports.hint')} {t('plan.supports.keys')}
        </p>
      ) : null}
      <EntryList
        editable={editable}
        layout="support"
        columns={[
          t('plan.supports.what'),
          t('plan.supports.responsible'),
          t('plan.supports.frequency'),
          t('plan.supports.organisation'),
        ]}
        isBlank={isBlankSupport}
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
        entryClass={(support) => carriedClass(support.carried, isEnded(support))}
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
function goalOptions(t: TFunction, goals: readonly Goal[]) {
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
  const endsBeforeStart = issues.includes('supportEndsBeforeStart')
  const ownerErrorId = `${form}-owner-error`
  const datesErrorId = `${form}-dates-error`
  const options = goalOptions(t, goals)
  // A goal removed by someone else leaves a dangling id until the remover's client clears it.
  const goalId = options.some((option) => option.value === support.goalId) ? support.goalId : ''
  const field = entryFields(form, support, (name, value) => updateSupportField(doc, support.id, name, value))
  const owner = { required: true, describedBy: needsOwner ? ownerErrorId : undefined, invalid: needsOwner }

  // The main line – what, who, how often – is the Tab path; the rest, dates last, comes after it.
  return (
    <>
      <RowText {...field('what')} cell="what" headed label={t('plan.supports.what')} required />
      <RowInput
        {...field('responsible')}
        {...owner}
        cell="who"
        headed
        label={t('plan.supports.responsible')}
      />
      <RowInput {...field('frequency')} cell="often" headed label={t('plan.supports.frequency')} />
      <RowInput
        {...field('organisation')}
        {...owner}
        cell="org"
        headed
        label={t('plan.supports.organisation')}
      />
      {needsOwner ? (
        <p className="field__error plan-row__note" id={ownerErrorId}>
          {t('plan.issues.supportNeedsOwner')}
        </p>
      ) : null}
      {support.carried ? (
        <SupportFollowUpFields doc={doc} support={support} carried={support.carried} form={form} />
      ) : null}
      <div className="plan-row__more">
        <RowSelect
          {...field('party')}
          cell="party"
          label={t('plan.supports.party')}
          options={SUPPORT_PARTIES.map((party) => ({
            value: party,
            label: t(`plan.supports.parties.${party}`),
          }))}
          onChange={(value) => {
            if (value) updateSupportField(doc, support.id, 'party', value)
          }}
        />
        <RowInput {...field('where')} cell="where" label={t('plan.supports.where')} />
        <RowSelect
          {...field('goalId')}
          value={goalId}
          cell="goal"
          label={t('plan.supports.goal')}
          options={[{ value: '', label: t('plan.supports.noGoal') }, ...options]}
        />
        <RowInput {...field('start')} type="date" cell="date" label={t('plan.supports.start')} />
        <RowInput
          {...field('end')}
          type="date"
          cell="date"
          label={t('plan.supports.end')}
          describedBy={endsBeforeStart ? datesErrorId : undefined}
          invalid={endsBeforeStart}
        />
      </div>
      {endsBeforeStart ? (
        <p className="field__error plan-row__note" id={datesErrorId}>
          {t('plan.issues.supportEndsBeforeStart')}
        </p>
      ) : null}
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
      {support.carried ? (
        <p className="plan-entry__tags">
          <CarriedTags ended={isEnded(support)} />
        </p>
      ) : null}
      <p className="plan-entry__title">{support.what.trim() || t('plan.supports.untitled')}</p>
      <dl className="plan-facts">
        {support.carried ? <SupportFollowUpFacts carried={support.carried} /> : null}
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
