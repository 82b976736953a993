/*
 * Closed lists that a participant's page shows (the meeting's type, where a participant comes from),
 * without zod: the schemas build on them (schemas/meeting.ts), and the page reads them without
 * carrying the schemas (issue 15).
 */

export const MEETING_TYPES = ['first', 'followup'] as const

/** Where a participant comes from. `familj` for the child, guardians and other close persons. */
export const ORGANISATIONS = [
  'skola',
  'elevhalsa',
  'socialtjanst',
  'bup',
  'habilitering',
  'primarvard',
  'ungdomsmottagning',
  'familj',
  'annan',
] as const
