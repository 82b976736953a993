import { describe, expect, it } from 'vitest'
import { TokenBucket } from './rate-limit'

describe('TokenBucket', () => {
  it('allows the burst, then the sustained rate', () => {
    const bucket = new TokenBucket(10, 5, 0)
    for (let i = 0; i < 5; i++) expect(bucket.take(0)).toBe(true)
    expect(bucket.take(0)).toBe(false)
    expect(bucket.take(100)).toBe(true) // 100 ms at 10/s refills one
    expect(bucket.take(100)).toBe(false)
    expect(bucket.take(10_000)).toBe(true)
  })
})
