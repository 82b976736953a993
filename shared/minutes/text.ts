import type { Language } from '../languages'
import { TERMS } from '../terms'

/**
 * The minutes' texts, Swedish first and English second. The minutes are built on the server
 * (shared/minutes/document.ts) and shown both as the print view and as the PDF, so their wording
 * lives here rather than in the client's catalogue. (In Swedish they are the "protokoll".)
 * The order of the sections follows the SIP forms in use: header, (at a follow-up: what changed
 * since the last meeting, P13), consent, attendance, needs, goals, supports, the family's own part,
 * huvudansvarig, follow-up, disagreements, summary, signatures.
 */
const sv = {
  title: 'Samordnad individuell plan (SIP) – protokoll',
  subtitle: 'Version {{number}}, kontrollkod {{code}}. {{status}}',
  about: {
    heading: 'Om mötet',
    child: 'Barnet',
    when: 'Datum och tid',
    place: 'Plats',
    type: 'Mötestyp',
    convener: 'Sammankallande',
    chair: 'Mötesledare',
    notetaker: 'Sekreterare',
    purpose: 'Syfte',
    questions: 'Frågeställningar',
    types: { first: 'Första möte', followup: 'Uppföljningsmöte' } as Record<string, string>,
  },
  consent: {
    heading: 'Samtycke',
    givenBy: 'Lämnat av',
    givenAt: 'Datum',
    scope: 'Omfattning',
    notShared: 'Får inte delas',
    relations: { guardian: 'vårdnadshavare', child: 'barnet', other: 'annan' } as Record<string, string>,
    giver: '{{name}} ({{relation}})',
    none: 'Inget samtycke är registrerat för mötet.',
  },
  version: {
    heading: 'Version',
    number: 'Version',
    lockedAt: 'Låst för underskrift',
    finalizedAt: 'Slutförd',
    locked: 'Planen är låst för underskrift men inte slutförd. Fler kan skriva under.',
    finalized: 'Planen är slutförd och kan inte ändras.',
  },
  attendance: {
    heading: 'Närvaro',
    columns: ['Namn', 'Roll', 'Verksamhet', 'Närvaro'],
    status: TERMS.sv.attendance as Record<string, string>,
    notMarked: 'Inte markerad',
    none: 'Ingen var inbjuden.',
  },
  roles: TERMS.sv.roles as Record<string, string>,
  organisations: TERMS.sv.organisations as Record<string, string>,
  text: TERMS.sv.textParts as Record<string, string>,
  summaryHeading: 'Sammanfattning: vem gör vad',
  empty: {
    childWords: 'Inget antecknades.',
    situation: 'Inget antecknades.',
    needs: 'Inga behov antecknades.',
    disagreements: 'Inget antecknades.',
    summary: 'Ingen sammanfattning skrevs.',
  } as Record<string, string>,
  goals: {
    heading: 'Mål',
    long: 'Mål på lång sikt',
    short: 'Mål på kort sikt',
    item: 'Mål {{number}}',
    ref: { long: 'Lång sikt {{number}}', short: 'Kort sikt {{number}}' },
    what: 'Målet',
    measure: 'Så ser vi att det går framåt',
    byWhen: 'Till när',
    agreed: 'Överens med barnet och vårdnadshavarna',
    yes: 'Ja',
    no: 'Nej',
    unset: 'Inte bestämt',
    none: 'Inga mål sattes.',
    outcome: 'Resultat vid uppföljningen',
    outcomeComment: 'Kommentar',
    outcomes: TERMS.sv.goalOutcomes as Record<string, string>,
  },
  supports: {
    heading: 'Insatser',
    columns: ['Insats', 'Vem', 'Hur ofta och var', 'Från–till', 'Mål'],
    family: 'Familjens egen del',
    familyNone: 'Ingen egen del antecknades.',
    from: 'från {{date}}',
    until: 'till {{date}}',
    none: 'Inga insatser.',
    followUp: 'Hur det har gått',
    status: 'Läge',
    effect: 'Effekt',
    statuses: TERMS.sv.supportStatuses as Record<string, string>,
  },
  changes: {
    heading: 'Förändringar sedan förra mötet',
    compared: 'Jämfört med planen från förra mötet (kontrollkod {{code}}).',
    none: 'Inga mål eller insatser har ändrats sedan förra mötet.',
    untitled: '(utan beskrivning)',
    goalAdded: 'Nytt mål: {{what}}',
    goalRemoved: 'Målet ”{{what}}” har tagits bort',
    goalOutcome: {
      achieved: 'Målet ”{{what}}” är uppnått',
      partly: 'Målet ”{{what}}” är delvis uppnått',
      'not-achieved': 'Målet ”{{what}}” är inte uppnått',
    } as Record<string, string>,
    goalOutcomeOther: 'Målet ”{{what}}”: {{value}}',
    supportAdded: 'Ny insats: {{what}}',
    supportRemoved: 'Insatsen ”{{what}}” har tagits bort',
    supportEnded: 'Insatsen ”{{what}}” är avslutad',
    supportStatus: {
      done: 'Insatsen ”{{what}}” är genomförd',
      ongoing: 'Insatsen ”{{what}}” pågår',
      'not-started': 'Insatsen ”{{what}}” har inte påbörjats',
    } as Record<string, string>,
    supportStatusOther: 'Insatsen ”{{what}}”: {{value}}',
  },
  responsible: {
    heading: 'Huvudansvarig',
    organisation: 'Verksamhet',
    function: 'Funktion',
    name: 'Namn',
    none: 'Ingen huvudansvarig utsågs.',
  },
  followUp: {
    heading: 'Uppföljning',
    date: 'Datum',
    time: 'Tid',
    place: 'Plats',
    calledBy: 'Kallar till uppföljningen',
    none: 'Ingen tid för uppföljning bestämdes.',
  },
  signatures: {
    heading: 'Underskrifter',
    none: 'Ingen har skrivit under ännu.',
    detail: '{{who}}, {{time}}',
    how: {
      'own-device': 'Signerad på egen enhet',
      'in-room': 'Signerad i rummet',
    } as Record<string, string>,
    witnessed: 'Signerad i rummet, bevittnad av {{name}}',
    drawn: 'Handskriven underskrift',
  },
  missing: {
    heading: 'Underskrifter som saknas',
    entry: '{{who}}: {{reason}}',
    pending: '{{who}}: har inte skrivit under ännu',
  },
  verify: {
    heading: 'Kontrollkod',
    text:
      'Protokollet har en kontrollkod: {{code}}. Koden räknas fram ur planens innehåll så som det låstes ' +
      'för underskrift; ändras ett enda tecken i planen blir koden en annan. Den som vill kontrollera att ' +
      'protokollet inte har ändrats kan be den som kallade till mötet{{convener}} att kontrollera koden.',
    convener: ' ({{name}})',
  },
  staff: {
    heading: 'För personal: teknisk kontroll',
    text:
      'Kontrollkoden är de tio första tecknen i kontrollsumman (SHA-256) av planens innehåll i kanonisk ' +
      'form. Kontrollera version {{number}} med kommandot eller adressen nedan (inloggad som ' +
      'sammankallande eller mötesledare). Svaret ska visa koden {{code}} och att den stämmer. ' +
      'Den här delen finns bara i personalens utskrift.',
    hash: 'Kontrollsumma (SHA-256)',
    url: 'Adress',
    command: 'Kommando',
  },
  footer: 'Kontrollkod {{code}} – sida {{page}} av {{pages}}',
  fileName: 'SIP-protokoll-{{code}}',
}

export type MinutesText = typeof sv

const en: MinutesText = {
  title: 'Coordinated individual plan (SIP) – record',
  subtitle: 'Version {{number}}, check code {{code}}. {{status}}',
  about: {
    heading: 'About the meeting',
    child: 'The child',
    when: 'Date and time',
    place: 'Place',
    type: 'Type of meeting',
    convener: 'Convener',
    chair: 'Chair',
    notetaker: 'Note-taker',
    purpose: 'Purpose',
    questions: 'Questions',
    types: { first: 'First meeting', followup: 'Follow-up meeting' },
  },
  consent: {
    heading: 'Consent',
    givenBy: 'Given by',
    givenAt: 'Date',
    scope: 'Scope',
    notShared: 'Must not be shared',
    relations: { guardian: 'guardian', child: 'the child', other: 'other' },
    giver: '{{name}} ({{relation}})',
    none: 'No consent is recorded for the meeting.',
  },
  version: {
    heading: 'Version',
    number: 'Version',
    lockedAt: 'Locked for signing',
    finalizedAt: 'Finalized',
    locked: 'The plan is locked for signing but not finalized. More people can sign.',
    finalized: 'The plan is finalized and cannot be changed.',
  },
  attendance: {
    heading: 'Attendance',
    columns: ['Name', 'Role', 'Organisation', 'Attendance'],
    status: TERMS.en.attendance,
    notMarked: 'Not marked',
    none: 'Nobody was invited.',
  },
  roles: TERMS.en.roles,
  organisations: TERMS.en.organisations,
  text: TERMS.en.textParts,
  summaryHeading: 'Summary: who does what',
  empty: {
    childWords: 'Nothing was noted.',
    situation: 'Nothing was noted.',
    needs: 'No needs were noted.',
    disagreements: 'Nothing was noted.',
    summary: 'No summary was written.',
  },
  goals: {
    heading: 'Goals',
    long: 'Long-term goals',
    short: 'Short-term goals',
    item: 'Goal {{number}}',
    ref: { long: 'Long-term {{number}}', short: 'Short-term {{number}}' },
    what: 'The goal',
    measure: 'How we see progress',
    byWhen: 'By when',
    agreed: 'Agreed with the child and guardians',
    yes: 'Yes',
    no: 'No',
    unset: 'Not decided',
    none: 'No goals were set.',
    outcome: 'Result at the follow-up',
    outcomeComment: 'Comment',
    outcomes: TERMS.en.goalOutcomes,
  },
  supports: {
    heading: 'Supports',
    columns: ['Support', 'Who', 'How often and where', 'From–to', 'Goal'],
    family: 'The family’s own part',
    familyNone: 'No part of the family’s own was noted.',
    from: 'from {{date}}',
    until: 'until {{date}}',
    none: 'No supports.',
    followUp: 'How it has gone',
    status: 'Status',
    effect: 'Effect',
    statuses: TERMS.en.supportStatuses,
  },
  changes: {
    heading: 'Changes since the last meeting',
    compared: 'Compared with the plan of the last meeting (check code {{code}}).',
    none: 'No goals or supports have changed since the last meeting.',
    untitled: '(no description)',
    goalAdded: 'New goal: {{what}}',
    goalRemoved: 'The goal “{{what}}” was removed',
    goalOutcome: {
      achieved: 'The goal “{{what}}” is achieved',
      partly: 'The goal “{{what}}” is partly achieved',
      'not-achieved': 'The goal “{{what}}” is not achieved',
    },
    goalOutcomeOther: 'The goal “{{what}}”: {{value}}',
    supportAdded: 'New support: {{what}}',
    supportRemoved: 'The support “{{what}}” was removed',
    supportEnded: 'The support “{{what}}” has ended',
    supportStatus: {
      done: 'The support “{{what}}” is done',
      ongoing: 'The support “{{what}}” is ongoing',
      'not-started': 'The support “{{what}}” has not started',
    },
    supportStatusOther: 'The support “{{what}}”: {{value}}',
  },
  responsible: {
    heading: 'Lead coordinator',
    organisation: 'Organisation',
    function: 'Function',
    name: 'Name',
    none: 'No lead coordinator was named.',
  },
  followUp: {
    heading: 'Follow-up',
    date: 'Date',
    time: 'Time',
    place: 'Place',
    calledBy: 'Calls the follow-up',
    none: 'No time for a follow-up was set.',
  },
  signatures: {
    heading: 'Signatures',
    none: 'Nobody has signed yet.',
    detail: '{{who}}, {{time}}',
    how: { 'own-device': 'Signed on their own device', 'in-room': 'Signed in the room' },
    witnessed: 'Signed in the room, witnessed by {{name}}',
    drawn: 'Handwritten signature',
  },
  missing: {
    heading: 'Missing signatures',
    entry: '{{who}}: {{reason}}',
    pending: '{{who}}: has not signed yet',
  },
  verify: {
    heading: 'Check code',
    text:
      'This record has a check code: {{code}}. The code is computed from the plan’s content as it was ' +
      'locked for signing; change a single character in the plan and the code changes. Anyone who wants ' +
      'to check that the record has not been changed can ask the person who called the meeting{{convener}} to check the code.',
    convener: ' ({{name}})',
  },
  staff: {
    heading: 'For staff: technical check',
    text:
      'The check code is the first ten characters of the checksum (SHA-256) of the plan’s content in ' +
      'canonical form. Check version {{number}} with the command or the address below (signed in as ' +
      'convener or chair). The answer must show the code {{code}} and that it matches. ' +
      'This part is only in the staff’s copy.',
    hash: 'Checksum (SHA-256)',
    url: 'Address',
    command: 'Command',
  },
  footer: 'Check code {{code}} – page {{page}} of {{pages}}',
  fileName: 'SIP-record-{{code}}',
}

export const MINUTES_TEXT: Record<Language, MinutesText> = { sv, en }

/** Replaces `{{name}}` placeholders, like the client's i18n does. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  )
}
