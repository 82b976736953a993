/**
 * The processes of `npm run bench`: the servers under test (SIP Live and the two anchors,
 * Hocuspocus and the y-websocket reference server) and the client processes that drive them. Every wait here is bounded; only 127.0.0.1 is used; only processes
 * started here are ever signalled.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import WebSocket from 'ws'

export const ROOT = path.resolve(import.meta.dirname, '../..')
const CLOCK_TICKS = 100 // USER_HZ on Linux
/**
 * Bench ports: apart from the e2e tests' 8737+ and the integration tests' own; BENCH_PORTS=A-B
 * gives a range of one's own (two benches on one machine).
 */
const PORT_RANGE = (process.env.BENCH_PORTS ?? '9500-9599').split('-').map(Number) as [number, number]
/** Extra node flags for the SIP Live server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const SERVER_ARGS = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)
/** The same for the anchors' servers (both), to profile them side by side. */
const ANCHOR_ARGS = (process.env.BENCH_ANCHOR_ARGS ?? '').split(' ').filter(Boolean)
/**
 * How our server is started: as `npm start` does, from the bundle `npm run build:server` makes
 * (run.ts builds it), or from another file given in BENCH_SERVER_ENTRY.
 */
const SERVER_ENTRY = [process.env.BENCH_SERVER_ENTRY ?? 'dist/server.mjs']
/** The anchors' bench servers, bundled the same way so all three start from plain JavaScript. */
export const HOCUSPOCUS_ENTRY = 'dist/bench/hocuspocus-server.mjs'
export const REFERENCE_ENTRY = 'dist/bench/reference-server.mjs'

/** A free port in the bench range (the same port is reused across a restart). */
export async function pickPort(taken: readonly number[] = []): Promise<number> {
  for (let port = PORT_RANGE[0]; port <= PORT_RANGE[1]; port++) {
    if (!taken.includes(port) && (await portIsFree(port))) return port
  }
  throw new Error(`no free port in ${PORT_RANGE.join('–')}`)
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

export function procStats(pid: number): { cpuMs: number; rssKb: number } {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12]) // utime + stime
    const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return { cpuMs: (ticks * 1000) / CLOCK_TICKS, rssKb: Number(rss ?? 0) }
  } catch {
    return { cpuMs: 0, rssKb: 0 }
  }
}

/**
 * CPU of a process and everything it started, for a server that forks a process per connection
 * (PostgreSQL's postmaster and its backends): its own time, its children's that have exited
 * (cutime + cstime, once it waited for them), and the live children's own. Sampled twice, the
 * difference counts every backend's work in between, whether it lived through the window or not.
 * Children of children are not looked for (PostgreSQL's are all the postmaster's).
 */
export function treeCpuMs(pid: number): number {
  const fieldsOf = (p: number | string) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8')
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    } catch {
      return undefined // gone in between
    }
  }
  const own = fieldsOf(pid)
  if (!own) return 0
  // After the state (field 3): ppid is [1], utime [11], stime [12], cutime [13], cstime [14].
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const fields = fieldsOf(entry)
    if (fields && Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12])
  }
  return (ticks * 1000) / CLOCK_TICKS
}

export interface ServerProcess {
  kind: 'sip' | 'hocuspocus' | 'reference'
  child: ChildProcess
  pid: number
  port: number
  wsUrl: string
  /** performance.now() when the process was spawned and when it accepted connections. */
  spawnedAt: number
  listeningAt: number
  /** Every stdout line so far (the bench parses load timings from them). */
  lines: string[]
}

/**
 * Spawns a server and resolves once `ready` appears on its stdout (30 s at most). Output is kept
 * line by line; stderr goes to ours.
 */
function spawnServer(
  kind: ServerProcess['kind'],
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  ready: string,
): Promise<ServerProcess> {
  const spawnedAt = performance.now()
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  // The inspector's banner (memory scenario) is noise; anything else the server says is shown.
  child.stderr!.on('data', (chunk) => {
    const text = String(chunk)
    if (!/^(Debugger listening|Debugger attached|For help, see|Debugger ending)/m.test(text))
      process.stderr.write(text)
  })
  const lines: string[] = []
  let partial = ''
  child.stdout!.on('data', (chunk) => {
    const text = partial + String(chunk)
    const complete = text.split('\n')
    partial = complete.pop() ?? ''
    lines.push(...complete)
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start in 30 s`)), 30_000)
    const onExit = (code: number | null) => reject(new Error(`${kind} server exited (${code})`))
    child.on('exit', onExit)
    const poll = setInterval(() => {
      if (!lines.some((l) => l.includes(ready)) && !partial.includes(ready)) return
      clearInterval(poll)
      clearTimeout(timer)
      child.off('exit', onExit)
      resolve({
        kind,
        child,
        pid: child.pid!,
        port,
        wsUrl: `ws://127.0.0.1:${port}`,
        spawnedAt,
        listeningAt: performance.now(),
        lines,
      })
    }, 2)
    child.on('exit', () => clearInterval(poll))
  })
}

/**
 * The production server on a data folder; `logLevel` debug makes it log each room load time.
 * `extraEnv` adds to its environment (the cluster bench: SIP_DATABASE_URL, SIP_REDIS_URL).
 */
export function startSip(
  dataDir: string,
  port: number,
  logLevel = 'warn',
  nodeArgs: string[] = [],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const env = {
    ...process.env,
    ...extraEnv,
    SIP_DATA_DIR: dataDir,
    SIP_PORT: String(port),
    SIP_HOST: '127.0.0.1',
    SIP_DEMO: 'off',
    SIP_LOG_LEVEL: logLevel,
    // The bench's clients say which address they come from, as a reverse proxy on the same
    // machine would (clients.ts): each meeting its own, so the per-address socket limits see
    // what they would see in a real installation.
    SIP_TRUST_PROXY: 'loopback',
  }
  return spawnServer('sip', [...SERVER_ARGS, ...nodeArgs, ...SERVER_ENTRY], env, port, 'SIP Live is running')
}

/** Hocuspocus 4 with its SQLite extension on `dbFile` (hocuspocus-server.ts). */
export function startHocuspocus(
  dbFile: string,
  port: number,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const env = { ...process.env, BENCH_HP_PORT: String(port), BENCH_HP_DB: dbFile }
  return spawnServer('hocuspocus', [...ANCHOR_ARGS, ...nodeArgs, HOCUSPOCUS_ENTRY], env, port, 'listening')
}

/**
 * The y-websocket reference server (reference-server.ts); with `storageDir` it loads and stores
 * documents as files there (cold load only), without it it keeps them in memory.
 */
export function startReference(
  port: number,
  storageDir?: string,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_REF_PORT: String(port) }
  if (storageDir) env.BENCH_REF_DIR = storageDir
  return spawnServer('reference', [...ANCHOR_ARGS, ...nodeArgs, REFERENCE_ENTRY], env, port, 'listening')
}

/**
 * SIGTERM (a graceful shutdown: every server that stores stores what it holds), SIGKILL after
 * 15 s.
 */
export async function stopServer(server: ServerProcess): Promise<number> {
  const started = performance.now()
  if (server.child.exitCode !== null || server.child.signalCode !== null) return 0
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()))
  server.child.kill('SIGTERM')
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
  return performance.now() - started
}

/** Waits (bounded) for a line on a server's stdout that satisfies `match`. */
export async function waitForLine(server: ServerProcess, match: (line: string) => boolean, ms: number) {
  const deadline = Date.now() + ms
  for (;;) {
    const line = server.lines.find(match)
    if (line !== undefined) return line
    if (Date.now() > deadline) return undefined
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export interface DemoMeeting {
  meetingId: string
  links: { role: string; url: string }[]
}

/**
 * Meetings through the documented CLI (`npm run cli -- demo --count N --json`); with
 * SIP_DATABASE_URL in `extraEnv`, in that PostgreSQL database (the CLI migrates it first).
 */
export function createMeetings(
  dataDir: string,
  count: number,
  extraEnv: NodeJS.ProcessEnv = {},
): DemoMeeting[] {
  const stdout = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'demo', '--count', String(count), '--json'],
    {
      cwd: ROOT,
      env: { ...process.env, ...extraEnv, SIP_DATA_DIR: dataDir },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  return (JSON.parse(stdout) as { meetings: DemoMeeting[] }).meetings
}

const tokenOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('t')!

/** The note-taker's token and `readers` read-only tokens (participant, guardian, child, reused). */
export function meetingTokens(m: DemoMeeting, readers: number) {
  const readOnly = m.links.filter((l) => ['participant', 'guardian', 'child'].includes(l.role))
  return {
    meetingId: m.meetingId,
    writer: tokenOf(m.links.find((l) => l.role === 'notetaker')!.url),
    readers: Array.from({ length: readers }, (_, i) => tokenOf(readOnly[i % readOnly.length]!.url)),
  }
}

/**
 * The anchors have no links: a document name, and empty tokens (no authentication configured;
 * their readers are read-only only in that they never write).
 */
export function anchorRooms(prefix: string, count: number, readers: number) {
  return Array.from({ length: count }, (_, i) => ({
    meetingId: `${prefix}-${i}`,
    writer: '',
    readers: new Array<string>(readers).fill(''),
  }))
}

/**
 * Runs a client script in its own process with `input` (passed as a file: thousands of tokens do
 * not fit one argument). `onLine` sees each stdout line; resolves with the last one, parsed.
 */
export function runClientProcess<T>(
  script: string,
  input: object,
  timeoutMs: number,
  onLine: (line: string) => void = () => {},
): Promise<T> {
  const file = path.join(os.tmpdir(), `sip-bench-input-${process.pid}-${Date.now()}.json`)
  fs.writeFileSync(file, JSON.stringify(input))
  const child = spawn(process.execPath, ['--import', 'tsx', `server/bench/${script}`, file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines: string[] = []
  let partial = ''
  child.stdout.on('data', (chunk) => {
    const complete = (partial + String(chunk)).split('\n')
    partial = complete.pop() ?? ''
    for (const line of complete) {
      lines.push(line)
      onLine(line)
    }
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      fs.rmSync(file, { force: true })
      if (code !== 0) return reject(new Error(`${script} exited ${code}`))
      resolve(JSON.parse(lines.filter(Boolean).pop() ?? 'null') as T)
    })
  })
}

/**
 * A full garbage collection in a server started with `--inspect=127.0.0.1:<port>`, through the
 * inspector protocol (neither server calls `gc()` itself), and the V8 heap in use after it.
 * RSS alone says little: V8 keeps freed pages until it needs them or the OS asks.
 */
export async function collectGarbage(
  inspectPort: number,
  snapshotFile?: string,
): Promise<{ heapUsedKb: number }> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string
  }[]
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl)
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  const call = (id: number, method: string) =>
    new Promise<Record<string, number>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} timed out`)), 30_000)
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, number> }
        if (message.id !== id) return
        clearTimeout(timer)
        socket.off('message', onMessage)
        resolve(message.result ?? {})
      }
      socket.on('message', onMessage)
      socket.send(JSON.stringify({ id, method }))
    })
  try {
    await call(1, 'HeapProfiler.collectGarbage')
    const usage = await call(2, 'Runtime.getHeapUsage')
    if (snapshotFile) {
      // The snapshot arrives in chunks before the call's answer (heap-top.ts summarises it).
      const chunks: string[] = []
      const onChunk = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { method?: string; params?: { chunk: string } }
        if (message.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(message.params!.chunk)
      }
      socket.on('message', onChunk)
      await call(3, 'HeapProfiler.takeHeapSnapshot')
      socket.off('message', onChunk)
      fs.writeFileSync(snapshotFile, chunks.join(''))
    }
    return { heapUsedKb: Math.round((usage.usedSize ?? 0) / 1024) }
  } finally {
    socket.close()
  }
}
