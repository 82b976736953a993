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
 * average. Since then the loop was held at least `late` ms (the timer fired that late) and at most
 * the time it was busy (event loop utilization): taking the larger as one hold of `held` ms in a
 * period of `interval + late`, an arrival waits `held / 2` on average with probability
 * `held / period`. So one long task (a big PDF on a slow machine) weighs by its length, and a loop
 * that is held turn after turn – which the timer sees only as the part past its interval – by the
 * whole time it was busy: turns of 2.5 s come to 1.25 s.
 *
 * Written here rather than taken from @fastify/under-pressure, which always runs a 10 ms
 * event-loop-delay histogram: a hundred wake-ups a second that cost an idle server about 1 % of a
 * core, more than the rest of an idle SIP Live together (docs/performance.md, issue 15).
 */
export class PressureMonitor {
  private timer: NodeJS.Timeout | undefined
  private due = 0
  private busySince = performance.eventLoopUtilization()
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

  /**
   * Takes a sample now: `late` is how long after it was due the timer fired, `busy` how long the
   * event loop was busy since the last sample.
   */
  sample(late: number, busy = 0): Pressure | undefined {
    const { heapUsed, rss } = this.memory()
    const { maxEventLoopDelayMs, maxHeapUsedBytes, maxRssBytes } = this.limits
    const period = this.limits.sampleIntervalMs + late
    const held = Math.min(period, Math.max(late, busy))
    const meanDelay = (held * held) / (2 * period)
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
    this.busySince = performance.eventLoopUtilization()
    this.timer = setTimeout(() => {
      this.sample(Math.max(0, this.now() - this.due), performance.eventLoopUtilization(this.busySince).active)
      this.schedule()
    }, this.limits.sampleIntervalMs)
    this.timer.unref()
  }
}

function heapAndRss(): { heapUsed: number; rss: number } {
  return { heapUsed: v8.getHeapStatistics().used_heap_size, rss: process.memoryUsage.rss() }
}
