import type { FastifyInstance } from 'fastify'
import type * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import { applyRoster, seedChildWords } from '../plan/roster'
import { errorSummary } from '../sync/sync-service'

/**
 * Writes the meeting's set-up and participants from the database into its plan now (applyRoster).
 * False when the meeting is gone or its plan is frozen (G1); throws if the plan cannot be loaded.
 */
export function rewriteRoster(
  app: FastifyInstance,
  meetingId: string,
  options: { seed?: boolean } = {},
): boolean {
  const meeting = app.stores.meetings.getMeeting(meetingId)
  if (!meeting) return false
  const participants = app.stores.participants.ofMeeting(meetingId)
  return app.sync.changeDocument(meetingId, (doc) => {
    applyRoster(doc, meeting, participants)
    if (options.seed) seedChildWords(doc, meeting.childWords)
  })
}

/**
 * Brings a meeting's plan in line with its set-up and participants after a change through the
 * API (applyRoster). The database change has already been committed; if the plan cannot be
 * loaded now, the next change brings it up to date (the roster is idempotent).
 */
export function writeRoster(app: FastifyInstance, meetingId: string, options: { seed?: boolean } = {}): void {
  try {
    rewriteRoster(app, meetingId, options)
  } catch (error) {
    app.log.error({ meetingId, err: errorSummary(error) }, 'could not update the plan roster')
  }
}

/**
 * G14: the set-up and the participants are the server's. Watches them on a room's document and,
 * when a writer's update changed them, writes the roster back from the database at once – its
 * correction is stored and broadcast in the same flush as the forgery. The server's own changes
 * (changeDocument: local transactions) are not watched, so this never feeds itself. For the sync
 * core to call when it loads a room; answers the function that stops watching.
 */
export function guardRoster(app: FastifyInstance, meetingId: string, doc: Y.Doc): () => void {
  const { setup, participants } = planParts(doc)
  let corrected: Y.Transaction | undefined
  const observer = (_events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    // One correction per transaction, even when it changed both maps.
    if (transaction.local || transaction === corrected) return
    corrected = transaction
    app.log.warn({ meetingId }, 'a writer changed the set-up or the participants; rewriting them')
    writeRoster(app, meetingId)
  }
  setup.observeDeep(observer)
  participants.observeDeep(observer)
  return () => {
    setup.unobserveDeep(observer)
    participants.unobserveDeep(observer)
  }
}
