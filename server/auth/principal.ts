import type { FastifyRequest } from 'fastify'
import { isLinkToken } from '../../shared/links'
import { SyncParams } from '../../shared/protocol'
import type { Role } from '../../shared/roles'
import type { TokenHolderRow } from '../db/access-tokens'
import type { Stores } from '../db/contract'
import { type NameableParticipant, participantDisplayName } from '../meetings/names'
import { isParticipantId, PARTICIPANT_PARAM, participantCookieName } from './cookies'
import type { FailureCounter } from './failure-counter'

/** What a valid link says about the person holding it. Decided by the server, never by the client. */
export interface Principal {
  tokenId: number
  meetingId: string
  participantId: string
  role: Role
  /** Shown to others: the name if known, else the function ("kurator, BUP"). */
  displayName: string
  /** When the link behind this principal stops working (epoch ms); the sync sweep checks it (A8). */
  expiresAt: number
}

export type RefusalReason = 'unknown' | 'expired' | 'revoked'

export type TokenLookup =
  | { ok: true; principal: Principal }
  | { ok: false; reason: RefusalReason; meetingId?: string; participantId?: string }

/**
 * Judges what a look-up by token or cookie found: refused (and why), or the principal the link
 * stands for – its holder named as others see them.
 */
export function principalFrom(row: TokenHolderRow | undefined, now = Date.now()): TokenLookup {
  if (!row) return { ok: false, reason: 'unknown' }
  const who = { meetingId: row.meetingId, participantId: row.participantId }
  if (row.revokedAt !== null) return { ok: false, reason: 'revoked', ...who }
  if (row.expiresAt <= now) return { ok: false, reason: 'expired', ...who }
  return {
    ok: true,
    principal: {
      tokenId: row.tokenId,
      ...who,
      role: row.role,
      displayName: participantDisplayName(row),
      expiresAt: row.expiresAt,
    },
  }
}

export type AuthFailureReason =
  | 'missing-token'
  | 'unknown'
  | 'expired'
  | 'revoked'
  | 'other-meeting'
  | 'too-many-failures'

export type AuthResult =
  | { ok: true; principal: Principal }
  | { ok: false; status: 401 | 403 | 429; reason: AuthFailureReason; retryAfterSeconds?: number }

export interface ParticipantAuthDeps {
  tokens: Stores['tokens']
  sessions: Stores['participantSessions']
  limiter: FailureCounter
  audit: Stores['audit']
}

/**
 * Decides which participant is asking, from the request alone (A1, A7). In order:
 *
 * 1. `as=<participantId>` in the query and the cookie `sip_p_<participantId>`: what a browser has
 *    after opening its link (POST /api/join). The session is exactly as valid as its link.
 * 2. A link token: `Authorization: Bearer` (scripts, GET /api/session) or `?token=` (the sync
 *    socket's stock client). Failed token look-ups count against the address; past the limit a
 *    valid token still passes and every other one gets 429 (A9).
 *
 * With `meetingId`, a principal of another meeting is refused with 403.
 */
export async function authenticate(
  request: FastifyRequest,
  deps: ParticipantAuthDeps,
  { meetingId, tokenFrom }: { meetingId?: string; tokenFrom: 'query' | 'bearer' },
): Promise<AuthResult> {
  const query = request.query as Record<string, unknown>
  const as = query[PARTICIPANT_PARAM]
  let result: AuthResult
  if (as !== undefined) {
    if (!isParticipantId(as)) return { ok: false, status: 401, reason: 'missing-token' }
    const cookie = request.cookies[participantCookieName(as)]
    if (!cookie) return { ok: false, status: 401, reason: 'missing-token' }
    result = await judge(principalFrom(await deps.sessions.lookup(cookie, as)), request, deps)
  } else {
    const token = tokenFrom === 'query' ? query[SyncParams.token] : bearerValue(request)
    if (token === undefined) return { ok: false, status: 401, reason: 'missing-token' }
    result = await tokenAuth(token, request, deps)
  }
  if (result.ok && meetingId !== undefined && result.principal.meetingId !== meetingId) {
    return { ok: false, status: 403, reason: 'other-meeting' }
  }
  return result
}

/**
 * A link token from the request; a failure is counted against the address. Used by POST /api/join,
 * bearer requests and the sync socket's `?token=`.
 *
 * A9: the token is always looked up, even from an address past the limit. A token has 256 random
 * bits, so nobody finds one by guessing: the limit is there to quiet the noise (answers, audit
 * rows, log lines), not to stop guesses. On a school's shared network one person's stale or mistyped
 * links must not lock everybody else out of the meeting. A look-up is one hash and one indexed
 * read; the /api/ ceiling (A14) and the socket-open rate (S15) bound how many an address asks for.
 */
export async function tokenAuth(
  token: unknown,
  request: FastifyRequest,
  deps: ParticipantAuthDeps,
): Promise<AuthResult> {
  // A token not of the issued shape (shared/links.ts) is not looked up, but fails all the same.
  const found: TokenLookup = isLinkToken(token)
    ? principalFrom(await deps.tokens.lookup(token))
    : { ok: false, reason: 'unknown' }
  if (found.ok) return found
  // Past the limit a refused link is neither answered in detail nor written to the audit log.
  const retryAfterSeconds = await deps.limiter.retryAfterSeconds(request.ip)
  if (retryAfterSeconds > 0) return { ok: false, status: 429, reason: 'too-many-failures', retryAfterSeconds }
  if (await deps.limiter.fail(request.ip)) request.log.warn('link failure limit reached for this address')
  return judge(found, request, deps)
}

/** A refused link that we know (expired or revoked) goes to its meeting's audit log. */
async function judge(
  found: TokenLookup,
  request: FastifyRequest,
  deps: ParticipantAuthDeps,
): Promise<AuthResult> {
  if (found.ok) return found
  if (found.meetingId !== undefined) {
    await deps.audit.append({
      action: 'link.refused',
      // Whoever holds a dead link is not known to be the participant it was made for.
      actor: 'anonymous',
      meetingId: found.meetingId,
      subject: `participant:${found.participantId}`,
      sourceAddress: request.ip,
    })
  }
  return { ok: false, status: 401, reason: found.reason }
}

/** The audit fields for an action by a participant, from `sourceAddress` (the request's address). */
export function participantActor(
  participant: { id: string } & NameableParticipant,
  sourceAddress: string,
): { actor: string; actorName: string; subject: string; sourceAddress: string } {
  return {
    actor: `participant:${participant.id}`,
    actorName: participantDisplayName(participant),
    subject: `participant:${participant.id}`,
    sourceAddress,
  }
}

/** The value of `Authorization: Bearer <value>`, if there is one. */
function bearerValue(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (!header?.startsWith('Bearer ')) return undefined
  return header.slice('Bearer '.length).trim()
}
