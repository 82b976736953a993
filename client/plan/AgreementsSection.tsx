import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { FOLLOW_UP_FIELDS, planParts, RESPONSIBLE_FIELDS } from '../../shared/plan/layout'
import { Fact } from '../ui/Fact'
import { fieldId, TextField } from '../ui/fields'
import { setFollowUp, setResponsible } from './actions'
import { formatDay } from './format'
import { Heading, type HeadingLevel } from './Heading'
import { usePlanMap } from './hooks'
import { toFollowUp, toResponsible } from './model'

/**
 * A small group of fields under a heading: a fieldset whose legend is the heading when editable,
 * a list of facts when read-only. Used for huvudansvarig (step 4) and the follow-up (step 5).
 */
function FieldGroup({
  id,
  title,
  hint,
  editable,
  level,
  children,
  facts,
}: {
  id: string
  title: string
  hint: string
  editable: boolean
  level: HeadingLevel
  children: ReactNode
  facts: [string, string][]
}) {
  const { t } = useTranslation()
  if (!editable) {
    const filled = facts.filter(([, value]) => value.trim() !== '')
    return (
      <section className="plan-part" aria-labelledby={`${id}-title`}>
        <Heading level={level} id={`${id}-title`} className="plan-part__title">
          {title}
        </Heading>
        {filled.length === 0 ? (
          <p className="plan-empty">{t('plan.notSet')}</p>
        ) : (
          <dl className="plan-facts">
            {filled.map(([term, value]) => (
              <Fact key={term} term={term}>
                {value}
              </Fact>
            ))}
          </dl>
        )}
      </section>
    )
  }
  return (
    <fieldset className="plan-part plan-group-form" aria-describedby={`${id}-hint`}>
      <legend>
        <Heading level={level} id={`${id}-title`} className="plan-part__title">
          {title}
        </Heading>
      </legend>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      {children}
    </fieldset>
  )
}

/** Step 4: huvudansvarig – organisation, function, name – the person the child wants. */
export function ResponsibleSection({
  doc,
  editable,
  level,
}: {
  doc: Y.Doc
  editable: boolean
  level: HeadingLevel
}) {
  const { t } = useTranslation()
  const responsible = toResponsible(usePlanMap(planParts(doc).responsible))
  const form = 'plan-responsible'
  return (
    <FieldGroup
      id={form}
      title={t('plan.responsible.title')}
      hint={t('plan.responsible.hint')}
      editable={editable}
      level={level}
      facts={RESPONSIBLE_FIELDS.map((field) => [t(`plan.responsible.${field}`), responsible[field]])}
    >
      <div className="field-row">
        {RESPONSIBLE_FIELDS.map((field) => (
          <TextField
            key={field}
            id={fieldId(form, field)}
            label={t(`plan.responsible.${field}`)}
            required
            value={responsible[field]}
            onChange={(value) => setResponsible(doc, field, value)}
          />
        ))}
      </div>
    </FieldGroup>
  )
}

/** Step 5: the follow-up meeting, booked on the spot – date, time, place, who calls it. */
export function FollowUpSection({
  doc,
  editable,
  level,
}: {
  doc: Y.Doc
  editable: boolean
  level: HeadingLevel
}) {
  const { t } = useTranslation()
  const followUp = toFollowUp(usePlanMap(planParts(doc).followUp))
  const form = 'plan-follow-up'
  const shown: Record<(typeof FOLLOW_UP_FIELDS)[number], string> = {
    ...followUp,
    date: followUp.date ? formatDay(followUp.date, { weekday: true }) : '',
  }
  return (
    <FieldGroup
      id={form}
      title={t('plan.followUp.title')}
      hint={t('plan.followUp.hint')}
      editable={editable}
      level={level}
      facts={FOLLOW_UP_FIELDS.map((field) => [t(`plan.followUp.${field}`), shown[field]])}
    >
      <div className="field-row">
        <TextField
          id={fieldId(form, 'date')}
          type="date"
          label={t('plan.followUp.date')}
          required
          value={followUp.date}
          onChange={(value) => setFollowUp(doc, 'date', value)}
        />
        <TextField
          id={fieldId(form, 'time')}
          type="time"
          label={t('plan.followUp.time')}
          required
          value={followUp.time}
          onChange={(value) => setFollowUp(doc, 'time', value)}
        />
      </div>
      <div className="field-row">
        <TextField
          id={fieldId(form, 'place')}
          label={t('plan.followUp.place')}
          required
          value={followUp.place}
          onChange={(value) => setFollowUp(doc, 'place', value)}
        />
        <TextField
          id={fieldId(form, 'calledBy')}
          label={t('plan.followUp.calledBy')}
          required
          value={followUp.calledBy}
          onChange={(value) => setFollowUp(doc, 'calledBy', value)}
        />
      </div>
    </FieldGroup>
  )
}
