import type { SessionResponse } from '../../shared/schemas/session'
import type { Connection, ConnectionState } from '../sync/connection'

/** What every meeting-room screen gets from MeetingPage. */
export interface RoomProps {
  connection: Connection
  me: SessionResponse
  state: ConnectionState
  /** This screen may change the plan now: a writer's link, not refused by the server, not closed. */
  editable: boolean
  onSessionChange: (session: SessionResponse) => void
}
