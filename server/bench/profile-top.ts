/**
 * Top self-time functions of a V8 CPU profile (`node --cpu-prof`), e.g. of the server run by the
 * bench with BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/sip-prof":
 *
 *   node --import tsx server/bench/profile-top.ts /tmp/sip-prof/CPU.*.cpuprofile [count] [lastMs] [skipEndMs]
 *
 * `lastMs` counts only the samples of the profile's last `lastMs` milliseconds – e.g. the typing
 * window of a single-level run, leaving out start-up and connecting; `skipEndMs` leaves out the
 * profile's last milliseconds too (the clients leaving and the shutdown).
 *
 * Prints self time per function (summed over call sites) and per file, idle time excluded, so the
 * shares are of the time the server actually worked.
 */
import fs from 'node:fs'
import path from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

const [file, countArg, lastMsArg, skipEndMsArg] = process.argv.slice(2)
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [count] [lastMs] [skipEndMs]')
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
const count = Number(countArg ?? 25)

/** Self time per node, in µs: each sample's delta is charged to the node it landed in. */
function selfTimes(p: Profile, fromUs: number, toUs: number): Map<number, number> {
  const times = new Map<number, number>()
  let at = p.startTime
  for (let i = 0; i < p.samples.length; i++) {
    at += p.timeDeltas[i] ?? 0
    if (at < fromUs || at > toUs) continue
    const id = p.samples[i]!
    times.set(id, (times.get(id) ?? 0) + (p.timeDeltas[i] ?? 0))
  }
  return times
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/')
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length)
  return url.startsWith('file://') ? path.relative(process.cwd(), new URL(url).pathname) : url
}

const fromUs = lastMsArg ? profile.endTime - Number(lastMsArg) * 1000 : profile.startTime
const toUs = profile.endTime - Number(skipEndMsArg ?? 0) * 1000
const byNode = selfTimes(profile, fromUs, toUs)
const byFunction = new Map<string, number>()
const byFile = new Map<string, number>()
let busy = 0
for (const node of profile.nodes) {
  const us = byNode.get(node.id) ?? 0
  const { functionName, url, lineNumber } = node.callFrame
  if (functionName === '(idle)' || functionName === '(program)') continue
  busy += us
  const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : ''
  const key = `${functionName || '(anonymous)'} ${where}`.trim()
  byFunction.set(key, (byFunction.get(key) ?? 0) + us)
  const fileKey = url ? shortUrl(url).split(':')[0]! : functionName
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us)
}

const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, count)
const row = ([name, us]: [string, number]) =>
  `${(us / 1000).toFixed(0).padStart(8)} ms ${((us / busy) * 100).toFixed(1).padStart(5)} %  ${name}`
const wall = (toUs - fromUs) / 1000
console.log(
  `profile ${wall.toFixed(0)} ms wall, ${(busy / 1000).toFixed(0)} ms busy (idle and (program) excluded)`,
)
console.log('\nself time by function:')
for (const entry of top(byFunction)) console.log(row(entry))
console.log('\nself time by file:')
for (const entry of top(byFile).slice(0, 15)) console.log(row(entry))
