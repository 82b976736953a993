import type { MouseEvent } from 'react'
import { createStore, useStore } from '../ui/store'

/**
 * A small router on the History API: the page reads `pathname` and `search`, links push a new
 * entry, and the back button works. Enough for a dozen screens, with no dependency; the screens
 * and their addresses are in routes.ts.
 */

export interface RouteLocation {
  pathname: string
  search: string
  /** What `navigate` put on the history entry (e.g. why the sign-in page is shown). */
  state: NavigationState | null
}

export interface NavigationState {
  /** Why the user was sent to the sign-in page. */
  signInReason?: 'expired' | 'signed-out' | 'required'
  /** Where to continue after signing in. */
  next?: string
  /** A one-time message for the next screen (e.g. "the meeting is created"). */
  flash?: 'created' | 'followup-booked' | 'sip-closed'
}

function read(): RouteLocation {
  const state = window.history.state as NavigationState | null
  return {
    pathname: window.location.pathname,
    search: window.location.search,
    state: typeof state === 'object' ? state : null,
  }
}

const locationStore = createStore<RouteLocation>(
  read(),
  (a, b) => a.pathname === b.pathname && a.search === b.search && a.state === b.state,
)

window.addEventListener('popstate', () => locationStore.set(read()))

export function useLocation(): RouteLocation {
  return useStore(locationStore)
}

export function navigate(to: string, options: { replace?: boolean; state?: NavigationState } = {}): void {
  const state = options.state ?? null
  if (options.replace) window.history.replaceState(state, '', to)
  else window.history.pushState(state, '', to)
  // A new screen starts at the top, as after a page load.
  window.scrollTo(0, 0)
  locationStore.set(read())
}

/** For `<a href onClick={followLink}>`: same-document navigation unless the user asked for a new tab. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0) return
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const anchor = event.currentTarget
  if (anchor.target && anchor.target !== '_self') return
  const url = new URL(anchor.href)
  if (url.origin !== window.location.origin) return
  event.preventDefault()
  navigate(url.pathname + url.search)
}
