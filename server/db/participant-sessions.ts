import { TOKEN_HOLDER_COLUMNS, type TokenHolderRow } from './access-tokens'
import type { Db } from './connection'
import { hashToken, newToken } from './secrets'

/**
 * Cookie sessions of participants (`sip_p_<participantId>`), what a link is exchanged for. A
 * session has no expiry of its own: it is exactly as valid as the link token it came from, so
 * revoking or expiring the link ends it too. Only the SHA-256 of the cookie value is stored.
 */
export function participantSessionStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO participant_sessions (token_hash, access_token_id, participant_id, staff_user_id, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  )
  const lookup = db.prepare(
    `SELECT ${TOKEN_HOLDER_COLUMNS}
     FROM participant_sessions s
     JOIN access_tokens t ON t.id = s.access_token_id
     JOIN participants p ON p.id = t.participant_id
     WHERE s.token_hash = ? AND s.participant_id = ?`,
  )
  const deleteForStaffUser = db.prepare(
    'DELETE FROM participant_sessions WHERE staff_user_id = ? RETURNING access_token_id AS tokenId',
  )

  return {
    /** A new session for a link; returns the cookie value (the only time it exists). */
    create(
      link: { tokenId: number; participantId: string },
      staffUserId: string | null,
      now = Date.now(),
    ): string {
      const value = newToken()
      insert.run(hashToken(value), link.tokenId, link.participantId, staffUserId, now)
      return value
    },

    /**
     * The link behind a cookie value, which must belong to `participantId` (the `as` parameter),
     * whatever its state: auth judges it like the link itself.
     */
    lookup(value: string, participantId: string): TokenHolderRow | undefined {
      return lookup.get(hashToken(value), participantId) as TokenHolderRow | undefined
    },

    /** Ends the sessions a staff member opened without a link; returns their link ids. */
    deleteForStaffUser(userId: string): number[] {
      return [...new Set((deleteForStaffUser.all(userId) as { tokenId: number }[]).map((r) => r.tokenId))]
    },
  }
}

export type ParticipantSessionStore = ReturnType<typeof participantSessionStore>
