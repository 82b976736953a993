import { randomUUID } from 'node:crypto'
import type { Stores } from '../contract'
import type { PostgresEngine } from './engine'

// The row types of server/db/meetings.ts, through the contract (lint keeps server/db/postgres from
// importing '../meetings', a name it reserves for the meetings service).
type MeetingStore = Stores['meetings']
type MeetingRow = Awaited<ReturnType<MeetingStore['createMeeting']>>
type MeetingListRow = Awaited<ReturnType<MeetingStore['listForUser']>>[number]
type MeetingSetup = Parameters<MeetingStore['updateSetup']>[1]
type StoredConsent = NonNullable<Awaited<ReturnType<MeetingStore['sipConsent']>>>

/** server/db/meetings.ts on PostgreSQL: the same rows, the same order. */

const COLUMNS = `m.id, m.sip_id AS "sipId", m.previous_meeting_id AS "previousMeetingId", m.title,
  m.child_name AS "childName", m.starts_at AS "startsAt", m.is_demo AS "isDemo",
  m.created_at AS "createdAt", m.updated_at AS "updatedAt", m.convener_user_id AS "convenerUserId", m.type,
  CASE WHEN m.cancelled_at IS NULL THEN m.status ELSE 'cancelled' END AS status,
  m.duration_minutes AS "durationMinutes", m.place, m.remote_allowed AS "remoteAllowed",
  m.video_url AS "videoUrl", m.child_age AS "childAge", m.purpose, m.questions, m.child_words AS "childWords",
  m.child_participation AS "childParticipation", m.child_participation_note AS "childParticipationNote",
  m.started_at AS "startedAt"`

type Raw<T> = Omit<T, 'isDemo' | 'remoteAllowed'> & { isDemo: number; remoteAllowed: number }

function toRow<T extends MeetingRow>(raw: Raw<T>): T {
  return { ...raw, isDemo: raw.isDemo === 1, remoteAllowed: raw.remoteAllowed === 1 } as T
}

/** The set-up columns' values in the order SETUP_COLUMNS names them. */
function setupValues(setup: MeetingSetup & { title: string }): unknown[] {
  return [
    setup.title,
    setup.childName,
    setup.startsAt,
    setup.type,
    setup.durationMinutes,
    setup.place,
    setup.remoteAllowed ? 1 : 0,
    setup.videoUrl,
    setup.childAge,
    setup.purpose,
    setup.questions,
    setup.childWords,
    setup.childParticipation,
    setup.childParticipationNote,
  ]
}
const SETUP_COLUMNS = [
  'title',
  'child_name',
  'starts_at',
  'type',
  'duration_minutes',
  'place',
  'remote_allowed',
  'video_url',
  'child_age',
  'purpose',
  'questions',
  'child_words',
  'child_participation',
  'child_participation_note',
]

export function postgresMeetingStore(db: PostgresEngine): Stores['meetings'] {
  const getMeeting = async (id: string): Promise<MeetingRow | undefined> => {
    const [raw] = await db.query<Raw<MeetingRow>>(`SELECT ${COLUMNS} FROM meetings m WHERE m.id = $1`, [id])
    return raw && toRow(raw)
  }
  const sipOf = async (meetingId: string): Promise<string | undefined> =>
    (
      await db.query<{ sipId: string }>('SELECT sip_id AS "sipId" FROM meetings WHERE id = $1', [meetingId])
    )[0]?.sipId
  const touch = async (id: string, now: number): Promise<void> => {
    await db.query('UPDATE meetings SET updated_at = $1 WHERE id = $2', [now, id])
  }

  const sipConsent = async (sipId: string): Promise<StoredConsent | null> => {
    type RawConsent = Omit<StoredConsent, 'givenBy' | 'withdrawal'> & {
      withdrawnOn: string | null
      withdrawnBy: string | null
      withdrawalRecordedBy: string | null
    }
    const [raw] = await db.query<RawConsent>(
      `SELECT given_at AS "givenAt", scope, not_shared AS "notShared", recorded_at AS "recordedAt",
              recorded_by_name AS "recordedBy", withdrawn_on AS "withdrawnOn", withdrawn_by AS "withdrawnBy",
              withdrawal_recorded_by_name AS "withdrawalRecordedBy"
       FROM sip_consents WHERE sip_id = $1`,
      [sipId],
    )
    if (!raw) return null
    const givenBy = await db.query<StoredConsent['givenBy'][number]>(
      'SELECT name, relation FROM sip_consent_givers WHERE sip_id = $1 ORDER BY position',
      [sipId],
    )
    const { withdrawnOn, withdrawnBy, withdrawalRecordedBy, ...row } = raw
    return {
      ...row,
      givenBy,
      withdrawal:
        withdrawnOn === null
          ? null
          : { withdrawnOn, withdrawnBy: withdrawnBy ?? '', recordedBy: withdrawalRecordedBy ?? '' },
    }
  }

  return {
    async createMeeting(input, now = Date.now()) {
      const id = randomUUID()
      const isDemo = input.isDemo ? 1 : 0
      const convenerUserId = input.convenerUserId ?? null
      if (input.sipId === undefined) {
        await db.query(
          `INSERT INTO sips (id, child_name, is_demo, created_by_user_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $5)`,
          [id, input.childName, isDemo, convenerUserId, now],
        )
      }
      const values = [
        id,
        input.sipId ?? id,
        input.previousMeetingId ?? null,
        isDemo,
        now,
        convenerUserId,
        ...setupValues(input),
      ]
      const [raw] = await db.query<Raw<MeetingRow>>(
        `INSERT INTO meetings AS m (id, sip_id, previous_meeting_id, is_demo, created_at, updated_at,
           convener_user_id, ${SETUP_COLUMNS.join(', ')})
         VALUES ($1, $2, $3, $4, $5, $5, $6, ${SETUP_COLUMNS.map((_, i) => `$${i + 7}`).join(', ')})
         RETURNING ${COLUMNS}`,
        values,
      )
      return toRow(raw!)
    },

    getMeeting,

    async updateSetup(id, setup, now = Date.now()) {
      const assignments = SETUP_COLUMNS.map((column, i) => `${column} = $${i + 3}`).join(', ')
      await db.query(`UPDATE meetings SET ${assignments}, updated_at = $2 WHERE id = $1`, [
        id,
        now,
        ...setupValues(setup),
      ])
    },

    async setStatus(id, status, now = Date.now()) {
      await db.query(
        `UPDATE meetings SET status = $2, updated_at = $3,
           started_at = CASE WHEN $2 = 'started' THEN coalesce(started_at, $3) ELSE started_at END
         WHERE id = $1`,
        [id, status, now],
      )
    },

    touch: (id, now = Date.now()) => touch(id, now),

    async listForUser(userId) {
      // SQLite answers these in table (rowid) order: insert_order here.
      const rows = await db.query<Raw<MeetingListRow>>(
        `SELECT ${COLUMNS},
           m.convener_user_id IS NOT DISTINCT FROM $1 AS "isConvener",
           EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.staff_user_id = $1
                   AND p.role = 'chair') AS "isChair",
           (SELECT count(*) FROM participants p WHERE p.meeting_id = m.id) AS participants,
           (SELECT count(*) FROM participants p WHERE p.meeting_id = m.id AND p.rsvp = 'coming') AS coming,
           (SELECT count(*) FROM participants p WHERE p.meeting_id = m.id AND p.rsvp = 'not-coming') AS "notComing",
           (SELECT count(*) FROM participants p WHERE p.meeting_id = m.id AND p.rsvp IS NULL
              AND p.staff_user_id IS DISTINCT FROM m.convener_user_id) AS unanswered
         FROM meetings m
         WHERE m.convener_user_id = $1
            OR EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.staff_user_id = $1
                       AND p.role = 'chair')
         ORDER BY m.insert_order`,
        [userId],
      )
      return rows.map((raw) => toRow<MeetingListRow>(raw))
    },

    async isChair(meetingId, userId) {
      const [row] = await db.query<{ chair: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM participants WHERE meeting_id = $1 AND staff_user_id = $2
                          AND role = 'chair') AS chair`,
        [meetingId, userId],
      )
      return row?.chair === true
    },

    async recordConsent(meetingId, consent, recordedBy, now = Date.now()) {
      const sipId = await sipOf(meetingId)
      await db.query(
        `INSERT INTO sip_consents (sip_id, given_at, scope, not_shared, recorded_at, recorded_by_user_id,
           recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (sip_id) DO UPDATE SET given_at = excluded.given_at, scope = excluded.scope,
           not_shared = excluded.not_shared, recorded_at = excluded.recorded_at,
           recorded_by_user_id = excluded.recorded_by_user_id, recorded_by_name = excluded.recorded_by_name`,
        [
          sipId ?? null,
          consent.givenAt,
          consent.scope,
          consent.notShared,
          now,
          recordedBy.userId,
          recordedBy.name,
        ],
      )
      await db.query('DELETE FROM sip_consent_givers WHERE sip_id = $1', [sipId])
      if (consent.givenBy.length > 0) {
        await db.query(
          `INSERT INTO sip_consent_givers (sip_id, position, name, relation)
           SELECT $1, g.n - 1, g.name, g.relation
           FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS g(name, relation, n)`,
          [sipId, consent.givenBy.map((g) => g.name), consent.givenBy.map((g) => g.relation)],
        )
      }
      await touch(meetingId, now)
    },

    async consent(meetingId) {
      const sipId = await sipOf(meetingId)
      return sipId === undefined ? null : sipConsent(sipId)
    },

    sipConsent,

    async ofSip(sipId) {
      const rows = await db.query<Raw<MeetingRow>>(
        `SELECT ${COLUMNS} FROM meetings m WHERE m.sip_id = $1 ORDER BY m.created_at, m.insert_order`,
        [sipId],
      )
      return rows.map((raw) => toRow(raw))
    },

    async cancelForSip(sipId, now = Date.now()) {
      const rows = await db.query<{ id: string }>(
        `WITH cancelled AS (
           UPDATE meetings SET cancelled_at = $2, updated_at = $2
           WHERE sip_id = $1 AND status = 'planned' AND cancelled_at IS NULL
           RETURNING id, starts_at, insert_order)
         SELECT id FROM cancelled ORDER BY starts_at, insert_order`,
        [sipId, now],
      )
      return rows.map((r) => r.id)
    },

    async count() {
      return (await db.query<{ n: number }>('SELECT count(*) AS n FROM meetings'))[0]!.n
    },

    async realCount() {
      return (await db.query<{ n: number }>('SELECT count(*) AS n FROM meetings WHERE is_demo = 0'))[0]!.n
    },
  }
}
