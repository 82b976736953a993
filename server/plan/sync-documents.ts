import { CloseCodes } from '../../shared/protocol'
import { encodeMeetingState } from '../sync/frames'
import type { SyncService } from '../sync/sync-service'
import type { PlanDocuments } from './document-port'

/** The sync core as the services see it (PlanDocuments): the only place they meet. */
export function syncPlanDocuments(sync: SyncService): PlanDocuments {
  return {
    freeze: async (meetingId, lastChange) => (await sync.freeze(meetingId, lastChange)).doc,
    thaw: (meetingId) => sync.thaw(meetingId),
    pushState: (meetingId, state) => {
      sync.sendToRoom(meetingId, encodeMeetingState(JSON.stringify(state)))
    },
    change: (meetingId, fn) => sync.changeDocument(meetingId, fn),
    disconnect: (tokenIds, why) => {
      const code =
        why === 'revoked'
          ? CloseCodes.unauthorized
          : why === 'sip-closed'
            ? CloseCodes.sipClosed
            : CloseCodes.goingAway
      for (const tokenId of tokenIds) sync.closeToken(tokenId, code)
    },
  }
}
