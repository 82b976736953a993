import { useCallback, useEffect, useState } from 'react'
import type { MeetingState } from '../../shared/schemas/signoff'
import { roomApi } from '../room-api'
import type { Connection } from '../sync/connection'

/**
 * The sign-off state (docs/protocol.md G10): read once from GET .../plan/state, then kept live by
 * the server's meetingState frames on the sync socket (G8). `apply` takes a state a POST answered.
 */
export function useMeetingState(
  connection: Connection,
  meetingId: string,
  participantId: string,
): { state: MeetingState | null; apply: (state: MeetingState) => void } {
  const [state, setState] = useState<MeetingState | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    // Frames received so far: an answer to a request sent before the latest frame is older than it.
    let frames = 0
    const off = connection.onMeetingState((next) => {
      frames++
      setState(next)
    })
    const load = (): void => {
      const before = frames
      roomApi.planState(meetingId, participantId, controller.signal).then(
        (result) => {
          if (result.ok && frames === before) setState(result.data)
        },
        () => {},
      )
    }
    load()
    // Frames sent while the socket was down are lost: read the state again on every reconnect.
    const onSync = (synced: boolean): void => {
      if (synced) load()
    }
    connection.provider.on('sync', onSync)
    return () => {
      off()
      connection.provider.off('sync', onSync)
      controller.abort()
    }
  }, [connection, meetingId, participantId])

  const apply = useCallback((next: MeetingState) => setState(next), [])
  return { state, apply }
}
