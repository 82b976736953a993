import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN_TTL_DAYS } from '../shared/limits'
import { planParts } from '../shared/plan/layout'
import { MeetingInputSchema } from '../shared/schemas/meeting'
import { principalFrom } from './auth/principal'
import { accessTokenStore } from './db/access-tokens'
import { openDatabase } from './db/connection'
import { meetingStore } from './db/meetings'
import { sqliteStorage } from './db/sqlite-storage'
import { createDemoMeetings } from './demo'
import { setupInput } from './meetings/views'
import { loadStoredDocFromFile, tempDataDir } from './test/harness'

describe('demo meetings', () => {
  it('have a complete set-up and recorded consent (so they can be started), tomorrow 09:00, and /j links', async () => {
    const db = openDatabase({ file: path.join(tempDataDir(), 'sip-live.db') })
    const now = new Date(2026, 2, 10, 15, 30).getTime()
    const [demo] = await createDemoMeetings(sqliteStorage(db), 'https://sip.example', 1, now)
    const meeting = meetingStore(db).getMeeting(demo!.meetingId)!
    expect(MeetingInputSchema.safeParse(setupInput(meeting)).success).toBe(true)
    expect(meetingStore(db).consent(meeting.id)).not.toBeNull()
    expect(meeting.startsAt).toBe(new Date(2026, 2, 11, 9, 0).getTime())
    for (const link of demo!.links) {
      expect(link.url).toMatch(/^https:\/\/sip\.example\/j#t=[A-Za-z0-9_-]{43}$/)
      const token = link.url.split('#t=')[1]!
      const found = principalFrom(accessTokenStore(db).lookup(token), now)
      expect(found.ok && found.principal.expiresAt).toBe(
        meeting.startsAt + DEFAULT_TOKEN_TTL_DAYS * 86_400_000,
      )
    }
    // P1: its plan was written once, at creation, from the set-up.
    const plan = planParts(loadStoredDocFromFile(db, meeting.id))
    expect(plan.setup.get('childName')).toBe(meeting.childName)
    expect(plan.participants.size).toBe(demo!.links.length)
    expect(plan.text('childWords').toString()).toContain(meeting.childWords)
    db.close()
  })
})
