import { randomBytes } from 'node:crypto'
import { describe, expect, it, onTestFinished } from 'vitest'
import { testDatabase } from '../../test/engine-access'
import {
  connectPostgres,
  isUniqueViolation,
  openPostgres,
  type PostgresEngine,
  PostgresStartupError,
  TRANSACTION_ATTEMPTS,
  TransactionConflictError,
  TransactionEndedError,
  TransactionRolledBackError,
} from './engine'

async function engine(): Promise<PostgresEngine> {
  const { url } = await testDatabase()
  const opened = await connectPostgres({ url, maxConnections: 4 })
  onTestFinished(() => opened.close())
  await opened.query('CREATE TABLE t (id bigint PRIMARY KEY, note text UNIQUE, data bytea)')
  return opened
}

const count = async (db: PostgresEngine) =>
  (await db.query<{ n: number }>('SELECT count(*) AS n FROM t'))[0]?.n

describe('PostgreSQL engine: values', () => {
  it('answers int8 and count(*) as numbers, as SQLite does', async () => {
    const db = await engine()
    const ms = 1_764_460_800_123
    await db.query('INSERT INTO t (id) VALUES ($1), ($2)', [ms, 2])
    const [row] = await db.query(
      'SELECT id, (SELECT count(*) FROM t) AS n, ARRAY[id, 7]::bigint[] AS ids FROM t WHERE id = $1',
      [ms],
    )
    expect(row).toEqual({ id: ms, n: 2, ids: [ms, 7] })
  })

  it('refuses an int8 beyond 2^53 instead of rounding it', async () => {
    const db = await engine()
    await expect(db.query(`SELECT 9007199254740993::bigint AS big`)).rejects.toThrow(/does not fit/)
  })

  it('stores and answers bytea byte for byte', async () => {
    const db = await engine()
    const bytes = Buffer.concat([Buffer.from([0, 255, 0, 1]), randomBytes(4096)])
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset + 1, bytes.byteLength - 1)
    await db.query('INSERT INTO t (id, data) VALUES (1, $1), (2, $2)', [
      bytes,
      Buffer.from(view.buffer, view.byteOffset, view.byteLength),
    ])
    const rows = await db.query<{ data: Buffer }>('SELECT data FROM t ORDER BY id')
    expect(Buffer.isBuffer(rows[0]?.data)).toBe(true)
    expect(rows[0]?.data.equals(bytes)).toBe(true)
    expect(rows[1]?.data.equals(bytes.subarray(1))).toBe(true)
  })

  it('tells a unique violation from other errors', async () => {
    const db = await engine()
    await db.query(`INSERT INTO t (id, note) VALUES (1, 'a')`)
    const unique = await db.query(`INSERT INTO t (id, note) VALUES (2, 'a')`).catch((error: unknown) => error)
    const notNull = await db.query('INSERT INTO t (id) VALUES (NULL)').catch((error: unknown) => error)
    expect(isUniqueViolation(unique)).toBe(true)
    expect(isUniqueViolation(notNull)).toBe(false)
    expect(isUniqueViolation(undefined)).toBe(false)
  })

  it('answers the row count of a write', async () => {
    const db = await engine()
    await db.query('INSERT INTO t (id) VALUES (1), (2), (3)')
    expect((await db.execute('DELETE FROM t WHERE id > 1')).rowCount).toBe(2)
  })
})

describe('PostgreSQL engine: transactions through AsyncLocalStorage', () => {
  it('commits what work wrote; others see it only after the commit', async () => {
    const db = await engine()
    let seenOutside: number | undefined
    await db.transaction(async () => {
      await db.query('INSERT INTO t (id) VALUES (1)')
      expect(await count(db)).toBe(1)
      // Another connection (outside the transaction's async context) does not see it yet.
      seenOutside = await new Promise<number | undefined>((resolve, reject) => {
        setImmediate(() => {
          db.pool.query('SELECT count(*)::int AS n FROM t').then((r) => resolve(r.rows[0].n), reject)
        })
      })
    })
    expect(seenOutside).toBe(0)
    expect(await count(db)).toBe(1)
  })

  it('rolls back everything when work throws, and gives the error back', async () => {
    const db = await engine()
    const failure = new Error('rule broken')
    await expect(
      db.transaction(async () => {
        await db.query('INSERT INTO t (id) VALUES (1)')
        throw failure
      }),
    ).rejects.toBe(failure)
    expect(await count(db)).toBe(0)
  })

  it('rolls back when a statement fails, and the pool stays usable', async () => {
    const db = await engine()
    await db.query(`INSERT INTO t (id, note) VALUES (1, 'a')`)
    const error = await db
      .transaction(async () => {
        await db.query('INSERT INTO t (id) VALUES (2)')
        await db.query(`INSERT INTO t (id, note) VALUES (3, 'a')`)
      })
      .catch((e: unknown) => e)
    expect(isUniqueViolation(error)).toBe(true)
    expect(await count(db)).toBe(1)
    for (let i = 0; i < 6; i++) await db.transaction(() => db.query('SELECT 1'))
  })

  it('runs a nested transaction as a savepoint: its failure undoes only its own writes', async () => {
    const db = await engine()
    await db.transaction(async () => {
      await db.query('INSERT INTO t (id) VALUES (1)')
      await expect(
        db.transaction(async () => {
          await db.query('INSERT INTO t (id) VALUES (2)')
          throw new Error('inner')
        }),
      ).rejects.toThrow('inner')
      await db.transaction(() => db.query('INSERT INTO t (id) VALUES (3)'))
      expect(db.inTransaction()).toBe(true)
    })
    expect(db.inTransaction()).toBe(false)
    expect((await db.query<{ id: number }>('SELECT id FROM t ORDER BY id')).map((r) => r.id)).toEqual([1, 3])
  })

  it('a nested failure still rolls back with the outer transaction', async () => {
    const db = await engine()
    await expect(
      db.transaction(async () => {
        await db.transaction(() => db.query('INSERT INTO t (id) VALUES (1)'))
        throw new Error('outer')
      }),
    ).rejects.toThrow('outer')
    expect(await count(db)).toBe(0)
  })

  it('a store call still carrying an ended transaction fails loudly and writes nothing', async () => {
    const db = await engine()
    const later = gate()
    let leaked: Promise<unknown> | undefined
    let leakedTransaction: Promise<unknown> | undefined
    await db.transaction(async () => {
      await db.query('INSERT INTO t (id) VALUES (1)')
      // Continuations started inside the transaction and not awaited (a forgotten await): they
      // carry its async context and run after it committed.
      leaked = later.promise.then(() => db.query('INSERT INTO t (id) VALUES (2)'))
      leakedTransaction = later.promise.then(() =>
        db.transaction(() => db.query('INSERT INTO t (id) VALUES (3)')),
      )
    })
    later.open()
    await expect(leaked).rejects.toThrow(TransactionEndedError)
    await expect(leakedTransaction).rejects.toThrow('transaction already ended')
    expect((await db.query<{ id: number }>('SELECT id FROM t')).map((r) => r.id)).toEqual([1])
  })

  it('a call left over from a savepoint fails too, while the outer transaction goes on', async () => {
    const db = await engine()
    await db.transaction(async () => {
      const later = gate()
      let leaked: Promise<unknown> | undefined
      await db.transaction(async () => {
        leaked = later.promise.then(() => db.query('INSERT INTO t (id) VALUES (2)'))
      })
      later.open()
      await expect(leaked).rejects.toThrow(TransactionEndedError)
      await db.query('INSERT INTO t (id) VALUES (1)')
    })
    expect((await db.query<{ id: number }>('SELECT id FROM t')).map((r) => r.id)).toEqual([1])
  })

  it('keeps concurrent transactions apart: each on its own connection', async () => {
    const db = await engine()
    const inserted = countdown(3)
    const selected = countdown(3)
    // What each saw the first time its body ran: reading the whole table after all three inserted
    // is a conflict at serializable isolation, so some bodies run again (and see more).
    const firstSeen = new Map<number, number[]>()
    await Promise.all(
      [1, 2, 3].map((id) =>
        db.transaction(async () => {
          await db.query('INSERT INTO t (id) VALUES ($1)', [id])
          inserted.tick()
          await inserted.done
          const ids = (await db.query<{ id: number }>('SELECT id FROM t ORDER BY id')).map((r) => r.id)
          if (!firstSeen.has(id)) firstSeen.set(id, ids)
          selected.tick()
          await selected.done
        }),
      ),
    )
    expect([...firstSeen.entries()].sort()).toEqual([
      [1, [1]],
      [2, [2]],
      [3, [3]],
    ])
    expect(await count(db)).toBe(3)
  })
})

describe('PostgreSQL engine: conflicts between concurrent transactions', () => {
  /**
   * Makes the transaction that is open in the caller's context conflict: it reads row 1, another
   * connection changes the row and commits, and then the transaction writes it – PostgreSQL aborts
   * that write (40001) at serializable isolation.
   */
  async function conflict(db: PostgresEngine, value: string): Promise<void> {
    await db.query('SELECT note FROM t WHERE id = 1')
    await db.pool.query('UPDATE t SET note = $1 WHERE id = 1', [`other ${value}`])
    await db.query('UPDATE t SET note = $1 WHERE id = 1', [value])
  }

  it('runs transactions at serializable isolation; a statement outside one stays read committed', async () => {
    const db = await engine()
    const isolation = async () =>
      (await db.query<{ transaction_isolation: string }>('SHOW transaction_isolation'))[0]
        ?.transaction_isolation
    expect(await db.transaction(isolation)).toBe('serializable')
    expect(await db.transaction(() => db.transaction(isolation))).toBe('serializable')
    expect(await isolation()).toBe('read committed')
  })

  it('runs the body again after a serialization failure; only the run that committed counts', async () => {
    const db = await engine()
    await db.query(`INSERT INTO t (id, note) VALUES (1, 'first')`)
    let runs = 0
    const answer = await db.transaction(async () => {
      runs += 1
      await db.query('INSERT INTO t (id) VALUES (2)')
      if (runs === 1) await conflict(db, 'mine')
      else await db.query(`UPDATE t SET note = 'mine' WHERE id = 1`)
      return runs
    })
    expect(answer).toBe(2)
    expect(await db.query('SELECT id, note FROM t ORDER BY id')).toEqual([
      { id: 1, note: 'mine' },
      { id: 2, note: null },
    ])
  })

  it('runs the body again even when it caught the conflict in a savepoint and went on', async () => {
    const db = await engine()
    await db.query(`INSERT INTO t (id, note) VALUES (1, 'first')`)
    let runs = 0
    const answer = await db.transaction(async () => {
      runs += 1
      // A body that takes a failed savepoint for a refusal would answer from a view that was never true.
      const refused = await db
        .transaction(async () => {
          if (runs === 1) await conflict(db, 'mine')
        })
        .then(
          () => false,
          () => true,
        )
      return refused ? 'refused' : 'done'
    })
    expect([answer, runs]).toEqual(['done', 2])
  })

  it(`gives up after ${TRANSACTION_ATTEMPTS} runs that all conflict: the conflict is thrown, nothing is committed`, async () => {
    const db = await engine()
    await db.query(`INSERT INTO t (id, note) VALUES (1, 'first')`)
    let runs = 0
    const error = await db
      .transaction(async () => {
        runs += 1
        await db.query('INSERT INTO t (id) VALUES (2)')
        await conflict(db, `mine ${runs}`)
      })
      .catch((e: unknown) => e)
    expect(runs).toBe(TRANSACTION_ATTEMPTS)
    expect(error).toBeInstanceOf(TransactionConflictError)
    expect(error).toMatchObject({ code: '40001' })
    expect((error as Error).message).toMatch(
      new RegExp(`abandoned after ${TRANSACTION_ATTEMPTS} attempts.*40001`),
    )
    expect(await db.query('SELECT id, note FROM t ORDER BY id')).toEqual([
      { id: 1, note: `other mine ${runs}` },
    ])
    for (let i = 0; i < 6; i++) await db.transaction(() => db.query('SELECT 1'))
  })

  it('runs again a transaction PostgreSQL ended to break a deadlock (40P01): both commit', async () => {
    const db = await engine()
    await db.query('CREATE TABLE pair (id int PRIMARY KEY, n int NOT NULL)')
    await db.query('INSERT INTO pair (id, n) VALUES (1, 0), (2, 0)')
    const bothLocked = countdown(2)
    let runs = 0
    // Each locks one row, then waits for the other's: PostgreSQL ends one after deadlock_timeout.
    const swap = (first: number, second: number) =>
      db.transaction(async () => {
        runs += 1
        await db.query('UPDATE pair SET n = n + 1 WHERE id = $1', [first])
        bothLocked.tick()
        await bothLocked.done
        await db.query('UPDATE pair SET n = n + 1 WHERE id = $1', [second])
      })
    await Promise.all([swap(1, 2), swap(2, 1)])
    expect(runs).toBe(3)
    expect(await db.query('SELECT id, n FROM pair ORDER BY id')).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ])
  })

  it('runs a body whose unique violation may come from a concurrent commit once more: the body, seeing the row now, refuses', async () => {
    const db = await engine()
    let runs = 0
    const answer = await db.transaction(async () => {
      runs += 1
      if ((await db.query(`SELECT id FROM t WHERE note = 'a'`)).length > 0) return 'taken'
      // Another request takes the note meanwhile and commits first.
      if (runs === 1) await db.pool.query(`INSERT INTO t (id, note) VALUES (9, 'a')`)
      await db.query(`INSERT INTO t (id, note) VALUES (1, 'a')`)
      return 'mine'
    })
    expect([answer, runs]).toEqual(['taken', 2])
  })

  it('a unique violation of a row that was there all along is thrown after one more run', async () => {
    const db = await engine()
    await db.query(`INSERT INTO t (id, note) VALUES (1, 'a')`)
    let runs = 0
    const error = await db
      .transaction(async () => {
        runs += 1
        await db.query(`INSERT INTO t (id, note) VALUES (2, 'a')`)
      })
      .catch((e: unknown) => e)
    expect(isUniqueViolation(error)).toBe(true)
    expect(runs).toBe(2)
  })

  it('does not run the body again for any other failure', async () => {
    const db = await engine()
    let runs = 0
    const error = await db
      .transaction(async () => {
        runs += 1
        await db.query('INSERT INTO t (id) VALUES (NULL)')
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: '23502' })
    expect(runs).toBe(1)
  })

  it('a failed statement the body caught outside a savepoint fails the commit, saying why: nothing was kept', async () => {
    const db = await engine()
    const error = await db
      .transaction(async () => {
        await db.query('INSERT INTO t (id) VALUES (1)')
        await db.query('INSERT INTO t (id) VALUES (NULL)').catch(() => undefined)
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransactionRolledBackError)
    expect((error as Error).message).toMatch(/without a savepoint/)
    expect(await count(db)).toBe(0)
  })
})

function gate(): { promise: Promise<void>; open(): void } {
  let open = () => {}
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  return { promise, open }
}

function countdown(n: number): { tick(): void; done: Promise<void> } {
  const { promise, open } = gate()
  let left = n
  return {
    done: promise,
    tick() {
      left -= 1
      if (left === 0) open()
    },
  }
}

describe('PostgreSQL engine: start-up errors', () => {
  it('names the socket and database it could not reach, never the password', async () => {
    const url = 'postgres://sip:pw-that-must-not-show@/sip?host=/nonexistent/sip-pg-socket'
    const error = await connectPostgres({ url }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PostgresStartupError)
    const message = (error as Error).message
    expect(message).toContain('PostgreSQL unreachable')
    expect(message).toContain('/nonexistent/sip-pg-socket')
    expect(message).toContain('"sip"')
    expect(message).not.toContain('pw-that-must-not-show')
  })

  it('names a database that does not exist', async () => {
    const { url } = await testDatabase()
    const missing = url.replace(/\/sip_t_[^?]+/, '/no_such_database')
    const error = await connectPostgres({ url: missing }).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/no_such_database.*does not exist/)
  })

  it('opens lazily: openPostgres alone does not connect', async () => {
    const db = openPostgres({ url: 'postgres://sip@/sip?host=/nonexistent/sip-pg-socket' })
    expect(db.target).toBe('database "sip" at socket /nonexistent/sip-pg-socket/.s.PGSQL.5432 as role "sip"')
    await db.close()
  })
})
