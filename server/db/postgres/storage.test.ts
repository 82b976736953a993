import { describe, expect, it, onTestFinished } from 'vitest'
import { testDatabase, testPostgres } from '../../test/engine-access'
import { PostgresStartupError } from './engine'
import { postgresStorage } from './storage'

describe('postgresStorage', () => {
  it('migrates an empty database when it opens it, and finds nothing to do the next time', async () => {
    const { url } = await testDatabase()
    const first = await postgresStorage({ url })
    onTestFinished(() => first.close())
    expect(first.migration).toEqual({ from: 0, to: 1, applied: [1] })
    await first.stores.users.create({ email: 'a@skolan.se', name: 'A', passwordHash: null, isAdmin: false })
    const second = await postgresStorage({ url })
    onTestFinished(() => second.close())
    expect(second.migration).toEqual({ from: 1, to: 1, applied: [] })
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
