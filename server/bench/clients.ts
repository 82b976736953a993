/**
 * One bench client, the same shape for every server: a stock y-websocket `WebsocketProvider` for
 * SIP Live and for the y-websocket reference server, a stock `HocuspocusProvider` for Hocuspocus
 * (its framing prefixes every message with the document name, so plain y-websocket clients
 * cannot talk to it). All over the `ws` package.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../shared/api/csrf'
import { PROTOCOL_VERSION, SyncParams } from '../../shared/protocol'

export type ServerKind = 'sip' | 'hocuspocus' | 'reference'

export interface BenchClient {
  readonly doc: Y.Doc
  /** Whether the first (or latest) handshake with the server is complete. */
  synced(): boolean
  /** Called on every completed handshake, including after a reconnect. */
  onSynced(listener: () => void): void
  /** Called when a socket opens (the first, and every reconnect), before the handshake. */
  onConnected(listener: () => void): void
  /** Called when the socket closes (the provider reconnects by itself unless destroyed). */
  onDisconnected(listener: (code: number | undefined) => void): void
  destroy(): void
}

/** Close codes that are not failures: normal close, and the server going away for a restart. */
export const EXPECTED_CLOSE_CODES: ReadonlySet<number> = new Set([1000, 1001, 1005, 1006])

export function connectClient(kind: ServerKind, wsUrl: string, room: string, token: string): BenchClient {
  const socket = socketFrom(addressOf(room))
  if (kind === 'hocuspocus') return connectHocuspocus(wsUrl, room, socket)
  // Ours authorises by the link's token at /collab/<meeting>; the reference server takes any
  // room at /<room> and checks nothing.
  return kind === 'sip'
    ? connectYWebsocket(`${wsUrl}/collab`, room, { token }, socket)
    : connectYWebsocket(wsUrl, room, {}, socket)
}

/**
 * A client that holds nothing, on its first visit: what a browser does after a participant opens
 * their link. On SIP Live that is `POST /api/join` with the link's token (A7), then the socket
 * with the cookie it answered and `?as=` – the way the meeting page connects; the anchors have no
 * links, so theirs is the plain socket.
 */
export async function connectFreshClient(
  kind: ServerKind,
  wsUrl: string,
  room: string,
  token: string,
): Promise<BenchClient> {
  if (kind !== 'sip') return connectClient(kind, wsUrl, room, token)
  const address = addressOf(room)
  const joined = await fetch(`${wsUrl.replace(/^ws/, 'http')}/api/join`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': address,
      [CSRF_HEADER]: CSRF_HEADER_VALUE,
    },
    body: JSON.stringify({ token }),
  })
  if (!joined.ok) throw new Error(`join answered ${joined.status}`)
  const { participantId } = (await joined.json()) as { participantId: string }
  // The cookie's name=value, as the browser sends it back with the upgrade.
  const cookie = joined.headers.getSetCookie()[0]!.split(';')[0]!
  const params = { [SyncParams.participant]: participantId, [SyncParams.version]: String(PROTOCOL_VERSION) }
  return connectYWebsocket(`${wsUrl}/collab`, room, params, socketFrom(address, cookie))
}

/**
 * Every socket runs over 127.0.0.1, but a meeting's devices say they come from an address of the
 * meeting's own (`X-Forwarded-For`, as a reverse proxy sends it; our server believes it from
 * loopback in the bench, SIP_TRUST_PROXY): a real meeting's ten people reach the server from
 * their phones or one school network, not all meetings from one address – which our per-address
 * socket limits (S14, S15) would rightly refuse. The anchors ignore the header; every contestant's
 * clients send it all the same.
 */
function addressOf(room: string): string {
  let hash = 2166136261
  for (let i = 0; i < room.length; i++) hash = Math.imul(hash ^ room.charCodeAt(i), 16777619)
  const n = hash >>> 8
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${(n & 255) | 1}`
}

const sockets = new Map<string, typeof WebSocket>()

/**
 * A `ws` WebSocket class whose upgrade requests carry `X-Forwarded-For: address` (and the
 * participant's cookie, if given: one class per cookie, not kept).
 */
function socketFrom(address: string, cookie?: string): typeof WebSocket {
  const known = cookie === undefined ? sockets.get(address) : undefined
  if (known) return known
  const headers: Record<string, string> = { 'x-forwarded-for': address }
  if (cookie !== undefined) headers.cookie = cookie
  class Forwarded extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  }
  // The clients only ever call `new` with a URL (and protocols); that is all it overrides.
  const socket = Forwarded as typeof WebSocket
  if (cookie === undefined) sockets.set(address, socket)
  return socket
}

function connectYWebsocket(
  url: string,
  room: string,
  params: Record<string, string>,
  socket: typeof WebSocket,
): BenchClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(url, room, doc, {
    params,
    // The provider's type wants the DOM WebSocket; ws implements everything it uses.
    WebSocketPolyfill: socket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  return {
    doc,
    synced: () => provider.synced,
    onSynced: (listener) =>
      provider.on('sync', (isSynced: boolean) => {
        if (isSynced) listener()
      }),
    onConnected: (listener) =>
      provider.on('status', ({ status }: { status: string }) => {
        if (status === 'connected') listener()
      }),
    // A close we made ourselves (destroy) comes without an event: not a disconnect to report.
    onDisconnected: (listener) =>
      provider.on('connection-close', (event: { code?: number } | null) => {
        if (event) listener(event.code)
      }),
    destroy: () => provider.destroy(),
  }
}

function connectHocuspocus(wsUrl: string, name: string, webSocket: typeof WebSocket): BenchClient {
  const doc = new Y.Doc()
  // One socket per client, as one person's browser would have (sockets can be shared otherwise).
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: webSocket })
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc })
  provider.attach()
  return {
    doc,
    synced: () => provider.isSynced,
    onSynced: (listener) => provider.on('synced', listener),
    onConnected: (listener) => socket.on('connect', listener),
    onDisconnected: (listener) =>
      provider.on('close', ({ event }: { event: { code?: number } }) => listener(event?.code)),
    destroy: () => {
      provider.destroy()
      socket.destroy()
    },
  }
}

/** Resolves when every client is synced; rejects after `ms`. Polls: bounded and cheap. */
export async function waitUntilSynced(clients: readonly BenchClient[], ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (!clients.every((c) => c.synced())) {
    if (Date.now() > deadline) {
      const missing = clients.filter((c) => !c.synced()).length
      throw new Error(`${missing} of ${clients.length} clients did not sync within ${ms} ms`)
    }
    await sleep(20)
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The text of a rich-text part: its paragraphs' texts (marks as tags, e.g. `<bold>`) joined by
 * newlines; an empty paragraph is an empty line.
 */
export function partText(doc: Y.Doc, part: string): string {
  return doc
    .getXmlFragment(part)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map(String).join('') : String(node)))
    .join('\n')
}
