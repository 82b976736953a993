/**
 * A small load balancer for tests of several server processes (issue 16): what nginx does in
 * docs/operations.md, in-process. It listens on 127.0.0.1 and hands each HTTP request and each
 * WebSocket upgrade to the next backend in turn (round robin, no sticky sessions). A backend that
 * refuses the connection – a killed process – is skipped and the next one tried, so the clients of a
 * killed process reconnect to a live one; a backend can also be marked down by hand.
 *
 * An upgrade is forwarded as its request head and then piped as raw TCP both ways: the 101 and every
 * frame pass untouched, and when either side closes the other is closed too (a client of a killed
 * process sees its socket close, as behind nginx). Only node:http and node:net: a proxy package would
 * bring more than these ~200 lines and hide what happens when a backend dies.
 *
 * Bounded: connections held at once, the time to connect to a backend, a request's wait for its
 * answer, and a tunnel's idle time.
 */
import http from 'node:http'
import net from 'node:net'

export interface BalancerOptions {
  /** The backends' ports on 127.0.0.1; a backend is named by its index here. */
  backends: readonly number[]
  /** The port to listen on: 0 (default) for any free one. */
  port?: number
  /** How long a backend may take to accept a connection before the next is tried. */
  connectTimeoutMs?: number
  /** How long an HTTP request may wait for its backend's answer (then 504). */
  requestTimeoutMs?: number
  /** A tunnel (an upgraded socket) with no bytes either way for this long is closed. */
  idleTimeoutMs?: number
  /** Client connections held at once; past it new ones are refused. */
  maxConnections?: number
}

export interface Balancer {
  /** http://127.0.0.1:<port> and ws://127.0.0.1:<port>: what clients connect to. */
  url: string
  wsUrl: string
  port: number
  /** Marks a backend up or down; a down backend is not tried. Its open tunnels are left alone. */
  setUp(backend: number, up: boolean): void
  /**
   * The backend of the open tunnel whose client connected from local port `clientPort` (a ws
   * client's `upgrade` event: `response.socket.localPort`); undefined once that tunnel closed.
   */
  backendOf(clientPort: number): number | undefined
  /** Open tunnels per backend. */
  openTunnels(): number[]
  /** Requests and upgrades handed to each backend; connections each backend refused (skipped). */
  readonly forwarded: readonly number[]
  readonly refused: readonly number[]
  /** Stops listening and closes every connection, tunnels included. */
  close(): Promise<void>
}

const DEFAULTS = {
  connectTimeoutMs: 2000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 120_000,
  maxConnections: 1000,
}

/** Headers that describe one hop, not the request: never forwarded as they are (RFC 9110 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

export async function startBalancer(options: BalancerOptions): Promise<Balancer> {
  const { connectTimeoutMs, requestTimeoutMs, idleTimeoutMs, maxConnections } = { ...DEFAULTS, ...options }
  const ports = [...options.backends]
  if (ports.length === 0) throw new Error('a balancer needs at least one backend')
  const up = ports.map(() => true)
  const forwarded = ports.map(() => 0)
  const refused = ports.map(() => 0)
  /** Open tunnels: the client's socket → its backend. */
  const tunnels = new Map<net.Socket, number>()
  /** Every socket this balancer opened to a backend, closed by close(). */
  const backendSockets = new Set<net.Socket>()
  let turn = 0

  /** A connected socket to the next backend in turn that accepts, or undefined if none does. */
  const pick = async (): Promise<{ socket: net.Socket; backend: number } | undefined> => {
    const first = turn++ % ports.length
    for (let i = 0; i < ports.length; i++) {
      const backend = (first + i) % ports.length
      if (!up[backend]) continue
      const socket = await connect(ports[backend]!, connectTimeoutMs)
      if (!socket) {
        refused[backend]!++
        continue
      }
      forwarded[backend]!++
      backendSockets.add(socket)
      socket.once('close', () => backendSockets.delete(socket))
      return { socket, backend }
    }
    return undefined
  }

  const server = http.createServer()
  server.maxConnections = maxConnections
  server.requestTimeout = requestTimeoutMs

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    void forwardRequest(req, res)
  })
  const forwardRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const picked = await pick()
    if (!picked) return answer(res, 502)
    if (res.destroyed) return picked.socket.destroy()
    const headers = endToEndHeaders(req)
    // One backend connection per request: the next request may go elsewhere (no stickiness).
    headers.connection = 'close'
    const outgoing = http.request({
      method: req.method,
      path: req.url,
      headers,
      createConnection: () => picked.socket,
    })
    outgoing.setTimeout(requestTimeoutMs, () => {
      outgoing.destroy()
      answer(res, 504)
    })
    outgoing.on('error', () => answer(res, 502))
    outgoing.on('response', (incoming) => {
      const back: http.OutgoingHttpHeaders = {}
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (!HOP_BY_HOP.has(name) && value !== undefined) back[name] = value
      }
      res.writeHead(incoming.statusCode ?? 502, incoming.statusMessage, back)
      incoming.pipe(res)
      incoming.on('error', () => res.destroy())
    })
    // A client that goes away ends its request to the backend too.
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy()
    })
    req.pipe(outgoing)
  }

  server.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => client.destroy())
    void forwardUpgrade(req, client, head)
  })
  const forwardUpgrade = async (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const picked = await pick()
    if (!picked) return refuseUpgrade(client, 502)
    const { socket: backend, backend: index } = picked
    if (client.destroyed) return backend.destroy()
    tunnels.set(client, index)
    const close = () => {
      tunnels.delete(client)
      client.destroy()
      backend.destroy()
    }
    backend.on('error', close)
    backend.on('close', close)
    client.on('close', close)
    for (const socket of [client, backend]) socket.setTimeout(idleTimeoutMs, close)
    backend.write(upgradeHead(req))
    if (head.length > 0) backend.write(head)
    client.pipe(backend)
    backend.pipe(client)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('the balancer has no address')
  const port = address.port

  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    setUp(backend, isUp) {
      if (backend < 0 || backend >= ports.length) throw new Error(`no backend ${backend}`)
      up[backend] = isUp
    },
    backendOf(clientPort) {
      for (const [client, backend] of tunnels) if (client.remotePort === clientPort) return backend
      return undefined
    },
    openTunnels() {
      const counts = ports.map(() => 0)
      for (const backend of tunnels.values()) counts[backend]!++
      return counts
    },
    forwarded,
    refused,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      for (const client of tunnels.keys()) client.destroy()
      for (const socket of backendSockets) socket.destroy()
      await closed
    },
  }
}

/** A socket connected to 127.0.0.1:`port`, or undefined if refused or not accepted in time. */
function connect(port: number, timeoutMs: number): Promise<net.Socket | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    const fail = () => {
      socket.destroy()
      resolve(undefined)
    }
    socket.setTimeout(timeoutMs, fail)
    socket.once('error', fail)
    socket.once('connect', () => {
      socket.setTimeout(0)
      socket.off('error', fail)
      socket.off('timeout', fail)
      // Errors after this point are the tunnel's or the request's to handle; never unhandled.
      socket.on('error', () => socket.destroy())
      resolve(socket)
    })
  })
}

/** The request's end-to-end headers, and who it came from (X-Forwarded-For, as nginx adds). */
function endToEndHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
  const named = new Set(
    String(req.headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase()),
  )
  const headers: http.OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && !named.has(name) && value !== undefined) headers[name] = value
  }
  headers['x-forwarded-for'] = forwardedFor(req)
  return headers
}

/** The upgrade request as it arrived (its Connection and Upgrade headers are what it is about). */
function upgradeHead(req: http.IncomingMessage): string {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`]
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() === 'x-forwarded-for') continue
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`)
  }
  lines.push(`X-Forwarded-For: ${forwardedFor(req)}`)
  return `${lines.join('\r\n')}\r\n\r\n`
}

function forwardedFor(req: http.IncomingMessage): string {
  const earlier = req.headers['x-forwarded-for']
  const address = req.socket.remoteAddress ?? ''
  return earlier ? `${earlier}, ${address}` : address
}

function answer(res: http.ServerResponse, status: number): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' })
  res.end(`${http.STATUS_CODES[status]}\n`)
}

function refuseUpgrade(client: net.Socket, status: number): void {
  client.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  )
}
