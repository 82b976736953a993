import { DEFAULT_TOKEN_TTL_DAYS } from '../../shared/limits'
import type { Role } from '../../shared/roles'
import type { Db } from './connection'
import { hashToken, newToken } from './secrets'

export const DAY_MS = 24 * 60 * 60 * 1000

/** The newest link of a participant, as the convener's list shows it. */
export interface LinkState {
  expiresAt: number
  revokedAt: number | null
  openedAt: number | null
}

/** A link token's row with the participant it was made for: what a look-up by token or cookie finds. */
export interface TokenHolderRow {
  tokenId: number
  meetingId: string
  participantId: string
  expiresAt: number
  revokedAt: number | null
  role: Role
  name: string | null
  function: string
  organisation: string
  organisationOther: string
}

/** Columns for a TokenHolderRow, from `access_tokens t JOIN participants p`. */
export const TOKEN_HOLDER_COLUMNS = `t.id AS tokenId, t.meeting_id AS meetingId, t.participant_id AS participantId,
  t.expires_at AS expiresAt, t.revoked_at AS revokedAt, p.role AS role, p.name AS name,
  p.function AS function, p.organisation AS organisation, p.organisation_other AS organisationOther`

/** The personal-link tokens. Only their SHA-256 is stored; the token exists only in the link. */
export function accessTokenStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO access_tokens (token_hash, participant_id, meeting_id, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  )
  const lookup = db.prepare(
    `SELECT ${TOKEN_HOLDER_COLUMNS} FROM access_tokens t JOIN participants p ON p.id = t.participant_id
     WHERE t.token_hash = ?`,
  )
  const revoke = db.prepare('UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
  const revokeForParticipant = db.prepare(
    'UPDATE access_tokens SET revoked_at = ? WHERE participant_id = ? AND revoked_at IS NULL RETURNING id',
  )
  const idsForParticipant = db.prepare('SELECT id FROM access_tokens WHERE participant_id = ?').pluck()
  const active = db.prepare(
    `SELECT id, expires_at AS expiresAt FROM access_tokens
     WHERE participant_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1`,
  )
  const latest = db.prepare(
    `SELECT participant_id AS participantId, expires_at AS expiresAt, revoked_at AS revokedAt,
            opened_at AS openedAt
     FROM access_tokens WHERE id IN (SELECT max(id) FROM access_tokens WHERE meeting_id = ? GROUP BY participant_id)`,
  )
  const markOpened = db.prepare('UPDATE access_tokens SET opened_at = ? WHERE id = ?')
  const reschedule = db.prepare(
    // A link that has already expired stays expired when the meeting moves.
    'UPDATE access_tokens SET expires_at = ? WHERE meeting_id = ? AND revoked_at IS NULL AND expires_at > ?',
  )
  const valid = db
    .prepare(
      `SELECT value FROM json_each(?) JOIN access_tokens t ON t.id = value
       WHERE t.revoked_at IS NULL AND t.expires_at > ?`,
    )
    .pluck()

  return {
    /**
     * Issues a link token for a participant: valid until `expiresAt` (default: `ttlMs`, by default
     * DEFAULT_TOKEN_TTL_DAYS, from now). Returns the raw token: the only time it exists.
     */
    issue(
      participant: { id: string; meetingId: string },
      {
        now = Date.now(),
        ttlMs = DEFAULT_TOKEN_TTL_DAYS * DAY_MS,
        expiresAt = now + ttlMs,
      }: { now?: number; ttlMs?: number; expiresAt?: number } = {},
    ): { token: string; tokenId: number; expiresAt: number } {
      const token = newToken()
      const result = insert.run(hashToken(token), participant.id, participant.meetingId, expiresAt, now)
      return { token, tokenId: Number(result.lastInsertRowid), expiresAt }
    },

    /** The row of a token, whatever its state: whether it still opens anything is auth's to judge. */
    lookup(token: string): TokenHolderRow | undefined {
      return lookup.get(hashToken(token)) as TokenHolderRow | undefined
    },

    revoke(tokenId: number, now = Date.now()): boolean {
      return revoke.run(now, tokenId).changes > 0
    },

    /** Revokes every live link of a participant; returns their ids (to close their sockets). */
    revokeForParticipant(participantId: string, now = Date.now()): number[] {
      return (revokeForParticipant.all(now, participantId) as { id: number }[]).map((r) => r.id)
    },

    /** Every token id a participant ever had (their sockets are closed before the row goes). */
    idsForParticipant(participantId: string): number[] {
      return idsForParticipant.all(participantId) as number[]
    },

    active(participantId: string, now = Date.now()): { id: number; expiresAt: number } | undefined {
      return active.get(participantId, now) as { id: number; expiresAt: number } | undefined
    },

    /** The newest link of each participant of a meeting. */
    latestByParticipant(meetingId: string): Map<string, LinkState> {
      const rows = latest.all(meetingId) as (LinkState & { participantId: string })[]
      return new Map(rows.map(({ participantId, ...state }) => [participantId, state]))
    },

    markOpened(tokenId: number, now = Date.now()): void {
      markOpened.run(now, tokenId)
    },

    /** The meeting moved: its live links now expire relative to the new start. */
    reschedule(meetingId: string, expiresAt: number): void {
      reschedule.run(expiresAt, meetingId, Date.now())
    },

    /** Which of these tokens are neither revoked nor expired. */
    validIds(tokenIds: readonly number[], now = Date.now()): Set<number> {
      if (tokenIds.length === 0) return new Set()
      return new Set(valid.all(JSON.stringify(tokenIds), now) as number[])
    },
  }
}

export type AccessTokenStore = ReturnType<typeof accessTokenStore>
