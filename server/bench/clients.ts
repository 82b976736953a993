/**
 * One bench client, the same shape for both servers: a stock y-websocket `WebsocketProvider` for
 * SIP Live, a stock `HocuspocusProvider` for Hocuspocus (its framing prefixes every message with
 * the document name, so plain y-websocket clients cannot talk to it). Both over the `ws` package.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export type ServerKind = 'sip' | 'hocuspocus'

export interface BenchClient {
  readonly doc: Y.Doc
  /** Whether the first (or latest) handshake with the server is complete. */
  synced(): boolean
  /** Called on every completed handshake, including after a reconnect. */
  onSynced(listener: () => void): void
  /** Called when the socket closes (the provider reconnects by itself unless destroyed). */
  onDisconnected(listener: (code: number | undefined) => void): void
  destroy(): void
}

/** Close codes that are not failures: normal close, and the server going away for a restart. */
export const EXPECTED_CLOSE_CODES: ReadonlySet<number> = new Set([1000, 1001, 1005, 1006])

export function connectClient(kind: ServerKind, wsUrl: string, room: string, token: string): BenchClient {
  return kind === 'sip' ? connectSip(wsUrl, room, token) : connectHocuspocus(wsUrl, room)
}

function connectSip(wsUrl: string, meetingId: string, token: string): BenchClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${wsUrl}/collab`, meetingId, doc, {
    params: { token },
    // The provider's type wants the DOM WebSocket; ws implements everything it uses.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  return {
    doc,
    synced: () => provider.synced,
    onSynced: (listener) =>
      provider.on('sync', (isSynced: boolean) => {
        if (isSynced) listener()
      }),
    // A close we made ourselves (destroy) comes without an event: not a disconnect to report.
    onDisconnected: (listener) =>
      provider.on('connection-close', (event: { code?: number } | null) => {
        if (event) listener(event.code)
      }),
    destroy: () => provider.destroy(),
  }
}

function connectHocuspocus(wsUrl: string, name: string): BenchClient {
  const doc = new Y.Doc()
  // One socket per client, as one person's browser would have (sockets can be shared otherwise).
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket })
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc })
  provider.attach()
  return {
    doc,
    synced: () => provider.isSynced,
    onSynced: (listener) => provider.on('synced', listener),
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

/** The plain text of a rich-text part: its paragraphs' texts joined by newlines. */
export function partText(doc: Y.Doc, part: string): string {
  return doc
    .getXmlFragment(part)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map(String).join('') : String(node)))
    .join('\n')
}

/** The last paragraph's text of a part, created (as Tiptap would: paragraph › text) if missing. */
export function lastParagraphText(doc: Y.Doc, part: string): Y.XmlText {
  const fragment = doc.getXmlFragment(part)
  const last = fragment.length > 0 ? fragment.get(fragment.length - 1) : undefined
  if (last instanceof Y.XmlElement && last.get(0) instanceof Y.XmlText) return last.get(0) as Y.XmlText
  return appendParagraph(doc, part)
}

/** Enter at the end of a part: a new empty paragraph (one transaction, one update). */
export function appendParagraph(doc: Y.Doc, part: string): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  doc.transact(() => doc.getXmlFragment(part).push([paragraph]))
  return text
}
