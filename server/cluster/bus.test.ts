import { randomBytes } from 'node:crypto'
import { describe, expect, it, onTestFinished } from 'vitest'
import { testRedis } from '../test/engine-access'
import { startRedis } from '../test/engines'
import { type Bus, type BusOptions, describeRedis, openBus, redisOptions } from './bus'

async function bus(url: string, extra: Partial<BusOptions> = {}): Promise<Bus> {
  const opened = await openBus({ url, ...extra })
  onTestFinished(() => opened.close())
  return opened
}

/** A channel no other test uses (the run's Redis is shared). */
const channel = () => `sip:test:${randomBytes(6).toString('hex')}`

interface Received {
  payload: Buffer
  from: string
}

/** Collects what arrives on `name`; `next()` waits for the next message. */
async function listen(on: Bus, name: string) {
  const received: Received[] = []
  const waiting: ((message: Received) => void)[] = []
  const unsubscribe = await on.subscribe(name, (payload, from) => {
    const message = { payload: Buffer.from(payload), from }
    received.push(message)
    waiting.shift()?.(message)
  })
  return {
    received,
    unsubscribe,
    next: () => new Promise<Received>((resolve) => waiting.push(resolve)),
  }
}

function event(subscribe: (listener: () => void) => void): Promise<void> {
  return new Promise((resolve) => subscribe(resolve))
}

describe('cluster bus (server/cluster/bus.ts) on a real Redis', () => {
  it('delivers a message to the other process and never back to its sender', async () => {
    const { url } = testRedis()
    const [a, b] = await Promise.all([bus(url), bus(url)])
    const name = channel()
    const [atA, atB] = await Promise.all([listen(a, name), listen(b, name)])
    const toB = atB.next()
    expect(await a.publish(name, Buffer.from('from a'))).toBe(true)
    expect(await toB).toEqual({ payload: Buffer.from('from a'), from: a.processId })
    // Redis delivers in publish order: had a received its own message, it would come first.
    const toA = atA.next()
    await b.publish(name, Buffer.from('from b'))
    await toA
    expect(atA.received).toEqual([{ payload: Buffer.from('from b'), from: b.processId }])
    expect(atB.received).toHaveLength(1)
    expect(a.processId).not.toBe(b.processId)
  })

  it('carries binary payloads byte for byte, the empty one too', async () => {
    const { url } = testRedis()
    const [a, b] = await Promise.all([bus(url), bus(url)])
    const name = channel()
    const atB = await listen(b, name)
    const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    const payloads = [every, randomBytes(64 * 1024), Buffer.alloc(0), Buffer.from('\r\n$-1\r\n')]
    const arrived = Promise.all(payloads.map(() => atB.next()))
    for (const payload of payloads) {
      // A view into a larger buffer: only its own bytes may travel.
      const larger = Buffer.concat([Buffer.from('xx'), payload, Buffer.from('yy')])
      await a.publish(name, new Uint8Array(larger.buffer, larger.byteOffset + 2, payload.length))
    }
    expect((await arrived).map((message) => message.payload)).toEqual(payloads)
  })

  it('keeps channels apart and stops delivering after unsubscribe', async () => {
    const { url } = testRedis()
    const [a, b] = await Promise.all([bus(url), bus(url)])
    const [first, second] = [channel(), channel()]
    const [one, two] = await Promise.all([listen(b, first), listen(b, second)])
    await one.unsubscribe()
    const sentinel = two.next()
    await a.publish(first, Buffer.from('nobody listens'))
    await a.publish(second, Buffer.from('sentinel'))
    await sentinel
    expect(one.received).toEqual([])
    expect(two.received.map((message) => message.payload.toString())).toEqual(['sentinel'])
  })

  it('a handler that throws is reported and the others still get the message', async () => {
    const { url } = testRedis()
    const errors: Error[] = []
    const a = await bus(url)
    const b = await bus(url, { onError: (error) => errors.push(error) })
    const name = channel()
    await b.subscribe(name, () => {
      throw new Error('handler failed')
    })
    const atB = await listen(b, name)
    const arrived = atB.next()
    await a.publish(name, Buffer.from('x'))
    await arrived
    expect(errors.map((error) => error.message)).toEqual(['handler failed'])
  })

  it('after Redis restarts, both processes reconnect, announce it, and messages flow again', async () => {
    const redis = await startRedis()
    onTestFinished(() => redis.stop())
    const [a, b] = await Promise.all([bus(redis.url), bus(redis.url)])
    const name = channel()
    const atB = await listen(b, name)
    const reconnected = Promise.all([event((l) => a.onReconnect(l)), event((l) => b.onReconnect(l))])

    await redis.stopOnly()
    // While Redis is away a message is dropped, not queued: the receiver catches up from PostgreSQL.
    expect(await a.publish(name, Buffer.from('lost'))).toBe(false)
    await redis.restart()
    await reconnected
    expect(b.connected).toBe(true)

    const arrived = atB.next()
    await waitUntilPublished(a, name, Buffer.from('after restart'))
    expect((await arrived).payload.toString()).toBe('after restart')
    expect(atB.received.map((message) => message.payload.toString())).toEqual(['after restart'])
  })

  it('says which Redis it could not reach, without the password', async () => {
    const missing = await openBus({ url: 'unix:///nonexistent/sip-redis/redis.sock' }).catch(
      (e: unknown) => e,
    )
    expect((missing as Error).message).toMatch(
      /^Redis unreachable at socket \/nonexistent\/sip-redis\/redis\.sock: /,
    )
    expect(describeRedis('redis://sip:secret-pw@cache.example:6380/2')).toBe('cache.example:6380')
  })
})

describe('Redis URLs', () => {
  it('maps unix:// to a socket path and reads redis:// and rediss://', () => {
    expect(redisOptions('unix:///run/redis/redis.sock')).toEqual({ path: '/run/redis/redis.sock' })
    expect(redisOptions('redis://sip:p%40ss@cache.example:6380/2')).toEqual({
      host: 'cache.example',
      port: 6380,
      username: 'sip',
      password: 'p@ss',
      db: 2,
    })
    expect(redisOptions('rediss://cache.example')).toEqual({
      host: 'cache.example',
      port: 6379,
      db: 0,
      tls: {},
    })
    expect(() => redisOptions('http://cache.example')).toThrow('redis://, rediss:// or unix://')
    expect(() => redisOptions('unix://relative.sock')).toThrow('absolute socket path')
  })
})

/** The publisher may come back a moment after the subscriber: publish until Redis takes it. */
async function waitUntilPublished(on: Bus, name: string, payload: Buffer): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await on.publish(name, payload)) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('the publisher did not reconnect')
}
