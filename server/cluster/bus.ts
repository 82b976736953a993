/**
 * The cluster bus (issue 16): what one server process tells the others through Redis pub/sub –
 * "meeting m has seq n", a lock, a revoked link. Redis is only the messenger: PostgreSQL orders
 * and stores, and a process that lost Redis for a while catches up from PostgreSQL
 * (docs/decisions/012). Not wired into the app yet.
 *
 * One publisher and one subscriber connection per process (a connection in subscriber mode can
 * send nothing else). Every message is a Buffer: the sender's random process id, then the payload,
 * so a process ignores its own messages and payloads (Yjs updates) cross byte for byte.
 */
import { randomBytes } from 'node:crypto'
import { Redis, type RedisOptions } from 'ioredis'

/** Bytes of the process id that starts every message. */
const ID_BYTES = 16
/** How long closing waits for Redis to answer QUIT before it just drops the connection. */
const QUIT_WAIT_MS = 1_000
/** How long opening waits for Redis before it reports it unreachable. */
const CONNECT_TIMEOUT_MS = 10_000

export type MessageHandler = (payload: Buffer, from: string) => void

export interface Bus {
  /** This process's id on the bus (hex), the prefix of everything it publishes. */
  readonly processId: string
  /**
   * Sends `payload` to every other process subscribed to `channel`. Answers false, dropping the
   * message, when Redis is not reachable right now: receivers catch up from PostgreSQL when they
   * reconnect, so a message is never queued for later.
   */
  publish(channel: string, payload: Uint8Array): Promise<boolean>
  /** Calls `handler` for other processes' messages on `channel`; answers the unsubscribe. */
  subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>>
  /**
   * Calls `listener` each time the subscriber is back after a lost connection, once its channels
   * are subscribed again: messages sent meanwhile are lost, so this is when to catch up.
   */
  onReconnect(listener: () => void): () => void
  /** Whether the subscriber connection is up (messages can arrive). */
  readonly connected: boolean
  close(): Promise<void>
}

export interface BusOptions {
  /** `redis://[user:password@]host:port[/db]`, `rediss://…` (TLS) or `unix:///path/to/redis.sock`. */
  url: string
  /** A handler or listener that threw, or a Redis connection error (ioredis keeps reconnecting). */
  onError?: (error: Error) => void
}

/** ioredis's connection options for `url`; ioredis itself reads no `unix://` URLs. */
export function redisOptions(url: string): RedisOptions {
  if (url.startsWith('unix://')) {
    const path = decodeURIComponent(url.slice('unix://'.length))
    if (!path.startsWith('/'))
      throw new Error('a unix:// Redis URL names an absolute socket path: unix:///run/redis.sock')
    return { path }
  }
  if (!/^rediss?:\/\//.test(url)) {
    throw new Error('a Redis URL starts with redis://, rediss:// or unix://')
  }
  const parsed = new URL(url)
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(Number.isInteger(db) ? { db } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  }
}

/** Where `url` points, without user or password: for errors and log lines. */
export function describeRedis(url: string): string {
  const options = redisOptions(url)
  return options.path ? `socket ${options.path}` : `${options.host}:${options.port}`
}

/** Connects both connections; throws naming where Redis was expected when it is not there. */
export async function openBus(options: BusOptions): Promise<Bus> {
  const base: RedisOptions = {
    ...redisOptions(options.url),
    // Pinned: ioredis 6 defaults to RESP3; a later default must not change replies under us.
    protocol: 3,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
  }
  const processId = randomBytes(ID_BYTES)
  const processHex = processId.toString('hex')
  // Publishing while Redis is away fails at once (see publish) instead of piling up in memory,
  // and a PUBLISH in flight when the connection drops fails too: it is never sent again later.
  const publisher = new Redis({
    ...base,
    // Every stored row is one PUBLISH: those of one turn go to Redis in one write.
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectionName: `sip-live-pub-${processHex}`,
  })
  // The subscriber waits out outages: its (re)subscriptions go through when Redis is back.
  const subscriber = new Redis({
    ...base,
    maxRetriesPerRequest: null,
    connectionName: `sip-live-sub-${processHex}`,
  })
  const report = (error: unknown) =>
    options.onError?.(error instanceof Error ? error : new Error(String(error)))
  publisher.on('error', report)
  subscriber.on('error', report)

  try {
    await Promise.all([publisher.connect(), subscriber.connect()])
  } catch (error) {
    publisher.disconnect()
    subscriber.disconnect()
    throw new Error(
      `Redis unreachable at ${describeRedis(options.url)}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }

  /** Per channel: its handlers, and the SUBSCRIBE that made Redis send it to us. */
  const channels = new Map<string, { handlers: Set<MessageHandler>; subscribed: Promise<unknown> }>()
  const reconnectListeners = new Set<() => void>()
  let closed = false
  let lost = false

  subscriber.on('messageBuffer', (channelBytes: Buffer, message: Buffer) => {
    if (message.length < ID_BYTES || message.subarray(0, ID_BYTES).equals(processId)) return
    const entry = channels.get(channelBytes.toString())
    if (!entry) return
    const from = message.subarray(0, ID_BYTES).toString('hex')
    const payload = message.subarray(ID_BYTES)
    for (const handler of [...entry.handlers]) {
      try {
        handler(payload, from)
      } catch (error) {
        report(error)
      }
    }
  })
  subscriber.on('close', () => {
    if (!closed) lost = true
  })
  subscriber.on('ready', () => {
    if (!lost || closed) return
    lost = false
    // ioredis re-sends SUBSCRIBE for every channel before 'ready' reaches us; a PING answered
    // after them proves they are in place, so whoever catches up now misses nothing that follows.
    subscriber.ping().then(
      () => {
        for (const listener of reconnectListeners) {
          try {
            listener()
          } catch (error) {
            report(error)
          }
        }
      },
      () => {
        // Lost again before the answer: the next 'ready' tries again.
        lost = true
      },
    )
  })

  const ensureOpen = () => {
    if (closed) throw new Error('cluster bus closed')
  }

  return {
    processId: processHex,
    get connected() {
      return subscriber.status === 'ready'
    },
    async publish(channel, payload) {
      ensureOpen()
      if (publisher.status !== 'ready') return false
      const message = Buffer.concat([processId, payload])
      try {
        await publisher.publish(channel, message)
        return true
      } catch (error) {
        report(error)
        return false
      }
    },
    async subscribe(channel, handler) {
      ensureOpen()
      let entry = channels.get(channel)
      if (!entry) {
        entry = { handlers: new Set(), subscribed: subscriber.subscribe(channel) }
        channels.set(channel, entry)
      }
      entry.handlers.add(handler)
      const mine = entry
      await mine.subscribed
      return async () => {
        mine.handlers.delete(handler)
        if (mine.handlers.size > 0 || channels.get(channel) !== mine) return
        channels.delete(channel)
        if (!closed) await subscriber.unsubscribe(channel)
      }
    },
    onReconnect(listener) {
      reconnectListeners.add(listener)
      return () => reconnectListeners.delete(listener)
    },
    async close() {
      if (closed) return
      closed = true
      channels.clear()
      reconnectListeners.clear()
      // QUIT politely, but never wait for a Redis that went away meanwhile: the subscriber would
      // keep the QUIT queued until Redis is back, and hold the shutdown.
      await Promise.all(
        [publisher, subscriber].map(async (connection) => {
          if (connection.status === 'ready') {
            let timer: NodeJS.Timeout | undefined
            const late = new Promise<void>((resolve) => {
              timer = setTimeout(resolve, QUIT_WAIT_MS)
            })
            await Promise.race([connection.quit().catch(() => undefined), late])
            clearTimeout(timer)
          }
          connection.disconnect()
        }),
      )
    },
  }
}
