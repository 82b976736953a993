import { TOKEN_BYTES } from './limits'

/**
 * A personal link is `<publicUrl>/j#t=<token>`. The token travels in the fragment, which browsers
 * never send to any server (not in logs, not in a Referer); the /j page posts it to /api/join,
 * gets a cookie, and continues to a URL without it (docs/decisions/002). The server makes links
 * (server/meetings/service.ts); the join page reads them (client/join/token.ts).
 */

/** The join page's path. */
export const JOIN_PATH = '/j'

/** The fragment's key for the token: `#t=<token>`. */
export const LINK_TOKEN_KEY = 't'

export function participantLink(publicUrl: string, token: string): string {
  return `${publicUrl}${JOIN_PATH}#${LINK_TOKEN_KEY}=${token}`
}

/**
 * A link token as issued (A4): TOKEN_BYTES random bytes in base64url without padding – 43
 * characters for 256 bits. Anything else is not one of ours, so it is refused without a look-up
 * (server) or without a request (join page).
 */
export const LINK_TOKEN_CHARS = Math.ceil((TOKEN_BYTES * 8) / 6)
export const LINK_TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${LINK_TOKEN_CHARS}}$`)

export function isLinkToken(value: unknown): value is string {
  return typeof value === 'string' && LINK_TOKEN_PATTERN.test(value)
}
