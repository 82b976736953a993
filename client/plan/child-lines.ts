import { ORGANISATIONS } from '../../shared/values'
import type { TFunction } from '../i18n'
import type { Goal, Support } from './model'

/** "Elsa ska gå i skolan." → "Elsa ska gå i skolan": the sentence around it adds its own stop. */
export function clause(text: string): string {
  return text.trim().replace(/[.!\s]+$/u, '')
}

/** A support as the child reads it: what helps, who helps, and when. */
export interface HelpLine {
  id: string
  what: string
  who: string
  when: string
  /** At a follow-up, how a support carried over went, in plain words ("Slut nu"); '' otherwise. */
  status: string
}

/**
 * "Det här ska hjälpa dig": who helps is the person's name; without one, the organisation in words
 * ("BUP", never the code "bup"); without either, "a grown-up from the meeting". What the family does
 * itself says so.
 */
export function helpLine(t: TFunction, support: Support): HelpLine {
  const what = clause(support.what)
  const when = clause(support.frequency)
  const name = support.responsible.trim()
  const organisation = support.organisation.trim()
  const code = ORGANISATIONS.find((known) => known === organisation)
  const place = code ? t(`organisations.${code}`) : organisation
  const who =
    support.party === 'family'
      ? t('child.help.family')
      : t('child.help.who', { who: name || place || t('child.help.someone') })
  const status = support.carried?.status ? t(`followup.child.statuses.${support.carried.status}`) : ''
  return { id: support.id, what, who, when: when ? t('child.help.when', { when }) : '', status }
}

/** At a follow-up, how a goal carried over went, in plain words ("Delvis klart"); '' otherwise. */
export function goalMark(t: TFunction, goal: Goal): string {
  return goal.carried?.outcome ? t(`followup.child.outcomes.${goal.carried.outcome}`) : ''
}

/** What "Läs upp" says for a support: "Läxhjälp. Vem hjälper dig: Anna. När: varje vecka. Pågår." */
export function helpSpeech(line: HelpLine): string {
  return [line.what, line.who, line.when, line.status]
    .filter(Boolean)
    .map((part) => `${clause(part)}.`)
    .join(' ')
}
