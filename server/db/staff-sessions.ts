import type { Db } from './connection'
import { hashToken, newToken } from './secrets'
import type { UserRow } from './users'

export interface StaffSessionRow {
  id: number
  userId: string
  createdAt: number
  idleExpiresAt: number
  absoluteExpiresAt: number
}

export type StaffSessionLookup =
  | { ok: true; session: StaffSessionRow; user: UserRow }
  | { ok: false; reason: 'unknown' | 'expired' }

/**
 * Staff sign-in sessions (`sip_staff` cookie; only its SHA-256 is stored). The timing policy –
 * idle timeout, absolute maximum – is server/auth/staff-auth.ts's; this store only keeps the times.
 */
/** A session's row joined with its user's, as both engines' stores read it. */
export type SessionWithUser = StaffSessionRow & {
  endedAt: number | null
  email: string
  name: string
  isAdmin: number
  disabledAt: number | null
  userCreatedAt: number
  organisation: string
  function: string
  municipality: string
  statistics: number
}

/**
 * The rule of a staff session look-up, for either engine: ended or its user disabled – unknown;
 * past its idle or absolute expiry – expired; else the session and its user.
 */
export function sessionLookupOf(row: SessionWithUser | undefined, now: number): StaffSessionLookup {
  if (!row || row.endedAt !== null || row.disabledAt !== null) return { ok: false, reason: 'unknown' }
  if (row.idleExpiresAt <= now || row.absoluteExpiresAt <= now) return { ok: false, reason: 'expired' }
  return {
    ok: true,
    session: {
      id: row.id,
      userId: row.userId,
      createdAt: row.createdAt,
      idleExpiresAt: row.idleExpiresAt,
      absoluteExpiresAt: row.absoluteExpiresAt,
    },
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      isAdmin: row.isAdmin === 1,
      disabledAt: null,
      createdAt: row.userCreatedAt,
      organisation: row.organisation,
      function: row.function,
      municipality: row.municipality,
      statistics: row.statistics === 1,
    },
  }
}

export function staffSessionStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO staff_sessions (token_hash, user_id, created_at, idle_expires_at, absolute_expires_at)
     VALUES (?, ?, ?, ?, ?)`,
  )
  const lookup = db.prepare(
    `SELECT s.id, s.user_id AS userId, s.created_at AS createdAt, s.idle_expires_at AS idleExpiresAt,
            s.absolute_expires_at AS absoluteExpiresAt, s.ended_at AS endedAt,
            u.email, u.name, u.is_admin AS isAdmin, u.disabled_at AS disabledAt, u.created_at AS userCreatedAt,
            u.organisation, u.function, u.municipality, u.statistics
     FROM staff_sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ?`,
  )
  const touch = db
    .prepare(
      'UPDATE staff_sessions SET idle_expires_at = min(?, absolute_expires_at) WHERE id = ? RETURNING idle_expires_at',
    )
    .pluck()
  const end = db.prepare('UPDATE staff_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL')
  const endForUser = db.prepare(
    'UPDATE staff_sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL',
  )
  const purge = db.prepare('DELETE FROM staff_sessions WHERE absolute_expires_at < ? OR ended_at < ?')

  return {
    /** Starts a session; returns the cookie value (the only time it exists). */
    create(
      userId: string,
      { idleMs, maxMs }: { idleMs: number; maxMs: number },
      now = Date.now(),
    ): { value: string; session: StaffSessionRow } {
      const value = newToken()
      const absoluteExpiresAt = now + maxMs
      const idleExpiresAt = Math.min(now + idleMs, absoluteExpiresAt)
      const id = Number(
        insert.run(hashToken(value), userId, now, idleExpiresAt, absoluteExpiresAt).lastInsertRowid,
      )
      return { value, session: { id, userId, createdAt: now, idleExpiresAt, absoluteExpiresAt } }
    },

    /** A session that has not ended, not run out, and whose user is not disabled. */
    lookup(value: string, now = Date.now()): StaffSessionLookup {
      return sessionLookupOf(lookup.get(hashToken(value)) as SessionWithUser | undefined, now)
    },

    /** Extends the idle expiry (never past the absolute one); returns the new idle expiry. */
    touch(sessionId: number, idleExpiresAt: number): number {
      return touch.get(idleExpiresAt, sessionId) as number
    },

    end(sessionId: number, now = Date.now()): void {
      end.run(now, sessionId)
    },

    endAllForUser(userId: string, now = Date.now()): void {
      endForUser.run(now, userId)
    },

    /** Forgets sessions that ended or ran out more than `keepMs` ago. */
    purge(now = Date.now(), keepMs = 24 * 60 * 60 * 1000): void {
      purge.run(now - keepMs, now - keepMs)
    },
  }
}

export type StaffSessionStore = ReturnType<typeof staffSessionStore>
