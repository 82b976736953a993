import { CloseCodes } from '../../shared/protocol'
import type { MeetingState } from '../../shared/schemas/signoff'
import { encodeMeetingState } from '../sync/frames'
import type { SyncService } from '../sync/sync-service'
import type { PlanDocuments } from './document-port'

/**
 * What the other server processes must hear of the services' acts on a plan (issue 16; the
 * cluster, server/cluster/cluster.ts, sends it on). Each is done here first, then told.
 */
export interface OtherProcesses {
  frozen(meetingId: string, frozen: boolean): void
  meetingState(meetingId: string, state: MeetingState): void
  disconnect(tokenIds: readonly number[], why: DisconnectWhy): void
}

export type DisconnectWhy = Parameters<PlanDocuments['disconnect']>[1]

/** The sync core as the services see it (PlanDocuments): the only place they meet. */
export function syncPlanDocuments(
  sync: SyncService,
  elsewhere?: () => OtherProcesses | undefined,
): PlanDocuments {
  return {
    freeze: async (meetingId, lastChange) => {
      const { doc } = await sync.freeze(meetingId, lastChange)
      // The others refuse their writers' edits from now on; the database refuses their stores
      // once the lock's transaction has sealed the head (seal).
      elsewhere?.()?.frozen(meetingId, true)
      return doc
    },
    seal: async (meetingId) => (await sync.seal(meetingId)).doc,
    thaw: (meetingId) => {
      sync.thaw(meetingId)
      elsewhere?.()?.frozen(meetingId, false)
    },
    pushState: (meetingId, state) => {
      sendMeetingState(sync, meetingId, state)
      elsewhere?.()?.meetingState(meetingId, state)
    },
    change: (meetingId, fn) => sync.changeDocument(meetingId, fn),
    disconnect: (tokenIds, why) => {
      disconnectHere(sync, tokenIds, why)
      elsewhere?.()?.disconnect(tokenIds, why)
    },
  }
}

/** G8: the meeting state to every connection of the meeting on this process. */
export function sendMeetingState(sync: SyncService, meetingId: string, state: MeetingState): void {
  sync.sendToRoom(meetingId, encodeMeetingState(JSON.stringify(state)))
}

/** A5, A6: closes this process's sockets of these links. */
export function disconnectHere(sync: SyncService, tokenIds: readonly number[], why: DisconnectWhy): void {
  const code =
    why === 'revoked'
      ? CloseCodes.unauthorized
      : why === 'sip-closed'
        ? CloseCodes.sipClosed
        : CloseCodes.goingAway
  for (const tokenId of tokenIds) sync.closeToken(tokenId, code)
}
