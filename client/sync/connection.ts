import { roomEndpoints } from 'virtual:room-contract'
import * as decoding from 'lib0/decoding'
import type * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { matches } from '../../shared/json-schema'
import {
  type CloseCodeName,
  CloseCodes,
  closeCodeName,
  MessageType,
  PROTOCOL_VERSION,
  SYNC_PATH,
  SyncParams,
} from '../../shared/protocol'
import type { MeetingState } from '../../shared/schemas/signoff'
import { createStore, type ReadableStore } from '../ui/store'

/**
 * - connecting: no synced connection yet, and nothing of ours is waiting
 * - saved: connected and synced; every local change has been sent
 * - offline: the connection was lost (or local changes wait for one); we keep trying
 * - closed: the server ended the connection for good (a close code with `retry: false`)
 */
export type SyncStatus = 'connecting' | 'saved' | 'offline' | 'closed'

export interface ConnectionState {
  status: SyncStatus
  /** Local changes the server has not been sent yet: warn before leaving the page. */
  unsaved: boolean
  /** Why the last connection ended, while it matters (cleared when synced again). */
  closeReason: CloseCodeName | 'unknown' | null
  /** Connection attempts in a row that never opened (e.g. the server refused the link). */
  failedAttempts: number
  /** The server refused one of our changes: this link may not write (the role hint was wrong). */
  writeDenied: boolean
}

export interface Connection {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** What the status line says; read with useConnectionState. */
  readonly state: ReadableStore<ConnectionState>
  /** Sign-off state pushed by the server (meetingState frame, docs/protocol.md G8). */
  onMeetingState(listener: (state: MeetingState) => void): () => void
  destroy(): void
}

/** Codes a browser reports for a socket that ended without a close frame from our server. */
const NORMAL_OR_NO_CODE = new Set([1000, 1005, 1006])

function syncServerUrl(location: Location): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${protocol}//${location.host}${SYNC_PATH}`
}

/** Our close codes decide whether to reconnect; unknown codes follow the y-websocket convention. */
function shouldReconnect(event: CloseEvent): boolean {
  const name = closeCodeName(event.code)
  if (name) return CloseCodes[name].retry
  return !(event.code >= 4400 && event.code < 4500)
}

/**
 * Connects to one meeting as one participant. The server reads who we are from the HttpOnly
 * cookie `sip_p_<participantId>` that the browser sends with the upgrade (same origin); `as`
 * names which of this browser's participants, so tabs can each be someone else.
 */
export function createConnection(
  meetingId: string,
  participantId: string,
  location: Location = window.location,
): Connection {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncServerUrl(location), encodeURIComponent(meetingId), doc, {
    params: { [SyncParams.participant]: participantId, [SyncParams.version]: String(PROTOCOL_VERSION) },
    // Required: a BroadcastChannel between tabs of one browser would carry a read-only tab's local
    // edits into a writer tab, which would then send them to the server as its own.
    disableBc: true,
    // Retrying a permanent refusal only repeats it; with this the provider stops by itself.
    shouldReconnect,
  })

  const store = createStore<ConnectionState>(
    { status: 'connecting', unsaved: false, closeReason: null, failedAttempts: 0, writeDenied: false },
    (a, b) =>
      a.status === b.status &&
      a.unsaved === b.unsaved &&
      a.closeReason === b.closeReason &&
      a.failedAttempts === b.failedAttempts &&
      a.writeDenied === b.writeDenied,
  )
  let everSynced = false
  let opened = false
  // The provider still reports while it is torn down; no screen is listening by then.
  let destroyed = false

  const update = (patch: Partial<ConnectionState>): void => {
    if (destroyed) return
    const next = { ...store.getSnapshot(), ...patch }
    const live = provider.wsconnected && provider.synced
    if (next.status !== 'closed') {
      if (live) next.status = 'saved'
      else if (next.unsaved || everSynced) next.status = 'offline'
      else next.status = 'connecting'
    }
    store.set(next)
  }

  // A local change made while not live is not on the server yet: the provider drops it and sends
  // it with the next sync exchange instead. Changes made while live are sent at once.
  const onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === provider) return
    if (!(provider.wsconnected && provider.synced)) update({ unsaved: true })
  }
  doc.on('update', onDocUpdate)

  provider.on('status', ({ status }) => {
    if (status === 'connected') opened = true
    update({})
  })

  provider.on('sync', (synced) => {
    if (synced && provider.wsconnected) {
      everSynced = true
      update({ unsaved: false, closeReason: null, failedAttempts: 0 })
      return
    }
    update({})
  })

  provider.on('connection-close', (event) => {
    const wasOpen = opened
    opened = false
    // null: we closed it ourselves (disconnect, or the provider's silence watchdog).
    if (!event) return update({})
    const failedAttempts = wasOpen ? 0 : store.getSnapshot().failedAttempts + 1
    if (NORMAL_OR_NO_CODE.has(event.code)) return update({ failedAttempts })
    const closeReason = closeCodeName(event.code) ?? 'unknown'
    if (!shouldReconnect(event)) {
      // The provider has stopped retrying (shouldConnect is false); disconnect() makes that
      // explicit and survives a later change of the reconnect policy.
      queueMicrotask(() => provider.disconnect())
      return update({ status: 'closed', closeReason, failedAttempts })
    }
    update({ closeReason, failedAttempts })
  })

  // The server answers a change from a read-only link with a permission-denied auth message. The
  // stock handler only logs it; we also stop offering the editor.
  provider.messageHandlers[MessageType.auth] = (
    _encoder: encoding.Encoder,
    decoder: decoding.Decoder,
  ): void => {
    authProtocol.readAuthMessage(decoder, doc, () => update({ writeDenied: true }))
  }

  // G8: the server pushes the sign-off state (a varString of JSON) after every lock, signature,
  // unlock and finalize. A frame that does not parse is ignored; the screen keeps the last state.
  const stateListeners = new Set<(state: MeetingState) => void>()
  provider.messageHandlers[MessageType.meetingState] = (
    _encoder: encoding.Encoder,
    decoder: decoding.Decoder,
  ): void => {
    let json: unknown
    try {
      json = JSON.parse(decoding.readVarString(decoder))
    } catch {
      return
    }
    // The frame carries what GET …/plan/state answers: checked against the same schema.
    if (!roomEndpoints.planState.response || !matches(roomEndpoints.planState.response, json)) return
    for (const listener of stateListeners) listener(json as MeetingState)
  }

  const onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!store.getSnapshot().unsaved) return
    event.preventDefault()
    // Older browsers need returnValue set; the text itself is not shown by modern browsers.
    event.returnValue = ''
  }
  window.addEventListener('beforeunload', onBeforeUnload)

  // The browser knows before the socket does: a dead Wi-Fi leaves a WebSocket open until the
  // provider's silence watchdog gives up (many seconds), while typing goes on. Disconnecting at
  // once makes the status say "offline" and keeps every change in the doc for the next sync;
  // reconnecting when the network is back sends them. A connection the server closed for good stays
  // closed.
  const onOffline = (): void => provider.disconnect()
  const onOnline = (): void => {
    if (store.getSnapshot().status !== 'closed') provider.connect()
  }
  window.addEventListener('offline', onOffline)
  window.addEventListener('online', onOnline)

  return {
    doc,
    provider,
    state: store,
    onMeetingState(listener) {
      stateListeners.add(listener)
      return () => stateListeners.delete(listener)
    },
    destroy() {
      destroyed = true
      window.removeEventListener('beforeunload', onBeforeUnload)
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
      doc.off('update', onDocUpdate)
      stateListeners.clear()
      provider.destroy()
      doc.destroy()
    },
  }
}
