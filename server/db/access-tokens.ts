import { DEFAULT_TOKEN_TTL_DAYS } from '../../shared/limits'
import type { Role } from '../../shared/roles'
import { hashToken, newToken } from '../auth/tokens'
import type { Db } from './connection'

const DAY_MS = 24 * 60 * 60 * 1000

/** What a valid token says about the person holding it. Decided by the server, never by the client. */
export interface Principal {
  tokenId: number
  meetingId: string
  participantId: string
  role: Role
  /** Shown to others: the name if known, else the function ("kurator, BUP"). */
  displayName: string
}

export type TokenLookup =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }

export function accessTokenStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO access_tokens (token_hash, participant_id, meeting_id, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  )
  const lookup = db.prepare(
    `SELECT t.id AS tokenId, t.meeting_id AS meetingId, t.participant_id AS participantId,
            t.expires_at AS expiresAt, t.revoked_at AS revokedAt,
            p.role AS role, p.name AS name, p.function AS function, p.organisation AS organisation
     FROM access_tokens t JOIN participants p ON p.id = t.participant_id
     WHERE t.token_hash = ?`,
  )
  const revoke = db.prepare('UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')

  return {
    /** Issues a link token for a participant. Returns the raw token: the only time it exists. */
    issue(
      participant: { id: string; meetingId: string },
      { now = Date.now(), ttlMs = DEFAULT_TOKEN_TTL_DAYS * DAY_MS }: { now?: number; ttlMs?: number } = {},
    ): { token: string; tokenId: number } {
      const token = newToken()
      const result = insert.run(hashToken(token), participant.id, participant.meetingId, now + ttlMs, now)
      return { token, tokenId: Number(result.lastInsertRowid) }
    },

    lookup(token: string, now = Date.now()): TokenLookup {
      const row = lookup.get(hashToken(token)) as
        | {
            tokenId: number
            meetingId: string
            participantId: string
            expiresAt: number
            revokedAt: number | null
            role: Role
            name: string | null
            function: string
            organisation: string
          }
        | undefined
      if (!row) return { ok: false, reason: 'unknown' }
      if (row.revokedAt !== null) return { ok: false, reason: 'revoked' }
      if (row.expiresAt <= now) return { ok: false, reason: 'expired' }
      return {
        ok: true,
        principal: {
          tokenId: row.tokenId,
          meetingId: row.meetingId,
          participantId: row.participantId,
          role: row.role,
          displayName: row.name ?? `${row.function}, ${row.organisation}`,
        },
      }
    },

    revoke(tokenId: number, now = Date.now()): boolean {
      return revoke.run(now, tokenId).changes > 0
    },
  }
}

export type AccessTokenStore = ReturnType<typeof accessTokenStore>
