import type * as Y from 'yjs'
import { ATTENDANCE, type Attendance, planParts } from '../../shared/plan/layout'
import { useTranslation } from '../i18n'
import { setAttendance } from './actions'
import { useParticipants, usePlanMap } from './hooks'
import { personDetails } from './labels'
import { type Person, toAttendance } from './model'
import { PlanPart, type PlanPartProps } from './PlanPart'

/** Step 1: every invited participant and whether they came (närvarande, digitalt, förhinder, uteblev). */
export function AttendanceSection({ doc, editable, level }: PlanPartProps) {
  const { t } = useTranslation()
  const people = useParticipants(doc)
  const attendance = usePlanMap(planParts(doc).attendance)

  return (
    <PlanPart id="plan-attendance" title={t('plan.attendance.title')} level={level}>
      {people.length === 0 ? <p className="plan-empty">{t('plan.attendance.none')}</p> : null}
      {editable && people.length > 0 ? (
        <>
          <p className="field__hint" id="plan-attendance-hint">
            {t('plan.attendance.hint')}
          </p>
          <ul className="plan-attendance">
            {people.map((person) => (
              <li key={person.id}>
                <AttendanceChoice doc={doc} person={person} status={toAttendance(attendance[person.id])} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!editable && people.length > 0 ? (
        <ul className="plan-attendance plan-attendance--read">
          {people.map((person) => {
            const status = toAttendance(attendance[person.id])
            return (
              <li key={person.id}>
                <PersonName person={person} />
                <span className="visually-hidden">: </span>
                <span className={`plan-attendance__status${status ? '' : ' plan-attendance__status--none'}`}>
                  {status ? t(`plan.attendance.status.${status}`) : t('plan.attendance.notMarked')}
                </span>
              </li>
            )
          })}
        </ul>
      ) : null}
    </PlanPart>
  )
}

function PersonName({ person }: { person: Person }) {
  const { t } = useTranslation()
  const details = personDetails(t, person)
  return (
    <span className="plan-person">
      <span className="plan-person__name">{person.name}</span>
      {details ? <span className="plan-person__details">{details}</span> : null}
    </span>
  )
}

const UNMARKED = 'unmarked'

/** One person's four choices (and "not marked", to undo a mistake), named by the person. */
function AttendanceChoice({
  doc,
  person,
  status,
}: {
  doc: Y.Doc
  person: Person
  status: Attendance | null
}) {
  const { t } = useTranslation()
  const id = `plan-attendance-${person.id}`
  const options: { value: Attendance | typeof UNMARKED; label: string }[] = [
    ...ATTENDANCE.map((value) => ({ value, label: t(`plan.attendance.status.${value}`) })),
    { value: UNMARKED, label: t('plan.attendance.notMarked') },
  ]
  return (
    <fieldset className="plan-attendance__choice" aria-describedby="plan-attendance-hint">
      <legend>
        <PersonName person={person} />
      </legend>
      <div className="plan-radios">
        {options.map((option) => (
          <div className="field__radio" key={option.value}>
            <input
              id={`${id}-${option.value}`}
              type="radio"
              name={id}
              value={option.value}
              checked={(status ?? UNMARKED) === option.value}
              onChange={() => setAttendance(doc, person.id, option.value === UNMARKED ? null : option.value)}
            />
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  )
}
