import v8 from 'node:v8'

export interface PressureLimits {
  /** The event loop's mean delay over a sample, in ms; 0: not checked. */
  maxEventLoopDelayMs: number
  maxHeapUsedBytes: number
  maxRssBytes: number
  sampleIntervalMs: number
}

export type PressureKind = 'eventLoopDelay' | 'heapUsedBytes' | 'rssBytes'

/** What the last sample found over its limit, and by how much. */
export interface Pressure {
  kind: PressureKind
  value: number
}

/**
 * A15: samples the process once per interval on one unref'd timer – the event loop's mean delay,
 * the V8 heap in use and the resident memory – and says whether any of them is past its limit
 * until the next sample.
 *
 * The mean delay is what a request arriving at a random moment since the last sample waited on
 * average, from how late the timer fired: held for `late` ms of `interval + late`, an arrival
 * waits `late / 2` on average with probability `late / (interval + late)`. So one long task (a big
 * PDF on a slow machine) weighs by its length; a loop that keeps being held approaches half the hold.
 *
 * Written here rather than taken from @fastify/under-pressure, which always runs a 10 ms
 * event-loop-delay histogram: a hundred wake-ups a second that cost an idle server about 1 % of a
 * core, more than the rest of an idle SIP Live together (docs/performance.md, issue 15).
 */
export class PressureMonitor {
  private timer: NodeJS.Timeout | undefined
  private due = 0
  private current: Pressure | undefined

  constructor(
    private readonly limits: PressureLimits,
    private readonly now: () => number = () => performance.now(),
    private readonly memory: () => { heapUsed: number; rss: number } = heapAndRss,
  ) {}

  start(): void {
    this.schedule()
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  /** Over a limit at the last sample: what, by how much; undefined while every figure is within. */
  get pressure(): Pressure | undefined {
    return this.current
  }

  /** Takes a sample now; `late` is how long after it was due (the timer's own lateness). */
  sample(late: number): Pressure | undefined {
    const { heapUsed, rss } = this.memory()
    const { maxEventLoopDelayMs, maxHeapUsedBytes, maxRssBytes } = this.limits
    const meanDelay = (late * late) / (2 * (this.limits.sampleIntervalMs + late))
    this.current =
      maxEventLoopDelayMs > 0 && meanDelay > maxEventLoopDelayMs
        ? { kind: 'eventLoopDelay', value: Math.round(meanDelay) }
        : heapUsed > maxHeapUsedBytes
          ? { kind: 'heapUsedBytes', value: heapUsed }
          : rss > maxRssBytes
            ? { kind: 'rssBytes', value: rss }
            : undefined
    return this.current
  }

  private schedule(): void {
    this.due = this.now() + this.limits.sampleIntervalMs
    this.timer = setTimeout(() => {
      this.sample(Math.max(0, this.now() - this.due))
      this.schedule()
    }, this.limits.sampleIntervalMs)
    this.timer.unref()
  }
}

function heapAndRss(): { heapUsed: number; rss: number } {
  return { heapUsed: v8.getHeapStatistics().used_heap_size, rss: process.memoryUsage.rss() }
}
