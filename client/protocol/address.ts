import { SyncParams } from '../../shared/protocol'
import { ID_SEGMENT } from '../router/router'

/** `/m/<meetingId>/protokoll?as=<participantId>`: the print view of the meeting's protocol. */
export const PROTOCOL_PAGE_PATH = new RegExp(`^/m/${ID_SEGMENT}/protokoll/?$`)

export function protocolPagePath(meetingId: string, participantId: string): string {
  const query = new URLSearchParams({ [SyncParams.participant]: participantId })
  return `/m/${encodeURIComponent(meetingId)}/protokoll?${query}`
}
