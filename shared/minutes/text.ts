import type { Language } from '../languages'
import { TERMS } from '../terms'

/**
 * The minutes' texts, Swedish first and English second. The minutes are built on the server
 * (shared/minutes/document.ts) and shown both as the print view and as the PDF, so their wording
 * lives here rather than in the client's catalogue. (In Swedish they are the "protokoll".)
 */
const sv = {
  title: 'Samordnad individuell plan (SIP) – protokoll',
  about: {
    heading: 'Om mötet',
    ...TERMS.sv.setup,
    types: { first: 'Första möte', followup: 'Uppföljningsmöte' } as Record<string, string>,
  },
  version: {
    heading: 'Version',
    number: 'Version',
    code: 'Versionskod',
    hash: 'Kontrollsumma (SHA-256)',
    lockedAt: 'Låst för underskrift',
    finalizedAt: 'Slutförd',
    locked: 'Planen är låst för underskrift men inte slutförd. Fler kan skriva under.',
    finalized: 'Planen är slutförd och kan inte ändras.',
  },
  attendance: {
    heading: 'Närvaro',
    columns: ['Namn', 'Roll', 'Verksamhet', 'Funktion', 'Närvaro'],
    status: TERMS.sv.attendance as Record<string, string>,
    notMarked: 'Inte markerad',
    none: 'Ingen var inbjuden.',
  },
  roles: TERMS.sv.roles as Record<string, string>,
  organisations: TERMS.sv.organisations as Record<string, string>,
  text: TERMS.sv.textParts as Record<string, string>,
  empty: 'Inget skrevs här.',
  notSet: 'Inte ifyllt',
  goals: {
    heading: 'Mål',
    long: 'Mål på lång sikt',
    short: 'Mål på kort sikt',
    item: 'Mål {{number}}',
    what: 'Målet',
    measure: 'Så ser vi att det går framåt',
    byWhen: 'Till när',
    agreed: 'Överens med barnet och vårdnadshavarna',
    yes: 'Ja',
    no: 'Nej',
    none: 'Inga mål.',
  },
  supports: {
    heading: 'Insatser',
    item: 'Insats {{number}}',
    parties: { agency: 'En verksamhets insats', family: 'Familjens egen del' } as Record<string, string>,
    party: 'Vems del',
    what: 'Vad',
    organisation: 'Verksamhet',
    responsible: 'Ansvarig',
    frequency: 'Hur ofta och när',
    where: 'Var',
    start: 'Startar',
    end: 'Slutar',
    goal: 'Hör till målet',
    none: 'Inga insatser.',
  },
  responsible: {
    heading: 'Huvudansvarig',
    organisation: 'Verksamhet',
    function: 'Funktion',
    name: 'Namn',
  },
  followUp: {
    heading: 'Uppföljningsmöte',
    date: 'Datum',
    time: 'Tid',
    place: 'Plats',
    calledBy: 'Vem kallar',
  },
  signatures: {
    heading: 'Underskrifter',
    none: 'Ingen har skrivit under ännu.',
    method: {
      'own-device': 'egen enhet',
      'in-room': 'i rummet, bevittnat av mötesledaren',
    } as Record<string, string>,
    detail: '{{who}} – {{time}} – {{method}}',
    witness: 'Bevittnat av {{name}}',
    drawn: 'Handskriven underskrift',
  },
  missing: {
    heading: 'Underskrifter som saknas',
    entry: '{{who}}: {{reason}}',
    pending: '{{who}}: har inte skrivit under ännu',
  },
  verify: {
    heading: 'Så kontrollerar du protokollet',
    text:
      'Versionskoden är de tio första tecknen i kontrollsumman (SHA-256) av planens innehåll, så som det ' +
      'låstes. Ändras ett enda tecken i planen blir koden en annan. Be den som sammankallade mötet att ' +
      'kontrollera version {{number}} (kommandot "verify" eller {{url}}). Svaret ska visa koden {{code}} ' +
      'och att den stämmer.',
  },
  footer: 'Version {{code}} – sida {{page}} av {{pages}}',
  generated: 'Skapat {{time}}',
  fileName: 'SIP-protokoll-{{code}}',
}

export type MinutesText = typeof sv

const en: MinutesText = {
  title: 'Coordinated individual plan (SIP) – record',
  about: {
    heading: 'About the meeting',
    ...TERMS.en.setup,
    types: { first: 'First meeting', followup: 'Follow-up meeting' },
  },
  version: {
    heading: 'Version',
    number: 'Version',
    code: 'Version code',
    hash: 'Checksum (SHA-256)',
    lockedAt: 'Locked for signing',
    finalizedAt: 'Finalized',
    locked: 'The plan is locked for signing but not finalized. More people can sign.',
    finalized: 'The plan is finalized and cannot be changed.',
  },
  attendance: {
    heading: 'Attendance',
    columns: ['Name', 'Role', 'Organisation', 'Function', 'Attendance'],
    status: TERMS.en.attendance,
    notMarked: 'Not marked',
    none: 'Nobody was invited.',
  },
  roles: TERMS.en.roles,
  organisations: TERMS.en.organisations,
  text: TERMS.en.textParts,
  empty: 'Nothing was written here.',
  notSet: 'Not filled in',
  goals: {
    heading: 'Goals',
    long: 'Long-term goals',
    short: 'Short-term goals',
    item: 'Goal {{number}}',
    what: 'The goal',
    measure: 'How we see progress',
    byWhen: 'By when',
    agreed: 'Agreed with the child and guardians',
    yes: 'Yes',
    no: 'No',
    none: 'No goals.',
  },
  supports: {
    heading: 'Supports',
    item: 'Support {{number}}',
    parties: { agency: 'An organisation’s support', family: 'The family’s own part' },
    party: 'Whose part',
    what: 'What',
    organisation: 'Organisation',
    responsible: 'Responsible',
    frequency: 'How often and when',
    where: 'Where',
    start: 'Starts',
    end: 'Ends',
    goal: 'Belongs to goal',
    none: 'No supports.',
  },
  responsible: {
    heading: 'Lead coordinator',
    organisation: 'Organisation',
    function: 'Function',
    name: 'Name',
  },
  followUp: {
    heading: 'Follow-up meeting',
    date: 'Date',
    time: 'Time',
    place: 'Place',
    calledBy: 'Called by',
  },
  signatures: {
    heading: 'Signatures',
    none: 'Nobody has signed yet.',
    method: { 'own-device': 'own device', 'in-room': 'in the room, witnessed by the chair' },
    detail: '{{who}} – {{time}} – {{method}}',
    witness: 'Witnessed by {{name}}',
    drawn: 'Handwritten signature',
  },
  missing: {
    heading: 'Missing signatures',
    entry: '{{who}}: {{reason}}',
    pending: '{{who}}: has not signed yet',
  },
  verify: {
    heading: 'How to check this record',
    text:
      'The version code is the first ten characters of the checksum (SHA-256) of the plan’s content as it ' +
      'was locked. Change a single character in the plan and the code changes. Ask the person who called ' +
      'the meeting to check version {{number}} (the "verify" command or {{url}}). The answer must show ' +
      'the code {{code}} and that it matches.',
  },
  footer: 'Version {{code}} – page {{page}} of {{pages}}',
  generated: 'Created {{time}}',
  fileName: 'SIP-record-{{code}}',
}

export const MINUTES_TEXT: Record<Language, MinutesText> = { sv, en }

/** Replaces `{{name}}` placeholders, like the client's i18n does. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  )
}
