import {
  LAGGING_SOCKET_BYTES,
  MAX_TOTAL_BUFFERED_BYTES,
  OUTBOUND_CHECK_INTERVAL_MS,
} from '../../shared/limits'
import { CloseCodes } from '../../shared/protocol'
import type { SyncConnection } from './connection'

export interface OutboundBudgetOptions {
  maxTotalBytes?: number
  laggingBytes?: number
  /** The total is summed at most this often (it only grows when something is sent). */
  checkEveryMs?: number
}

/**
 * S14: bytes queued for sending, bounded across the whole process. Only lagging sockets (more than
 * LAGGING_SOCKET_BYTES queued) are watched – a socket that reads holds almost nothing. When the
 * lagging sockets together hold more than MAX_TOTAL_BUFFERED_BYTES, the ones holding most are cut
 * off first (slow-consumer), until the total is back under it; cutting them off frees their queues
 * at once. Their clients reconnect and sync afresh.
 */
export class OutboundBudget {
  private readonly lagging = new Set<SyncConnection>()
  private lastCheck = Number.NEGATIVE_INFINITY
  private timer: NodeJS.Timeout | undefined
  private readonly maxTotalBytes: number
  private readonly laggingBytes: number
  private readonly checkEveryMs: number
  /** Connections cut off so far (for operations and tests). */
  cutOff = 0

  constructor(options: OutboundBudgetOptions = {}) {
    this.maxTotalBytes = options.maxTotalBytes ?? MAX_TOTAL_BUFFERED_BYTES
    this.laggingBytes = options.laggingBytes ?? LAGGING_SOCKET_BYTES
    this.checkEveryMs = options.checkEveryMs ?? OUTBOUND_CHECK_INTERVAL_MS
  }

  isLagging(conn: SyncConnection): boolean {
    return conn.bufferedBytes >= this.laggingBytes
  }

  /** After a frame was queued on `conn`. */
  queued(conn: SyncConnection, now: number = performance.now()): void {
    if (!this.isLagging(conn)) return
    this.lagging.add(conn)
    if (now - this.lastCheck >= this.checkEveryMs) {
      this.lastCheck = now
      this.enforce()
    } else if (!this.timer) {
      // Checked soon anyway: the last frames of a burst must not leave the total over the budget.
      this.timer = setTimeout(() => {
        this.timer = undefined
        this.lastCheck = performance.now()
        this.enforce()
      }, this.checkEveryMs)
      this.timer.unref()
    }
  }

  /** Stops the pending check (shutdown). */
  close(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  /** Sums the lagging sockets' queues and cuts off the largest while over budget. Returns how many. */
  enforce(): number {
    let total = 0
    for (const conn of this.lagging) {
      if (!conn.isOpen || !this.isLagging(conn)) this.lagging.delete(conn)
      else total += conn.bufferedBytes
    }
    if (total <= this.maxTotalBytes) return 0
    const largestFirst = [...this.lagging].sort((a, b) => b.bufferedBytes - a.bufferedBytes)
    let closed = 0
    for (const conn of largestFirst) {
      if (total <= this.maxTotalBytes) break
      total -= conn.bufferedBytes
      this.lagging.delete(conn)
      conn.cutOff(CloseCodes.slowConsumer)
      closed++
    }
    this.cutOff += closed
    return closed
  }

  get watched(): number {
    return this.lagging.size
  }
}
