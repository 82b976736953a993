import type { MissingSignatureReason } from '../../shared/schemas/signoff'
import type { Db } from './connection'

export interface PlanVersionRow {
  id: number
  meetingId: string
  number: number
  hash: string
  canonicalJson: string
  snapshot: Uint8Array
  /** G13: what the lock left out of a damaged plan, as JSON text (an array; '[]' for nothing). */
  skippedJson: string
  lockedAt: number
  lockedBy: string
  voidedAt: number | null
  voidReason: string | null
  /** P2: the consent it was locked under (JSON of MinutesConsent), or null for none. */
  consentJson: string | null
}

/** A required signature the chair finalized without, and why (G7). */
export interface MissingSignature {
  participantId: string
  reason: string
  category: MissingSignatureReason
}

export type SignMethod = 'own-device' | 'in-room'

export interface SignatureRow {
  versionId: number
  versionNumber: number
  participantId: string
  method: SignMethod
  typedName: string
  witnessedBy: string | null
  signedAt: number
  /** SVG path data of a signature drawn in the room, else null. */
  drawing: string | null
  voided: boolean
}

export interface NewSignature {
  versionId: number
  participantId: string
  method: SignMethod
  typedName: string
  witnessedBy: string | null
  drawing: string | null
  sourceAddress: string | null
}

const VERSION_COLUMNS = `id, meeting_id AS meetingId, number, hash, canonical_json AS canonicalJson, snapshot,
  skipped AS skippedJson, locked_at AS lockedAt, locked_by AS lockedBy, voided_at AS voidedAt, void_reason AS voidReason,
  consent_json AS consentJson`

/**
 * Sign-off in SQL only (docs/protocol.md G): plan versions frozen at lock, signatures, missing
 * signatures, finalization, and the anonymous satisfaction answers. Nothing here is ever deleted
 * by the application: an unlock voids a version and its signatures stay, marked void.
 */
export function signoffStore(db: Db) {
  const selectVersions = db.prepare(
    `SELECT ${VERSION_COLUMNS} FROM plan_versions WHERE meeting_id = ? ORDER BY number DESC`,
  )
  const selectActive = db.prepare(
    `SELECT ${VERSION_COLUMNS} FROM plan_versions WHERE meeting_id = ? AND voided_at IS NULL`,
  )
  const selectByNumber = db.prepare(
    `SELECT ${VERSION_COLUMNS} FROM plan_versions WHERE meeting_id = ? AND number = ?`,
  )
  const maxNumber = db
    .prepare('SELECT coalesce(max(number), 0) FROM plan_versions WHERE meeting_id = ?')
    .pluck()
  const insertVersion = db.prepare(
    `INSERT INTO plan_versions (meeting_id, number, hash, canonical_json, snapshot, skipped, locked_at, locked_by,
       consent_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const voidVersion = db.prepare(
    'UPDATE plan_versions SET voided_at = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL',
  )
  const insertSignature = db.prepare(
    `INSERT INTO signatures (version_id, participant_id, method, typed_name, witnessed_by, drawing, signed_at,
                             source_address)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const selectSigned = db.prepare('SELECT 1 FROM signatures WHERE version_id = ? AND participant_id = ?')
  const selectSignatures = db.prepare(
    `SELECT s.version_id AS versionId, v.number AS versionNumber, s.participant_id AS participantId,
            s.method, s.typed_name AS typedName, s.witnessed_by AS witnessedBy, s.drawing, s.signed_at AS signedAt,
            v.voided_at IS NOT NULL AS voided
     FROM signatures s JOIN plan_versions v ON v.id = s.version_id
     WHERE v.meeting_id = ? ORDER BY v.number DESC, s.signed_at, s.id`,
  )
  const insertMissing = db.prepare(
    `INSERT INTO missing_signatures (meeting_id, version_id, participant_id, reason, category)
     VALUES (?, ?, ?, ?, ?)`,
  )
  const selectMissing = db.prepare(
    `SELECT participant_id AS participantId, reason, category FROM missing_signatures
     WHERE meeting_id = ? ORDER BY rowid`,
  )
  const finalize = db.prepare(
    "UPDATE meetings SET status = 'finalized', finalized_at = ?, updated_at = ? WHERE id = ?",
  )
  const selectFinalizedAt = db.prepare('SELECT finalized_at FROM meetings WHERE id = ?').pluck()
  const selectGiven = db.prepare(
    'SELECT 1 FROM satisfaction_given WHERE meeting_id = ? AND participant_id = ?',
  )
  const insertAnswer = db.prepare(
    'INSERT INTO satisfaction_answers (meeting_id, score, comment, created_at) VALUES (?, ?, ?, ?)',
  )
  const insertGiven = db.prepare(
    'INSERT OR IGNORE INTO satisfaction_given (meeting_id, participant_id) VALUES (?, ?)',
  )

  const toVersion = (row: unknown): PlanVersionRow | undefined => {
    if (!row) return undefined
    const r = row as PlanVersionRow & { snapshot: Buffer }
    return { ...r, snapshot: new Uint8Array(r.snapshot) }
  }

  return {
    versions(meetingId: string): PlanVersionRow[] {
      return selectVersions.all(meetingId).map((row) => toVersion(row)!)
    },

    /** The version that is locked or finalized, if any. */
    active(meetingId: string): PlanVersionRow | undefined {
      return toVersion(selectActive.get(meetingId))
    },

    byNumber(meetingId: string, number: number): PlanVersionRow | undefined {
      return toVersion(selectByNumber.get(meetingId, number))
    },

    /** The number the next version of this meeting gets: the last one's + 1, from 1. */
    nextNumber(meetingId: string): number {
      return (maxNumber.get(meetingId) as number) + 1
    },

    /**
     * Stores a new version under the number nextNumber gave (its canonical JSON names that number,
     * G1). Call inside the same transaction as nextNumber.
     */
    addVersion(meetingId: string, version: NewPlanVersion, now = Date.now()): void {
      insertVersion.run(...versionValues(meetingId, version, now))
    },

    voidVersion(versionId: number, reason: string, now = Date.now()): boolean {
      return voidVersion.run(now, reason, versionId).changes === 1
    },

    /** False if this participant has already signed this version. */
    sign(signature: NewSignature, now = Date.now()): boolean {
      if (selectSigned.get(signature.versionId, signature.participantId)) return false
      insertSignature.run(
        signature.versionId,
        signature.participantId,
        signature.method,
        signature.typedName,
        signature.witnessedBy,
        signature.drawing,
        now,
        signature.sourceAddress,
      )
      return true
    },

    signatures(meetingId: string): SignatureRow[] {
      return (selectSignatures.all(meetingId) as (Omit<SignatureRow, 'voided'> & { voided: number })[]).map(
        (row) => ({ ...row, voided: row.voided === 1 }),
      )
    },

    missing(meetingId: string): MissingSignature[] {
      return selectMissing.all(meetingId) as MissingSignature[]
    },

    /** Records the missing signatures and marks the meeting finalized. Call inside a transaction. */
    finalize(
      meetingId: string,
      versionId: number,
      missing: readonly MissingSignature[],
      now = Date.now(),
    ): void {
      for (const m of missing) insertMissing.run(meetingId, versionId, m.participantId, m.reason, m.category)
      finalize.run(now, now, meetingId)
    },

    finalizedAt(meetingId: string): number | null {
      return (selectFinalizedAt.get(meetingId) as number | null | undefined) ?? null
    },

    /** Whether the meeting's room must be frozen: an active version, or finalized. */
    isFrozen(meetingId: string): boolean {
      return selectActive.get(meetingId) !== undefined || this.finalizedAt(meetingId) !== null
    },

    hasAnswered(meetingId: string, participantId: string): boolean {
      return selectGiven.get(meetingId, participantId) !== undefined
    },

    /**
     * Stores an answer without the answerer, and that this participant has answered (in a table of
     * its own, not linked to the answer). False if they had answered already. Call inside a transaction.
     */
    answerSatisfaction(
      meetingId: string,
      participantId: string,
      answer: { score: number; comment: string },
      now = Date.now(),
    ): boolean {
      if (insertGiven.run(meetingId, participantId).changes === 0) return false
      insertAnswer.run(meetingId, answer.score, answer.comment, new Date(now).toISOString().slice(0, 10))
      return true
    },
  }
}

export type SignoffStore = ReturnType<typeof signoffStore>

/** A plan version as the lock stores it (G1): what addVersion takes. */
export interface NewPlanVersion {
  number: number
  hash: string
  canonicalJson: string
  snapshot: Uint8Array
  skippedJson: string
  lockedBy: string
  consentJson: string | null
}

/**
 * A new plan version's values in the order both engines' INSERT names its columns: meeting_id,
 * number, hash, canonical_json, snapshot, skipped, locked_at, locked_by, consent_json.
 */
export function versionValues(meetingId: string, version: NewPlanVersion, now: number): unknown[] {
  return [
    meetingId,
    version.number,
    version.hash,
    version.canonicalJson,
    version.snapshot,
    version.skippedJson,
    now,
    version.lockedBy,
    version.consentJson,
  ]
}
