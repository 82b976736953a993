import { describe, expect, it } from 'vitest'
import { runFuzz } from './fuzz'
import seeds from './fuzz-seeds.json'

/**
 * S10, S13, S14: hostile frames from every role never crash the server, never stall it, never
 * break the attacked meeting or the one next door, and never damage what is stored. Bounded: a
 * few thousand frames per seed. `npm run fuzz` runs 100,000 (docs/performance.md).
 */
describe('S10, S13, S14: hostile frames', () => {
  for (const seed of seeds.seeds) {
    it(`S13: seed ${seed}: 1,500 hostile frames leave the server up and both meetings converging`, async () => {
      const result = await runFuzz({ seed, frames: 1500, maxMs: 60_000 })
      expect(result.problems).toEqual([])
      expect(result.frames).toBeGreaterThanOrEqual(1500)
      expect(result.healthChecks).toBeGreaterThan(0)
    }, 120_000)
  }
})
