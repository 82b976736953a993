import { AsyncLocalStorage } from 'node:async_hooks'
import { accessTokenStore } from './access-tokens'
import { auditLogStore } from './audit-log'
import type { Db } from './connection'
import type { Async, Storage, Stores } from './contract'
import { documentStore } from './documents'
import { meetingStore } from './meetings'
import { participantSessionStore } from './participant-sessions'
import { participantStore } from './participants'
import { signoffStore } from './signoff'
import { sipStore } from './sips'
import { staffSessionStore } from './staff-sessions'
import { statisticsStore } from './statistics'
import { statisticsReportStore } from './statistics-report'
import { isUniqueViolation, userStore } from './users'
import { watched } from './watched'

/** The transaction a store call belongs to: found through the caller's async context. */
interface OpenTransaction {
  ended: boolean
  savepoints: number
}

/**
 * The storage contract over one better-sqlite3 connection (decision 013). SQLite is synchronous, so
 * a store call outside a transaction runs at the moment it is made and answers a settled promise:
 * the order of writes is the order of calls, as before the contract was async.
 *
 * A transaction is BEGIN IMMEDIATE … COMMIT around an async body. While one is open, the connection
 * belongs to it: calls from its own async context run in it at once, every other call – and every
 * other transaction – waits in line (FIFO) until it commits or rolls back, so nothing of anyone
 * else's ever lands inside it.
 */
export function sqliteStorage(
  db: Db,
  { strict = process.env.VITEST !== undefined }: { strict?: boolean } = {},
): Storage & { readonly db: Db } {
  const context = new AsyncLocalStorage<OpenTransaction>()
  /** Work waiting for the connection while a transaction holds it; undefined when it is free. */
  let waiting: (() => void)[] | undefined

  const release = (): void => {
    const next = waiting?.shift()
    if (next) next()
    else waiting = undefined
  }
  /** Runs `work` when the connection is free, holding it until `work` settles. */
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = (): Promise<T> => {
      waiting ??= []
      let done: Promise<T>
      try {
        done = work()
      } catch (error) {
        done = Promise.reject(error)
      }
      return done.finally(release)
    }
    if (waiting === undefined) return run()
    return new Promise<T>((resolve, reject) => {
      waiting!.push(() => {
        run().then(resolve, reject)
      })
    })
  }

  const call = <T>(work: () => T): Promise<T> => {
    const open = context.getStore()
    if (open?.ended) return Promise.reject(new Error('store call after its transaction ended'))
    if (open || waiting === undefined) {
      try {
        return Promise.resolve(work())
      } catch (error) {
        return Promise.reject(error)
      }
    }
    return exclusive(async () => work())
  }

  const transaction = async <T>(work: () => Promise<T>): Promise<T> => {
    const open = context.getStore()
    if (open?.ended) throw new Error('transaction inside a transaction that has ended')
    if (open) {
      const name = `s${++open.savepoints}`
      db.exec(`SAVEPOINT ${name}`)
      try {
        const result = await work()
        db.exec(`RELEASE ${name}`)
        return result
      } catch (error) {
        db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`)
        throw error
      }
    }
    return exclusive(async () => {
      const mine: OpenTransaction = { ended: false, savepoints: 0 }
      db.exec('BEGIN IMMEDIATE')
      try {
        const result = await context.run(mine, work)
        db.exec('COMMIT')
        return result
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw error
      } finally {
        mine.ended = true
      }
    })
  }

  const wrap = <S extends object>(store: S, storeName: string): Async<S> => {
    const wrapped: Record<string, unknown> = {}
    for (const [name, method] of Object.entries(store)) {
      if (typeof method !== 'function') throw new Error(`store member ${name} is not a method`)
      const run = (...args: unknown[]) => call(() => method.apply(store, args))
      wrapped[name] = strict ? (...args: unknown[]) => watched(run(...args), `${storeName}.${name}`) : run
    }
    return wrapped as Async<S>
  }

  const stores: Stores = {
    meetings: wrap(meetingStore(db), 'meetings'),
    participants: wrap(participantStore(db), 'participants'),
    tokens: wrap(accessTokenStore(db), 'tokens'),
    participantSessions: wrap(participantSessionStore(db), 'participantSessions'),
    documents: wrap(documentStore(db), 'documents'),
    users: wrap(userStore(db), 'users'),
    staffSessions: wrap(staffSessionStore(db), 'staffSessions'),
    audit: wrap(auditLogStore(db), 'audit'),
    signoff: wrap(signoffStore(db), 'signoff'),
    sips: wrap(sipStore(db), 'sips'),
    statistics: wrap(statisticsStore(db), 'statistics'),
    statisticsReport: wrap(statisticsReportStore(db), 'statisticsReport'),
  }

  return {
    engine: 'sqlite',
    db,
    stores,
    transaction,
    ping: () => call(() => void db.prepare('SELECT 1').get()),
    isUniqueViolation,
    close: async () => {
      db.close()
    },
  }
}
