import type { TokenHolderRow } from '../access-tokens'
import type { Stores } from '../contract'
import { hashToken, newToken } from '../secrets'
import { TOKEN_HOLDER_COLUMNS } from './access-tokens'
import type { PostgresEngine } from './engine'

/**
 * server/db/participant-sessions.ts on PostgreSQL: a session is exactly as valid as the link it
 * came from; only the SHA-256 of the cookie value is stored.
 */
export function postgresParticipantSessionStore(db: PostgresEngine): Stores['participantSessions'] {
  return {
    async create(link, staffUserId, now = Date.now()) {
      const value = newToken()
      await db.query(
        `INSERT INTO participant_sessions (token_hash, access_token_id, participant_id, staff_user_id, created_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [hashToken(value), link.tokenId, link.participantId, staffUserId, now],
      )
      return value
    },

    async lookup(value, participantId) {
      const [row] = await db.query<TokenHolderRow>(
        `SELECT ${TOKEN_HOLDER_COLUMNS}
         FROM participant_sessions s
         JOIN access_tokens t ON t.id = s.access_token_id
         JOIN participants p ON p.id = t.participant_id
         WHERE s.token_hash = $1 AND s.participant_id = $2`,
        [hashToken(value), participantId],
      )
      return row
    },

    async deleteForStaffUser(userId) {
      const rows = await db.query<{ tokenId: number }>(
        `WITH deleted AS (
           DELETE FROM participant_sessions WHERE staff_user_id = $1 RETURNING id, access_token_id)
         SELECT access_token_id AS "tokenId" FROM deleted ORDER BY id`,
        [userId],
      )
      return [...new Set(rows.map((r) => r.tokenId))]
    },
  }
}
