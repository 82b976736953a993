/**
 * The wire contract between the browser and the sync server.
 *
 * The socket speaks the standard y-websocket framing (y-protocols sync and awareness messages), so
 * the stock `WebsocketProvider` connects unchanged. What is ours: the protocol version a client may
 * announce, and the close codes the server uses to end one connection. Close codes follow the
 * y-websocket convention: 4400–4499 are permanent (the stock client stops reconnecting), 4500–4599
 * and 1001 are transient (the client backs off and tries again).
 */

/** Bumped whenever a change on the wire would break an older client. Sent as the `v` query parameter. */
export const PROTOCOL_VERSION = 1

/** The y-websocket message types (first varUint of every frame). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Ours, server to client only: the meeting's sign-off state (lock, signatures, finalization) as
   * a JSON varString, sent to every connection of the room whenever it changes (docs/protocol.md
   * G8). Stock y-websocket clients ignore message types they do not know.
   */
  meetingState: 100,
} as const

/** The y-protocols sync sub-types (second varUint of a sync frame). */
export const SyncType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const

export interface CloseCode {
  code: number
  /** Short, stable, English reason sent in the close frame; never contains plan content. */
  reason: string
  /** Whether a client should reconnect after this close. */
  retry: boolean
}

export const CloseCodes = {
  /** The server is shutting down or restarting; reconnect shortly. */
  goingAway: { code: 1001, reason: 'server-restart', retry: true },
  /** Frame larger than the transport cap (sent by the ws library itself). */
  transportTooBig: { code: 1009, reason: 'message-too-big', retry: false },
  /** A frame that is not a well-formed y-websocket message, or an update Yjs cannot decode. */
  malformed: { code: 4400, reason: 'malformed-message', retry: false },
  /** The token behind this connection was revoked or has expired while connected. */
  unauthorized: { code: 4401, reason: 'unauthorized', retry: false },
  /** The connection tried something its role or identity does not allow. */
  forbidden: { code: 4403, reason: 'forbidden', retry: false },
  /** A message larger than MAX_MESSAGE_BYTES. */
  messageTooLarge: { code: 4413, reason: 'message-too-large', retry: false },
  /** Accepting this update would make the document larger than MAX_DOCUMENT_BYTES. */
  documentTooLarge: { code: 4414, reason: 'document-too-large', retry: false },
  /** The client announced a protocol version this server does not speak; reload the page. */
  protocolOutdated: { code: 4426, reason: 'protocol-outdated', retry: false },
  /** The plan is locked for signing (or finalized): an edit was refused. Reload the frozen version. */
  planLocked: { code: 4423, reason: 'plan-locked', retry: false },
  /** The meeting's SIP is closed (docs/process.md P9): nothing more is synced; the link shows the notice. */
  sipClosed: { code: 4410, reason: 'sip-closed', retry: false },
  /** More messages than the per-connection rate allows. */
  rateLimited: { code: 4429, reason: 'rate-limited', retry: false },
  /** The client stopped reading: too much is queued on its socket. Reconnect to start afresh. */
  slowConsumer: { code: 4508, reason: 'slow-consumer', retry: true },
  /** The stored document could not be loaded; nothing was served. Try again later. */
  loadFailed: { code: 4500, reason: 'load-failed', retry: true },
  /**
   * A change could not be applied cleanly, so the meeting's document was set back to what is
   * stored (S13). Reconnect: the client sends back whatever of its own was not stored.
   */
  roomReset: { code: 4502, reason: 'room-reset', retry: true },
  /** An update from this connection could not be stored; it was not shared. Reconnect to resend. */
  notSaved: { code: 4503, reason: 'not-saved', retry: true },
} as const satisfies Record<string, CloseCode>

export type CloseCodeName = keyof typeof CloseCodes

/** Finds the named close code for a numeric code, e.g. to show the user a sentence for it. */
export function closeCodeName(code: number): CloseCodeName | undefined {
  for (const [name, value] of Object.entries(CloseCodes)) {
    if (value.code === code) return name as CloseCodeName
  }
  return undefined
}

/** Query parameter names on the sync URL. */
export const SyncParams = {
  /** A link token (scripts, the stock client in tests). */
  token: 'token',
  /** Which participant this tab is; the server reads that participant's cookie (docs/api.md). */
  participant: 'as',
  version: 'v',
} as const

/** Path prefix of the sync endpoint: `<base>/collab/<meetingId>`. */
export const SYNC_PATH = '/collab'
