import { isLinkToken, LINK_TOKEN_KEY } from '../../shared/links'

/**
 * A personal link is `<public URL>/j#t=<token>` (shared/links.ts). Browsers never send the
 * fragment to a server (no access log, no Referer); the join page posts it once to /api/join,
 * which answers with an HttpOnly cookie, and the token leaves the address bar at once.
 */

export type LinkToken = { ok: true; token: string } | { ok: false; reason: 'missing' | 'malformed' }

let taken: LinkToken | null = null

/**
 * Takes the token from the fragment and removes it from the address bar and history. Read once
 * per page load: React may render (and run effects) twice, the token must still be found. A token
 * not of the issued shape is said to be broken without a request.
 */
export function takeLinkToken(location: Location = window.location): LinkToken {
  if (taken) return taken
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''))
  const token = fragment.get(LINK_TOKEN_KEY)
  if (location.hash) window.history.replaceState(null, '', location.pathname + location.search)
  if (token === null) taken = { ok: false, reason: 'missing' }
  else if (!isLinkToken(token)) taken = { ok: false, reason: 'malformed' }
  else taken = { ok: true, token }
  return taken
}
