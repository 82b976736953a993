import { DEFAULT_TOKEN_TTL_DAYS } from '../../../shared/limits'
import { DAY_MS, type LinkState, type TokenHolderRow } from '../access-tokens'
import type { Stores } from '../contract'
import { hashToken, newToken } from '../secrets'
import type { PostgresEngine } from './engine'

/** Columns for a TokenHolderRow, from `access_tokens t JOIN participants p` (quoted for PostgreSQL). */
export const TOKEN_HOLDER_COLUMNS = `t.id AS "tokenId", t.meeting_id AS "meetingId", t.participant_id AS "participantId",
  t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt", p.role AS role, p.name AS name,
  p.function AS function, p.organisation AS organisation, p.organisation_other AS "organisationOther"`

/** server/db/access-tokens.ts on PostgreSQL: only the token's SHA-256 is stored. */
export function postgresAccessTokenStore(db: PostgresEngine): Stores['tokens'] {
  return {
    async issue(
      participant,
      {
        now = Date.now(),
        ttlMs = DEFAULT_TOKEN_TTL_DAYS * DAY_MS,
        expiresAt = now + ttlMs,
      }: { now?: number; ttlMs?: number; expiresAt?: number } = {},
    ) {
      const token = newToken()
      const [row] = await db.query<{ id: number }>(
        `INSERT INTO access_tokens (token_hash, participant_id, meeting_id, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [hashToken(token), participant.id, participant.meetingId, expiresAt, now],
      )
      return { token, tokenId: row!.id, expiresAt }
    },

    async lookup(token) {
      const [row] = await db.query<TokenHolderRow>(
        `SELECT ${TOKEN_HOLDER_COLUMNS} FROM access_tokens t JOIN participants p ON p.id = t.participant_id
         WHERE t.token_hash = $1`,
        [hashToken(token)],
      )
      return row
    },

    async revoke(tokenId, now = Date.now()) {
      const { rowCount } = await db.execute(
        'UPDATE access_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
        [now, tokenId],
      )
      return rowCount > 0
    },

    async revokeForParticipant(participantId, now = Date.now()) {
      const rows = await db.query<{ id: number }>(
        `WITH revoked AS (
           UPDATE access_tokens SET revoked_at = $1 WHERE participant_id = $2 AND revoked_at IS NULL RETURNING id)
         SELECT id FROM revoked ORDER BY id`,
        [now, participantId],
      )
      return rows.map((r) => r.id)
    },

    async idsForParticipant(participantId) {
      const rows = await db.query<{ id: number }>(
        'SELECT id FROM access_tokens WHERE participant_id = $1 ORDER BY id',
        [participantId],
      )
      return rows.map((r) => r.id)
    },

    async active(participantId, now = Date.now()) {
      const [row] = await db.query<{ id: number; expiresAt: number }>(
        `SELECT id, expires_at AS "expiresAt" FROM access_tokens
         WHERE participant_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY id DESC LIMIT 1`,
        [participantId, now],
      )
      return row
    },

    async latestByParticipant(meetingId) {
      const rows = await db.query<LinkState & { participantId: string }>(
        `SELECT participant_id AS "participantId", expires_at AS "expiresAt", revoked_at AS "revokedAt",
                opened_at AS "openedAt"
         FROM access_tokens
         WHERE id IN (SELECT max(id) FROM access_tokens WHERE meeting_id = $1 GROUP BY participant_id)
         ORDER BY id`,
        [meetingId],
      )
      return new Map(rows.map(({ participantId, ...state }) => [participantId, state]))
    },

    async markOpened(tokenId, now = Date.now()) {
      await db.query('UPDATE access_tokens SET opened_at = $1 WHERE id = $2', [now, tokenId])
    },

    async reschedule(meetingId, expiresAt) {
      // A link that has already expired stays expired when the meeting moves.
      await db.query(
        'UPDATE access_tokens SET expires_at = $1 WHERE meeting_id = $2 AND revoked_at IS NULL AND expires_at > $3',
        [expiresAt, meetingId, Date.now()],
      )
    },

    async validIds(tokenIds, now = Date.now()) {
      if (tokenIds.length === 0) return new Set()
      const rows = await db.query<{ id: number }>(
        `SELECT id FROM access_tokens WHERE id = ANY($1::bigint[]) AND revoked_at IS NULL AND expires_at > $2`,
        [tokenIds, now],
      )
      return new Set(rows.map((r) => r.id))
    },
  }
}
