/**
 * `npm run bench`: the meeting path measured end to end (docs/performance.md).
 *
 * Builds the client (and reports its weight), starts the production server on a temporary data
 * folder on 127.0.0.1, creates meetings through the documented CLI, and drives them from a separate
 * process with real y-websocket clients. Prints a table and writes JSON to dist/bench/.
 *
 * Environment: BENCH_LEVELS (meetings per level, default 1,10,50,100,200,400), BENCH_SECONDS
 * (typing time per level, default 10), BENCH_RATE (characters a second per note-taker, default 5;
 * 20 is the stress setting). Stops at the first level whose p99 passes 1 s or that has errors.
 */
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

const ROOT = path.resolve(import.meta.dirname, '../..')
const LEVELS = (process.env.BENCH_LEVELS ?? '1,10,50,100,200,400').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const RATE = Number(process.env.BENCH_RATE ?? 5)
const READERS = 9
const CLOCK_TICKS = 100 // USER_HZ on Linux

function clientWeight() {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' })
  const dist = path.join(ROOT, 'dist', 'client')
  const assets = path.join(dist, 'assets')
  const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(assets, file))).byteLength
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
  const entry = /assets\/(index-[^"]+\.js)/.exec(html)?.[1]
  const chunks = fs.readdirSync(assets).filter((f) => f.endsWith('.js'))
  const meeting = chunks.find((f) => f.startsWith('MeetingPage-'))
  const staff = chunks.find((f) => f.startsWith('StaffRoutes-'))
  // What a chunk pulls in statically, besides the entry that is already loaded.
  const imports = (file: string): string[] =>
    [...fs.readFileSync(path.join(assets, file), 'utf8').matchAll(/from\s*"\.\/([^"]+\.js)"/g)]
      .map((m) => m[1]!)
      .filter((f) => f !== entry)
  const route = (lazy: string | undefined) =>
    entry && lazy ? [entry, lazy, ...imports(lazy)].reduce((n, f) => n + gzip(f), 0) : null
  return {
    entryGzip: entry ? gzip(entry) : null,
    participantViewGzip: route(meeting),
    staffViewGzip: route(staff),
    chunks: Object.fromEntries(chunks.map((f) => [f, gzip(f)])),
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

function procStats(pid: number): { cpuMs: number; rssKb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12]) // utime + stime
  const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return { cpuMs: (ticks * 1000) / CLOCK_TICKS, rssKb: Number(rss ?? 0) }
}

async function startServer(dataDir: string, port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SIP_DATA_DIR: dataDir,
      SIP_PORT: String(port),
      SIP_DEMO: 'off',
      SIP_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error('server did not start in 30 s')), 30_000)
    child.stdout!.on('data', (chunk) => {
      out += String(chunk)
      if (out.includes('SIP Live is running')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)))
  })
  return child
}

interface DemoMeeting {
  meetingId: string
  links: { role: string; url: string }[]
}

function createMeetings(dataDir: string, count: number): DemoMeeting[] {
  const stdout = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'demo', '--count', String(count), '--json'],
    {
      cwd: ROOT,
      env: { ...process.env, SIP_DATA_DIR: dataDir },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  return (JSON.parse(stdout) as { meetings: DemoMeeting[] }).meetings
}

const tokenOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('t')!

function runClients(
  wsUrl: string,
  meetings: DemoMeeting[],
  onPhase: (phase: 'typing' | 'typed') => void,
): Promise<Record<string, number | null>> {
  const input = {
    wsUrl,
    seconds: SECONDS,
    rate: RATE,
    meetings: meetings.map((m) => {
      const readOnly = m.links.filter((l) => ['participant', 'guardian', 'child'].includes(l.role))
      return {
        meetingId: m.meetingId,
        writer: tokenOf(m.links.find((l) => l.role === 'notetaker')!.url),
        readers: Array.from({ length: READERS }, (_, i) => tokenOf(readOnly[i % readOnly.length]!.url)),
      }
    }),
  }
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/bench/meeting-clients.ts', JSON.stringify(input)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let out = ''
    const seen = new Set<string>()
    child.stdout.on('data', (chunk) => {
      out += String(chunk)
      for (const phase of ['typing', 'typed'] as const) {
        if (out.includes(`${phase}\n`) && !seen.has(phase)) {
          seen.add(phase)
          onPhase(phase)
        }
      }
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), (SECONDS + 120) * 1000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (code !== 0) return reject(new Error(`clients exited ${code}`))
      resolve(JSON.parse(out.trim().split('\n').pop()!) as Record<string, number | null>)
    })
  })
}

async function main(): Promise<void> {
  const weight = clientWeight()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-live-bench-'))
  const port = await freePort()
  const server = await startServer(dataDir, port)
  const pid = server.pid!
  const baseline = procStats(pid)
  const levels: Record<string, unknown>[] = []
  try {
    for (const count of LEVELS) {
      const meetings = createMeetings(dataDir, count)
      let before = procStats(pid)
      let after = before
      const result = await runClients(`ws://127.0.0.1:${port}`, meetings, (phase) => {
        if (phase === 'typing') before = procStats(pid)
        else after = procStats(pid)
      })
      const delivered = Number(result.delivered ?? 0)
      const row = {
        meetings: count,
        ...result,
        serverCpuMs: after.cpuMs - before.cpuMs,
        serverCpuUsPerDelivered:
          delivered > 0 ? Math.round(((after.cpuMs - before.cpuMs) * 1000) / delivered) : null,
        serverRssMb: Math.round(after.rssKb / 1024),
      }
      levels.push(row)
      console.log(
        `meetings ${String(count).padStart(4)} | p50 ${fmt(result.p50)} p95 ${fmt(result.p95)} p99 ${fmt(result.p99)} max ${fmt(result.max)} ms | delivered ${delivered}/${result.expected} errors ${result.errors} | server CPU ${row.serverCpuUsPerDelivered} µs/update, RSS ${row.serverRssMb} MB | harness CPU ${Math.round(Number(result.harnessCpuMs))} ms`,
      )
      if (Number(result.p99) > 1000 || Number(result.errors) > 0) break
    }
  } finally {
    server.kill('SIGTERM')
  }
  const report = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    settings: {
      levels: LEVELS,
      seconds: SECONDS,
      rate: RATE,
      readersPerMeeting: READERS,
      storedBeforeBroadcast: true,
    },
    clientWeight: weight,
    baselineRssMb: Math.round(baseline.rssKb / 1024),
    levels,
  }
  const out = path.join(ROOT, 'dist', 'bench')
  fs.mkdirSync(out, { recursive: true })
  const file = path.join(out, `bench-${Date.now()}.json`)
  fs.writeFileSync(file, JSON.stringify(report, null, 2))
  console.log(
    `client weight (gzip): entry ${kb(weight.entryGzip)}, participant view ${kb(weight.participantViewGzip)}, staff view ${kb(weight.staffViewGzip)}`,
  )
  console.log(`report: ${path.relative(ROOT, file)}`)
}

const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(1) : '–')
const kb = (v: number | null) => (v === null ? '–' : `${(v / 1024).toFixed(1)} kB`)

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
