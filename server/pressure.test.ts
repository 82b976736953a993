import { describe, expect, it } from 'vitest'
import { PressureMonitor } from './pressure'

const limits = { maxEventLoopDelayMs: 1000, maxHeapUsedBytes: 500, maxRssBytes: 2000, sampleIntervalMs: 1000 }

function monitorWith(memory: { heapUsed: number; rss: number }) {
  return new PressureMonitor(
    limits,
    () => 0,
    () => memory,
  )
}

describe('the process guard’s figures (A15)', () => {
  it('is not under pressure before the first sample, nor while every figure is within its limit', () => {
    const monitor = monitorWith({ heapUsed: 500, rss: 2000 })
    expect(monitor.pressure).toBeUndefined()
    expect(monitor.sample(1000)).toBeUndefined()
    expect(monitor.pressure).toBeUndefined()
  })

  it('names what is over its limit, the lagging event loop first, and recovers at the next sample within', () => {
    const memory = { heapUsed: 501, rss: 2001 }
    const monitor = monitorWith(memory)
    // Held 3 s of the 4 s since the last sample: 1.125 s on average.
    expect(monitor.sample(3000)).toEqual({ kind: 'eventLoopDelay', value: 1125 })
    expect(monitor.sample(0)).toEqual({ kind: 'heapUsedBytes', value: 501 })
    memory.heapUsed = 100
    expect(monitor.sample(0)).toEqual({ kind: 'rssBytes', value: 2001 })
    memory.rss = 100
    expect(monitor.sample(0)).toBeUndefined()
    expect(monitor.pressure).toBeUndefined()
  })

  it('weighs a hold by its length: a 1.5 s task is no lag, a loop held 2.8 s of 3.8 s or turn after turn of 2.5 s is; 0 checks nothing', () => {
    const monitor = monitorWith({ heapUsed: 0, rss: 0 })
    expect(monitor.sample(1500)).toBeUndefined()
    expect(monitor.sample(2700)).toBeUndefined()
    expect(monitor.sample(2800)).toEqual({ kind: 'eventLoopDelay', value: 1032 })
    // Held turn after turn: the timer fires only 1.5 s late, but the loop was busy all 2.5 s.
    expect(monitor.sample(1500, 2500)).toEqual({ kind: 'eventLoopDelay', value: 1250 })
    // Busy all the time with short turns: the timer is on time, the loop answers – no lag.
    expect(monitor.sample(5, 1005)).toBeUndefined()
    const unchecked = new PressureMonitor(
      { ...limits, maxEventLoopDelayMs: 0 },
      () => 0,
      () => ({ heapUsed: 0, rss: 0 }),
    )
    expect(unchecked.sample(60_000)).toBeUndefined()
  })

  it('measures how late its own timer fires while the event loop is held', async () => {
    const monitor = new PressureMonitor({
      maxEventLoopDelayMs: 50,
      maxHeapUsedBytes: Number.MAX_SAFE_INTEGER,
      maxRssBytes: Number.MAX_SAFE_INTEGER,
      sampleIntervalMs: 20,
    })
    monitor.start()
    const hold = async () => {
      const until = performance.now() + 300
      while (performance.now() < until) {
        // Hold the event loop, as a long synchronous task would.
      }
      // The monitor's timer is overdue, so it fires before this one.
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    try {
      // Held ~300 ms of ~320: ~140 ms on average.
      await hold()
      expect(monitor.pressure?.kind).toBe('eventLoopDelay')
      expect(monitor.pressure?.value).toBeGreaterThan(50)
    } finally {
      monitor.stop()
    }
  })
})
