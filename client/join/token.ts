/**
 * A personal link is `<public URL>/j#t=<token>`. Browsers never send the fragment to a server (no
 * access log, no Referer); the join page posts it once to /api/join, which answers with an
 * HttpOnly cookie, and the token leaves the address bar at once.
 */

/** base64url, as the server issues tokens; an obviously broken link is said so without a request. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/

export type LinkToken = { ok: true; token: string } | { ok: false; reason: 'missing' | 'malformed' }

let taken: LinkToken | null = null

/**
 * Takes the token from the fragment and removes it from the address bar and history. Read once
 * per page load: React may render (and run effects) twice, the token must still be found.
 */
export function takeLinkToken(location: Location = window.location): LinkToken {
  if (taken) return taken
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''))
  const token = fragment.get('t')
  if (location.hash) window.history.replaceState(null, '', location.pathname + location.search)
  if (token === null) taken = { ok: false, reason: 'missing' }
  else if (!TOKEN_SHAPE.test(token)) taken = { ok: false, reason: 'malformed' }
  else taken = { ok: true, token }
  return taken
}
