import type { Participant } from '../../shared/schemas/meeting'
import type { TFunction } from '../i18n'

/** The organisation as people say it: "BUP", or the free text for "Annan" ("BUP Nord" refines BUP). */
export function organisationName(
  t: TFunction,
  participant: Pick<Participant, 'organisation' | 'organisationOther'>,
): string {
  if (participant.organisation === 'annan') return participant.organisationOther || t('organisations.annan')
  const base = t(`organisations.${participant.organisation}`)
  return participant.organisationOther ? `${base} (${participant.organisationOther})` : base
}

/** "Amir Haddad, kurator, Elevhälsa" or, with no name yet, "psykolog, BUP". */
export function participantLabel(t: TFunction, participant: Participant): string {
  const what = `${participant.function}, ${organisationName(t, participant)}`
  return participant.name ? `${participant.name}, ${what}` : what
}
