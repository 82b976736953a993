import type * as Y from 'yjs'
import type { MeetingState } from '../../shared/schemas/signoff'

/**
 * The origin of changes another server process stored (issue 16): applied to a document or its
 * presence here, never stored or passed on to the other processes again, and never taken for a
 * writer's change (G14's guard lets them be).
 */
export const ANOTHER_PROCESS = 'another-process'

/** freeze() on a plan that is frozen already: another lock came first (G1). */
export class PlanFrozenError extends Error {
  constructor() {
    super('the plan is frozen already')
  }
}

/**
 * The one way the services (server/meetings/service.ts, server/signoff/service.ts) reach a
 * meeting's live plan and the people connected to it. The sync core implements it
 * (server/plan/sync-documents.ts adapts SyncService); the services' unit tests use a Y.Doc per
 * meeting. Nothing else of the sync core is visible to a service or a route.
 */
export interface PlanDocuments {
  /**
   * G1: `lastChange` (the roster, G14) is made and, in the same step, the plan frozen: from then on
   * no update is applied, from anyone, the server included; what was applied is stored. Answers the
   * document, which is then exactly what is stored. Rejects – and the plan stays open – if the
   * pending updates could not be stored or the plan is frozen already.
   */
  freeze(meetingId: string, lastChange?: (doc: Y.Doc) => void): Promise<Y.Doc>
  /**
   * G1, G2 across processes; called inside the lock's transaction, after freeze(): the database
   * refuses every later update of the meeting, from any process, and what other processes stored
   * before is brought into the document. Answers the document the version is to be taken from.
   */
  seal(meetingId: string): Promise<Y.Doc>
  /** G6: the plan takes updates again, on every process. */
  thaw(meetingId: string): void
  /** G8: every connection of the meeting is sent the new sign-off state (the meetingState frame). */
  pushState(meetingId: string, state: MeetingState): void
  /**
   * A change the server makes to the plan (the roster): stored and broadcast like a writer's
   * update. False, and nothing changed, while the plan is frozen (G1); rejects if it cannot be loaded.
   */
  change(meetingId: string, fn: (doc: Y.Doc) => void): Promise<boolean>
  /**
   * Closes every socket opened with these links, or with a cookie exchanged for them: `revoked`
   * (4401, A5) or `reconnect` (1001: the client comes back, e.g. with a changed role, A6).
   */
  disconnect(tokenIds: readonly number[], why: 'revoked' | 'reconnect' | 'sip-closed'): void
}

/**
 * For a process without a sync core – the CLI. No plan is live here, so there is nothing to tell and
 * nobody to disconnect (the server's sweep closes the sockets of a link revoked elsewhere, A8); a
 * plan the server may hold in memory is never changed, frozen or thawed from outside it.
 */
export const NO_LIVE_PLANS: PlanDocuments = {
  freeze() {
    return Promise.reject(new Error('only the server locks a plan'))
  },
  seal() {
    return Promise.reject(new Error('only the server locks a plan'))
  },
  thaw() {
    throw new Error('only the server unlocks a plan')
  },
  pushState() {},
  change() {
    return Promise.reject(new Error('only the server changes a live plan'))
  },
  disconnect() {},
}
