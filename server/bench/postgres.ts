/**
 * The cluster bench's PostgreSQL 15: started the way the tests start theirs (server/test/engines.ts:
 * Debian's binaries, a temp folder, a unix socket in it and no TCP port, run as `postgres` when we
 * are root) but durable as an installation runs it. The tests turn fsync, full-page writes and
 * synchronous_commit off – throwaway data, faster tests – and give them on the command line, which
 * ALTER SYSTEM cannot override; a bench that compares the cost of storing must pay for the disk as
 * docs/operations.md says to run it (synchronous_commit on). BENCH_PG_SYNCHRONOUS_COMMIT=off
 * measures the other setting.
 *
 * Nothing is left running: `stop()` ends the server and removes its folder; an exit handler does
 * the same, and a watchdog shell ends the server if the bench dies without running it.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { createDatabase, dropDatabase, postgresUrl } from '../test/engines'

const run = promisify(execFile)
const PG_BIN = process.env.SIP_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin'
const START_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 15_000

export interface BenchPostgres {
  /** The postmaster: its CPU and its backends' is PostgreSQL's (processes.ts, treeCpuMs). */
  pid: number
  /** PostgreSQL's settings that decide what a commit costs, as the server reports them. */
  settings: Record<string, string>
  url(database: string): string
  createDatabase(): Promise<string>
  dropDatabase(name: string): Promise<void>
  stop(): Promise<void>
}

export async function startBenchPostgres(synchronousCommit: 'on' | 'off'): Promise<BenchPostgres> {
  for (const binary of ['initdb', 'pg_ctl']) {
    if (!fs.existsSync(path.join(PG_BIN, binary)))
      throw new Error(`${PG_BIN}/${binary} is missing: install Debian's postgresql-15`)
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-bench-pg-'))
  const data = path.join(dir, 'data')
  const asOwner = ownerOf(dir)
  let pid: number | undefined
  let watchdog: ChildProcess | undefined
  const kill = () => {
    watchdog?.kill('SIGKILL')
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGQUIT') // PostgreSQL's immediate shutdown
      } catch {
        // Already gone.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', kill)
  try {
    await asOwner('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'])
    const options = [
      "-c listen_addresses=''",
      `-k ${dir}`,
      `-c synchronous_commit=${synchronousCommit}`,
    ].join(' ')
    const log = path.join(dir, 'log')
    await asOwner('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '30', '-o', options, 'start'])
    pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
    // Ends PostgreSQL if the bench dies without its exit handler (SIGKILL). Polls once a second.
    watchdog = spawn(
      'sh',
      [
        '-c',
        'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -QUIT "$2" 2>/dev/null; sleep 2; rm -rf "$3"',
        'sip-bench-watchdog',
        String(process.pid),
        String(pid),
        dir,
      ],
      { detached: true, stdio: 'ignore' },
    )
    watchdog.unref()
    const settings = await readSettings(dir)
    return {
      pid,
      settings,
      url: (database) => postgresUrl(dir, database),
      createDatabase: () => createDatabase(dir),
      dropDatabase: (name) => dropDatabase(dir, name),
      async stop() {
        process.off('exit', kill)
        await asOwner('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined)
        kill()
      },
    }
  } catch (error) {
    process.off('exit', kill)
    kill()
    throw error
  }
}

async function readSettings(socketDir: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: postgresUrl(socketDir, 'postgres') })
  await client.connect()
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN
         ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers',
          'max_connections', 'server_version')`,
    )
    return Object.fromEntries(rows.map((row) => [row.name, row.setting]))
  } finally {
    await client.end()
  }
}

/** Runs a PostgreSQL binary as the folder's owner: `postgres` when we are root (initdb refuses root). */
function ownerOf(dir: string) {
  const root = process.getuid?.() === 0
  if (root) {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim())
    fs.chownSync(dir, id('-u'), id('-g'))
  }
  fs.chmodSync(dir, 0o700)
  return async (binary: string, args: string[]) => {
    const file = path.join(PG_BIN, binary)
    const [command, commandArgs] = root ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args]
    await run(command, commandArgs, {
      timeout: START_TIMEOUT_MS + STOP_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    })
  }
}
