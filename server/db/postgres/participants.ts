import type { Stores } from '../contract'
import { newParticipantRow, type ParticipantRow } from '../participants'
import type { PostgresEngine } from './engine'

/** server/db/participants.ts on PostgreSQL; insert_order stands in for SQLite's rowid. */

const COLUMNS = `id, meeting_id AS "meetingId", role, name, organisation, organisation_other AS "organisationOther",
  function, staff_user_id AS "staffUserId", rsvp, rsvp_at AS "rsvpAt", created_at AS "createdAt"`

export function postgresParticipantStore(db: PostgresEngine): Stores['participants'] {
  return {
    async add(meetingId, input, now = Date.now()) {
      const row = newParticipantRow(meetingId, input, now)
      await db.query(
        `INSERT INTO participants (id, meeting_id, role, name, organisation, organisation_other, function,
           staff_user_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          row.id,
          meetingId,
          row.role,
          row.name,
          row.organisation,
          row.organisationOther,
          row.function,
          row.staffUserId,
          now,
        ],
      )
      return row
    },

    async update(id, input, now = Date.now()) {
      await db.query(
        `UPDATE participants SET role = $2, name = $3, organisation = $4, organisation_other = $5,
           function = $6, staff_user_id = $7, updated_at = $8
         WHERE id = $1`,
        [
          id,
          input.role,
          input.name,
          input.organisation,
          input.organisationOther,
          input.function,
          input.staffUserId,
          now,
        ],
      )
    },

    async remove(id) {
      await db.query('DELETE FROM participants WHERE id = $1', [id])
    },

    async get(meetingId, id) {
      const [row] = await db.query<ParticipantRow>(
        `SELECT ${COLUMNS} FROM participants WHERE id = $1 AND meeting_id = $2`,
        [id, meetingId],
      )
      return row
    },

    ofMeeting: (meetingId) =>
      db.query<ParticipantRow>(
        `SELECT ${COLUMNS} FROM participants WHERE meeting_id = $1 ORDER BY created_at, insert_order`,
        [meetingId],
      ),

    async setRsvp(id, answer, now = Date.now()) {
      await db.query('UPDATE participants SET rsvp = $1, rsvp_at = $2 WHERE id = $3', [answer, now, id])
    },

    async count(meetingId) {
      return (
        await db.query<{ n: number }>('SELECT count(*) AS n FROM participants WHERE meeting_id = $1', [
          meetingId,
        ])
      )[0]!.n
    },

    // SQLite reads these through participants_staff_user: in rowid order.
    seatsOfUser: (userId) =>
      db.query<ParticipantRow>(
        `SELECT ${COLUMNS} FROM participants WHERE staff_user_id = $1 ORDER BY insert_order`,
        [userId],
      ),

    async seatOf(meetingId, userId) {
      // The chair's seat first if they have several.
      const [row] = await db.query<ParticipantRow>(
        `SELECT ${COLUMNS} FROM participants WHERE meeting_id = $1 AND staff_user_id = $2
         ORDER BY role = 'chair' DESC, created_at, insert_order LIMIT 1`,
        [meetingId, userId],
      )
      return row
    },
  }
}
