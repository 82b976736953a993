import { afterEach, describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/engine-access'
import {
  api,
  CONSENT,
  createUser,
  meetingInput,
  signIn,
  startServer,
  TEST_PASSWORD,
  type TestServer,
  tempDataDir,
} from '../../test/harness'
import type { Storage } from '../contract'
import type { PostgresEngine } from './engine'

/**
 * Two people doing the same thing through the API at the same moment, on PostgreSQL (decision 013,
 * "Transactions on PostgreSQL"). Each request's transaction is made to read before either writes –
 * the app's own store waits, after one read inside a transaction, until both requests have made it
 * – and the rule the service checks inside its transaction still holds: one of them is refused, as
 * when SQLite ran the transactions one at a time.
 */
const running: TestServer[] = []
afterEach(async () => {
  for (const server of running.splice(0)) await server.close()
})

async function start(): Promise<TestServer> {
  const { url } = await testDatabase({ migrated: true })
  const server = await startServer(tempDataDir(), { databaseUrl: url })
  running.push(server)
  return server
}

/**
 * Makes the reads `methods` of the running app's stores, when called inside a transaction, wait
 * until two such calls have been made: both transactions have read before either writes. A body run
 * again after a conflict finds the meeting point passed.
 */
function bothReadFirst(server: TestServer, methods: [store: object, name: string][]): void {
  const engine = (server.app.storage as Storage & { postgres: PostgresEngine }).postgres
  let arrived = 0
  let all!: () => void
  const met = new Promise<void>((resolve) => {
    all = resolve
  })
  for (const [store, name] of methods) {
    const methodsOf = store as Record<string, (...args: unknown[]) => Promise<unknown>>
    const read = methodsOf[name]!
    methodsOf[name] = async (...args) => {
      const answer = await read(...args)
      if (engine.inTransaction()) {
        arrived += 1
        if (arrived === 2) all()
        await met
      }
      return answer
    }
  }
}

/** A convener signed in, and their meeting (with consent, planned). */
async function convenerWithMeeting(server: TestServer) {
  await createUser(server, { email: 'maja@skolan.se', name: 'Maja Lind' })
  const cookie = await signIn(server, 'maja@skolan.se')
  const created = await api<{ id: string; sipId: string }>(server, 'POST', '/api/meetings', {
    cookie,
    body: meetingInput(),
  })
  expect(created.status).toBe(201)
  const { id, sipId } = created.body
  expect((await api(server, 'PUT', `/api/meetings/${id}/consent`, { cookie, body: CONSENT })).status).toBe(
    200,
  )
  return { cookie, meetingId: id, sipId }
}

describe('requests at the same moment on PostgreSQL', () => {
  it('two browsers creating the first administrator at once: one account, the other is told set-up is done', async () => {
    const server = await start()
    bothReadFirst(server, [[server.app.stores.users, 'count']])
    const create = (email: string) =>
      api(server, 'POST', '/api/setup/first-admin', { body: { email, name: email, password: TEST_PASSWORD } })
    const [a, b] = await Promise.all([create('maja@skolan.se'), create('amir@skolan.se')])
    expect([a.status, b.status].toSorted()).toEqual([201, 409])
    expect((a.status === 409 ? a : b).body).toMatchObject({ error: 'setup-done' })
    expect(await server.app.stores.users.count()).toBe(1)
  })

  it('P9: the SIP closed while its meeting starts – one is refused; never a started meeting in a closed SIP', async () => {
    const server = await start()
    const { cookie, meetingId, sipId } = await convenerWithMeeting(server)
    // Start decides after reading the consent; closing after reading the SIP's meetings.
    const { meetings } = server.app.stores
    bothReadFirst(server, [
      [meetings, 'consent'],
      [meetings, 'ofSip'],
    ])
    const [started, closed] = await Promise.all([
      api(server, 'POST', `/api/meetings/${meetingId}/start`, { cookie }),
      api(server, 'POST', `/api/sips/${sipId}/close`, {
        cookie,
        body: { reason: 'no-new-needs', closedOn: '2026-01-10' },
      }),
    ])
    const refused = (r: { status: number; body: unknown }) =>
      r.status === 409 && (r.body as { error: string }).error
    const outcome = [
      started.status === 200 ? 'started' : refused(started),
      closed.status === 200 ? 'closed' : refused(closed),
    ]
    expect([
      ['started', 'meeting-in-progress'],
      ['sip-closed', 'closed'],
    ]).toContainEqual(outcome)
    const meeting = (await meetings.getMeeting(meetingId))!
    const sip = (await server.app.stores.sips.get(sipId))!
    expect([meeting.status, sip.status]).toEqual(
      outcome[0] === 'started' ? ['started', 'active'] : ['cancelled', 'closed'],
    )
  })

  it('P5: two people booking the follow-up at once get one follow-up; the other is told the last meeting is not finalized', async () => {
    const server = await start()
    const { cookie, meetingId, sipId } = await convenerWithMeeting(server)
    const { meetings } = server.app.stores
    await meetings.setStatus(meetingId, 'finalized')
    // Each booking decides after reading the SIP's meetings: the last one finalized, no follow-up.
    bothReadFirst(server, [[meetings, 'ofSip']])
    const book = () =>
      api(server, 'POST', `/api/sips/${sipId}/follow-ups`, {
        cookie,
        body: { setup: meetingInput({ type: 'followup' }), participants: [] },
      })
    const booked = await Promise.all([book(), book()])
    expect(booked.map((r) => r.status).toSorted()).toEqual([201, 409])
    expect(booked.find((r) => r.status === 409)?.body).toMatchObject({ error: 'last-meeting-not-finalized' })
    expect((await meetings.ofSip(sipId)).map((m) => m.previousMeetingId)).toEqual([null, meetingId])
  })
})
