import type { MeetingRow } from '../db/meetings'
import type { ParticipantRow } from '../db/participants'
import type { Stores } from '../db/stores'

export interface MeetingAccess {
  meeting: MeetingRow
  isConvener: boolean
  isChair: boolean
}

/** A participant of a meeting who is asking – through their link's cookie or token (A1, A7). */
export interface Asker {
  meeting: MeetingRow
  participant: ParticipantRow
}

/**
 * Who may see a meeting (A11): its convener, and a chair who is a staff member (a chair
 * participant linked to their account). Nobody else – administrators included – learns that it
 * exists: the routes answer 404. Only the convener changes it; the chair reads and starts it.
 */
export function meetingAccess(
  stores: Pick<Stores, 'meetings'>,
  meetingId: string,
  userId: string,
): MeetingAccess | undefined {
  const meeting = stores.meetings.getMeeting(meetingId)
  if (!meeting) return undefined
  const isConvener = meeting.convenerUserId === userId
  const isChair = stores.meetings.isChair(meetingId, userId)
  return isConvener || isChair ? { meeting, isConvener, isChair } : undefined
}
