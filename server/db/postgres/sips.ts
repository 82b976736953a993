import { randomUUID } from 'node:crypto'
import type { Stores } from '../contract'
import { type DeviationRow, type RawSip, type ResponsibleRow, toSip } from '../sips'
import type { PostgresEngine } from './engine'

const SIP_COLUMNS = `s.id, s.child_name AS "childName", s.status, s.is_demo AS "isDemo",
  s.created_by_user_id AS "createdByUserId", s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  s.closed_at AS "closedAt", s.closed_on AS "closedOn", s.close_reason AS reason, s.close_note AS note,
  s.closed_by_user_id AS "closedByUserId", s.closed_by_name AS "closedBy"`

const RESPONSIBLE_COLUMNS = `id, sip_id AS "sipId", organisation, organisation_other AS "organisationOther", function,
  name, user_id AS "userId", from_date AS "fromDate", meeting_id AS "meetingId", recorded_at AS "recordedAt",
  recorded_by_name AS "recordedBy"`

const DEVIATION_COLUMNS = `id, sip_id AS "sipId", meeting_id AS "meetingId", category, organisation,
  organisation_other AS "organisationOther", description, occurred_on AS "occurredOn", recorded_at AS "recordedAt",
  recorded_by_user_id AS "recordedByUserId", recorded_by_name AS "recordedBy"`

/** server/db/sips.ts on PostgreSQL. */
export function postgresSipStore(db: PostgresEngine): Stores['sips'] {
  return {
    async get(id) {
      const [raw] = await db.query<RawSip>(`SELECT ${SIP_COLUMNS} FROM sips s WHERE s.id = $1`, [id])
      return raw && toSip(raw)
    },

    async visibleTo(userId) {
      const rows = await db.query<RawSip>(
        `SELECT ${SIP_COLUMNS} FROM sips s
         WHERE s.id IN (
           SELECT m.sip_id FROM meetings m WHERE m.convener_user_id = $1
           UNION SELECT r.sip_id FROM sip_responsible r
             WHERE r.user_id = $1 AND r.id = (SELECT max(id) FROM sip_responsible WHERE sip_id = r.sip_id)
         )
         ORDER BY s.status, s.updated_at DESC`,
        [userId],
      )
      return rows.map(toSip)
    },

    async isConvener(sipId, userId) {
      const [row] = await db.query<{ yes: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM meetings WHERE sip_id = $1 AND convener_user_id = $2) AS yes',
        [sipId, userId],
      )
      return row!.yes
    },

    async closedByMeeting(meetingId) {
      const [row] = await db.query<{ yes: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM meetings m JOIN sips s ON s.id = m.sip_id
                        WHERE m.id = $1 AND s.status = 'closed') AS yes`,
        [meetingId],
      )
      return row!.yes
    },

    async touch(id, now = Date.now()) {
      await db.query('UPDATE sips SET updated_at = $1 WHERE id = $2', [now, id])
    },

    async rename(id, childName, now = Date.now()) {
      await db.query('UPDATE sips SET child_name = $1, updated_at = $2 WHERE id = $3', [childName, now, id])
    },

    async close(id, closure, by, now = Date.now()) {
      const { rowCount } = await db.execute(
        `UPDATE sips SET status = 'closed', closed_at = $2, closed_on = $3, close_reason = $4, close_note = $5,
           closed_by_user_id = $6, closed_by_name = $7, updated_at = $2
         WHERE id = $1 AND status = 'active'`,
        [id, now, closure.closedOn, closure.reason, closure.note, by.userId, by.name],
      )
      return rowCount === 1
    },

    async withdrawConsent(sipId, withdrawal, by, now = Date.now()) {
      const { rowCount } = await db.execute(
        `UPDATE sip_consents SET withdrawn_at = $2, withdrawn_on = $3, withdrawn_by = $4,
           withdrawal_recorded_by_name = $5
         WHERE sip_id = $1 AND withdrawn_at IS NULL`,
        [sipId, now, withdrawal.withdrawnOn, withdrawal.withdrawnBy, by.name],
      )
      return rowCount === 1
    },

    async addResponsible(sipId, responsible, by, now = Date.now()) {
      await db.query(
        `INSERT INTO sip_responsible (sip_id, organisation, organisation_other, function, name, user_id, from_date,
           meeting_id, recorded_at, recorded_by_user_id, recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          sipId,
          responsible.organisation,
          responsible.organisationOther,
          responsible.function,
          responsible.name,
          responsible.userId,
          responsible.fromDate,
          responsible.meetingId,
          now,
          by.userId,
          by.name,
        ],
      )
    },

    responsibleHistory: (sipId) =>
      db.query<ResponsibleRow>(
        `SELECT ${RESPONSIBLE_COLUMNS} FROM sip_responsible WHERE sip_id = $1 ORDER BY id DESC`,
        [sipId],
      ),

    async addDeviation(sipId, deviation, now = Date.now()) {
      const id = randomUUID()
      await db.query(
        `INSERT INTO deviations (id, sip_id, meeting_id, category, organisation, organisation_other, description,
           occurred_on, recorded_at, recorded_by_user_id, recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          id,
          sipId,
          deviation.meetingId,
          deviation.category,
          deviation.organisation,
          deviation.organisationOther,
          deviation.description,
          deviation.occurredOn,
          now,
          deviation.recordedByUserId,
          deviation.recordedBy,
        ],
      )
      return { id, sipId, ...deviation, recordedAt: now }
    },

    deviations: (sipId) =>
      db.query<DeviationRow>(
        `SELECT ${DEVIATION_COLUMNS} FROM deviations WHERE sip_id = $1 ORDER BY occurred_on DESC, recorded_at DESC`,
        [sipId],
      ),

    allDeviations: (limit = 10_000) =>
      db.query<DeviationRow>(
        `SELECT ${DEVIATION_COLUMNS} FROM deviations ORDER BY occurred_on DESC, recorded_at DESC LIMIT $1`,
        [limit],
      ),

    async setting(key) {
      const [row] = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key])
      return row?.value
    },

    async putSetting(key, value, userId, now = Date.now()) {
      await db.query(
        `INSERT INTO settings (key, value, updated_at, updated_by_user_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
           updated_by_user_id = excluded.updated_by_user_id`,
        [key, value, now, userId],
      )
    },
  }
}
