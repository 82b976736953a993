import { AUDIT_OPEN_WINDOW_MINUTES } from '../../shared/limits'
import type { AUDIT_ACTIONS, AuditEntry } from '../../shared/schemas/staff'
import type { Db } from './connection'

/** Rows remembered for counting repeated opens; beyond it the oldest are forgotten (a new row starts). */
const MAX_OPEN_ROWS_REMEMBERED = 10_000

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface NewAuditEntry {
  action: AuditAction
  /** "staff:<userId>", "participant:<participantId>", "anonymous" or "system". */
  actor: string
  actorName?: string | null
  meetingId?: string | null
  /** The SIP, for actions on a SIP as a whole (docs/process.md P12). */
  sipId?: string | null
  /** The participant or user the action concerned. Never content, never a token. */
  subject?: string | null
  sourceAddress?: string | null
}

/**
 * The audit log: who did what to which meeting, when, from where. Append-only – triggers in the
 * schema refuse every delete and every update but one: counting one more repeated socket open on
 * the row that recorded the first (recordOpen).
 */
export function auditLogStore(db: Db, options: { openWindowMs?: number } = {}) {
  const openWindowMs = options.openWindowMs ?? AUDIT_OPEN_WINDOW_MINUTES * 60_000
  const insert = db.prepare(
    `INSERT INTO audit_log (at, action, actor, actor_name, meeting_id, subject, source_address, sip_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const forMeeting = db.prepare(
    `SELECT id, at, action, actor, actor_name AS actorName, meeting_id AS meetingId, subject,
            source_address AS sourceAddress, count, last_at AS lastAt, sip_id AS sipId
     FROM audit_log WHERE meeting_id = @meetingId OR (meeting_id IS NULL AND sip_id = @sipId)
     ORDER BY id DESC LIMIT @limit`,
  )
  const countAgain = db.prepare('UPDATE audit_log SET count = count + 1, last_at = ? WHERE id = ?')
  /** The row that recorded a seat's first open from an address in the current window. */
  const openRows = new Map<string, { id: number; at: number }>()

  function insertRow(entry: NewAuditEntry, now: number): number {
    const result = insert.run(
      now,
      entry.action,
      entry.actor,
      entry.actorName ?? null,
      entry.meetingId ?? null,
      entry.subject ?? null,
      entry.sourceAddress ?? null,
      entry.sipId ?? null,
    )
    return Number(result.lastInsertRowid)
  }

  return {
    append(entry: NewAuditEntry, now = Date.now()): void {
      insertRow(entry, now)
    },

    /**
     * A socket open (A10, S15): the first of a seat from an address in AUDIT_OPEN_WINDOW_MINUTES is
     * a row; the repeats within the window count on that row (count, last_at), so opening a link
     * in a loop cannot fill the log that can never be emptied.
     */
    recordOpen(entry: NewAuditEntry, now = Date.now()): void {
      const key = `${entry.actor}\u0000${entry.meetingId ?? ''}\u0000${entry.sourceAddress ?? ''}`
      const row = openRows.get(key)
      if (row && now - row.at < openWindowMs && countAgain.run(now, row.id).changes === 1) return
      const id = insertRow(entry, now)
      openRows.delete(key)
      if (openRows.size >= MAX_OPEN_ROWS_REMEMBERED) {
        for (const [old, remembered] of openRows) {
          if (openRows.size < MAX_OPEN_ROWS_REMEMBERED && now - remembered.at < openWindowMs) break
          openRows.delete(old)
        }
      }
      openRows.set(key, { id, at: now })
    },

    /**
     * A meeting's entries, newest first – with those about its SIP as a whole (`sipId`: closure,
     * huvudansvarig, deviations, the SIP page read; docs/process.md P12).
     */
    forMeeting(meetingId: string, sipId: string | null = null, limit = 10_000): AuditEntry[] {
      const rows = forMeeting.all({ meetingId, sipId, limit }) as (Omit<AuditEntry, 'at' | 'lastAt'> & {
        at: number
        lastAt: number | null
      })[]
      return rows.map((row) => ({
        ...row,
        at: new Date(row.at).toISOString(),
        lastAt: row.lastAt === null ? null : new Date(row.lastAt).toISOString(),
      }))
    },
  }
}

export type AuditLogStore = ReturnType<typeof auditLogStore>
