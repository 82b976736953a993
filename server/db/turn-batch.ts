import type { Db } from './connection'

interface Queued {
  work: () => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Small writes of one turn of the event loop, committed together: at the end of the turn (a
 * setImmediate) one BEGIN IMMEDIATE … COMMIT holds every write queued in it, each in a savepoint of
 * its own, in the order they were queued. A commit is most of what a small write costs (the WAL
 * write); when 500 people open their links at once, the joins and socket opens of a turn share one.
 *
 * Nothing is given out before its commit: `run` resolves only after it, so an answer that depends
 * on the write (a cookie, a socket's plan) goes out after the row is in the log. A write that
 * throws rolls back its own savepoint only and rejects its own promise; a failed commit rejects
 * every write of the turn. One batch per database (`turnBatch`), so every store shares it.
 */
export class TurnBatch {
  private queue: Queued[] = []
  private scheduled: NodeJS.Immediate | undefined

  constructor(private readonly db: Db) {}

  /** Runs `work` in the end-of-turn transaction; resolves with what it answered, after the commit. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      this.scheduled ??= setImmediate(() => this.flush())
    })
  }

  /** Writes queued and not yet committed (tests, operations). */
  get pending(): number {
    return this.queue.length
  }

  /** Commits what is queued now (shutdown: before the database closes). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled)
    this.scheduled = undefined
    const queued = this.queue
    this.queue = []
    if (queued.length === 0) return
    const results: { ok: boolean; value: unknown }[] = []
    try {
      if (!this.db.open) throw new Error('the database is closed')
      this.db
        .transaction(() => {
          for (const item of queued) {
            try {
              results.push({ ok: true, value: this.db.transaction(item.work)() })
            } catch (error) {
              results.push({ ok: false, value: error })
            }
          }
        })
        .immediate()
    } catch (error) {
      for (const item of queued) item.reject(error)
      return
    }
    queued.forEach((item, i) => {
      const result = results[i]!
      if (result.ok) item.resolve(result.value)
      else item.reject(result.value)
    })
  }
}

const batches = new WeakMap<Db, TurnBatch>()

/** The one end-of-turn batch of a database connection. */
export function turnBatch(db: Db): TurnBatch {
  let batch = batches.get(db)
  if (!batch) {
    batch = new TurnBatch(db)
    batches.set(db, batch)
  }
  return batch
}
