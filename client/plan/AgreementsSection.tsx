import { planParts, RESPONSIBLE_FIELDS } from '../../shared/plan/layout'
import { useTranslation } from '../i18n'
import { Fact } from '../ui/Fact'
import { fieldId, TextField } from '../ui/fields'
import { setFollowUp, setResponsible } from './actions'
import { formatDay } from './format'
import { Heading, type HeadingLevel } from './Heading'
import { usePlanMap } from './hooks'
import { type FollowUpField, type ResponsibleField, toFollowUp, toResponsible } from './model'
import { PlanPart, type PlanPartProps } from './PlanPart'

/**
 * A small group of required fields, each bound to one key of a plan map, under a heading: a
 * fieldset whose legend is the heading when editable, a list of facts when read-only. Used for
 * huvudansvarig (step 4) and the follow-up (step 5).
 */
function PlanMapFields<F extends string>({
  id,
  title,
  hint,
  editable,
  level,
  rows,
  label,
  type = {},
  values,
  shown = values,
  onChange,
}: {
  id: string
  title: string
  hint: string
  editable: boolean
  level: HeadingLevel
  /** The fields, a row of inputs each (rows wrap on a phone); read-only they are listed in this order. */
  rows: readonly (readonly F[])[]
  label: (field: F) => string
  type?: Partial<Record<F, 'date' | 'time'>>
  values: Record<F, string>
  /** The values as read-only readers see them (a date in words). */
  shown?: Record<F, string>
  onChange: (field: F, value: string) => void
}) {
  const { t } = useTranslation()
  if (!editable) {
    const filled = rows.flat().filter((field) => shown[field].trim() !== '')
    return (
      <PlanPart id={id} title={title} level={level}>
        {filled.length === 0 ? (
          <p className="plan-empty">{t('plan.notSet')}</p>
        ) : (
          <dl className="plan-facts">
            {filled.map((field) => (
              <Fact key={field} term={label(field)}>
                {shown[field]}
              </Fact>
            ))}
          </dl>
        )}
      </PlanPart>
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
      {rows.map((row) => (
        <div className="field-row" key={row.join()}>
          {row.map((field) => (
            <TextField
              key={field}
              id={fieldId(id, field)}
              type={type[field] ?? 'text'}
              label={label(field)}
              required
              value={values[field]}
              onChange={(value) => onChange(field, value)}
            />
          ))}
        </div>
      ))}
    </fieldset>
  )
}

/** Step 4: huvudansvarig – organisation, function, name – the person the child wants. */
export function ResponsibleSection({ doc, editable, level }: PlanPartProps) {
  const { t } = useTranslation()
  const responsible = toResponsible(usePlanMap(planParts(doc).responsible))
  return (
    <PlanMapFields<ResponsibleField>
      id="plan-responsible"
      title={t('plan.responsible.title')}
      hint={t('plan.responsible.hint')}
      editable={editable}
      level={level}
      rows={[RESPONSIBLE_FIELDS]}
      label={(field) => t(`plan.responsible.${field}`)}
      values={responsible}
      onChange={(field, value) => setResponsible(doc, field, value)}
    />
  )
}

/** Step 5: the follow-up meeting, booked on the spot – date, time, place, who calls it. */
export function FollowUpSection({ doc, editable, level }: PlanPartProps) {
  const { t } = useTranslation()
  const followUp = toFollowUp(usePlanMap(planParts(doc).followUp))
  return (
    <PlanMapFields<FollowUpField>
      id="plan-follow-up"
      title={t('plan.followUp.title')}
      hint={t('plan.followUp.hint')}
      editable={editable}
      level={level}
      rows={[
        ['date', 'time'],
        ['place', 'calledBy'],
      ]}
      label={(field) => t(`plan.followUp.${field}`)}
      type={{ date: 'date', time: 'time' }}
      values={followUp}
      shown={{ ...followUp, date: followUp.date ? formatDay(followUp.date, { weekday: true }) : '' }}
      onChange={(field, value) => setFollowUp(doc, field, value)}
    />
  )
}
