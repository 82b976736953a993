import { afterEach, describe, expect, it } from 'vitest'
import { contractEngines, openTestStorage, type TestStorage } from '../test/engine-access'

/**
 * The storage contract's transactions (decision 013), the same tests for every engine: what a
 * service may rely on whichever database holds the records.
 */
const newUser = (email: string) => ({ email, name: email, passwordHash: null, isAdmin: false })

describe.each(contractEngines())('storage contract on %s', (engine) => {
  let storage: TestStorage | undefined
  afterEach(async () => {
    await storage?.close()
    storage = undefined
  })
  const open = async () => {
    storage = await openTestStorage(engine)
    return storage
  }

  it('a transaction commits every write of its body together, and answers what the body answered', async () => {
    const { stores, transaction } = await open()
    const answer = await transaction(async () => {
      await stores.users.create(newUser('a@skolan.se'))
      await stores.users.create(newUser('b@skolan.se'))
      return 'done'
    })
    expect(answer).toBe('done')
    expect(await stores.users.count()).toBe(2)
  })

  it('a throw rolls back every write of the transaction, and the error reaches the caller', async () => {
    const { stores, transaction } = await open()
    await expect(
      transaction(async () => {
        await stores.users.create(newUser('a@skolan.se'))
        throw new Error('refused half-way')
      }),
    ).rejects.toThrow('refused half-way')
    expect(await stores.users.count()).toBe(0)
  })

  it('a failed nested transaction rolls back its own writes only; the outer one goes on', async () => {
    const { stores, transaction } = await open()
    await transaction(async () => {
      await stores.users.create(newUser('a@skolan.se'))
      await transaction(async () => {
        await stores.users.create(newUser('b@skolan.se'))
        throw new Error('inner')
      }).catch(() => undefined)
      await stores.users.create(newUser('c@skolan.se'))
    })
    const emails = (await stores.users.list()).map((u) => u.email).sort()
    expect(emails).toEqual(['a@skolan.se', 'c@skolan.se'])
  })

  it('a store call refused by the database inside a nested transaction leaves the outer one usable', async () => {
    const { stores, transaction, isUniqueViolation } = await open()
    await stores.users.create(newUser('taken@skolan.se'))
    const refused = await transaction(async () => {
      await stores.users.create(newUser('a@skolan.se'))
      // The way to go on after a refused statement on every engine: PostgreSQL ends the whole
      // transaction at a failed statement unless it ran in a savepoint; SQLite would go on anyway.
      const error = await transaction(() => stores.users.create(newUser('TAKEN@skolan.se'))).catch(
        (e: unknown) => e,
      )
      await stores.users.create(newUser('b@skolan.se'))
      return error
    })
    expect(isUniqueViolation(refused)).toBe(true)
    const emails = (await stores.users.list()).map((u) => u.email).sort()
    expect(emails).toEqual(['a@skolan.se', 'b@skolan.se', 'taken@skolan.se'])
  })

  it('a write from outside a transaction is never part of it: a rollback keeps it', async () => {
    const { stores, transaction } = await open()
    // Another request's write, due while the transaction is open – from its own context.
    const outside = new Promise((resolve) => setTimeout(resolve, 5)).then(() =>
      stores.users.create(newUser('outside@skolan.se')),
    )
    await expect(
      transaction(async () => {
        await stores.users.create(newUser('inside@skolan.se'))
        await new Promise((resolve) => setTimeout(resolve, 30))
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    await outside
    expect((await stores.users.list()).map((u) => u.email)).toEqual(['outside@skolan.se'])
  })

  it('transactions from two requests at once both complete', async () => {
    const { stores, transaction } = await open()
    const seen: string[] = []
    const one = (name: string) =>
      transaction(async () => {
        seen.push(`${name} begins`)
        await stores.users.create(newUser(`${name}@skolan.se`))
        await new Promise((resolve) => setTimeout(resolve, 10))
        seen.push(`${name} ends`)
      })
    await Promise.all([one('a'), one('b')])
    // SQLite runs them one after the other. PostgreSQL runs them side by side on two connections
    // (serializable): only a row one of them has written makes the other wait.
    if (engine === 'sqlite') expect(seen).toEqual(['a begins', 'a ends', 'b begins', 'b ends'])
    else expect(seen.toSorted()).toEqual(['a begins', 'a ends', 'b begins', 'b ends'])
    expect(await stores.users.count()).toBe(2)
  })

  it('a transaction waits for another one that wrote the same row, and then sees its write', async () => {
    const { stores, transaction } = await open()
    const user = await stores.users.create(newUser('a@skolan.se'))
    let firstWrote!: () => void
    const wrote = new Promise<void>((resolve) => {
      firstWrote = resolve
    })
    const first = transaction(async () => {
      await stores.users.setProfile(user.id, {
        organisation: 'skola',
        function: 'rektor',
        municipality: '',
        statistics: false,
      })
      firstWrote()
      await new Promise((resolve) => setTimeout(resolve, 30))
      await stores.users.setProfile(user.id, {
        organisation: 'bup',
        function: 'rektor',
        municipality: '',
        statistics: false,
      })
    })
    await wrote
    const second = transaction(async () => {
      // On PostgreSQL the write waits for the row lock of the first transaction; once that commits,
      // this one conflicts (40001) and runs again, and what it reads is the first one's write.
      await stores.users.setDisabled(user.id, true)
      return (await stores.users.byId(user.id))?.organisation
    })
    await first
    expect(await second).toBe('bup')
    expect((await stores.users.byId(user.id))?.disabledAt).not.toBeNull()
  })

  it('a store call still carrying an ended transaction fails loudly instead of running elsewhere', async () => {
    const { stores, transaction } = await open()
    let late: Promise<unknown> | undefined
    await transaction(async () => {
      // Work left behind by the body: it runs after the commit, in the transaction's context.
      late = new Promise((resolve) => setTimeout(resolve, 10)).then(() => stores.users.count())
    })
    await expect(late).rejects.toThrow(/ended/)
  })

  it('a unique violation is recognised as one, and changes nothing', async () => {
    const { stores, isUniqueViolation } = await open()
    await stores.users.create(newUser('a@skolan.se'))
    const error = await stores.users.create(newUser('a@skolan.se')).catch((e: unknown) => e)
    expect(isUniqueViolation(error)).toBe(true)
    expect(isUniqueViolation(new Error('other'))).toBe(false)
    expect(await stores.users.count()).toBe(1)
  })

  it('names its engine and answers a ping', async () => {
    const opened = await open()
    expect(opened.engine).toBe(engine)
    await expect(opened.ping()).resolves.toBeUndefined()
  })
})
