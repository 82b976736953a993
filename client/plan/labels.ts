import { circleTexts, type MeetingType, type StepTexts } from '../../shared/circle'
import type { Step } from '../../shared/plan/layout'
import { ORGANISATIONS } from '../../shared/values'
import { currentLanguage, type TFunction } from '../i18n'
import type { Person } from './model'

/** The roster holds an organisation code ("bup") or the convener's free text ("BUP Nord"). */
export function organisationLabel(t: TFunction, value: string): string {
  const code = ORGANISATIONS.find((organisation) => organisation === value)
  return code ? t(`organisations.${code}`) : value
}

/**
 * What to say after a person's name: "kurator, Elevhälsa". Nothing when the name already is the
 * function and organisation (someone invited before their name was known: "psykolog, BUP").
 */
export function personDetails(t: TFunction, person: Person): string {
  const organisation = organisationLabel(t, person.organisation)
  const details = [person.function, organisation].filter((part) => part !== '').join(', ')
  if (person.function !== '' && person.name.toLowerCase().startsWith(person.function.toLowerCase())) return ''
  return details
}

/** The circle's texts for a step, in the screen's language; a follow-up's own where it has them (P8). */
export function stepTexts(step: Step, type: MeetingType = 'first'): StepTexts {
  return circleTexts(currentLanguage(), step, type)
}
