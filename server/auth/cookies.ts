import type { CookieSerializeOptions } from '@fastify/cookie'
import type { FastifyReply } from 'fastify'
import { SyncParams } from '../../shared/protocol'

/** The staff sign-in cookie. */
export const STAFF_COOKIE = 'sip_staff'

/**
 * Participants get one cookie per participant, `sip_p_<participantId>`, and name which one they are
 * with the query parameter `as` – so tabs of one browser can each be someone else (a chair's tab
 * and a guardian's tab on the same laptop).
 */
export const PARTICIPANT_PARAM = SyncParams.participant

export function participantCookieName(participantId: string): string {
  return `sip_p_${participantId}`
}

/** What `as` may look like: the ids we issue (UUIDs), so a cookie name is never built from junk. */
export function isParticipantId(value: unknown): value is string {
  return (
    typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)
  )
}

/**
 * HttpOnly (no script reads them), SameSite=Strict (never sent on a request another site starts),
 * Path=/ (the API and the sync socket), Secure when the public URL is https. Without `expires` the
 * cookie ends with the browser session.
 */
export function cookieOptions(secure: boolean, expires?: Date): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure, ...(expires ? { expires } : {}) }
}

/** Sets `sip_p_<participantId>`; it expires with the link it was exchanged for. */
export function setParticipantCookie(
  reply: FastifyReply,
  participantId: string,
  value: string,
  expiresAt: number,
  secure: boolean,
): void {
  reply.setCookie(participantCookieName(participantId), value, cookieOptions(secure, new Date(expiresAt)))
}
