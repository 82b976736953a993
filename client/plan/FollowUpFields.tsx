import type { ReactNode } from 'react'
import type * as Y from 'yjs'
import { GOAL_OUTCOMES, SUPPORT_STATUSES } from '../../shared/plan/layout'
import { Fact } from '../ui/Fact'
import { fieldId } from '../ui/fields'
import { updateGoalOutcome, updateSupportFollowUp } from './actions'
import type { CarriedGoal, CarriedSupport, Goal, Support } from './model'
import { RowText } from './RowFields'
import './follow-up.css'
import { type TFunction, useTranslation } from '../i18n'

/**
 * The follow-up of a goal or support carried over from the previous plan (docs/process.md P7):
 * "Hur gick det?" and a comment for a goal, "Hur gick insatsen?" and its effect for a support –
 * a group of its own in the entry's row for the writers, words in the entry for everyone else.
 * Entries added at this meeting have no follow-up and show none of this.
 */

/** The classes of a carried entry's row or card: marked as carried, and as ended (follow-up.css). */
export function carriedClass(carried: object | null, ended = false): string {
  if (!carried) return ''
  return ended ? 'plan-carried plan-carried--ended' : 'plan-carried'
}

/** "Från förra planen", and "Avslutad" on a support the follow-up ended. */
export function CarriedTags({ ended = false }: { ended?: boolean }) {
  const { t } = useTranslation()
  return (
    <>
      <span className="plan-tag">{t('followup.fromLastPlan')}</span>
      {ended ? (
        <span className="plan-tag plan-tag--ended">{t('followup.support.statuses.ended')}</span>
      ) : null}
    </>
  )
}

/** One choice of a radio group; '' is "not assessed yet". */
interface Choice<V extends string> {
  value: V | ''
  label: string
}

/** A radio group with its question as the legend: one name per entry, one id per answer. */
function FollowUpChoice<V extends string>({
  id,
  legend,
  value,
  choices,
  onChange,
}: {
  id: string
  legend: string
  value: V | ''
  choices: readonly Choice<V>[]
  onChange: (value: V | '') => void
}) {
  return (
    <fieldset className="plan-followup__choice">
      <legend className="plan-followup__question">{legend}</legend>
      <div className="plan-radios">
        {choices.map((choice) => {
          const choiceId = `${id}-${choice.value || 'unset'}`
          return (
            <div className="field__radio" key={choiceId}>
              <input
                id={choiceId}
                type="radio"
                name={id}
                value={choice.value}
                checked={value === choice.value}
                onChange={() => onChange(choice.value)}
              />
              <label htmlFor={choiceId}>{choice.label}</label>
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}

/** The group around a carried entry's follow-up fields, named "Uppföljning – Från förra planen". */
function FollowUpGroup({ ended = false, children }: { ended?: boolean; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <fieldset className="plan-followup">
      <legend className="plan-followup__legend">
        {t('followup.group')} <CarriedTags ended={ended} />
      </legend>
      {children}
    </fieldset>
  )
}

/** A carried goal's outcome and comment, in the goal's row. */
export function GoalFollowUpFields({
  doc,
  goal,
  carried,
  form,
}: {
  doc: Y.Doc
  goal: Goal
  carried: CarriedGoal
  form: string
}) {
  const { t } = useTranslation()
  return (
    <FollowUpGroup>
      <FollowUpChoice
        id={fieldId(form, 'outcome')}
        legend={t('followup.goal.question')}
        value={carried.outcome}
        choices={[
          ...GOAL_OUTCOMES.map((value) => ({ value, label: t(`followup.goal.outcomes.${value}`) })),
          { value: '', label: t('followup.goal.unset') },
        ]}
        onChange={(value) => updateGoalOutcome(doc, goal.id, 'outcome', value)}
      />
      <RowText
        id={fieldId(form, 'outcomeComment')}
        cell="comment"
        label={t('followup.goal.comment')}
        value={carried.outcomeComment}
        onChange={(value) => updateGoalOutcome(doc, goal.id, 'outcomeComment', value)}
      />
    </FollowUpGroup>
  )
}

/** A carried support's status and effect, in the support's row. */
export function SupportFollowUpFields({
  doc,
  support,
  carried,
  form,
}: {
  doc: Y.Doc
  support: Support
  carried: CarriedSupport
  form: string
}) {
  const { t } = useTranslation()
  return (
    <FollowUpGroup ended={carried.status === 'ended'}>
      <FollowUpChoice
        id={fieldId(form, 'status')}
        legend={t('followup.support.question')}
        value={carried.status}
        choices={[
          ...SUPPORT_STATUSES.map((value) => ({ value, label: t(`followup.support.statuses.${value}`) })),
          { value: '', label: t('followup.support.unset') },
        ]}
        onChange={(value) => updateSupportFollowUp(doc, support.id, 'status', value)}
      />
      <RowText
        id={fieldId(form, 'effect')}
        cell="comment"
        label={t('followup.support.effect')}
        value={carried.effect}
        onChange={(value) => updateSupportFollowUp(doc, support.id, 'effect', value)}
      />
    </FollowUpGroup>
  )
}

/** How a carried goal went, in words: "Delvis uppnått", or "Inte bedömt än". */
export function outcomeText(t: TFunction, carried: CarriedGoal): string {
  return carried.outcome ? t(`followup.goal.outcomes.${carried.outcome}`) : t('followup.goal.unset')
}

/** How a carried support went, in words: "Pågår", or "Inte bedömt än". */
export function statusText(t: TFunction, carried: CarriedSupport): string {
  return carried.status ? t(`followup.support.statuses.${carried.status}`) : t('followup.support.unset')
}

/** A carried goal's follow-up as facts of the read-only entry (inside its `<dl>`). */
export function GoalFollowUpFacts({ carried }: { carried: CarriedGoal }) {
  const { t } = useTranslation()
  return (
    <>
      <Fact term={t('followup.group')}>{outcomeText(t, carried)}</Fact>
      {carried.outcomeComment.trim() ? (
        <Fact term={t('followup.goal.comment')} className="preserve-lines">
          {carried.outcomeComment}
        </Fact>
      ) : null}
    </>
  )
}

/** A carried support's follow-up as facts of the read-only entry (inside its `<dl>`). */
export function SupportFollowUpFacts({ carried }: { carried: CarriedSupport }) {
  const { t } = useTranslation()
  return (
    <>
      <Fact term={t('followup.group')}>{statusText(t, carried)}</Fact>
      {carried.effect.trim() ? (
        <Fact term={t('followup.support.effectShort')} className="preserve-lines">
          {carried.effect}
        </Fact>
      ) : null}
    </>
  )
}
