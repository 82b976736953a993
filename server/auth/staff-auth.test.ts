import path from 'node:path'
import type { FastifyRequest } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../db/connection'
import { sqliteStorage } from '../db/sqlite-storage'
import { tempDataDir } from '../test/harness'
import { MemoryFailureCounter } from './failure-counter'
import { FailureLimiter } from './failure-limiter'
import { hashPassword } from './passwords'
import { StaffAuth } from './staff-auth'

let db: Db | undefined
afterEach(() => db?.close())

/** StaffAuth on a real SQLite file, with small limits so a few attempts reach them. */
function setUp() {
  db = openDatabase({ file: path.join(tempDataDir(), 'sip-live.db') })
  const { stores } = sqliteStorage(db)
  const auth = new StaffAuth({
    users: stores.users,
    sessions: stores.staffSessions,
    audit: stores.audit,
    limiter: new MemoryFailureCounter(new FailureLimiter({ maxFailures: 1000 })),
    accountLimiter: new MemoryFailureCounter(new FailureLimiter({ maxFailures: 3 })),
    unknownAccountLimiter: new MemoryFailureCounter(new FailureLimiter({ maxFailures: 3, maxAddresses: 2 })),
    secureCookies: false,
  })
  const request = { ip: '10.0.0.1', log: { info() {}, warn() {} } } as unknown as FastifyRequest
  return { stores, auth, request }
}

describe('StaffAuth.passwordSignIn', () => {
  it('A9: e-mails without an account are counted in a bounded map of their own: spraying them never frees a real account', async () => {
    const { stores, auth, request } = setUp()
    await stores.users.create({
      email: 'eva@kommun.se',
      name: 'Eva',
      isAdmin: false,
      passwordHash: await hashPassword('rätt lösenord 1234', { N: 2, r: 1, p: 1 }),
    })
    for (let i = 0; i < 3; i++) {
      expect(await auth.passwordSignIn('eva@kommun.se', `fel ${i}`, request)).toEqual({
        ok: false,
        reason: 'invalid-credentials',
      })
    }
    const locked = await auth.passwordSignIn('eva@kommun.se', 'rätt lösenord 1234', request)
    expect(locked).toMatchObject({ ok: false, reason: 'too-many-failures' })

    // Made-up addresses reach the same limit the same way …
    for (let i = 0; i < 3; i++) await auth.passwordSignIn('ingen@kommun.se', `fel ${i}`, request)
    expect(await auth.passwordSignIn('ingen@kommun.se', 'x', request)).toMatchObject({
      ok: false,
      reason: 'too-many-failures',
    })
    // … and spraying many of them fills only their own map: the account stays held.
    for (let i = 0; i < 10; i++) await auth.passwordSignIn(`spray-${i}@example.com`, 'x', request)
    expect(await auth.passwordSignIn('eva@kommun.se', 'rätt lösenord 1234', request)).toMatchObject({
      ok: false,
      reason: 'too-many-failures',
    })
  })
})
