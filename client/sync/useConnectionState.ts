import { useStore } from '../ui/store'
import type { Connection, ConnectionState } from './connection'

export function useConnectionState(connection: Connection): ConnectionState {
  return useStore(connection.state)
}
