import type { z } from 'zod'
import { DEFAULT_LANGUAGE, type Language } from './languages'

/**
 * Turns zod issues into what a person reads: which field, and a sentence in Swedish (default) or
 * English. The server puts the first one in a 400 body; the forms show them beside the fields.
 * Schemas use plain zod checks; custom checks set `message` to one of the keys below.
 *
 * Parse with `{ reportInput: true }`: zod leaves the input out of its issues otherwise, and then a
 * wrong value ("abc" for a number) cannot be told from a missing one and reads "must be filled in".
 */

export const MESSAGE_KEYS = [
  'required',
  'tooShort',
  'tooLong',
  'tooSmall',
  'tooLarge',
  'invalidChoice',
  'invalidFormat',
  'invalidEmail',
  'invalidDate',
  'invalidDateTime',
  'notANumber',
  'noIdentityNumber',
  'placeOrRemote',
  'inPast',
  'httpsUrl',
  'inFuture',
  'unknownAccount',
  'unknownField',
  'toBeforeFrom',
  'periodTooLong',
  'invalid',
] as const
export type MessageKey = (typeof MESSAGE_KEYS)[number]

const MESSAGES: Record<Language, Record<MessageKey, string>> = {
  sv: {
    required: '{{label}} måste fyllas i.',
    tooShort: '{{label}} är för kort (minst {{limit}} tecken).',
    tooLong: '{{label}} är för lång (högst {{limit}} tecken).',
    tooSmall: '{{label}} är för litet (minst {{limit}}).',
    tooLarge: '{{label}} är för stort (högst {{limit}}).',
    invalidChoice: '{{label}} har ett värde som inte finns i listan.',
    invalidFormat: '{{label}} har fel format.',
    invalidEmail: '{{label}} är inte en giltig e-postadress.',
    invalidDate: '{{label}} måste vara ett datum (ÅÅÅÅ-MM-DD).',
    invalidDateTime: '{{label}} måste vara datum och tid.',
    notANumber: '{{label}} måste vara ett tal.',
    noIdentityNumber: '{{label}}: skriv bara förnamn eller initialer, inget personnummer.',
    placeOrRemote: 'Ange en plats eller välj att mötet kan hållas digitalt.',
    inPast: 'Mötet kan inte vara i det förflutna. Välj en dag och tid som inte har passerat.',
    httpsUrl: '{{label}} måste vara en fullständig adress som börjar med https://.',
    inFuture: '{{label}} kan inte vara ett datum som inte har kommit än.',
    unknownAccount: 'Det finns inget konto i SIP Live med den e-postadressen.',
    unknownField: '{{label}} går inte att ändra här.',
    toBeforeFrom: 'Slutdatumet kan inte vara före startdatumet.',
    periodTooLong: 'Perioden får vara högst tre år.',
    invalid: '{{label}} är inte giltigt.',
  },
  en: {
    required: '{{label}} is required.',
    tooShort: '{{label}} is too short (at least {{limit}} characters).',
    tooLong: '{{label}} is too long (at most {{limit}} characters).',
    tooSmall: '{{label}} is too small (at least {{limit}}).',
    tooLarge: '{{label}} is too large (at most {{limit}}).',
    invalidChoice: '{{label}} has a value that is not in the list.',
    invalidFormat: '{{label}} has the wrong format.',
    invalidEmail: '{{label}} is not a valid e-mail address.',
    invalidDate: '{{label}} must be a date (YYYY-MM-DD).',
    invalidDateTime: '{{label}} must be a date and time.',
    notANumber: '{{label}} must be a number.',
    noIdentityNumber: '{{label}}: first name or initials only, no personal identity number.',
    placeOrRemote: 'Give a place or choose that the meeting can be held remotely.',
    inPast: 'The meeting cannot be in the past. Choose a day and time that have not passed.',
    httpsUrl: '{{label}} must be a full address starting with https://.',
    inFuture: '{{label}} cannot be a date that has not come yet.',
    unknownAccount: 'There is no SIP Live account with that e-mail address.',
    unknownField: '{{label}} cannot be changed here.',
    toBeforeFrom: 'The end date cannot be before the start date.',
    periodTooLong: 'The period can be at most three years.',
    invalid: '{{label}} is not valid.',
  },
}

/** Field labels, by the last segment of the issue path. */
const LABELS: Record<Language, Record<string, string>> = {
  sv: {
    type: 'Mötestyp',
    startsAt: 'Datum och tid',
    durationMinutes: 'Mötets längd',
    place: 'Plats',
    remoteAllowed: 'Digitalt deltagande',
    videoUrl: 'Länk till videomötet',
    childName: 'Barnets förnamn eller initialer',
    childAge: 'Ålder eller årskurs',
    purpose: 'Syfte',
    questions: 'Frågeställningar',
    childWords: 'Vad är viktigt för dig?',
    childParticipation: 'Hur barnet deltar',
    childParticipationNote: 'Hur barnets röst kommer fram',
    givenBy: 'Vem som gav samtycke',
    name: 'Namn',
    relation: 'Relation',
    givenAt: 'Datum för samtycke',
    scope: 'Vad samtycket gäller',
    notShared: 'Det som inte får delas',
    role: 'Roll',
    organisation: 'Verksamhet',
    organisationOther: 'Verksamhet (fritext)',
    function: 'Funktion',
    email: 'E-postadress',
    password: 'Lösenord',
    isAdmin: 'Administratör',
    answer: 'Svar',
    token: 'Länk',
    fromDate: 'Från och med',
    reason: 'Skäl',
    closedOn: 'Datum för avslut',
    note: 'Kommentar',
    withdrawnBy: 'Vem som återkallade samtycket',
    category: 'Kategori',
    description: 'Beskrivning',
    occurredOn: 'Datum',
    meetingId: 'Möte',
    participants: 'Deltagare',
    sv: 'Text på svenska',
    en: 'Text på engelska',
    from: 'Från och med',
    to: 'Till och med',
    principal: 'Huvudman',
    municipality: 'Kommun',
    publication: 'För publicering',
    table: 'Tabell',
    lang: 'Språk',
  },
  en: {
    type: 'Meeting type',
    startsAt: 'Date and time',
    durationMinutes: 'Meeting length',
    place: 'Place',
    remoteAllowed: 'Remote participation',
    videoUrl: 'Link to the video meeting',
    childName: "Child's first name or initials",
    childAge: 'Age or school year',
    purpose: 'Purpose',
    questions: 'Questions',
    childWords: 'What matters to you?',
    childParticipation: 'How the child takes part',
    childParticipationNote: "How the child's views are heard",
    givenBy: 'Who gave consent',
    name: 'Name',
    relation: 'Relation',
    givenAt: 'Date of consent',
    scope: 'What the consent covers',
    notShared: 'What must not be shared',
    role: 'Role',
    organisation: 'Organisation',
    organisationOther: 'Organisation (free text)',
    function: 'Function',
    email: 'E-mail address',
    password: 'Password',
    isAdmin: 'Administrator',
    answer: 'Answer',
    token: 'Link',
    fromDate: 'From',
    reason: 'Reason',
    closedOn: 'Date of closure',
    note: 'Comment',
    withdrawnBy: 'Who withdrew the consent',
    category: 'Category',
    description: 'Description',
    occurredOn: 'Date',
    meetingId: 'Meeting',
    participants: 'Participants',
    sv: 'Text in Swedish',
    en: 'Text in English',
    from: 'From',
    to: 'To',
    principal: 'Principal',
    municipality: 'Municipality',
    publication: 'For publication',
    table: 'Table',
    lang: 'Language',
  },
}

export interface FieldError {
  /** Dotted path of the field, e.g. `startsAt` or `givenBy.0.name`. */
  field: string
  code: MessageKey
  message: string
}

function isMessageKey(value: string): value is MessageKey {
  return (MESSAGE_KEYS as readonly string[]).includes(value)
}

function keyOf(issue: z.core.$ZodIssue): { key: MessageKey; limit?: number | bigint } {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return { key: 'required' }
      return { key: issue.expected === 'number' ? 'notANumber' : 'invalid' }
    case 'too_small':
      if (issue.origin === 'string')
        return issue.minimum === 1 ? { key: 'required' } : { key: 'tooShort', limit: issue.minimum }
      if (issue.origin === 'array') return { key: 'required' }
      return { key: 'tooSmall', limit: issue.minimum }
    case 'too_big':
      return issue.origin === 'string'
        ? { key: 'tooLong', limit: issue.maximum }
        : { key: 'tooLarge', limit: issue.maximum }
    case 'invalid_value':
      // A missing enum value is reported as an invalid one; with reportInput we can tell them apart.
      if ('input' in issue && (issue.input === undefined || issue.input === null)) return { key: 'required' }
      return { key: 'invalidChoice' }
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'invalidEmail' }
      if (issue.format === 'date') return { key: 'invalidDate' }
      if (issue.format === 'datetime') return { key: 'invalidDateTime' }
      return { key: 'invalidFormat' }
    case 'unrecognized_keys':
      return { key: 'unknownField' }
    case 'custom':
      return { key: isMessageKey(issue.message) ? issue.message : 'invalid' }
    default:
      return { key: 'invalid' }
  }
}

export function fieldLabel(field: string, language: Language = DEFAULT_LANGUAGE): string {
  const segments = field.split('.').filter((s) => !/^\d+$/.test(s))
  const last = segments[segments.length - 1] ?? field
  return LABELS[language][last] ?? last
}

export function describeIssue(issue: z.core.$ZodIssue, language: Language = DEFAULT_LANGUAGE): FieldError {
  const field = issue.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : issue.path.map(String).join('.')
  const { key, limit } = keyOf(issue)
  const message = MESSAGES[language][key]
    .replace('{{label}}', fieldLabel(field, language))
    .replace('{{limit}}', limit === undefined ? '' : String(limit))
  return { field, code: key, message }
}

export function describeIssues(error: z.ZodError, language: Language = DEFAULT_LANGUAGE): FieldError[] {
  return error.issues.map((issue) => describeIssue(issue, language))
}
