/**
 * Throwaway PostgreSQL and Redis servers for tests: real engines, each in its own temp folder,
 * reachable only through a unix socket in that folder (no TCP port, nothing shared with a system
 * PostgreSQL on 5432 or a Redis on 6379). Used by the vitest global setup (one of each per run) and
 * by tests that need a server of their own (a Redis to restart mid-meeting).
 *
 * Nothing is left running: `stop()` ends a server and removes its folder; an exit handler does the
 * same if a test process ends without it, and a small watchdog shell ends the server when the
 * process that started it dies without running exit handlers (SIGTERM or SIGKILL from the runner).
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

/** Where Debian's postgresql-15 puts its binaries; `SIP_TEST_PG_BIN` points elsewhere. */
const PG_BIN = process.env.SIP_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin'
/** Bounds for every wait below: a server that is not up by then is reported, not waited for. */
const START_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 15_000
/** A unix socket path is limited to 107 bytes on Linux. */
const MAX_SOCKET_PATH = 107

export interface PostgresServer {
  /** The folder holding the socket (`.s.PGSQL.5432`): pg's `host`. */
  socketDir: string
  /** A connection string for `pg` to the database `database` (default `postgres`). */
  url(database?: string): string
  /** A fresh empty database (a copy of `template`, default template1); its name. */
  createDatabase(template?: string): Promise<string>
  dropDatabase(name: string): Promise<void>
  stop(): Promise<void>
}

export interface RedisServer {
  socketPath: string
  /** `unix:///…/redis.sock`: what SIP_REDIS_URL holds for a unix socket. */
  url: string
  /** Stops the server and starts it again on the same socket (clients see a lost connection). */
  restart(): Promise<void>
  /** Stops the server; `restart()` starts it again. */
  stopOnly(): Promise<void>
  /** Stops the server for good and removes its folder. */
  stop(): Promise<void>
}

/** What the global setup hands to test workers (serialisable). */
export interface ProvidedEngines {
  postgres: { socketDir: string; template: string; migratedTemplate: string }
  redis: { socketPath: string; url: string }
}

/** Starts PostgreSQL 15 (Debian's binaries) on a unix socket in a new temp folder. */
export async function startPostgres(): Promise<PostgresServer> {
  for (const binary of ['initdb', 'pg_ctl', 'postgres', 'pg_isready']) {
    requireFile(path.join(PG_BIN, binary), 'postgresql-15')
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-pg-'))
  checkSocketPath(path.join(dir, '.s.PGSQL.5432'))
  const tracked = track(dir)
  try {
    // initdb and postgres refuse to run as root: as root, run them as the `postgres` user, which
    // must then own the folder; as anyone else, run them as ourselves.
    const asOwner = asPostgresOwner(dir)
    const data = path.join(dir, 'data')
    await asOwner(
      'initdb',
      ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      START_TIMEOUT_MS,
    )
    const options = [
      "-c listen_addresses=''",
      `-k ${dir}`,
      // Throwaway data: the crash tests kill Node processes, never PostgreSQL.
      '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ')
    await asOwner(
      'pg_ctl',
      [
        '-D',
        data,
        '-l',
        path.join(dir, 'log'),
        '-w',
        '-t',
        String(START_TIMEOUT_MS / 1000),
        '-o',
        options,
        'start',
      ],
      START_TIMEOUT_MS + 5000,
    ).catch((error: unknown) => {
      throw new Error(
        `PostgreSQL did not start in ${dir}: ${explain(error)}\n${readTail(path.join(dir, 'log'))}`,
      )
    })
    const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
    tracked.setProcess(pid, 'SIGQUIT')
    await waitUntil(async () => {
      await run(path.join(PG_BIN, 'pg_isready'), ['-q', '-h', dir], { timeout: 5000 })
      return true
    }, `PostgreSQL in ${dir} accepting connections`)
    let stopped = false
    const server: PostgresServer = {
      socketDir: dir,
      url: (database = 'postgres') => postgresUrl(dir, database),
      createDatabase: (template) => createDatabase(dir, template),
      dropDatabase: (name) => dropDatabase(dir, name),
      async stop() {
        if (stopped) return
        stopped = true
        await asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], STOP_TIMEOUT_MS).catch(() => {
          tracked.kill()
        })
        tracked.remove()
      },
    }
    return server
  } catch (error) {
    tracked.kill()
    tracked.remove()
    throw error
  }
}

/** Starts redis-server (no persistence) on a unix socket in a new temp folder. */
export async function startRedis(): Promise<RedisServer> {
  const binary = findOnPath('redis-server')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-redis-'))
  const socketPath = path.join(dir, 'redis.sock')
  checkSocketPath(socketPath)
  const tracked = track(dir)
  let child: ChildProcess | undefined

  const start = async () => {
    const log = fs.openSync(path.join(dir, 'log'), 'a')
    const started = spawn(
      binary,
      [
        '--port',
        '0',
        '--unixsocket',
        socketPath,
        '--unixsocketperm',
        '700',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
      ],
      { stdio: ['ignore', log, log] },
    )
    fs.closeSync(log)
    child = started
    if (started.pid === undefined) throw new Error(`redis-server did not start: ${binary}`)
    tracked.setProcess(started.pid, 'SIGKILL')
    const exited = new Promise<void>((resolve) => started.once('exit', () => resolve()))
    try {
      await waitUntil(async () => {
        if (started.exitCode !== null) throw new GaveUp('redis-server exited')
        return ping(socketPath)
      }, `Redis answering PING on ${socketPath}`)
    } catch (error) {
      started.kill('SIGKILL')
      await exited
      throw new Error(`${explain(error)}\n${readTail(path.join(dir, 'log'))}`)
    }
  }

  const halt = async () => {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()))
    running.kill('SIGTERM')
    const timer = setTimeout(() => running.kill('SIGKILL'), STOP_TIMEOUT_MS)
    await exited
    clearTimeout(timer)
    tracked.clearProcess()
    // Redis removes its socket file on a clean exit; after a kill it may stay and is reused.
    fs.rmSync(socketPath, { force: true })
  }

  try {
    await start()
  } catch (error) {
    tracked.kill()
    tracked.remove()
    throw error
  }
  let stopped = false
  return {
    socketPath,
    url: `unix://${socketPath}`,
    async restart() {
      await halt()
      await start()
    },
    stopOnly: halt,
    async stop() {
      if (stopped) return
      stopped = true
      await halt()
      tracked.remove()
    },
  }
}

/** pg's connection string for a unix socket folder: `postgres://postgres@/<db>?host=<dir>`. */
export function postgresUrl(socketDir: string, database: string): string {
  return `postgres://postgres@/${encodeURIComponent(database)}?host=${encodeURIComponent(socketDir)}`
}

/** A new database named `sip_t_<pid>_<random>` copied from `template`; answers its name. */
export async function createDatabase(socketDir: string, template = 'template1'): Promise<string> {
  const name = `sip_t_${process.pid}_${crypto.randomBytes(6).toString('hex')}`
  await withAdmin(socketDir, (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`),
  )
  return name
}

/** Drops a test database, ending whatever connections a test left open to it. */
export async function dropDatabase(socketDir: string, name: string): Promise<void> {
  await withAdmin(socketDir, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  )
}

async function withAdmin<T>(socketDir: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl(socketDir, 'postgres') })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** A running server owned by this process: its folder, its main pid, its watchdog. */
interface Tracked {
  setProcess(pid: number, signal: NodeJS.Signals): void
  clearProcess(): void
  kill(): void
  remove(): void
}

const live = new Set<Tracked>()
let exitHookInstalled = false

function track(dir: string): Tracked {
  let target: { pid: number; signal: NodeJS.Signals } | undefined
  let watchdog: ChildProcess | undefined
  const endWatchdog = () => {
    watchdog?.kill('SIGKILL')
    watchdog = undefined
  }
  const tracked: Tracked = {
    setProcess(pid, signal) {
      endWatchdog()
      target = { pid, signal }
      // Ends the server if this process dies without running exit handlers. Polls once a second.
      const signalName = signal.replace(/^SIG/, '')
      watchdog = spawn(
        'sh',
        [
          '-c',
          'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -"$2" "$3" 2>/dev/null; sleep 2; rm -rf "$4"',
          'sip-test-watchdog',
          String(process.pid),
          signalName,
          String(pid),
          dir,
        ],
        { detached: true, stdio: 'ignore' },
      )
      watchdog.unref()
    },
    clearProcess() {
      endWatchdog()
      target = undefined
    },
    kill() {
      if (target) {
        try {
          process.kill(target.pid, target.signal)
        } catch {
          // Already gone.
        }
      }
      tracked.clearProcess()
    },
    remove() {
      tracked.clearProcess()
      fs.rmSync(dir, { recursive: true, force: true })
      live.delete(tracked)
    },
  }
  live.add(tracked)
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.once('exit', () => {
      for (const server of live) {
        server.kill()
        server.remove()
      }
    })
  }
  return tracked
}

/** Runs a PostgreSQL binary as the folder's owner (see startPostgres). */
function asPostgresOwner(dir: string) {
  const root = process.getuid?.() === 0
  if (root) {
    let uid: number
    let gid: number
    try {
      uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim())
      gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim())
    } catch {
      throw new Error(
        'running as root needs the user `postgres` (Debian makes it with postgresql-15): initdb refuses root',
      )
    }
    fs.chownSync(dir, uid, gid)
  }
  fs.chmodSync(dir, 0o700)
  return async (binary: string, args: string[], timeout: number) => {
    const file = path.join(PG_BIN, binary)
    const [command, commandArgs] = root ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args]
    await run(command, commandArgs, { timeout, killSignal: 'SIGKILL' })
  }
}

/** PING over the socket, without redis-cli: true on `+PONG`. */
function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ path: socketPath })
    let answer = ''
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.on('error', () => done(false))
    socket.on('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1')
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'))
    })
  })
}

/** Thrown by a `waitUntil` check when waiting longer cannot help. */
class GaveUp extends Error {}

/** Polls `check` until it answers true; a throw counts as "not yet" unless it is a GaveUp. */
async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS
  let last: unknown
  for (;;) {
    try {
      if (await check()) return
    } catch (error) {
      if (error instanceof GaveUp) throw error
      last = error
    }
    if (Date.now() > deadline) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`Timed out waiting for ${what}${last ? ` (${explain(last)})` : ''}`)
}

function requireFile(file: string, debianPackage: string): void {
  if (!fs.existsSync(file)) {
    throw new Error(
      `${file} is missing: install Debian's ${debianPackage} (apt-get install ${debianPackage})`,
    )
  }
}

function findOnPath(binary: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, binary)
    if (dir && fs.existsSync(file)) return file
  }
  throw new Error(`${binary} is not on PATH: install Debian's redis-server (apt-get install redis-server)`)
}

function checkSocketPath(socketPath: string): void {
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new Error(`socket path too long for a unix socket (${socketPath}): set TMPDIR to a shorter folder`)
  }
}

function readTail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n')
  } catch {
    return ''
  }
}

function explain(error: unknown): string {
  if (error instanceof Error) {
    const stderr = (error as Error & { stderr?: string }).stderr
    return stderr ? `${error.message}: ${stderr.trim()}` : error.message
  }
  return String(error)
}
