import { AUTH_FAILURE_WINDOW_MINUTES, AUTH_FAILURES_PER_WINDOW } from '../../shared/limits'

/** Addresses remembered at most; beyond it the oldest window is forgotten (an attacker spraying
 * addresses gains nothing the per-address limit would have stopped anyway). */
const DEFAULT_MAX_ADDRESSES = 10_000

interface Window {
  startedAt: number
  failures: number
}

export interface FailureLimiterOptions {
  maxFailures?: number
  windowMs?: number
  maxAddresses?: number
}

/**
 * Failures counted per key – a source address, an e-mail – in fixed windows, in memory. Once a key
 * has `maxFailures` in its window, `retryAfterSeconds` says how long until the window ends; the
 * caller decides what that means (A9): a sign-in is refused without a password check, a link is
 * still looked up and only a failed one refused. Successes do not reset the count, so one valid
 * account cannot be used to keep guessing another's password.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, Window>()
  private readonly maxFailures: number
  private readonly windowMs: number
  private readonly maxAddresses: number

  constructor(options: FailureLimiterOptions = {}) {
    this.maxFailures = options.maxFailures ?? AUTH_FAILURES_PER_WINDOW
    this.windowMs = options.windowMs ?? AUTH_FAILURE_WINDOW_MINUTES * 60_000
    this.maxAddresses = options.maxAddresses ?? DEFAULT_MAX_ADDRESSES
  }

  /** Seconds until this address may try again, or 0 if it may try now. */
  retryAfterSeconds(address: string, now = Date.now()): number {
    const window = this.current(address, now)
    if (!window || window.failures < this.maxFailures) return 0
    return Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000))
  }

  /** Counts one failure. Returns true when this failure used up the address's allowance. */
  fail(address: string, now = Date.now()): boolean {
    let window = this.current(address, now)
    if (!window) {
      this.makeRoom(now)
      window = { startedAt: now, failures: 0 }
      this.windows.set(address, window)
    }
    window.failures++
    return window.failures === this.maxFailures
  }

  /**
   * Takes back one failure counted up front for an attempt that turned out right. Attempts are
   * counted before the password check (scrypt takes a while), so parallel guesses cannot all slip
   * past the limit while the first ones are still being checked.
   */
  forgive(address: string, now = Date.now()): void {
    const window = this.current(address, now)
    if (window && window.failures > 0) window.failures--
  }

  get size(): number {
    return this.windows.size
  }

  private current(address: string, now: number): Window | undefined {
    const window = this.windows.get(address)
    if (window && now - window.startedAt >= this.windowMs) {
      this.windows.delete(address)
      return undefined
    }
    return window
  }

  /** Drops ended windows; if still full, the oldest ones (a Map iterates in insertion order). */
  private makeRoom(now: number): void {
    if (this.windows.size < this.maxAddresses) return
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(address)
    }
    for (const address of this.windows.keys()) {
      if (this.windows.size < this.maxAddresses) break
      this.windows.delete(address)
    }
  }
}
