/**
 * The reference server for the side-by-side run: Hocuspocus 4 with its SQLite extension, stock
 * settings (it debounces stores by 2 s, at most 10 s), in its own process, bound to 127.0.0.1.
 *
 * Environment: BENCH_HP_PORT, BENCH_HP_DB (SQLite file). Prints `listening` once it accepts
 * connections, `loaded <name> <ms>` for every document load (fetch + apply, measured around its
 * hooks) and `stored <name>` after every store, so the bench can wait for what it needs.
 */
import { SQLite } from '@hocuspocus/extension-sqlite'
import { type Extension, Server } from '@hocuspocus/server'

const port = Number(process.env.BENCH_HP_PORT)
const database = process.env.BENCH_HP_DB
if (!port || !database) throw new Error('BENCH_HP_PORT and BENCH_HP_DB are required')

const loadStarted = new Map<string, number>()

/** Runs first (highest priority) so its clock starts before the SQLite extension fetches. */
const timing: Extension = {
  priority: 1000,
  async onLoadDocument({ documentName }) {
    loadStarted.set(documentName, performance.now())
  },
  async afterLoadDocument({ documentName }) {
    const started = loadStarted.get(documentName)
    loadStarted.delete(documentName)
    if (started !== undefined)
      process.stdout.write(`loaded ${documentName} ${(performance.now() - started).toFixed(2)}\n`)
  },
  async afterStoreDocument({ documentName }) {
    process.stdout.write(`stored ${documentName}\n`)
  },
}

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  extensions: [timing, new SQLite({ database })],
})

server.listen().then(
  () => process.stdout.write('listening\n'),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`)
    process.exit(1)
  },
)
