/**
 * The failure limits of A9 behind one asynchronous interface: in this process's memory (one
 * process, the default) or in Redis, shared by every process of a cluster (issue 16), so that
 * guesses spread over the processes behind a load balancer are counted together.
 */
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import {
  AUTH_FAILURE_WINDOW_MINUTES,
  AUTH_FAILURES_PER_ACCOUNT,
  AUTH_FAILURES_PER_WINDOW,
} from '../../shared/limits'
import { errorSummary } from '../log'
import { FailureLimiter, type FailureLimiterOptions } from './failure-limiter'

/**
 * Failures counted per key – a source address, an e-mail – in fixed windows that start at the first
 * failure; what the methods mean is FailureLimiter's.
 */
export interface FailureCounter {
  /** Seconds until this key may try again, or 0 if it may try now. */
  retryAfterSeconds(key: string): Promise<number>
  /** Counts one failure. Answers true when this failure used up the key's allowance. */
  fail(key: string): Promise<boolean>
  /** Takes back one failure counted up front for an attempt that turned out right; never below 0. */
  forgive(key: string): Promise<void>
}

/** The four counts of A9. */
export interface FailureCounters {
  /** Failed staff sign-ins per source address. */
  signIn: FailureCounter
  /** Failed staff sign-ins per account (the e-mail, trimmed and lower-cased), from any address. */
  account: FailureCounter
  /** The same for e-mails without an account, apart, so spraying them never frees a real account. */
  unknownAccount: FailureCounter
  /** Failed link look-ups per source address, apart from sign-ins. */
  link: FailureCounter
  /** Ends what the counters hold open (a Redis connection); the app calls it when it closes. */
  close(): Promise<void>
}

export type FailureKind = Exclude<keyof FailureCounters, 'close'>

const WINDOW_MS = AUTH_FAILURE_WINDOW_MINUTES * 60_000

/** A9's limits per count; tests pass smaller ones. */
export const FAILURE_LIMITS: Record<FailureKind, { maxFailures: number; windowMs: number }> = {
  signIn: { maxFailures: AUTH_FAILURES_PER_WINDOW, windowMs: WINDOW_MS },
  account: { maxFailures: AUTH_FAILURES_PER_ACCOUNT, windowMs: WINDOW_MS },
  unknownAccount: { maxFailures: AUTH_FAILURES_PER_ACCOUNT, windowMs: WINDOW_MS },
  link: { maxFailures: AUTH_FAILURES_PER_WINDOW, windowMs: WINDOW_MS },
}

export type FailureLimitOptions = Partial<Record<FailureKind, FailureLimiterOptions>>

/** A FailureLimiter (in memory, bounded) behind the asynchronous interface. */
export class MemoryFailureCounter implements FailureCounter {
  constructor(readonly limiter: FailureLimiter) {}

  async retryAfterSeconds(key: string): Promise<number> {
    return this.limiter.retryAfterSeconds(key)
  }

  async fail(key: string): Promise<boolean> {
    return this.limiter.fail(key)
  }

  async forgive(key: string): Promise<void> {
    this.limiter.forgive(key)
  }
}

function limiterFor(kind: FailureKind, limits: FailureLimitOptions): FailureLimiter {
  return new FailureLimiter({ ...FAILURE_LIMITS[kind], ...limits[kind] })
}

/** One process: the counts in its memory (the default, and the SQLite setup's only one). */
export function memoryFailureCounters(limits: FailureLimitOptions = {}): FailureCounters {
  const counter = (kind: FailureKind) => new MemoryFailureCounter(limiterFor(kind, limits))
  return {
    signIn: counter('signIn'),
    account: counter('account'),
    unknownAccount: counter('unknownAccount'),
    link: counter('link'),
    close: async () => {},
  }
}

/** How long a Redis command may take before this call counts in memory instead (a hung Redis). */
const COMMAND_TIMEOUT_MS = 500
/** How long opening waits for Redis before it reports it unreachable. */
const CONNECT_TIMEOUT_MS = 10_000
/** Every key of these counts starts so: `sip:fail:<kind>:<SHA-256 of the key, hex>`. */
export const FAILURE_KEY_PREFIX = 'sip:fail:'

const KEY_NAMES: Record<FailureKind, string> = {
  signIn: 'sign-in',
  account: 'account',
  unknownAccount: 'unknown-account',
  link: 'link',
}

/**
 * The Redis key of `key`'s count. Never the address or e-mail itself: a SHA-256 of it, so a look
 * at Redis (or a dump of it) does not list who tried to sign in, or from where.
 */
export function failureKey(kind: FailureKind, key: string): string {
  return `${FAILURE_KEY_PREFIX}${KEY_NAMES[kind]}:${createHash('sha256').update(key).digest('hex')}`
}

/**
 * One failure, in one round trip. The window is fixed and starts at the first failure: the expiry
 * is set only on a key that has none (a new one), so neither more failures nor a forgiven attempt
 * moves its end. Answers the count.
 */
const FAIL_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`

/** The count and the milliseconds its window has left ({0, -2} without a key). */
const PEEK_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
return {count, redis.call('PTTL', KEYS[1])}`

/** Takes one back if there is one: never creates a key, never goes below 0, keeps the expiry. */
const FORGIVE_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0`

interface FailureCommands {
  sipFailureCount(key: string, windowMs: number): Promise<number>
  sipFailurePeek(key: string): Promise<[number, number]>
  sipFailureForgive(key: string): Promise<number>
}

/** What the counters log through: the server's pino logger, or anything with these two methods. */
export interface FailureCounterLog {
  warn(details: object, message: string): void
  info(details: object, message: string): void
}

/**
 * Whether Redis is answering, as the counters see it: one warning when it stops (however many
 * calls fail meanwhile), one line when it is back.
 */
class Outage {
  private down = false

  constructor(private readonly log: FailureCounterLog) {}

  begins(error: unknown): void {
    if (this.down) return
    this.down = true
    this.log.warn(
      { error: errorSummary(error) },
      'Redis does not answer: sign-in failure limits (A9) are counted in this process only until it does',
    )
  }

  ends(): void {
    if (!this.down) return
    this.down = false
    this.log.info({}, 'Redis answers again: sign-in failure limits (A9) are counted cluster-wide')
  }
}

/**
 * One count in Redis. When a command fails (Redis away or too slow) that call counts in this
 * process's memory instead: an attempt is never let through uncounted, and no sign-in waits on
 * Redis longer than the command timeout. A refusal earned in memory during an outage holds on this
 * process until its window ends, also after Redis is back.
 */
class RedisFailureCounter implements FailureCounter {
  constructor(
    private readonly redis: Redis & FailureCommands,
    private readonly kind: FailureKind,
    private readonly windowMs: number,
    private readonly maxFailures: number,
    private readonly fallback: FailureLimiter,
    private readonly outage: Outage,
  ) {}

  async retryAfterSeconds(key: string): Promise<number> {
    const local = this.fallback.retryAfterSeconds(key)
    const shared = await this.attempt(
      async () => {
        const [count, ttlMs] = await this.redis.sipFailurePeek(failureKey(this.kind, key))
        if (count < this.maxFailures || ttlMs <= 0) return 0
        return Math.max(1, Math.ceil(ttlMs / 1000))
      },
      () => 0,
    )
    return Math.max(local, shared)
  }

  async fail(key: string): Promise<boolean> {
    return this.attempt(
      async () =>
        (await this.redis.sipFailureCount(failureKey(this.kind, key), this.windowMs)) === this.maxFailures,
      () => this.fallback.fail(key),
    )
  }

  async forgive(key: string): Promise<void> {
    await this.attempt(
      async () => {
        await this.redis.sipFailureForgive(failureKey(this.kind, key))
      },
      () => this.fallback.forgive(key),
    )
  }

  private async attempt<T>(shared: () => Promise<T>, local: () => T): Promise<T> {
    let result: T
    try {
      result = await shared()
    } catch (error) {
      this.outage.begins(error)
      return local()
    }
    this.outage.ends()
    return result
  }
}

export interface RedisFailureCounterOptions {
  /** SIP_REDIS_URL: `redis://…`, `rediss://…` or `unix:///…/redis.sock`. */
  url: string
  log: FailureCounterLog
  /** Smaller limits or windows (tests). */
  limits?: FailureLimitOptions
}

/**
 * Every process of a cluster: the counts in Redis, shared. Opens a connection of its own, set up
 * for this: a command fails at once while Redis is away (no offline queue, no retries) or after
 * COMMAND_TIMEOUT_MS, and the call counts in memory instead. Throws naming where Redis was
 * expected if it does not answer now, as the bus does.
 */
export async function redisFailureCounters(options: RedisFailureCounterOptions): Promise<FailureCounters> {
  const limits = options.limits ?? {}
  // Loaded only here: a process without Redis never loads its client.
  const { Redis } = await import('ioredis')
  const { describeRedis, redisOptions } = await import('../cluster/bus')
  const redis = new Redis({
    ...redisOptions(options.url),
    // Pinned as for the bus (decision 012).
    protocol: 3,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectionName: 'sip-live-failures',
  })
  // EVALSHA, and EVAL when Redis does not know the script (after a restart): one round trip each.
  redis.defineCommand('sipFailureCount', { numberOfKeys: 1, lua: FAIL_SCRIPT })
  redis.defineCommand('sipFailurePeek', { numberOfKeys: 1, lua: PEEK_SCRIPT, readOnly: true })
  redis.defineCommand('sipFailureForgive', { numberOfKeys: 1, lua: FORGIVE_SCRIPT })
  const commands = redis as Redis & FailureCommands
  const outage = new Outage(options.log)
  // ioredis keeps reconnecting by itself; a lost connection is an outage whether or not a call
  // noticed it, and its return ends one. Not before it first answers: then the start fails.
  let opened = false
  redis.on('error', (error: unknown) => {
    if (opened) outage.begins(error)
  })
  redis.on('ready', () => outage.ends())
  try {
    await redis.connect()
    opened = true
  } catch (error) {
    redis.disconnect()
    throw new Error(
      `Redis unreachable at ${describeRedis(options.url)}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }

  const counter = (kind: FailureKind) => {
    const fallback = limiterFor(kind, limits)
    const { maxFailures, windowMs } = { ...FAILURE_LIMITS[kind], ...limits[kind] }
    return new RedisFailureCounter(commands, kind, windowMs, maxFailures, fallback, outage)
  }
  let closed: Promise<void> | undefined
  return {
    signIn: counter('signIn'),
    account: counter('account'),
    unknownAccount: counter('unknownAccount'),
    link: counter('link'),
    close() {
      closed ??= (async () => {
        redis.removeAllListeners('ready')
        if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect())
        else redis.disconnect()
      })()
      return closed
    },
  }
}
