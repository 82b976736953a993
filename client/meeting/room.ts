import type { SessionResponse } from '../../shared/schemas/session'
import type { MeetingState } from '../../shared/schemas/signoff'
import type { Connection, ConnectionState } from '../sync/connection'

/** What every meeting-room screen gets from MeetingPage. */
export interface RoomProps {
  connection: Connection
  me: SessionResponse
  state: ConnectionState
  /** This screen may change the plan now: a writer's link, not refused by the server, not closed. */
  editable: boolean
  onSessionChange: (session: SessionResponse) => void
  /** The sign-off state (null until loaded); while locked or finalized, `editable` is false. */
  signoff: MeetingState | null
  /** Shows a state a sign-off request answered, before the server's frame arrives. */
  applySignoff: (state: MeetingState) => void
}

/**
 * Which screen of the meeting an address opens: the role's room, or – for the chair – the coaching
 * window beside the wall (routes.coaching). Other roles get their room at either address.
 */
export type MeetingView = 'room' | 'coaching'
