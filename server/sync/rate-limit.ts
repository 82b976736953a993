/** A token bucket: `ratePerSecond` sustained, `burst` at once. Time is injected for tests. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number = performance.now(),
  ) {
    this.tokens = burst
    this.last = now
  }

  take(now: number = performance.now()): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000
    this.last = now
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond)
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
