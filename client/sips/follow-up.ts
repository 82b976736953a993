import { meetingInputAt, type ParticipantInput } from '../../shared/schemas/meeting'
import { type FollowUpDraft, FollowUpInputSchema } from '../../shared/schemas/sip'
import { type SetupDraft, setupDraftFrom, setupFieldOf, setupInputFrom } from '../convener/MeetingForm'
import type { FieldErrors } from '../ui/fields'

/**
 * The booking form of a follow-up (P5) as data: the values it starts from (the server's draft:
 * the last plan's follow-up and the last meeting's participants), the body it sends, and where an
 * error of that body (`setup.startsAt`, `participants.2.function`) is shown.
 */

/** One person the follow-up may call: from the last meeting, or added in this form. */
export interface ParticipantRow {
  /** Stable React key and element id part. */
  key: string
  /** Called to the follow-up (checked); unchecked leaves them out. */
  include: boolean
  /** Added in this form, not in the last meeting. */
  isNew: boolean
  participant: ParticipantInput
}

export interface FollowUpValues {
  setup: SetupDraft
  rows: ParticipantRow[]
}

/** The form's values from the draft: its set-up as a follow-up, everyone of the last meeting checked. */
export function followUpValuesFrom(draft: FollowUpDraft): FollowUpValues {
  return {
    setup: { ...setupDraftFrom(draft.setup), type: 'followup' },
    rows: draft.participants.map(({ previousParticipantId, ...participant }) => ({
      key: `previous-${previousParticipantId}`,
      include: true,
      isNew: false,
      participant,
    })),
  }
}

/** The rows that are sent, in order: the index of each is its index in the body's `participants`. */
export function includedRows(rows: readonly ParticipantRow[]): ParticipantRow[] {
  return rows.filter((row) => row.include)
}

/** The body of POST /api/sips/:id/follow-ups (before the shared schema checks it). */
export function followUpInputFrom(values: FollowUpValues): {
  setup: unknown
  participants: ParticipantInput[]
} {
  return {
    // Always a follow-up: the type is not the form's to choose.
    setup: setupInputFrom({ ...values.setup, type: 'followup' }),
    participants: includedRows(values.rows).map((row) => row.participant),
  }
}

/** The schema the form checks before sending: the server's, with a start in the past refused too. */
export function followUpSchemaAt(now: number) {
  return FollowUpInputSchema.extend({ setup: meetingInputAt(now) })
}

/**
 * The set-up field an error's path names, or null for a participant's: `setup.startsAt` from the
 * body's schema, or `startsAt` alone (the server checks the start against the clock on the set-up
 * by itself, so that error comes without the prefix).
 */
export function setupFieldName(field: string): string | null {
  if (field.startsWith('setup.')) return field.slice('setup.'.length)
  if (field === 'participants' || field.startsWith('participants.')) return null
  return field
}

/** The set-up's errors by its own field names (`setup.startsAt` → `startsAt`), for its fields. */
export function setupErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {}
  for (const [field, message] of Object.entries(errors)) {
    const name = setupFieldName(field)
    if (name !== null) out[name] ??= message
  }
  return out
}

/**
 * The element id an error leads to: a set-up field, or the checkbox of the participant the body's
 * index names (the list of included rows, as sent), or the participants' group.
 */
export function followUpTargetOf(
  fieldId: (field: string) => string,
  rows: readonly ParticipantRow[],
): (field: string) => string {
  return (field) => {
    const name = setupFieldName(field)
    if (name !== null) return fieldId(setupFieldOf(name))
    const index = /^participants\.(\d+)/.exec(field)?.[1]
    const row = index === undefined ? undefined : includedRows(rows)[Number(index)]
    return row ? fieldId(`row-${row.key}`) : fieldId('participants')
  }
}
