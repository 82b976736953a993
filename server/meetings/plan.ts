import type { FastifyInstance } from 'fastify'
import { applyRoster, seedChildWords } from '../plan/roster'
import { errorSummary } from '../sync/sync-service'

/**
 * Brings a meeting's plan in line with its set-up and participants after a change through the
 * API (applyRoster). The database change has already been committed; if the plan cannot be
 * loaded now, the next change brings it up to date (the roster is idempotent).
 */
export function writeRoster(app: FastifyInstance, meetingId: string, options: { seed?: boolean } = {}): void {
  const meeting = app.stores.meetings.getMeeting(meetingId)
  if (!meeting) return
  const participants = app.stores.participants.ofMeeting(meetingId)
  try {
    app.sync.changeDocument(meetingId, (doc) => {
      applyRoster(doc, meeting, participants)
      if (options.seed) seedChildWords(doc, meeting.childWords)
    })
  } catch (error) {
    app.log.error({ meetingId, err: errorSummary(error) }, 'could not update the plan roster')
  }
}
