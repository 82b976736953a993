import type { Stores } from '../contract'
import { hashToken, newToken } from '../secrets'
import { type SessionWithUser, sessionLookupOf } from '../staff-sessions'
import type { PostgresEngine } from './engine'

/** server/db/staff-sessions.ts on PostgreSQL: the times only; the policy is staff-auth's. */
export function postgresStaffSessionStore(db: PostgresEngine): Stores['staffSessions'] {
  return {
    async create(userId, { idleMs, maxMs }, now = Date.now()) {
      const value = newToken()
      const absoluteExpiresAt = now + maxMs
      const idleExpiresAt = Math.min(now + idleMs, absoluteExpiresAt)
      const [row] = await db.query<{ id: number }>(
        `INSERT INTO staff_sessions (token_hash, user_id, created_at, idle_expires_at, absolute_expires_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [hashToken(value), userId, now, idleExpiresAt, absoluteExpiresAt],
      )
      return { value, session: { id: row!.id, userId, createdAt: now, idleExpiresAt, absoluteExpiresAt } }
    },

    async lookup(value, now = Date.now()) {
      const [row] = await db.query<SessionWithUser>(
        `SELECT s.id, s.user_id AS "userId", s.created_at AS "createdAt", s.idle_expires_at AS "idleExpiresAt",
                s.absolute_expires_at AS "absoluteExpiresAt", s.ended_at AS "endedAt",
                u.email, u.name, u.is_admin AS "isAdmin", u.disabled_at AS "disabledAt",
                u.created_at AS "userCreatedAt", u.organisation, u.function, u.municipality, u.statistics
         FROM staff_sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1`,
        [hashToken(value)],
      )
      return sessionLookupOf(row, now)
    },

    async touch(sessionId, idleExpiresAt) {
      const [row] = await db.query<{ idleExpiresAt: number }>(
        `UPDATE staff_sessions SET idle_expires_at = least($1, absolute_expires_at) WHERE id = $2
         RETURNING idle_expires_at AS "idleExpiresAt"`,
        [idleExpiresAt, sessionId],
      )
      // SQLite's pluck() answers undefined for no row; the type says number, as there.
      return row?.idleExpiresAt as number
    },

    async end(sessionId, now = Date.now()) {
      await db.query('UPDATE staff_sessions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL', [
        now,
        sessionId,
      ])
    },

    async endAllForUser(userId, now = Date.now()) {
      await db.query('UPDATE staff_sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL', [
        now,
        userId,
      ])
    },

    async purge(now = Date.now(), keepMs = 24 * 60 * 60 * 1000) {
      await db.query('DELETE FROM staff_sessions WHERE absolute_expires_at < $1 OR ended_at < $1', [
        now - keepMs,
      ])
    },
  }
}
