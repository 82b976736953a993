import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { contractEngines, openTestStorage, type TestStorage } from '../test/engine-access'
import { testSetup } from '../test/harness'

/**
 * Read, decide, write (decision 013, "Transactions on PostgreSQL"): the services check a rule and
 * write inside one transaction and rely on no other transaction coming in between. SQLite runs
 * transactions one at a time; PostgreSQL runs them side by side, so each test here makes two of them
 * read before either writes (`meet`) and checks that the rule still holds – on every engine. The
 * same through the API and the real services: server/db/postgres/concurrent-requests.test.ts.
 */
describe.each(contractEngines())('concurrent transactions on %s', (engine) => {
  let storage: TestStorage | undefined
  afterEach(async () => {
    await storage?.close()
    storage = undefined
  })
  const open = async () => {
    storage = await openTestStorage(engine)
    return storage
  }

  /**
   * A meeting point for two transaction bodies: each waits there until both have read. SQLite
   * never runs two bodies at once (the second waits for the first to end), so there it lets each
   * through at once. A body run again after a conflict finds the point passed.
   */
  const meetingPoint = (): (() => Promise<void>) => {
    if (engine === 'sqlite') return async () => {}
    let arrived = 0
    let all!: () => void
    const met = new Promise<void>((resolve) => {
      all = resolve
    })
    return () => {
      arrived += 1
      if (arrived === 2) all()
      return met
    }
  }

  it('two transactions that each find no account and create one: exactly one account is created', async () => {
    const { stores, transaction } = await open()
    const meet = meetingPoint()
    const firstAdmin = (email: string) =>
      transaction(async () => {
        if ((await stores.users.count()) > 0) return 'setup-done'
        await meet()
        await stores.users.create({ email, name: email, passwordHash: null, isAdmin: true })
        return 'created'
      })
    const answers = await Promise.all([firstAdmin('a@skolan.se'), firstAdmin('b@skolan.se')])
    expect(answers.toSorted()).toEqual(['created', 'setup-done'])
    expect(await stores.users.count()).toBe(1)
  })

  it('two locks of one plan at once: one stores version 1, the other finds it locked – no duplicate number', async () => {
    const { stores, transaction } = await open()
    const { id } = await stores.meetings.createMeeting({ title: 'Möte', ...testSetup() })
    const meet = meetingPoint()
    const lock = (by: string) =>
      transaction(async () => {
        if (await stores.signoff.active(id)) return 'already-locked'
        const number = await stores.signoff.nextNumber(id)
        await meet()
        await stores.signoff.addVersion(id, version(number, by))
        return 'locked'
      })
    const answers = await Promise.all([lock('chair-1'), lock('chair-2')])
    expect(answers.toSorted()).toEqual(['already-locked', 'locked'])
    expect((await stores.signoff.versions(id)).map((v) => v.number)).toEqual([1])
  })

  it('two lock-and-unlock rounds at once number their versions 1 and 2', async () => {
    const { stores, transaction } = await open()
    const { id } = await stores.meetings.createMeeting({ title: 'Möte', ...testSetup() })
    const meet = meetingPoint()
    const round = (by: string) =>
      transaction(async () => {
        const number = await stores.signoff.nextNumber(id)
        await meet()
        await stores.signoff.addVersion(id, version(number, by))
        await stores.signoff.voidVersion((await stores.signoff.active(id))!.id, 'upplåst')
      })
    await Promise.all([round('chair-1'), round('chair-2')])
    const versions = await stores.signoff.versions(id)
    expect(versions.map((v) => v.number).toSorted()).toEqual([1, 2])
    expect(versions.map((v) => v.lockedBy).toSorted()).toEqual(['chair-1', 'chair-2'])
  })

  it('a repeated open counted in a transaction that rolled back is counted again once, on a row that exists', async () => {
    const { stores, transaction, rows } = await open()
    const entry = { action: 'plan.opened' as const, actor: 'participant:p1', sourceAddress: '10.0.0.1' }
    await stores.audit.recordOpen(entry, 1_000)
    await expect(
      transaction(async () => {
        await stores.audit.recordOpen(entry, 2_000)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    await stores.audit.recordOpen(entry, 3_000)
    expect(await rows('SELECT count, last_at AS "lastAt" FROM audit_log')).toEqual([
      { count: 2, lastAt: 3_000 },
    ])
  })
})

function version(number: number, lockedBy: string) {
  return {
    number,
    hash: `hash-${number}`,
    canonicalJson: `{"version":${number}}`,
    snapshot: new Uint8Array(randomBytes(16)),
    skippedJson: '[]',
    lockedBy,
    consentJson: null,
  }
}
