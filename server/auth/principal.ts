import type { FastifyRequest } from 'fastify'
import { SyncParams } from '../../shared/protocol'
import type { AccessTokenStore, Principal } from '../db/access-tokens'
import { looksLikeToken } from './tokens'

export type AuthResult =
  | { ok: true; principal: Principal }
  | {
      ok: false
      status: 401 | 403
      reason: 'missing-token' | 'unknown' | 'expired' | 'revoked' | 'other-meeting'
    }

/**
 * Decides who is asking, from the request alone, for one meeting. Today: the link token in the
 * query string (what the stock y-websocket client sends as `params: { token }`). The session
 * cookie that a browser gets from opening its link plugs in here, in front of the query token.
 */
export function authenticate(
  request: FastifyRequest,
  tokens: AccessTokenStore,
  meetingId: string,
): AuthResult {
  const query = request.query as Record<string, unknown>
  const token = query[SyncParams.token]
  if (!looksLikeToken(token))
    return { ok: false, status: 401, reason: token === undefined ? 'missing-token' : 'unknown' }
  const found = tokens.lookup(token)
  if (!found.ok) return { ok: false, status: 401, reason: found.reason }
  if (found.principal.meetingId !== meetingId) return { ok: false, status: 403, reason: 'other-meeting' }
  return { ok: true, principal: found.principal }
}

/** The token in `Authorization: Bearer <token>`, if it has the shape we issue. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (!header?.startsWith('Bearer ')) return undefined
  const token = header.slice('Bearer '.length).trim()
  return looksLikeToken(token) ? token : undefined
}
