import { randomUUID } from 'node:crypto'
import type { ConsentInput, MeetingInput } from '../../shared/schemas/meeting'
import type { Db } from './connection'

/** The set-up of a meeting as stored: MeetingInput with the start in epoch milliseconds. */
export type MeetingSetup = Omit<MeetingInput, 'startsAt'> & { startsAt: number }

/** As stored, plus `cancelled`: a meeting not held because its SIP was closed (cancelled_at). */
export type MeetingStatus = 'planned' | 'started' | 'finalized' | 'cancelled'
/** What setStatus writes; cancelling is cancelForSip's. */
export type StoredMeetingStatus = Exclude<MeetingStatus, 'cancelled'>

export interface MeetingRow extends MeetingSetup {
  id: string
  sipId: string
  /** A follow-up's previous meeting in the SIP. */
  previousMeetingId: string | null
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
  /** The SIP of a follow-up; a first meeting without one starts a SIP of its own (same id). */
  sipId?: string
  previousMeetingId?: string | null
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
  /** Consent withdrawn (docs/process.md P2, P9): the SIP is closed with that reason. */
  withdrawal: { withdrawnOn: string; withdrawnBy: string; recordedBy: string } | null
}

const COLUMNS = `m.id, m.sip_id AS sipId, m.previous_meeting_id AS previousMeetingId, m.title, m.child_name AS childName, m.starts_at AS startsAt, m.is_demo AS isDemo,
  m.created_at AS createdAt, m.updated_at AS updatedAt, m.convener_user_id AS convenerUserId, m.type,
  CASE WHEN m.cancelled_at IS NULL THEN m.status ELSE 'cancelled' END AS status, m.duration_minutes AS durationMinutes, m.place, m.remote_allowed AS remoteAllowed,
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
    `INSERT INTO meetings (id, sip_id, previous_meeting_id, title, child_name, starts_at, is_demo, created_at,
       updated_at, convener_user_id,
       type, duration_minutes, place, remote_allowed, video_url, child_age, purpose, questions, child_words,
       child_participation, child_participation_note)
     VALUES (@id, @sipId, @previousMeetingId, @title, @childName, @startsAt, @isDemo, @createdAt, @createdAt,
       @convenerUserId,
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
  const insertSip = db.prepare(
    `INSERT INTO sips (id, child_name, is_demo, created_by_user_id, created_at, updated_at)
     VALUES (@id, @childName, @isDemo, @convenerUserId, @createdAt, @createdAt)`,
  )
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
  const countRealMeetings = db.prepare('SELECT count(*) FROM meetings WHERE is_demo = 0').pluck()

  // Consent belongs to the meeting's SIP (docs/process.md P2); read and written through the meeting.
  const sipOf = db.prepare('SELECT sip_id FROM meetings WHERE id = ?').pluck()
  const upsertConsent = db.prepare(
    `INSERT INTO sip_consents (sip_id, given_at, scope, not_shared, recorded_at, recorded_by_user_id, recorded_by_name)
     VALUES (@sipId, @givenAt, @scope, @notShared, @recordedAt, @userId, @recordedBy)
     ON CONFLICT (sip_id) DO UPDATE SET given_at = excluded.given_at, scope = excluded.scope,
       not_shared = excluded.not_shared, recorded_at = excluded.recorded_at,
       recorded_by_user_id = excluded.recorded_by_user_id, recorded_by_name = excluded.recorded_by_name`,
  )
  const deleteGivers = db.prepare('DELETE FROM sip_consent_givers WHERE sip_id = ?')
  const insertGiver = db.prepare(
    'INSERT INTO sip_consent_givers (sip_id, position, name, relation) VALUES (?, ?, ?, ?)',
  )
  const selectConsent = db.prepare(
    `SELECT given_at AS givenAt, scope, not_shared AS notShared, recorded_at AS recordedAt,
            recorded_by_name AS recordedBy, withdrawn_on AS withdrawnOn, withdrawn_by AS withdrawnBy,
            withdrawal_recorded_by_name AS withdrawalRecordedBy
     FROM sip_consents WHERE sip_id = ?`,
  )
  const selectGivers = db.prepare(
    'SELECT name, relation FROM sip_consent_givers WHERE sip_id = ? ORDER BY position',
  )
  // In the order they were booked: a follow-up is booked after the meeting before it (P5), whatever
  // the days they were held.
  const ofSip = db.prepare(
    `SELECT ${COLUMNS} FROM meetings m WHERE m.sip_id = ? ORDER BY m.created_at, m.rowid`,
  )
  const cancelForSip = db.prepare(
    `UPDATE meetings SET cancelled_at = @now, updated_at = @now
     WHERE sip_id = @sipId AND status = 'planned' AND cancelled_at IS NULL RETURNING id`,
  )

  return {
    /** A meeting; a first meeting without `sipId` starts its SIP (call inside a transaction). */
    createMeeting(input: NewMeeting, now = Date.now()): MeetingRow {
      const id = randomUUID()
      const sip = {
        id,
        childName: input.childName,
        isDemo: input.isDemo ? 1 : 0,
        convenerUserId: input.convenerUserId ?? null,
        createdAt: now,
      }
      if (input.sipId === undefined) insertSip.run(sip)
      insertMeeting.run({
        ...setupParams(input),
        id,
        sipId: input.sipId ?? id,
        title: input.title,
        previousMeetingId: input.previousMeetingId ?? null,
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

    setStatus(id: string, status: StoredMeetingStatus, now = Date.now()): void {
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

    /** Records (or replaces) the consent of the meeting's SIP. Call inside a transaction. */
    recordConsent(
      meetingId: string,
      consent: ConsentInput,
      recordedBy: { userId: string | null; name: string },
      now = Date.now(),
    ): void {
      const sipId = sipOf.get(meetingId) as string
      upsertConsent.run({
        sipId,
        givenAt: consent.givenAt,
        scope: consent.scope,
        notShared: consent.notShared,
        recordedAt: now,
        userId: recordedBy.userId,
        recordedBy: recordedBy.name,
      })
      deleteGivers.run(sipId)
      consent.givenBy.forEach((giver, position) => {
        insertGiver.run(sipId, position, giver.name, giver.relation)
      })
      touch.run(now, meetingId)
    },

    /** The consent of the meeting's SIP – the same at every meeting of it. */
    consent(meetingId: string): StoredConsent | null {
      const sipId = sipOf.get(meetingId) as string | undefined
      return sipId === undefined ? null : this.sipConsent(sipId)
    },

    sipConsent(sipId: string): StoredConsent | null {
      type RawConsent = Omit<StoredConsent, 'givenBy' | 'withdrawal'> & {
        withdrawnOn: string | null
        withdrawnBy: string | null
        withdrawalRecordedBy: string | null
      }
      const raw = selectConsent.get(sipId) as RawConsent | undefined
      if (!raw) return null
      const { withdrawnOn, withdrawnBy, withdrawalRecordedBy, ...row } = raw
      return {
        ...row,
        givenBy: selectGivers.all(sipId) as StoredConsent['givenBy'],
        withdrawal:
          withdrawnOn === null
            ? null
            : { withdrawnOn, withdrawnBy: withdrawnBy ?? '', recordedBy: withdrawalRecordedBy ?? '' },
      }
    },

    /** A SIP's meetings in order: first meeting, follow-ups. */
    ofSip(sipId: string): MeetingRow[] {
      return (ofSip.all(sipId) as Raw<MeetingRow>[]).map(toRow)
    },

    /** Cancels a SIP's meetings not yet held – planned ones (docs/process.md P9); answers their ids. */
    cancelForSip(sipId: string, now = Date.now()): string[] {
      return (cancelForSip.all({ sipId, now }) as { id: string }[]).map((r) => r.id)
    },

    count(): number {
      return countMeetings.get() as number
    },

    /** Meetings that are not demo meetings (the statistics generator refuses to mix with them). */
    realCount(): number {
      return countRealMeetings.get() as number
    },
  }
}

export type MeetingStore = ReturnType<typeof meetingStore>
