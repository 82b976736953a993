import type { Stores } from '../db/contract'
import type { MeetingRow } from '../db/meetings'
import type { ParticipantRow } from '../db/participants'
import { sipAccess } from '../sips/access'

export interface MeetingAccess {
  meeting: MeetingRow
  isConvener: boolean
  isChair: boolean
  /** Neither: they may see the meeting's SIP (its huvudansvarig, P4) and so read the meeting. */
  viaSip: boolean
}

/** A participant of a meeting who is asking – through their link's cookie or token (A1, A7). */
export interface Asker {
  meeting: MeetingRow
  participant: ParticipantRow
}

/**
 * Who may see a meeting (A11): its convener, a chair who is a staff member (a chair participant
 * linked to their account), and whoever may see its SIP (P4: the SIP's conveners and its
 * huvudansvarig) – to read it and its protocol. Nobody else – administrators included – learns
 * that it exists: the routes answer 404. Only the convener changes it; the chair reads and starts it.
 */
export async function meetingAccess(
  stores: Pick<Stores, 'meetings' | 'sips'>,
  meetingId: string,
  userId: string,
): Promise<MeetingAccess | undefined> {
  const meeting = await stores.meetings.getMeeting(meetingId)
  if (!meeting) return undefined
  const isConvener = meeting.convenerUserId === userId
  const isChair = await stores.meetings.isChair(meetingId, userId)
  if (isConvener || isChair) return { meeting, isConvener, isChair, viaSip: false }
  return (await sipAccess(stores, meeting.sipId, userId))
    ? { meeting, isConvener, isChair, viaSip: true }
    : undefined
}
