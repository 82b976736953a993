/**
 * What a personal link carries, in its fragment: `#t=<token>`. Browsers never send the fragment to
 * a server (no logs, no Referer). Who the token belongs to is asked from the server (api.ts).
 */
export interface LinkToken {
  token: string
}

/** base64url, as the server issues tokens; a cheap check so an obviously broken link is said so. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/

/** One entry per meeting, so tabs open on different meetings (or roles) keep their own link. */
function storageKey(meetingId: string): string {
  return `sip-live:session:${meetingId}`
}

function parseLinkToken(value: unknown): LinkToken | null {
  if (typeof value !== 'object' || value === null) return null
  const { token } = value as { token?: unknown }
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return null
  return { token }
}

/**
 * Takes the link token for a meeting: from the link fragment if there is one (then stored in
 * sessionStorage and removed from the address bar, so it is not bookmarked, shared on screen or
 * kept in history), else from what this tab stored earlier. Returns null when there is no usable
 * token. sessionStorage is per tab, so three tabs opened with three links each keep their own.
 */
export function takeLinkToken(meetingId: string, location: Location = window.location): LinkToken | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''))
  const fromLink = fragment.get('t')
  if (fromLink !== null) {
    history.replaceState(history.state, '', location.pathname + location.search)
    const link = parseLinkToken({ token: fromLink })
    if (link) store(meetingId, link)
    return link
  }
  return load(meetingId)
}

function store(meetingId: string, link: LinkToken): void {
  try {
    sessionStorage.setItem(storageKey(meetingId), JSON.stringify(link))
  } catch {
    // Storage can be disabled; the session then lasts until the page is reloaded.
  }
}

function load(meetingId: string): LinkToken | null {
  try {
    const raw = sessionStorage.getItem(storageKey(meetingId))
    return raw === null ? null : parseLinkToken(JSON.parse(raw))
  } catch {
    return null
  }
}
