/**
 * audit_log is append-only on both engines: the one change allowed is counting a repeat (count + 1,
 * a later last_at). The same statements run against SQLite and PostgreSQL must be refused or
 * allowed alike; TRUNCATE (PostgreSQL only) is refused too.
 */
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/engine-access'
import { migrate } from '../connection'
import { connectPostgres, type PostgresEngine } from './engine'

const INSERT = `INSERT INTO audit_log (at, action, actor, actor_name, meeting_id, subject, source_address, sip_id)
  VALUES (1000, 'plan.open', 'participant:p1', 'Anna', 'm1', 'p1', '127.0.0.1', 's1')`

/** Each statement against the row just inserted (id 1), and whether the rule lets it through. */
const CASES: { what: string; sql: string; allowed: boolean }[] = [
  {
    what: 'a repeat counted: count + 1, later last_at',
    sql: 'UPDATE audit_log SET count = count + 1, last_at = 2000',
    allowed: true,
  },
  {
    what: 'a repeat at the same instant',
    sql: 'UPDATE audit_log SET count = count + 1, last_at = at',
    allowed: true,
  },
  { what: 'the action changed', sql: `UPDATE audit_log SET action = 'plan.lock'`, allowed: false },
  {
    what: 'the actor name cleared',
    sql: 'UPDATE audit_log SET actor_name = NULL, count = count + 1, last_at = 2000',
    allowed: false,
  },
  {
    what: 'the subject changed with a count',
    sql: `UPDATE audit_log SET subject = 'p2', count = count + 1, last_at = 2000`,
    allowed: false,
  },
  {
    what: 'the time moved',
    sql: 'UPDATE audit_log SET at = 999, count = count + 1, last_at = 2000',
    allowed: false,
  },
  {
    what: 'count raised by two',
    sql: 'UPDATE audit_log SET count = count + 2, last_at = 2000',
    allowed: false,
  },
  {
    what: 'last_at earlier than the row',
    sql: 'UPDATE audit_log SET count = count + 1, last_at = 500',
    allowed: false,
  },
  { what: 'a row deleted', sql: 'DELETE FROM audit_log', allowed: false },
]

function sqliteOutcome(sql: string): string {
  const db = new Database(':memory:')
  try {
    migrate(db)
    db.exec(INSERT)
    db.exec(sql)
    return 'allowed'
  } catch (error) {
    return (error as Error).message
  } finally {
    db.close()
  }
}

// One database for the file: every case runs in a transaction that is rolled back.
let db: PostgresEngine
let drop: () => Promise<void>
beforeAll(async () => {
  const database = await createTestDatabase({ migrated: true })
  drop = database.drop
  db = await connectPostgres({ url: database.url })
  await db.query(INSERT)
})
afterAll(async () => {
  await db?.close()
  await drop?.()
})

/** Runs `work` in a transaction that is always rolled back, so every case meets the same row. */
async function rolledBack(work: () => Promise<void>): Promise<void> {
  const undo = new Error('undo')
  await db
    .transaction(async () => {
      await work()
      throw undo
    })
    .catch((error: unknown) => {
      if (error !== undo) throw error
    })
}

async function postgresOutcome(sql: string): Promise<string> {
  let outcome = 'allowed'
  await rolledBack(async () => {
    await db.query(sql).catch((error: Error) => {
      outcome = error.message
    })
  })
  return outcome
}

describe('audit_log is append-only on both engines', () => {
  it.each(CASES)('$what: the same outcome on SQLite and PostgreSQL', async ({ sql, allowed }) => {
    const expected = allowed ? 'allowed' : 'audit_log is append-only'
    expect(sqliteOutcome(sql)).toBe(expected)
    expect(await postgresOutcome(sql)).toBe(expected)
  })

  it('PostgreSQL refuses TRUNCATE, which row triggers do not see', async () => {
    await rolledBack(async () => {
      await expect(db.query('TRUNCATE audit_log')).rejects.toThrow('audit_log is append-only')
    })
    expect(await db.query('SELECT id, count FROM audit_log')).toEqual([{ id: 1, count: 1 }])
  })

  it('PostgreSQL keeps counting repeats as the audit store does', async () => {
    await rolledBack(async () => {
      for (const lastAt of [1500, 1500, 3000]) {
        await db.query('UPDATE audit_log SET count = count + 1, last_at = $1 WHERE id = 1', [lastAt])
      }
      expect(await db.query('SELECT count, last_at FROM audit_log')).toEqual([{ count: 4, last_at: 3000 }])
    })
  })
})
