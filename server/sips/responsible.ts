import { stockholmDay } from '../../shared/dates'
import { ORGANISATIONS, type Organisation } from '../../shared/schemas/meeting'
import type { Stores } from '../db/contract'
import type { MeetingRow } from '../db/meetings'

const text = (map: unknown, field: string): string => {
  const value = map !== null && typeof map === 'object' ? (map as Record<string, unknown>)[field] : undefined
  return typeof value === 'string' ? value.trim() : ''
}

/**
 * P3: when a finalized plan names a huvudansvarig other than the SIP's current one, they become
 * the current one from the meeting's date. The plan's organisation is free text or a key; a key
 * is kept as it is, anything else goes under `annan`. Their account is linked when they are a
 * participant of the meeting with one (the convener's or a chair's seat) under the same name.
 * Call inside the finalizing transaction. Answers whether a row was added.
 */
export async function recordSignedResponsible(
  stores: Pick<Stores, 'sips' | 'participants'>,
  meeting: MeetingRow,
  canonicalJson: string,
  now = Date.now(),
): Promise<boolean> {
  const plan = JSON.parse(canonicalJson) as Record<string, unknown>
  const named = {
    organisation: text(plan.responsible, 'organisation'),
    function: text(plan.responsible, 'function'),
    name: text(plan.responsible, 'name'),
  }
  if (named.name === '' && named.function === '') return false
  const isKey = (ORGANISATIONS as readonly string[]).includes(named.organisation)
  const organisation = (isKey ? named.organisation : 'annan') as Organisation
  const organisationOther = isKey ? '' : named.organisation
  const current = (await stores.sips.responsibleHistory(meeting.sipId))[0]
  if (
    current &&
    current.name === named.name &&
    current.function === named.function &&
    current.organisation === organisation &&
    current.organisationOther === organisationOther
  )
    return false
  const seat = (await stores.participants.ofMeeting(meeting.id)).find(
    (p) => p.staffUserId !== null && p.name === named.name,
  )
  await stores.sips.addResponsible(
    meeting.sipId,
    {
      organisation,
      organisationOther,
      function: named.function,
      name: named.name,
      // The same person as before keeps their account link.
      userId: seat?.staffUserId ?? (current?.name === named.name ? current.userId : null),
      fromDate: stockholmDay(meeting.startsAt),
      meetingId: meeting.id,
    },
    { userId: null, name: 'SIP Live' },
    now,
  )
  return true
}
