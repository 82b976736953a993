import type { Stores } from '../contract'
import { versionValues } from '../signoff'
import type { PostgresEngine } from './engine'

// The row types of server/db/signoff.ts, through the contract (lint keeps server/db/postgres from
// importing '../signoff', a name it reserves for the sign-off service).
type SignoffStore = Stores['signoff']
type PlanVersionRow = Awaited<ReturnType<SignoffStore['versions']>>[number]
type SignatureRow = Awaited<ReturnType<SignoffStore['signatures']>>[number]
type MissingSignature = Awaited<ReturnType<SignoffStore['missing']>>[number]

const VERSION_COLUMNS = `id, meeting_id AS "meetingId", number, hash, canonical_json AS "canonicalJson", snapshot,
  skipped AS "skippedJson", locked_at AS "lockedAt", locked_by AS "lockedBy", voided_at AS "voidedAt",
  void_reason AS "voidReason", consent_json AS "consentJson"`

type RawVersion = Omit<PlanVersionRow, 'snapshot'> & { snapshot: Buffer }

/** A plain Uint8Array of the snapshot, as SQLite's store answers (not the driver's Buffer). */
const toVersion = (row: RawVersion | undefined): PlanVersionRow | undefined =>
  row && { ...row, snapshot: new Uint8Array(row.snapshot) }

/** server/db/signoff.ts on PostgreSQL: nothing here is ever deleted by the application. */
export function postgresSignoffStore(db: PostgresEngine): Stores['signoff'] {
  const active = async (meetingId: string): Promise<PlanVersionRow | undefined> =>
    toVersion(
      (
        await db.query<RawVersion>(
          `SELECT ${VERSION_COLUMNS} FROM plan_versions WHERE meeting_id = $1 AND voided_at IS NULL`,
          [meetingId],
        )
      )[0],
    )
  const finalizedAt = async (meetingId: string): Promise<number | null> =>
    (
      await db.query<{ finalizedAt: number | null }>(
        'SELECT finalized_at AS "finalizedAt" FROM meetings WHERE id = $1',
        [meetingId],
      )
    )[0]?.finalizedAt ?? null

  return {
    async versions(meetingId) {
      const rows = await db.query<RawVersion>(
        `SELECT ${VERSION_COLUMNS} FROM plan_versions WHERE meeting_id = $1 ORDER BY number DESC`,
        [meetingId],
      )
      return rows.map((row) => toVersion(row)!)
    },

    active,

    async byNumber(meetingId, number) {
      const [row] = await db.query<RawVersion>(
        `SELECT ${VERSION_COLUMNS} FROM plan_versions WHERE meeting_id = $1 AND number = $2`,
        [meetingId, number],
      )
      return toVersion(row)
    },

    async nextNumber(meetingId) {
      const [row] = await db.query<{ n: number }>(
        'SELECT coalesce(max(number), 0) + 1 AS n FROM plan_versions WHERE meeting_id = $1',
        [meetingId],
      )
      return row!.n
    },

    async addVersion(meetingId, version, now = Date.now()) {
      await db.query(
        `INSERT INTO plan_versions (meeting_id, number, hash, canonical_json, snapshot, skipped, locked_at, locked_by,
           consent_json)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        versionValues(meetingId, version, now),
      )
    },

    async voidVersion(versionId, reason, now = Date.now()) {
      const { rowCount } = await db.execute(
        'UPDATE plan_versions SET voided_at = $1, void_reason = $2 WHERE id = $3 AND voided_at IS NULL',
        [now, reason, versionId],
      )
      return rowCount === 1
    },

    async sign(signature, now = Date.now()) {
      // SQLite reads, then inserts; one statement here, so two signers at once cannot both succeed.
      const { rowCount } = await db.execute(
        `INSERT INTO signatures (version_id, participant_id, method, typed_name, witnessed_by, drawing, signed_at,
                                 source_address)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (version_id, participant_id) DO NOTHING`,
        [
          signature.versionId,
          signature.participantId,
          signature.method,
          signature.typedName,
          signature.witnessedBy,
          signature.drawing,
          now,
          signature.sourceAddress,
        ],
      )
      return rowCount === 1
    },

    signatures: (meetingId) =>
      db.query<SignatureRow>(
        `SELECT s.version_id AS "versionId", v.number AS "versionNumber", s.participant_id AS "participantId",
                s.method, s.typed_name AS "typedName", s.witnessed_by AS "witnessedBy", s.drawing,
                s.signed_at AS "signedAt", v.voided_at IS NOT NULL AS voided
         FROM signatures s JOIN plan_versions v ON v.id = s.version_id
         WHERE v.meeting_id = $1 ORDER BY v.number DESC, s.signed_at, s.id`,
        [meetingId],
      ),

    missing: (meetingId) =>
      db.query<MissingSignature>(
        `SELECT participant_id AS "participantId", reason, category FROM missing_signatures
         WHERE meeting_id = $1 ORDER BY insert_order`,
        [meetingId],
      ),

    async finalize(meetingId, versionId, missing, now = Date.now()) {
      if (missing.length > 0) {
        await db.query(
          `INSERT INTO missing_signatures (meeting_id, version_id, participant_id, reason, category)
           SELECT $1, $2, m.participant_id, m.reason, m.category
           FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS m(participant_id, reason, category, n)
           ORDER BY m.n`,
          [
            meetingId,
            versionId,
            missing.map((m) => m.participantId),
            missing.map((m) => m.reason),
            missing.map((m) => m.category),
          ],
        )
      }
      await db.query(
        "UPDATE meetings SET status = 'finalized', finalized_at = $1, updated_at = $1 WHERE id = $2",
        [now, meetingId],
      )
    },

    finalizedAt,

    async isFrozen(meetingId) {
      const [row] = await db.query<{ frozen: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM plan_versions WHERE meeting_id = $1 AND voided_at IS NULL)
             OR EXISTS (SELECT 1 FROM meetings WHERE id = $1 AND finalized_at IS NOT NULL) AS frozen`,
        [meetingId],
      )
      return row!.frozen
    },

    async hasAnswered(meetingId, participantId) {
      const rows = await db.query(
        'SELECT 1 FROM satisfaction_given WHERE meeting_id = $1 AND participant_id = $2',
        [meetingId, participantId],
      )
      return rows.length > 0
    },

    async answerSatisfaction(meetingId, participantId, answer, now = Date.now()) {
      const { rowCount } = await db.execute(
        'INSERT INTO satisfaction_given (meeting_id, participant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [meetingId, participantId],
      )
      if (rowCount === 0) return false
      await db.query(
        'INSERT INTO satisfaction_answers (meeting_id, score, comment, created_at) VALUES ($1, $2, $3, $4)',
        [meetingId, answer.score, answer.comment, new Date(now).toISOString().slice(0, 10)],
      )
      return true
    },
  }
}
