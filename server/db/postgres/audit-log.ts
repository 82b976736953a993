import { AUDIT_OPEN_WINDOW_MINUTES } from '../../../shared/limits'
import type { AuditEntry } from '../../../shared/schemas/staff'
import type { NewAuditEntry } from '../audit-log'
import type { Stores } from '../contract'
import type { PostgresEngine } from './engine'

/** Rows remembered for counting repeated opens; beyond it the oldest are forgotten (a new row starts). */
const MAX_OPEN_ROWS_REMEMBERED = 10_000

/**
 * server/db/audit-log.ts on PostgreSQL: append-only (the trigger in schema-1.ts refuses every
 * change but counting a repeated open). The rows that count repeated opens (A10) are remembered in
 * this process, as on SQLite – so with several processes a seat gets at most one row per process
 * and window. SQLite ran a recordOpen from start to end at once; here the opens of one key wait for
 * each other, so two at the same moment still make one row and one count.
 */
export function postgresAuditLogStore(
  db: PostgresEngine,
  options: { openWindowMs?: number } = {},
): Stores['audit'] {
  const openWindowMs = options.openWindowMs ?? AUDIT_OPEN_WINDOW_MINUTES * 60_000
  /**
   * The row that recorded a seat's first open from an address in the current window. A hint, checked
   * by the UPDATE's row count: a row recorded in a transaction that was rolled back – or run again
   * after a conflict (engine.ts) – was never committed, its id is never handed out again (identity,
   * unlike SQLite's rowid after a rollback), so the count finds no row and a new one is recorded.
   */
  const openRows = new Map<string, { id: number; at: number }>()
  /** The recordOpen in progress per key: the next one of that key waits for it. */
  const inProgress = new Map<string, Promise<void>>()

  async function insertRow(entry: NewAuditEntry, now: number): Promise<number> {
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO audit_log (at, action, actor, actor_name, meeting_id, subject, source_address, sip_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        now,
        entry.action,
        entry.actor,
        entry.actorName ?? null,
        entry.meetingId ?? null,
        entry.subject ?? null,
        entry.sourceAddress ?? null,
        entry.sipId ?? null,
      ],
    )
    return row!.id
  }

  async function recordOpen(key: string, entry: NewAuditEntry, now: number): Promise<void> {
    const row = openRows.get(key)
    if (row && now - row.at < openWindowMs) {
      const { rowCount } = await db.execute(
        'UPDATE audit_log SET count = count + 1, last_at = $1 WHERE id = $2',
        [now, row.id],
      )
      if (rowCount === 1) return
    }
    const id = await insertRow(entry, now)
    openRows.delete(key)
    if (openRows.size >= MAX_OPEN_ROWS_REMEMBERED) {
      for (const [old, remembered] of openRows) {
        if (openRows.size < MAX_OPEN_ROWS_REMEMBERED && now - remembered.at < openWindowMs) break
        openRows.delete(old)
      }
    }
    openRows.set(key, { id, at: now })
  }

  return {
    async append(entry, now = Date.now()) {
      await insertRow(entry, now)
    },

    recordOpen(entry, now = Date.now()) {
      const key = `${entry.actor}\u0000${entry.meetingId ?? ''}\u0000${entry.sourceAddress ?? ''}`
      // Inside a transaction it must not wait for an open outside it, which may wait for its locks.
      if (db.inTransaction()) return recordOpen(key, entry, now)
      const before = inProgress.get(key) ?? Promise.resolve()
      const mine = before.then(() => recordOpen(key, entry, now))
      // What the next open of the key waits for: this one settled, whether it failed or not.
      const settled = mine.catch(() => {})
      inProgress.set(key, settled)
      void settled.then(() => {
        if (inProgress.get(key) === settled) inProgress.delete(key)
      })
      return mine
    },

    async forMeeting(meetingId, sipId = null, limit = 10_000) {
      const rows = await db.query<
        Omit<AuditEntry, 'at' | 'lastAt'> & {
          at: number
          lastAt: number | null
        }
      >(
        `SELECT id, at, action, actor, actor_name AS "actorName", meeting_id AS "meetingId", subject,
                source_address AS "sourceAddress", count, last_at AS "lastAt", sip_id AS "sipId"
         FROM audit_log WHERE meeting_id = $1 OR (meeting_id IS NULL AND sip_id = $2)
         ORDER BY id DESC LIMIT $3`,
        [meetingId, sipId, limit],
      )
      return rows.map((row) => ({
        ...row,
        at: new Date(row.at).toISOString(),
        lastAt: row.lastAt === null ? null : new Date(row.lastAt).toISOString(),
      }))
    },
  }
}
