import { useSyncExternalStore } from 'react'
import type { StaffSession } from '../../shared/schemas/staff'
import { navigate } from '../router/router'

/**
 * Who is signed in, for every staff screen. `unknown` until GET /api/auth/me has answered once;
 * sign-in, refresh and sign-out replace it.
 */
export type StaffState =
  | { status: 'unknown' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; session: StaffSession }

let state: StaffState = { status: 'unknown' }
const listeners = new Set<() => void>()

export function getStaffState(): StaffState {
  return state
}

export function setStaffSession(session: StaffSession | null): void {
  state = session ? { status: 'signed-in', session } : { status: 'signed-out' }
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useStaffState(): StaffState {
  return useSyncExternalStore(subscribe, getStaffState)
}

/** Ends the staff session on this screen and sends the user to sign in, saying why. */
export function endStaffSession(reason: 'expired' | 'signed-out'): void {
  const here = window.location.pathname + window.location.search
  navigate('/logga-in', { state: { signInReason: reason, ...(reason === 'expired' ? { next: here } : {}) } })
  setStaffSession(null)
}
