import { SOCKET_OPEN_BUCKET_KEYS } from '../../shared/limits'

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
    return this.takeMany(1, now)
  }

  /** Takes `cost` tokens at once (e.g. bytes), or none if fewer are left. */
  takeMany(cost: number, now: number = performance.now()): boolean {
    this.refill(now)
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }

  /** Whether the bucket is full again (nothing taken lately): such a bucket can be forgotten. */
  isFull(now: number = performance.now()): boolean {
    this.refill(now)
    return this.tokens >= this.burst
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.last) / 1000
    this.last = now
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond)
  }
}

/**
 * One token bucket per key (a seat, an address), in memory and bounded: when full, buckets that
 * have refilled are forgotten first (they hold nothing a new bucket would not), then the oldest.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly maxKeys = SOCKET_OPEN_BUCKET_KEYS,
  ) {}

  take(key: string, now: number = performance.now()): boolean {
    let bucket = this.buckets.get(key)
    if (!bucket) {
      this.makeRoom(now)
      bucket = new TokenBucket(this.ratePerSecond, this.burst, now)
      this.buckets.set(key, bucket)
    }
    return bucket.take(now)
  }

  /** Seconds until a refused key has its next token: what Retry-After says. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(1 / this.ratePerSecond))
  }

  get size(): number {
    return this.buckets.size
  }

  private makeRoom(now: number): void {
    if (this.buckets.size < this.maxKeys) return
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key)
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break
      this.buckets.delete(key)
    }
  }
}
