import { TERMS } from '../../shared/terms'

/**
 * How the server names people and meetings where it must name them itself: in presence (A3), in
 * GET /api/session and in audit rows. Screens use their own i18n catalogue for everything else.
 */

const ORGANISATION_NAMES = TERMS.sv.organisations

export interface NameableParticipant {
  name: string | null
  function: string
  organisation: string
  organisationOther: string
}

export function organisationName(organisation: string, organisationOther: string): string {
  if (organisationOther !== '') return organisationOther
  return ORGANISATION_NAMES[organisation as keyof typeof ORGANISATION_NAMES] ?? organisation
}

/** The name if known, else the function and organisation ("psykolog, BUP"). */
export function participantDisplayName(p: NameableParticipant): string {
  if (p.name) return p.name
  return `${p.function}, ${organisationName(p.organisation, p.organisationOther)}`
}

/** The stored title of a meeting created through the API. */
export function meetingTitle(childName: string): string {
  return `SIP-möte för ${childName}`
}
