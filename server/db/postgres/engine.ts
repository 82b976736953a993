/**
 * The PostgreSQL engine under the stores: a `pg.Pool`, queries that answer rows, and transactions
 * found through an AsyncLocalStorage (docs/decisions/012, 013): a store call made inside
 * `transaction(work)` – in `work`'s async context – runs on the transaction's connection, without
 * the store being handed a transaction object. A nested `transaction` is a savepoint.
 *
 * Transactions are SERIALIZABLE and run again when PostgreSQL aborts them for a conflict with a
 * concurrent one (decision 013, "Transactions on PostgreSQL"). The services read, decide and write
 * inside one transaction, as they did when SQLite ran one transaction at a time; serializable
 * isolation keeps that promise – the outcome is that of some one-at-a-time order – by aborting
 * (SQLSTATE 40001) a transaction whose reads a concurrent one made untrue, and running the body
 * again sees the world as it now is. That is safe because a body awaits store calls only: all it
 * did in the attempt that failed was rolled back.
 *
 * A call that still carries a transaction's context after that transaction ended (a promise `work`
 * did not await, a timer it set) fails with TransactionEndedError: it must never run on the
 * pooled connection, which by then belongs to someone else, nor silently outside the transaction.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import pg from 'pg'

/** What the database answered for one statement. */
export interface Result<Row> {
  rows: Row[]
  /** Rows inserted, updated or deleted (SQLite's `changes`). */
  rowCount: number
}

export type Row = Record<string, unknown>

export interface QueryOptions {
  /** Prepared once per connection under this name, which names this statement text only. */
  name?: string
}

export interface PostgresEngine {
  /**
   * Runs one statement (in the current transaction, if any) and answers its rows. A `name` makes
   * it a prepared statement, parsed and planned once per connection: for the statements run on
   * every keystroke's store (the append).
   */
  query<R extends object = Row>(
    text: string,
    values?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]>
  /** Runs one statement and answers rows and row count. */
  execute<R extends object = Row>(
    text: string,
    values?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<Result<R>>
  /**
   * Runs `work` in a serializable transaction (BEGIN … COMMIT, ROLLBACK when it throws); inside
   * another transaction, in a savepoint. When PostgreSQL aborts the transaction for a conflict with
   * a concurrent one (serialization failure, deadlock) – in any statement, a savepoint's included,
   * or at COMMIT – it is rolled back and `work` runs again from the start, at most
   * TRANSACTION_ATTEMPTS times in all; then the conflict is thrown (TransactionConflictError). A
   * unique violation `work` lets through runs it once more (see outermost); a failed statement it
   * caught outside a savepoint fails the commit (TransactionRolledBackError).
   * Statements `work` runs concurrently share the one connection, in the order they were issued;
   * do not run two nested transactions at once.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>
  /** Whether the caller runs inside an open transaction. */
  inTransaction(): boolean
  /** Where the engine connects, for log lines and errors: host or socket, port, database, role. */
  readonly target: string
  readonly pool: pg.Pool
  close(): Promise<void>
}

export interface PostgresOptions {
  /** `postgres://role[:password]@host[:port]/database`, or `…@/database?host=/socket/dir`. */
  url: string
  /** Connections in the pool (pg's default 10). */
  maxConnections?: number
  /** Called when an idle pooled connection fails (e.g. the server restarted); pg would throw. */
  onIdleError?: (error: Error) => void
}

/** SQLSTATE of a unique-constraint violation. */
const UNIQUE_VIOLATION = '23505'
/**
 * SQLSTATEs of a transaction PostgreSQL aborted for a conflict with concurrent ones – it may well
 * succeed when run again: a serialization failure, a deadlock.
 */
const CONFLICTS = new Set(['40001', '40P01'])
/**
 * How many times a transaction is run before a conflict that keeps recurring is the caller's error.
 * Thirty transactions writing one row at the same moment (a meeting's full roster answering at
 * once) all commit within eight; two or three at once, the real case, need two.
 */
export const TRANSACTION_ATTEMPTS = 8
/**
 * The wait before running a transaction again: a random time up to RETRY_BACKOFF_MS, doubling with
 * each attempt up to RETRY_BACKOFF_MAX_MS (10, 20, 40, 80, 100, 100, 100 ms), so that transactions
 * that conflicted do not meet again at once.
 */
const RETRY_BACKOFF_MS = 10
const RETRY_BACKOFF_MAX_MS = 100
const INT8 = 20
const INT8_ARRAY = 1016

export class TransactionEndedError extends Error {
  constructor() {
    super('transaction already ended: a store call ran after its transaction committed or rolled back')
    this.name = 'TransactionEndedError'
  }
}

/**
 * Thrown when a body caught a failed statement outside a savepoint and went on: PostgreSQL had ended
 * the transaction at that statement and rolled it back at COMMIT. A nested transaction (a
 * savepoint) is the way to try a statement and go on when it fails.
 */
export class TransactionRolledBackError extends Error {
  override name = 'TransactionRolledBackError'
  constructor() {
    super(
      'transaction rolled back: a statement in it failed and the body went on without a savepoint ' +
        '(try a statement in a nested transaction)',
    )
  }
}

/**
 * Thrown when a transaction was aborted for a conflict with concurrent ones TRANSACTION_ATTEMPTS
 * times: the last conflict is its cause, its SQLSTATE its `code`. Nothing of it was committed.
 */
export class TransactionConflictError extends Error {
  override name = 'TransactionConflictError'
  readonly code: string
  constructor(attempts: number, conflict: Error & { code: string }) {
    super(
      `transaction abandoned after ${attempts} attempts: each conflicted with concurrent transactions ` +
        `(${conflict.code}: ${conflict.message})`,
      { cause: conflict },
    )
    this.code = conflict.code
  }
}

/** Whether PostgreSQL aborted a transaction with `error` for a conflict: running it again may succeed. */
function isConflict(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code
  return error instanceof Error && typeof code === 'string' && CONFLICTS.has(code)
}

/** Whether `error` is PostgreSQL's unique violation (the twin of SQLite's SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION
}

/** int8 (bigint, count(*)) as a number: ours are ms timestamps and ids, far below 2^53. */
function int8(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value))
    throw new RangeError(`int8 value ${text} does not fit a JavaScript number`)
  return value
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (format !== 'binary') {
      if (oid === INT8) return int8
      if (oid === INT8_ARRAY) {
        const parseArray = (
          pg.types.getTypeParser as (oid: number, format: 'text') => (text: string) => unknown
        )(INT8_ARRAY, 'text')
        return (text: string) =>
          (parseArray(text) as (string | null)[]).map((v) => (v === null ? null : int8(v)))
      }
    }
    return pg.types.getTypeParser(oid, format as 'text')
  }) as pg.CustomTypesConfig['getTypeParser'],
}

/** One run of an outermost transaction's body, shared by its savepoints. */
interface Attempt {
  /** The next savepoint name's number on this connection. */
  nextSavepoint: number
  /**
   * The first conflict a statement of this attempt met. The attempt is then rolled back and run
   * again, whatever the body made of the error: a body that caught it (a savepoint's failure it
   * took for a refusal) decided on something that was never true.
   */
  conflict?: Error & { code: string }
}

/** One open transaction or savepoint, as the AsyncLocalStorage holds it. */
interface Scope {
  client: pg.PoolClient
  ended: boolean
  attempt: Attempt
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Describes a connection string without its password. */
export function describeTarget(url: string): string {
  // pg's own parser (through a Client that never connects) so socket folders read as pg reads them.
  const { host, port, database, user } = new pg.Client({ connectionString: url })
  const where = host?.startsWith('/') ? `socket ${host}/.s.PGSQL.${port}` : `${host}:${port}`
  return `database "${database}" at ${where} as role "${user}"`
}

export function openPostgres(options: PostgresOptions): PostgresEngine {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    application_name: 'sip-live',
    types,
  })
  pool.on('error', (error) => options.onIdleError?.(error))
  const storage = new AsyncLocalStorage<Scope>()
  const target = describeTarget(options.url)

  const current = (): Scope | undefined => {
    const scope = storage.getStore()
    if (scope?.ended) throw new TransactionEndedError()
    return scope
  }

  /** A statement on the transaction's connection; a conflict it meets dooms the attempt. */
  const inScope = async <R extends object>(scope: Scope, text: string, params?: unknown[], name?: string) => {
    try {
      return name === undefined
        ? await scope.client.query<R>(text, params)
        : await scope.client.query<R>({ name, text, ...(params ? { values: params } : {}) })
    } catch (error) {
      if (isConflict(error)) scope.attempt.conflict ??= error
      throw error
    }
  }

  const execute = async <R extends object>(
    text: string,
    values?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<Result<R>> => {
    const scope = current()
    const params = values as unknown[] | undefined
    const name = options?.name
    const result = scope
      ? await inScope<R>(scope, text, params, name)
      : name === undefined
        ? await pool.query<R>(text, params)
        : await pool.query<R>({ name, text, ...(params ? { values: params } : {}) })
    return { rows: result.rows, rowCount: result.rowCount ?? 0 }
  }

  /** Runs `work` until it commits or fails for another reason than a conflict, at most TRANSACTION_ATTEMPTS times. */
  const outermost = async <T>(work: () => Promise<T>): Promise<T> => {
    let uniqueRetried = false
    for (let attempt = 1; ; attempt++) {
      const tried: Attempt = { nextSavepoint: 1 }
      try {
        return await once(work, tried)
      } catch (error) {
        const conflict = tried.conflict ?? (isConflict(error) ? error : undefined)
        if (conflict) {
          if (attempt === TRANSACTION_ATTEMPTS) throw new TransactionConflictError(attempt, conflict)
        } else if (isUniqueViolation(error) && !uniqueRetried && attempt < TRANSACTION_ATTEMPTS) {
          // A unique violation the body let through may be a conflict PostgreSQL does not name as
          // one: the row in the way was inserted by a concurrent transaction, which the body's check
          // (read through another index) could not see. Run once more, the body now sees the row and
          // decides on it; a row that was there all along is the same violation again, thrown.
          uniqueRetried = true
        } else {
          throw error
        }
      }
      await sleep(Math.random() * Math.min(RETRY_BACKOFF_MS * 2 ** (attempt - 1), RETRY_BACKOFF_MAX_MS))
    }
  }

  /** One attempt: BEGIN, the body, COMMIT – or ROLLBACK, and the error (a conflict the body met, if any). */
  const once = async <T>(work: () => Promise<T>, attempt: Attempt): Promise<T> => {
    const client = await pool.connect()
    const scope: Scope = { client, ended: false, attempt }
    // Set when the connection's state is unknown: it is then closed, never handed to the next caller.
    let broken: Error | undefined
    const rollback = () =>
      client.query('ROLLBACK').then(
        () => {},
        (error: Error) => {
          broken = error
        },
      )
    try {
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE')
      } catch (error) {
        broken = error as Error
        throw error
      }
      let result: T
      try {
        result = await storage.run(scope, work)
      } catch (error) {
        await rollback()
        throw error
      }
      if (attempt.conflict) {
        await rollback()
        throw attempt.conflict
      }
      let committed: pg.QueryResult
      try {
        committed = await client.query('COMMIT')
      } catch (error) {
        // A failed COMMIT has ended the transaction on the server; a ROLLBACK proves the connection.
        await rollback()
        throw error
      }
      // PostgreSQL answers COMMIT with ROLLBACK when a statement failed and the body went on: the
      // failure was caught outside a savepoint, and nothing of the transaction was kept.
      if (committed.command === 'ROLLBACK') throw new TransactionRolledBackError()
      return result
    } finally {
      scope.ended = true
      client.release(broken)
    }
  }

  const nested = async <T>(parent: Scope, work: () => Promise<T>): Promise<T> => {
    const name = `sp_${parent.attempt.nextSavepoint++}`
    const scope: Scope = { client: parent.client, ended: false, attempt: parent.attempt }
    await inScope(parent, `SAVEPOINT ${name}`)
    try {
      const result = await storage.run(scope, work)
      await inScope(parent, `RELEASE SAVEPOINT ${name}`)
      return result
    } catch (error) {
      await parent.client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {})
      await parent.client.query(`RELEASE SAVEPOINT ${name}`).catch(() => {})
      throw error
    } finally {
      scope.ended = true
    }
  }

  return {
    target,
    pool,
    execute,
    async query<R extends object = Row>(text: string, values?: readonly unknown[], options?: QueryOptions) {
      return (await execute<R>(text, values, options)).rows
    },
    transaction<T>(work: () => Promise<T>): Promise<T> {
      let parent: Scope | undefined
      try {
        parent = current()
      } catch (error) {
        return Promise.reject(error)
      }
      return parent ? nested(parent, work) : outermost(work)
    },
    inTransaction: () => storage.getStore()?.ended === false,
    close: () => pool.end(),
  }
}

/** A start-up failure an operator can act on: what is wrong and where, never a password. */
export class PostgresStartupError extends Error {
  override name = 'PostgresStartupError'
}

/** `error`'s message with the connection string's password (if any) blanked out. */
export function safeMessage(error: unknown, url: string): string {
  const message = error instanceof Error ? error.message : String(error)
  const password = new pg.Client({ connectionString: url }).password
  return typeof password === 'string' && password.length > 0 ? message.replaceAll(password, '***') : message
}

/**
 * Opens the pool and proves the database answers, or throws a PostgresStartupError naming the
 * database, host or socket and role (never the password) and what the server or socket said.
 */
export async function connectPostgres(options: PostgresOptions): Promise<PostgresEngine> {
  const engine = openPostgres(options)
  try {
    await engine.query('SELECT 1')
  } catch (error) {
    await engine.close().catch(() => {})
    throw new PostgresStartupError(
      `PostgreSQL unreachable: ${engine.target}: ${safeMessage(error, options.url)}`,
      { cause: error },
    )
  }
  return engine
}
