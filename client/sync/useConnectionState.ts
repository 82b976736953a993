import { useSyncExternalStore } from 'react'
import type { Connection, ConnectionState } from './connection'

export function useConnectionState(connection: Connection): ConnectionState {
  return useSyncExternalStore(connection.subscribe, connection.getState)
}
