import { describe, expect, it, onTestFinished } from 'vitest'
import { openTestStorage, type TestStorage, testDatabase, testPostgres } from '../../test/engine-access'
import { type PostgresEngine, PostgresStartupError } from './engine'
import { postgresStorage } from './storage'

describe('postgresStorage', () => {
  it('migrates an empty database when it opens it, and finds nothing to do the next time', async () => {
    const { url } = await testDatabase()
    const first = await postgresStorage({ url })
    onTestFinished(() => first.close())
    expect(first.migration).toEqual({ from: 0, to: 2, applied: [1, 2] })
    await first.stores.users.create({ email: 'a@skolan.se', name: 'A', passwordHash: null, isAdmin: false })
    const second = await postgresStorage({ url })
    onTestFinished(() => second.close())
    expect(second.migration).toEqual({ from: 2, to: 2, applied: [] })
    expect(await second.stores.users.count()).toBe(1)
  })

  it('refuses to start on a database that is not there, naming it and never the password', async () => {
    const url = testPostgres().url('no_such_database').replace('postgres@', 'postgres:hemligt@')
    const error = await postgresStorage({ url }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PostgresStartupError)
    expect((error as Error).message).toMatch(/no_such_database/)
    expect((error as Error).message).not.toMatch(/hemligt/)
  })
})

describe('postgresStorage: a transaction run again after a conflict', () => {
  it('A10: an open recorded in a run that was rolled back leaves no row; the repeats count on the row of the run that committed', async () => {
    const storage = await openTestStorage('postgres')
    onTestFinished(() => storage.close())
    const { stores, transaction, postgres } = storage as TestStorage & { postgres: PostgresEngine }
    const user = await stores.users.create({
      email: 'a@skolan.se',
      name: 'A',
      passwordHash: null,
      isAdmin: false,
    })
    const entry = { action: 'plan.opened' as const, actor: 'participant:p1', sourceAddress: '10.0.0.1' }
    let runs = 0
    await transaction(async () => {
      runs += 1
      // The first open of the seat: a row, which the store remembers for the repeats.
      await stores.audit.recordOpen(entry, 1_000)
      await stores.users.byId(user.id)
      // The first run conflicts: another connection changes the account it read before it writes it.
      if (runs === 1) await postgres.pool.query('UPDATE users SET name = $1 WHERE id = $2', ['B', user.id])
      await stores.users.setDisabled(user.id, true)
    })
    expect(runs).toBe(2)
    await stores.audit.recordOpen(entry, 2_000)
    await stores.audit.recordOpen(entry, 3_000)
    expect(
      await storage.rows(`SELECT count, last_at AS "lastAt" FROM audit_log WHERE action = 'plan.opened'`),
    ).toEqual([{ count: 3, lastAt: 3_000 }])
  })
})
