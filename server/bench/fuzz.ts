/**
 * `npm run fuzz`: the hostile-frame fuzz at length (docs/performance.md, "Hostile frames"). The
 * test suite runs a few thousand frames per kept seed; this runs 100,000 by default and prints the
 * figures: frames, opens, how connections were closed, room resets, /healthz p99 and max during
 * the run, and how long the meeting next door took to converge afterwards. Writes JSON to
 * dist/bench/. Exits non-zero if the run found a problem – then add its seed to
 * server/sync/fuzz-seeds.json.
 *
 * Environment: FUZZ_FRAMES (default 100000), FUZZ_SEED (default: the time), FUZZ_SOCKETS (6),
 * FUZZ_MAX_MINUTES (20). Everything runs on 127.0.0.1; the attacker is a process of its own.
 */
import fs from 'node:fs'
import path from 'node:path'
import { runFuzz } from '../sync/fuzz'

const frames = Number(process.env.FUZZ_FRAMES ?? 100_000)
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const sockets = Number(process.env.FUZZ_SOCKETS ?? 6)
const maxMs = Number(process.env.FUZZ_MAX_MINUTES ?? 20) * 60_000

console.log(`fuzz: seed ${seed}, ${frames} frames, ${sockets} attacker sockets`)
const result = await runFuzz({ seed, frames, sockets, maxMs })
const out = path.join(import.meta.dirname, '..', '..', 'dist', 'bench')
fs.mkdirSync(out, { recursive: true })
const file = path.join(out, `fuzz-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`)

const closes = Object.entries(result.closes)
  .sort((a, b) => b[1] - a[1])
  .map(([code, count]) => `${code}×${count}`)
  .join(' ')
console.log(`frames sent          ${result.frames} in ${(result.durationMs / 1000).toFixed(1)} s`)
console.log(`socket opens         ${result.opens} (${result.refusedOpens} refused)`)
console.log(`closes by code       ${closes}`)
console.log(`room resets (S13)    ${result.roomResets}`)
console.log(
  `/healthz             ${result.healthChecks} checks, ${result.healthFailures} failed, p99 ${result.healthP99Ms} ms, max ${result.healthMaxMs} ms`,
)
console.log(`neighbour converged  ${result.neighbourConvergedMs} ms after the run`)
console.log(`problems             ${result.problems.length === 0 ? 'none' : result.problems.join('; ')}`)
console.log(`written to ${path.relative(process.cwd(), file)}`)
process.exit(result.problems.length === 0 ? 0 : 1)
