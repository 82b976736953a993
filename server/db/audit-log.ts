import type { AUDIT_ACTIONS, AuditEntry } from '../../shared/schemas/staff'
import type { Db } from './connection'

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface NewAuditEntry {
  action: AuditAction
  /** "staff:<userId>", "participant:<participantId>", "anonymous" or "system". */
  actor: string
  actorName?: string | null
  meetingId?: string | null
  /** The participant or user the action concerned. Never content, never a token. */
  subject?: string | null
  sourceAddress?: string | null
}

/**
 * The audit log: who did what to which meeting, when, from where. Append-only – this module has
 * no update or delete, and triggers in the schema refuse both.
 */
export function auditLogStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, action, actor, actor_name, meeting_id, subject, source_address)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const forMeeting = db.prepare(
    `SELECT id, at, action, actor, actor_name AS actorName, meeting_id AS meetingId, subject,
            source_address AS sourceAddress
     FROM audit_log WHERE meeting_id = ? ORDER BY id DESC LIMIT ?`,
  )

  return {
    append(entry: NewAuditEntry, now = Date.now()): void {
      insert.run(
        now,
        entry.action,
        entry.actor,
        entry.actorName ?? null,
        entry.meetingId ?? null,
        entry.subject ?? null,
        entry.sourceAddress ?? null,
      )
    },

    /** A meeting's entries, newest first. */
    forMeeting(meetingId: string, limit = 10_000): AuditEntry[] {
      const rows = forMeeting.all(meetingId, limit) as (Omit<AuditEntry, 'at'> & { at: number })[]
      return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }))
    },
  }
}

export type AuditLogStore = ReturnType<typeof auditLogStore>
