import type { Stores } from '../contract'
import type { AttendanceFact, MeetingFacts } from '../statistics'
import type { PostgresEngine } from './engine'

/** server/db/statistics.ts on PostgreSQL: the facts written once per finalized meeting. */
export function postgresStatisticsStore(db: PostgresEngine): Stores['statistics'] {
  return {
    async record(facts, attendance) {
      await db.query(
        `INSERT INTO meeting_facts (meeting_id, sip_id, held_on, type, convener_organisation, convener_function,
           child_participation, follow_up_booked, signed_by_all, finalized_at, municipality, follow_up_on,
           invited_on, consent_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          facts.meetingId,
          facts.sipId,
          facts.heldOn,
          facts.type,
          facts.convenerOrganisation,
          facts.convenerFunction,
          facts.childParticipation,
          facts.followUpBooked ? 1 : 0,
          facts.signedByAll ? 1 : 0,
          facts.finalizedAt,
          facts.municipality,
          facts.followUpOn,
          facts.invitedOn,
          facts.consentOn,
        ],
      )
      if (attendance.length === 0) return
      const column = <K extends keyof AttendanceFact>(key: K) => attendance.map((fact) => fact[key])
      // In the order given (insert_order: SQLite's rowid, which attendance() reads by).
      await db.query(
        `INSERT INTO attendance_facts (meeting_id, participant_id, role, organisation, function, status, signed,
           missing_reason)
         SELECT $1, a.participant_id, a.role, a.organisation, a.function, a.status, a.signed, a.missing_reason
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[])
           WITH ORDINALITY AS a(participant_id, role, organisation, function, status, signed, missing_reason, n)
         ORDER BY a.n`,
        [
          facts.meetingId,
          column('participantId'),
          column('role'),
          column('organisation'),
          column('function'),
          column('status'),
          attendance.map((fact) => (fact.signed ? 1 : 0)),
          column('missingReason'),
        ],
      )
    },

    async meetingFacts(meetingId) {
      const [raw] = await db.query<
        Omit<MeetingFacts, 'followUpBooked' | 'signedByAll'> & { followUpBooked: number; signedByAll: number }
      >(
        `SELECT meeting_id AS "meetingId", sip_id AS "sipId", held_on AS "heldOn", type,
                convener_organisation AS "convenerOrganisation", convener_function AS "convenerFunction",
                child_participation AS "childParticipation", follow_up_booked AS "followUpBooked",
                signed_by_all AS "signedByAll", finalized_at AS "finalizedAt", municipality,
                follow_up_on AS "followUpOn", invited_on AS "invitedOn", consent_on AS "consentOn"
         FROM meeting_facts WHERE meeting_id = $1`,
        [meetingId],
      )
      return raw && { ...raw, followUpBooked: raw.followUpBooked === 1, signedByAll: raw.signedByAll === 1 }
    },

    async attendance(meetingId) {
      const rows = await db.query<Omit<AttendanceFact, 'signed'> & { signed: number }>(
        `SELECT participant_id AS "participantId", role, organisation, function, status, signed,
                missing_reason AS "missingReason"
         FROM attendance_facts WHERE meeting_id = $1 ORDER BY insert_order`,
        [meetingId],
      )
      return rows.map((row) => ({ ...row, signed: row.signed === 1 }))
    },

    async staffRecord(userId) {
      const [row] = await db.query<{ organisation: string; function: string; municipality: string }>(
        'SELECT organisation, function, municipality FROM users WHERE id = $1',
        [userId],
      )
      return row
    },

    async firstInvitationAt(meetingId, convenerUserId) {
      // The first invitation: the earliest link issued to anyone but the convener's own seat.
      const [row] = await db.query<{ at: number | null }>(
        `SELECT min(t.created_at) AS at FROM access_tokens t JOIN participants p ON p.id = t.participant_id
         WHERE t.meeting_id = $1 AND ($2::text IS NULL OR p.staff_user_id IS DISTINCT FROM $2::text)`,
        [meetingId, convenerUserId],
      )
      return row?.at ?? null
    },

    async consentOn(meetingId) {
      const [row] = await db.query<{ givenAt: string }>(
        'SELECT c.given_at AS "givenAt" FROM sip_consents c JOIN meetings m ON m.sip_id = c.sip_id WHERE m.id = $1',
        [meetingId],
      )
      return row?.givenAt ?? null
    },
  }
}
