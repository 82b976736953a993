import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { describe, expect, it, onTestFinished } from 'vitest'
import { redisOptions } from '../cluster/bus'
import { testEngine, testRedis } from '../test/engine-access'
import { startRedis } from '../test/engines'
import {
  type FailureCounterLog,
  type FailureCounters,
  type FailureLimitOptions,
  failureKey,
  memoryFailureCounters,
  redisFailureCounters,
} from './failure-counter'

/** The counters of A9, the same tests in memory and – in the vitest project `postgres` – in Redis. */
const implementations = testEngine() === 'postgres' ? (['memory', 'redis'] as const) : (['memory'] as const)

/** Log lines, by level, as the counters wrote them. */
function capturedLog() {
  const warnings: string[] = []
  const infos: string[] = []
  const log: FailureCounterLog = {
    warn: (_details, message) => warnings.push(message),
    info: (_details, message) => infos.push(message),
  }
  return { log, warnings, infos }
}

async function openCounters(
  implementation: (typeof implementations)[number],
  limits: FailureLimitOptions,
  url = implementation === 'redis' ? testRedis().url : '',
  log: FailureCounterLog = capturedLog().log,
): Promise<FailureCounters> {
  const counters =
    implementation === 'memory'
      ? memoryFailureCounters(limits)
      : await redisFailureCounters({ url, log, limits })
  onTestFinished(() => counters.close())
  return counters
}

/** A plain connection to look at what the counters wrote. */
function inspect(url: string): Redis {
  const redis = new Redis({ ...redisOptions(url), protocol: 3 })
  onTestFinished(() => redis.disconnect())
  return redis
}

/** An address no other test uses (the run's Redis is shared by every test). */
const address = () => `10.${[...randomBytes(3)].join('.')}`

/** Polls `check` until true, at most `bound` ms: for a window to end or Redis to come back. */
async function until(check: () => Promise<boolean> | boolean, what: string, bound = 20_000): Promise<void> {
  const deadline = Date.now() + bound
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe.each(implementations)('failure counters in %s', (implementation) => {
  it('A9: allows the configured failures per key and window, then tells how long to wait; other keys are not affected', async () => {
    const counters = await openCounters(implementation, { signIn: { maxFailures: 3, windowMs: 60_000 } })
    const { signIn } = counters
    const key = address()
    expect(await signIn.retryAfterSeconds(key)).toBe(0)
    expect([await signIn.fail(key), await signIn.fail(key), await signIn.fail(key)]).toEqual([
      false,
      false,
      true,
    ])
    const wait = await signIn.retryAfterSeconds(key)
    expect(wait).toBeGreaterThan(55)
    expect(wait).toBeLessThanOrEqual(60)
    // Past the limit a failure is still counted, but only the one that reached it says so.
    expect(await signIn.fail(key)).toBe(false)
    expect(await signIn.retryAfterSeconds(address())).toBe(0)
    // The same key in another count is another count.
    expect(await counters.link.retryAfterSeconds(key)).toBe(0)
  })

  it('A9: a forgiven failure is taken back, never below none', async () => {
    const { account } = await openCounters(implementation, { account: { maxFailures: 2, windowMs: 60_000 } })
    const key = `${address()}@kommun.se`
    await account.forgive(key)
    await account.forgive(key)
    expect(await account.fail(key)).toBe(false)
    await account.forgive(key)
    await account.forgive(key)
    // Had the count gone below 0, two failures would not reach the limit.
    expect(await account.fail(key)).toBe(false)
    expect(await account.fail(key)).toBe(true)
    expect(await account.retryAfterSeconds(key)).toBeGreaterThan(0)
    await account.forgive(key)
    expect(await account.retryAfterSeconds(key)).toBe(0)
  })

  it('A9: when the window ends the key may try again, with a count of its own', async () => {
    const { link } = await openCounters(implementation, { link: { maxFailures: 2, windowMs: 300 } })
    const key = address()
    await link.fail(key)
    expect(await link.fail(key)).toBe(true)
    expect(await link.retryAfterSeconds(key)).toBe(1)
    await until(async () => (await link.retryAfterSeconds(key)) === 0, 'the window to end')
    expect(await link.fail(key)).toBe(false)
    expect(await link.fail(key)).toBe(true)
  })
})

describe.skipIf(testEngine() !== 'postgres')('failure counters in Redis, across processes', () => {
  it('A9: two processes share one count: each sees the other’s failures, and both refuse after the limit', async () => {
    const { url } = testRedis()
    const limits = { signIn: { maxFailures: 4, windowMs: 60_000 } }
    // Two connections of their own, as two processes would have.
    const [a, b] = await Promise.all([openCounters('redis', limits), openCounters('redis', limits)])
    const key = address()
    expect([await a.signIn.fail(key), await b.signIn.fail(key), await a.signIn.fail(key)]).toEqual([
      false,
      false,
      false,
    ])
    expect(await a.signIn.retryAfterSeconds(key)).toBe(0)
    expect(await b.signIn.fail(key)).toBe(true)
    expect(await a.signIn.retryAfterSeconds(key)).toBeGreaterThan(0)
    expect(await b.signIn.retryAfterSeconds(key)).toBeGreaterThan(0)

    // Counting is atomic: a burst through both processes at once is counted failure by failure,
    // and exactly one of them is told it used up the allowance.
    const burst = address()
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).signIn.fail(burst)),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
    expect(await inspect(url).get(failureKey('signIn', burst))).toBe('20')
  })

  it('A9: Retry-After is what the window’s key has left in Redis; a forgiven attempt does not move its end', async () => {
    const { url } = testRedis()
    const { account } = await openCounters('redis', { account: { maxFailures: 2, windowMs: 60_000 } })
    const raw = inspect(url)
    const key = `${address()}@kommun.se`
    const redisKey = failureKey('account', key)
    await account.fail(key)
    const ttl = await raw.pttl(redisKey)
    expect(ttl).toBeGreaterThan(55_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
    await account.fail(key)
    // Another process's window, set to end in 30.5 s: the answer follows the key.
    await raw.pexpire(redisKey, 30_500)
    expect(await account.retryAfterSeconds(key)).toBe(31)
    await account.forgive(key)
    await account.fail(key)
    expect(await raw.pttl(redisKey)).toBeLessThanOrEqual(30_500)
    expect(await raw.get(redisKey)).toBe('2')

    // Forgiving a key that has no count creates none.
    const untouched = `${address()}@kommun.se`
    await account.forgive(untouched)
    expect(await raw.exists(failureKey('account', untouched))).toBe(0)
  })

  it('A9: an ended window leaves no key behind in Redis', async () => {
    const { url } = testRedis()
    const { signIn } = await openCounters('redis', { signIn: { maxFailures: 1, windowMs: 200 } })
    const raw = inspect(url)
    const key = address()
    expect(await signIn.fail(key)).toBe(true)
    expect(await raw.exists(failureKey('signIn', key))).toBe(1)
    await until(async () => (await raw.exists(failureKey('signIn', key))) === 0, 'the key to expire')
    expect(await signIn.retryAfterSeconds(key)).toBe(0)
  })

  it('A9: the keys hold a SHA-256 of the address or e-mail, never either in clear, and all expire', async () => {
    const { url } = testRedis()
    const counters = await openCounters('redis', {})
    const ip = address()
    const email = `eva.${randomBytes(4).toString('hex')}@kommun.se`
    await Promise.all([
      counters.signIn.fail(ip),
      counters.link.fail(ip),
      counters.account.fail(email),
      counters.unknownAccount.fail(email),
    ])
    const raw = inspect(url)
    const keys: string[] = []
    let cursor = '0'
    do {
      const [next, batch] = await raw.scan(cursor, 'MATCH', 'sip:fail:*', 'COUNT', 1000)
      cursor = next
      keys.push(...batch)
    } while (cursor !== '0')
    expect(keys).toEqual(
      expect.arrayContaining([
        failureKey('signIn', ip),
        failureKey('link', ip),
        failureKey('account', email),
        failureKey('unknownAccount', email),
      ]),
    )
    // Every key of every test so far: the kind, then 64 hex digits – no address, no e-mail.
    for (const key of keys) {
      expect(key).toMatch(/^sip:fail:(sign-in|account|unknown-account|link):[0-9a-f]{64}$/)
      expect(key).not.toContain(ip)
      expect(key).not.toContain('@')
      // -1 would be a key without expiry; -2 one that just expired (another test's short window).
      expect(await raw.pttl(key)).not.toBe(-1)
    }
  })

  it('A9: while Redis is away each process counts in its own memory and refuses after the limit; one warning per outage', async () => {
    const redis = await startRedis()
    onTestFinished(() => redis.stop())
    const { log, warnings, infos } = capturedLog()
    const counters = await openCounters(
      'redis',
      { signIn: { maxFailures: 3, windowMs: 60_000 }, account: { maxFailures: 3, windowMs: 60_000 } },
      redis.url,
      log,
    )
    const key = address()
    expect(await counters.signIn.fail(key)).toBe(false)
    expect(warnings).toEqual([])

    await redis.stopOnly()
    // Counted all the same, in memory: never let through, never an error.
    expect([
      await counters.signIn.fail(key),
      await counters.signIn.fail(key),
      await counters.signIn.fail(key),
    ]).toEqual([false, false, true])
    expect(await counters.signIn.retryAfterSeconds(key)).toBeGreaterThan(0)
    const email = 'eva@kommun.se'
    for (let i = 0; i < 3; i++) await counters.account.fail(email)
    expect(await counters.account.retryAfterSeconds(email)).toBeGreaterThan(0)
    await counters.account.forgive(email)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^Redis does not answer/)
    // Nothing that was counted is named in the log.
    expect(JSON.stringify([warnings, infos])).not.toContain(email)

    await redis.restart()
    await until(() => infos.length === 1, 'the counters to see Redis again')
    // A refusal earned while Redis was away still holds on this process …
    expect(await counters.signIn.retryAfterSeconds(key)).toBeGreaterThan(0)
    // … and counting is shared in Redis again (its scripts loaded anew after the restart).
    const after = address()
    await counters.signIn.fail(after)
    expect(await inspect(redis.url).get(failureKey('signIn', after))).toBe('1')

    // A second outage is a second warning.
    await redis.stopOnly()
    await counters.link.fail(after)
    expect(warnings).toHaveLength(2)
  })

  it('says which Redis it could not reach at start', async () => {
    const missing = await redisFailureCounters({
      url: 'unix:///nonexistent/sip-redis/redis.sock',
      log: capturedLog().log,
    }).catch((error: unknown) => error)
    expect((missing as Error).message).toMatch(
      /^Redis unreachable at socket \/nonexistent\/sip-redis\/redis\.sock: /,
    )
  })
})
