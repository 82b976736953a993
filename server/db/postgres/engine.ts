/**
 * The PostgreSQL engine under the stores: a `pg.Pool`, queries that answer rows, and transactions
 * found through an AsyncLocalStorage (docs/decisions/012): a store call made inside
 * `transaction(work)` – in `work`'s async context – runs on the transaction's connection, without
 * the store being handed a transaction object. A nested `transaction` is a savepoint.
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

export interface PostgresEngine {
  /** Runs one statement (in the current transaction, if any) and answers its rows. */
  query<R extends object = Row>(text: string, values?: readonly unknown[]): Promise<R[]>
  /** Runs one statement and answers rows and row count. */
  execute<R extends object = Row>(text: string, values?: readonly unknown[]): Promise<Result<R>>
  /**
   * Runs `work` in a transaction (BEGIN … COMMIT, ROLLBACK when it throws); inside another
   * transaction, in a savepoint. Statements `work` runs concurrently share the one connection, in
   * the order they were issued; do not run two nested transactions at once.
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
const INT8 = 20
const INT8_ARRAY = 1016

export class TransactionEndedError extends Error {
  constructor() {
    super('transaction already ended: a store call ran after its transaction committed or rolled back')
    this.name = 'TransactionEndedError'
  }
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

/** One open transaction or savepoint, as the AsyncLocalStorage holds it. */
interface Scope {
  client: pg.PoolClient
  ended: boolean
  /** Savepoint names in use on this connection: one counter per outermost transaction. */
  savepoints: { next: number }
}

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

  const execute = async <R extends object>(text: string, values?: readonly unknown[]): Promise<Result<R>> => {
    const scope = current()
    const params = values as unknown[] | undefined
    const result = scope ? await scope.client.query<R>(text, params) : await pool.query<R>(text, params)
    return { rows: result.rows, rowCount: result.rowCount ?? 0 }
  }

  const outermost = async <T>(work: () => Promise<T>): Promise<T> => {
    const client = await pool.connect()
    const scope: Scope = { client, ended: false, savepoints: { next: 1 } }
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
        await client.query('BEGIN')
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
      try {
        await client.query('COMMIT')
      } catch (error) {
        // A failed COMMIT has ended the transaction on the server; a ROLLBACK proves the connection.
        await rollback()
        throw error
      }
      return result
    } finally {
      scope.ended = true
      client.release(broken)
    }
  }

  const nested = async <T>(parent: Scope, work: () => Promise<T>): Promise<T> => {
    const name = `sp_${parent.savepoints.next++}`
    const scope: Scope = { client: parent.client, ended: false, savepoints: parent.savepoints }
    await parent.client.query(`SAVEPOINT ${name}`)
    try {
      const result = await storage.run(scope, work)
      await parent.client.query(`RELEASE SAVEPOINT ${name}`)
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
    async query<R extends object = Row>(text: string, values?: readonly unknown[]) {
      return (await execute<R>(text, values)).rows
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
