import http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { type Balancer, startBalancer } from './balancer'
import { waitFor } from './harness'

/**
 * The tests' load balancer (balancer.ts) in front of tiny HTTP + WebSocket backends that say who
 * they are: what the multi-process tests rely on – no stickiness, upgrades piped both ways, a dead
 * backend skipped, a tunnel closed with its backend.
 */

interface Backend {
  name: string
  port: number
  /** Ends the backend as a killed process would: the listener and every open socket at once. */
  kill(): Promise<void>
}

const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close()
})

/** GET answers its name; POST echoes the body with its name; a socket echoes `<name>:<message>`. */
async function startBackend(name: string): Promise<Backend> {
  const sockets = new Set<net.Socket>()
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      res.setHeader('set-cookie', [`seen=${name}; Path=/`, 'second=2; Path=/'])
      res.setHeader('x-forwarded-for-seen', String(req.headers['x-forwarded-for'] ?? ''))
      res.end(req.method === 'POST' ? `${name}:${Buffer.concat(chunks).toString()}` : name)
    })
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 })
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data, isBinary) => {
        ws.send(
          isBinary ? Buffer.concat([Buffer.from(`${name}:`), data as Buffer]) : `${name}:${String(data)}`,
        )
      })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  let killed = false
  const kill = async () => {
    if (killed) return
    killed = true
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const socket of sockets) socket.destroy()
    wss.close()
    await closed
  }
  open.push({ close: kill })
  return { name, port, kill }
}

/** A port nothing listens on: taken from the OS and given back. */
async function deadPort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

async function balancer(ports: number[]): Promise<Balancer> {
  const started = await startBalancer({ backends: ports, connectTimeoutMs: 1000 })
  open.push(started)
  return started
}

/** A ws client through the balancer; resolves once open, with the local port its tunnel is known by. */
async function socketThrough(
  lb: Balancer,
): Promise<{ ws: WebSocket; localPort: number; next(): Promise<string> }> {
  const ws = new WebSocket(`${lb.wsUrl}/collab/m`)
  const received: string[] = []
  const waiting: ((message: string) => void)[] = []
  ws.on('message', (data) => {
    const message = String(data)
    const waiter = waiting.shift()
    if (waiter) waiter(message)
    else received.push(message)
  })
  let localPort = 0
  ws.on('upgrade', (response) => {
    localPort = response.socket.localPort ?? 0
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  open.push({
    close: async () => {
      ws.terminate()
    },
  })
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const early = received.shift()
      if (early !== undefined) return resolve(early)
      const timer = setTimeout(() => reject(new Error('no message in 5 s')), 5000)
      waiting.push((message) => {
        clearTimeout(timer)
        resolve(message)
      })
    })
  return { ws, localPort, next }
}

describe('the tests’ load balancer', () => {
  it('hands HTTP requests to the backends in turn, with bodies, status and every Set-Cookie passed through', async () => {
    const [a, b] = await Promise.all([startBackend('A'), startBackend('B')])
    const lb = await balancer([a.port, b.port])
    const names: string[] = []
    for (let i = 0; i < 4; i++) names.push(await (await fetch(`${lb.url}/x`)).text())
    expect(names).toEqual(['A', 'B', 'A', 'B'])

    const posted = await fetch(`${lb.url}/echo`, { method: 'POST', body: 'å'.repeat(100_000) })
    expect(posted.status).toBe(200)
    const text = await posted.text()
    expect(text).toMatch(/^[AB]:/)
    expect(text.length).toBe(2 + 100_000)
    expect(posted.headers.getSetCookie()).toHaveLength(2)
    expect(posted.headers.get('x-forwarded-for-seen')).toBe('127.0.0.1')
    expect(lb.forwarded).toEqual([3, 2])
  })

  it('pipes a WebSocket upgrade both ways, large frames included, and names the backend of each tunnel', async () => {
    const [a, b] = await Promise.all([startBackend('A'), startBackend('B')])
    const lb = await balancer([a.port, b.port])
    const first = await socketThrough(lb)
    const second = await socketThrough(lb)
    first.ws.send('hej')
    second.ws.send('hej')
    expect(await first.next()).toBe('A:hej')
    expect(await second.next()).toBe('B:hej')
    expect(lb.backendOf(first.localPort)).toBe(0)
    expect(lb.backendOf(second.localPort)).toBe(1)
    expect(lb.openTunnels()).toEqual([1, 1])

    const big = Buffer.alloc(3 * 1024 * 1024, 7)
    const echoed = new Promise<Buffer>((resolve) =>
      first.ws.once('message', (data) => resolve(data as Buffer)),
    )
    first.ws.send(big)
    const back = await echoed
    expect(back.length).toBe(2 + big.length)
    expect(back.subarray(2).equals(big)).toBe(true)

    first.ws.close()
    await waitFor(() => lb.openTunnels()[0] === 0, 'the closed tunnel is gone')
    expect(lb.backendOf(first.localPort)).toBeUndefined()
  })

  it('skips a backend that refuses the connection, for requests and upgrades alike', async () => {
    const live = await startBackend('live')
    const lb = await balancer([await deadPort(), live.port])
    for (let i = 0; i < 3; i++) expect(await (await fetch(`${lb.url}/`)).text()).toBe('live')
    const socket = await socketThrough(lb)
    socket.ws.send('x')
    expect(await socket.next()).toBe('live:x')
    expect(lb.forwarded).toEqual([0, 4])
    expect(lb.refused[0]).toBeGreaterThan(0)
  })

  it('closes the client’s socket when its backend dies, and the client’s next connection reaches a live one', async () => {
    const [a, b] = await Promise.all([startBackend('A'), startBackend('B')])
    const lb = await balancer([a.port, b.port])
    const onA = await socketThrough(lb)
    const onB = await socketThrough(lb)
    expect(lb.backendOf(onA.localPort)).toBe(0)
    const closed = new Promise<number>((resolve) => onA.ws.once('close', (code) => resolve(code)))
    await a.kill()
    expect(await closed).toBe(1006)

    // The survivor's socket is untouched; every new socket now lands on B.
    onB.ws.send('still')
    expect(await onB.next()).toBe('B:still')
    for (let i = 0; i < 3; i++) {
      const again = await socketThrough(lb)
      expect(lb.backendOf(again.localPort)).toBe(1)
    }
  })

  it('does not try a backend marked down, and answers 502 when no backend is left', async () => {
    const [a, b] = await Promise.all([startBackend('A'), startBackend('B')])
    const lb = await balancer([a.port, b.port])
    lb.setUp(0, false)
    for (let i = 0; i < 3; i++) expect(await (await fetch(`${lb.url}/`)).text()).toBe('B')
    expect(lb.forwarded).toEqual([0, 3])
    expect(lb.refused).toEqual([0, 0])

    lb.setUp(1, false)
    expect((await fetch(`${lb.url}/`)).status).toBe(502)
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${lb.wsUrl}/collab/m`)
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0)
        ws.terminate()
      })
      ws.on('open', () => resolve(101))
      ws.on('error', () => {})
    })
    expect(status).toBe(502)

    lb.setUp(0, true)
    expect(await (await fetch(`${lb.url}/`)).text()).toBe('A')
  })
})
