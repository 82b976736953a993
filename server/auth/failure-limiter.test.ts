import { describe, expect, it } from 'vitest'
import { FailureLimiter } from './failure-limiter'

describe('FailureLimiter', () => {
  it('A9: allows the configured failures per address and window, then tells how long to wait', () => {
    const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000 })
    const t0 = 1_000_000
    expect(limiter.retryAfterSeconds('1.2.3.4', t0)).toBe(0)
    expect([limiter.fail('1.2.3.4', t0), limiter.fail('1.2.3.4', t0), limiter.fail('1.2.3.4', t0)]).toEqual([
      false,
      false,
      true,
    ])
    expect(limiter.retryAfterSeconds('1.2.3.4', t0 + 10_000)).toBe(50)
    expect(limiter.retryAfterSeconds('5.6.7.8', t0)).toBe(0)
    // The window ends: a clean slate.
    expect(limiter.retryAfterSeconds('1.2.3.4', t0 + 60_000)).toBe(0)
    expect(limiter.fail('1.2.3.4', t0 + 60_000)).toBe(false)
  })

  it('remembers a bounded number of addresses, dropping ended windows first, then the oldest', () => {
    const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 1000, maxAddresses: 3 })
    limiter.fail('a', 0)
    limiter.fail('a', 0)
    limiter.fail('b', 500)
    limiter.fail('c', 600)
    limiter.fail('d', 1200) // 'a' ended at 1000: it goes, nothing else does
    expect(limiter.size).toBe(3)
    limiter.fail('e', 1300) // full of live windows: the oldest ('b') goes
    expect(limiter.size).toBe(3)
    for (let i = 0; i < 10_000; i++) limiter.fail(`spray-${i}`, 1400)
    expect(limiter.size).toBe(3)
  })
})
