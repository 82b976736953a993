import { randomUUID } from 'node:crypto'
import type { ConsentInput, MeetingInput } from '../../shared/schemas/meeting'
import type { Db } from './connection'

/** The set-up of a meeting as stored: MeetingInput with the start in epoch milliseconds. */
export type MeetingSetup = Omit<MeetingInput, 'startsAt'> & { startsAt: number }

export type MeetingStatus = 'planned' | 'started' | 'finalized'

export interface MeetingRow extends MeetingSetup {
  id: string
  title: string
  status: MeetingStatus
  convenerUserId: string | null
  isDemo: boolean
  startedAt: number | null
  createdAt: number
  updatedAt: number
}

export interface NewMeeting extends MeetingSetup {
  title: string
  convenerUserId?: string | null
  isDemo?: boolean
}

/** A meeting as "Mina SIP-möten" lists it, with the caller's roles and the answers so far. */
export interface MeetingListRow extends MeetingRow {
  isConvener: boolean
  isChair: boolean
  participants: number
  coming: number
  notComing: number
  /** Invited participants who have not answered (the convener's own seat does not count). */
  unanswered: number
}

export interface StoredConsent extends ConsentInput {
  recordedAt: number
  recordedBy: string
}

const COLUMNS = `m.id, m.title, m.child_name AS childName, m.starts_at AS startsAt, m.is_demo AS isDemo,
  m.created_at AS createdAt, m.updated_at AS updatedAt, m.convener_user_id AS convenerUserId, m.type,
  m.status, m.duration_minutes AS durationMinutes, m.place, m.remote_allowed AS remoteAllowed,
  m.video_url AS videoUrl,
  m.child_age AS childAge, m.purpose, m.questions, m.child_words AS childWords,
  m.child_participation AS childParticipation, m.child_participation_note AS childParticipationNote,
  m.started_at AS startedAt`

type Raw<T> = Omit<T, 'isDemo' | 'remoteAllowed'> & { isDemo: number; remoteAllowed: number }

function toRow<T extends MeetingRow>(raw: Raw<T>): T {
  return { ...raw, isDemo: raw.isDemo === 1, remoteAllowed: raw.remoteAllowed === 1 } as T
}

function setupParams(setup: MeetingSetup) {
  return { ...setup, remoteAllowed: setup.remoteAllowed ? 1 : 0 }
}

/** Meetings and their consent. Participants are server/db/participants.ts. */
export function meetingStore(db: Db) {
  const insertMeeting = db.prepare(
    `INSERT INTO meetings (id, title, child_name, starts_at, is_demo, created_at, updated_at, convener_user_id,
       type, duration_minutes, place, remote_allowed, video_url, child_age, purpose, questions, child_words,
       child_participation, child_participation_note)
     VALUES (@id, @title, @childName, @startsAt, @isDemo, @createdAt, @createdAt, @convenerUserId,
       @type, @durationMinutes, @place, @remoteAllowed, @videoUrl, @childAge, @purpose, @questions,
       @childWords, @childParticipation, @childParticipationNote)`,
  )
  const updateSetup = db.prepare(
    `UPDATE meetings SET title = @title, child_name = @childName, starts_at = @startsAt, type = @type,
       duration_minutes = @durationMinutes, place = @place, remote_allowed = @remoteAllowed,
       video_url = @videoUrl, child_age = @childAge, purpose = @purpose, questions = @questions, child_words = @childWords,
       child_participation = @childParticipation, child_participation_note = @childParticipationNote,
       updated_at = @now
     WHERE id = @id`,
  )
  const setStatus = db.prepare(
    `UPDATE meetings SET status = @status, updated_at = @now,
       started_at = CASE WHEN @status = 'started' THEN coalesce(started_at, @now) ELSE started_at END
     WHERE id = @id`,
  )
  const touch = db.prepare('UPDATE meetings SET updated_at = ? WHERE id = ?')
  const selectMeeting = db.prepare(`SELECT ${COLUMNS} FROM meetings m WHERE m.id = ?`)
  const listForUser = db.prepare(
    `SELECT ${COLUMNS},
       m.convener_user_id IS @userId AS isConvener,
       EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.staff_user_id = @userId
               AND p.role = 'chair') AS isChair,
       (SELECT count(*) FROM participants p WHERE p.meeting_id = m.id) AS participants,
       (SELECT count(*) FROM participants p WHERE p.meeting_id = m.id AND p.rsvp = 'coming') AS coming,
       (SELECT count(*) FROM participants p WHERE p.meeting_id = m.id AND p.rsvp = 'not-coming') AS notComing,
       (SELECT count(*) FROM participants p WHERE p.meeting_id = m.id AND p.rsvp IS NULL
          AND p.staff_user_id IS NOT m.convener_user_id) AS unanswered
     FROM meetings m
     WHERE m.convener_user_id = @userId
        OR EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.staff_user_id = @userId
                   AND p.role = 'chair')`,
  )
  const isChair = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM participants WHERE meeting_id = ? AND staff_user_id = ? AND role = 'chair')`,
    )
    .pluck()
  const countMeetings = db.prepare('SELECT count(*) AS n FROM meetings').pluck()

  const upsertConsent = db.prepare(
    `INSERT INTO consents (meeting_id, given_at, scope, not_shared, recorded_at, recorded_by_user_id, recorded_by_name)
     VALUES (@meetingId, @givenAt, @scope, @notShared, @recordedAt, @userId, @recordedBy)
     ON CONFLICT (meeting_id) DO UPDATE SET given_at = excluded.given_at, scope = excluded.scope,
       not_shared = excluded.not_shared, recorded_at = excluded.recorded_at,
       recorded_by_user_id = excluded.recorded_by_user_id, recorded_by_name = excluded.recorded_by_name`,
  )
  const deleteGivers = db.prepare('DELETE FROM consent_givers WHERE meeting_id = ?')
  const insertGiver = db.prepare(
    'INSERT INTO consent_givers (meeting_id, position, name, relation) VALUES (?, ?, ?, ?)',
  )
  const selectConsent = db.prepare(
    `SELECT given_at AS givenAt, scope, not_shared AS notShared, recorded_at AS recordedAt,
            recorded_by_name AS recordedBy
     FROM consents WHERE meeting_id = ?`,
  )
  const selectGivers = db.prepare(
    'SELECT name, relation FROM consent_givers WHERE meeting_id = ? ORDER BY position',
  )

  return {
    createMeeting(input: NewMeeting, now = Date.now()): MeetingRow {
      const id = randomUUID()
      insertMeeting.run({
        ...setupParams(input),
        id,
        title: input.title,
        convenerUserId: input.convenerUserId ?? null,
        isDemo: input.isDemo ? 1 : 0,
        createdAt: now,
      })
      return this.getMeeting(id)!
    },

    getMeeting(id: string): MeetingRow | undefined {
      const raw = selectMeeting.get(id) as Raw<MeetingRow> | undefined
      return raw && toRow(raw)
    },

    updateSetup(id: string, setup: MeetingSetup & { title: string }, now = Date.now()): void {
      updateSetup.run({ ...setupParams(setup), title: setup.title, id, now })
    },

    setStatus(id: string, status: MeetingStatus, now = Date.now()): void {
      setStatus.run({ id, status, now })
    },

    /** Something about the meeting changed (participants, consent): the convener's list sorts on it. */
    touch(id: string, now = Date.now()): void {
      touch.run(now, id)
    },

    /** Meetings the user convened or chairs. */
    listForUser(userId: string): MeetingListRow[] {
      type RawListRow = Omit<Raw<MeetingListRow>, 'isConvener' | 'isChair'> & {
        isConvener: number
        isChair: number
      }
      return (listForUser.all({ userId }) as RawListRow[]).map((raw) => ({
        ...toRow({ ...raw, isConvener: raw.isConvener === 1, isChair: raw.isChair === 1 }),
      }))
    },

    isChair(meetingId: string, userId: string): boolean {
      return isChair.get(meetingId, userId) === 1
    },

    /** Records (or replaces) the meeting's consent. Call inside a transaction. */
    recordConsent(
      meetingId: string,
      consent: ConsentInput,
      recordedBy: { userId: string | null; name: string },
      now = Date.now(),
    ): void {
      upsertConsent.run({
        meetingId,
        givenAt: consent.givenAt,
        scope: consent.scope,
        notShared: consent.notShared,
        recordedAt: now,
        userId: recordedBy.userId,
        recordedBy: recordedBy.name,
      })
      deleteGivers.run(meetingId)
      consent.givenBy.forEach((giver, position) => {
        insertGiver.run(meetingId, position, giver.name, giver.relation)
      })
      touch.run(now, meetingId)
    },

    consent(meetingId: string): StoredConsent | null {
      const row = selectConsent.get(meetingId) as Omit<StoredConsent, 'givenBy'> | undefined
      if (!row) return null
      return { ...row, givenBy: selectGivers.all(meetingId) as StoredConsent['givenBy'] }
    },

    count(): number {
      return countMeetings.get() as number
    },
  }
}

export type MeetingStore = ReturnType<typeof meetingStore>
