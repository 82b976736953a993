import type { StaffSession } from '../../shared/schemas/staff'
import { navigate } from '../router/router'
import { routes } from '../router/routes'
import { createStore, useStore } from '../ui/store'

/**
 * Who is signed in, for every staff screen. `unknown` until GET /api/auth/me has answered once;
 * sign-in, refresh and sign-out replace it.
 */
export type StaffState =
  | { status: 'unknown' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; session: StaffSession }

const staffState = createStore<StaffState>({ status: 'unknown' })

export function setStaffSession(session: StaffSession | null): void {
  staffState.set(session ? { status: 'signed-in', session } : { status: 'signed-out' })
}

export function useStaffState(): StaffState {
  return useStore(staffState)
}

/** Ends the staff session on this screen and sends the user to sign in, saying why. */
export function endStaffSession(reason: 'expired' | 'signed-out'): void {
  const here = window.location.pathname + window.location.search
  navigate(routes.signIn(), {
    state: { signInReason: reason, ...(reason === 'expired' ? { next: here } : {}) },
  })
  setStaffSession(null)
}
