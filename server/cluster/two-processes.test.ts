import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { CloseCodes } from '../../shared/protocol'
import type { Role } from '../../shared/roles'
import { MeetingStateSchema } from '../../shared/schemas/signoff'
import { createTestDatabase, testRedis } from '../test/engine-access'
import { startRedis } from '../test/engines'
import {
  api,
  connectClient,
  createMeeting,
  loadStoredDoc,
  type ServerOptions,
  startServer,
  synced,
  type TestClient,
  type TestMeeting,
  type TestServer,
  tempDataDir,
  waitFor,
} from '../test/harness'

/**
 * Issue 16, "What must show": two server processes on one PostgreSQL database and one Redis, over
 * real sockets – each a whole app with its own sync core, pool and Redis connections, as two
 * processes behind a load balancer are; they meet only through PostgreSQL and Redis. (The SIGKILL
 * test runs real child processes: sigkill.integration.test.ts.) docs/protocol.md C1–C6.
 */
let databaseUrl: string
let a: TestServer
let b: TestServer
let meeting: TestMeeting
const clients: TestClient[] = []

async function startPair(redisUrl: string, extra: ServerOptions = {}): Promise<void> {
  a = await startServer(tempDataDir(), { databaseUrl, redisUrl, ...extra })
  b = await startServer(tempDataDir(), { databaseUrl, redisUrl, ...extra })
  meeting = await createMeeting(a.app)
}

beforeEach(async () => {
  const database = await createTestDatabase({ migrated: true })
  databaseUrl = database.url
  onTestFinished(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await Promise.allSettled([a?.close(), b?.close()])
    await database.drop()
  })
})

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy()
})

async function join(server: TestServer, role: Role): Promise<TestClient> {
  const client = connectClient(server, meeting.id, meeting.people[role].token)
  clients.push(client)
  await synced(client)
  return client
}

const text = (client: TestClient) => client.doc.getText('t').toString()
const type = (client: TestClient, words: string) => {
  const t = client.doc.getText('t')
  t.insert(t.length, words)
}

function lock(server: TestServer) {
  return api(server, 'POST', `/api/meetings/${meeting.id}/plan/lock`, {
    headers: { Authorization: `Bearer ${meeting.people.chair.token}` },
    body: {},
  })
}

/** A5: the guardian's link revoked through process A's meeting service, as the API route does. */
async function revokeGuardianThroughA(): Promise<void> {
  const meetingRow = (await a.app.stores.meetings.getMeeting(meeting.id))!
  const participant = (await a.app.stores.participants.get(meeting.id, meeting.people.guardian.id))!
  await a.app.meetingService.revokeLink(meetingRow, participant, {
    actor: 'staff:test',
    actorName: 'Test',
    sourceAddress: '127.0.0.1',
  })
}

describe('two processes, one meeting', () => {
  it('C1, C2: the note-taker on A and the chair on B type; everyone on either process converges, and it is stored', async () => {
    await startPair(testRedis().url)
    const notetaker = await join(a, 'notetaker')
    const guardian = await join(b, 'guardian')
    const chair = await join(b, 'chair')
    type(notetaker, 'Mål: läsa. ')
    await waitFor(() => text(guardian).includes('Mål: läsa.'), 'A’s edit on B')
    type(chair, 'Stöd: läxhjälp. ')
    await waitFor(() => text(notetaker).includes('Stöd: läxhjälp.'), 'B’s edit on A')
    for (let i = 0; i < 20; i++) type(i % 2 === 0 ? notetaker : chair, `${i} `)
    await waitFor(
      () => text(notetaker) === text(chair) && text(chair) === text(guardian) && text(chair).includes('19 '),
      'all three converge',
    )
    const stored = await loadStoredDoc(a.app, meeting.id)
    expect(stored.getText('t').toString()).toBe(text(guardian))
    // Each process's room followed the other's rows by seq: nobody is left behind.
    await waitFor(
      () => a.app.sync.room(meeting.id)?.seq === b.app.sync.room(meeting.id)?.seq,
      'same head seq',
    )
  })

  it('C4: presence crosses processes: the guardian on B sees the note-taker on A arrive and leave', async () => {
    await startPair(testRedis().url)
    const guardian = await join(b, 'guardian')
    const notetaker = await join(a, 'notetaker')
    notetaker.provider.awareness.setLocalStateField('user', { name: 'whatever' })
    const seen = () =>
      [...guardian.provider.awareness.getStates().values()].some(
        (state) => (state.user as { name?: string } | undefined)?.name === meeting.people.notetaker.name,
      )
    // The server's records name them, whatever the client claimed (A3), on the other process too.
    await waitFor(seen, 'the note-taker’s presence on B')
    notetaker.destroy()
    await waitFor(() => !seen(), 'the note-taker gone on B')
  })

  it('C4: a process that loads the room later shows the people on the other process at once, not at their next renewal', async () => {
    await startPair(testRedis().url)
    const notetaker = await join(a, 'notetaker')
    notetaker.provider.awareness.setLocalStateField('user', { name: 'whatever' })
    await waitFor(
      () => (a.app.sync.room(meeting.id)?.awareness.getStates().size ?? 0) > 0,
      'the note-taker’s presence on A',
    )
    // B has no room yet: the guardian's join loads it.
    expect(b.app.sync.room(meeting.id)).toBeUndefined()
    const guardian = await join(b, 'guardian')
    await waitFor(
      () =>
        [...guardian.provider.awareness.getStates().values()].some(
          (state) => (state.user as { name?: string } | undefined)?.name === meeting.people.notetaker.name,
        ),
      'the note-taker shown on B within seconds (a renewal comes only every 15 s)',
      3_000,
    )
  })

  it('G1, G2, C5: the chair locks on A; a late edit on B is refused with 4423 and never stored', async () => {
    await startPair(testRedis().url)
    const notetaker = await join(b, 'notetaker')
    const chairOnA = await join(a, 'chair')
    type(notetaker, 'Före låset. ')
    await waitFor(() => text(chairOnA).includes('Före låset.'), 'the edit reached A')
    const locked = await lock(a)
    expect(locked.status).toBe(201)
    await waitFor(() => b.app.sync.room(meeting.id)?.frozen === true, 'B froze the room')
    type(notetaker, 'Efter låset.')
    await waitFor(
      () => notetaker.closeEvents.some((event) => event.code === CloseCodes.planLocked.code),
      'the late edit refused with 4423',
    )
    const stored = await loadStoredDoc(a.app, meeting.id)
    expect(stored.getText('t').toString()).toBe('Före låset. ')
    const version = await a.app.stores.signoff.active(meeting.id)
    const locked0 = new Y.Doc()
    Y.applyUpdate(locked0, version!.snapshot)
    expect(locked0.getText('t').toString()).toBe('Före låset. ')
  })

  it('G1, C5: what another process stored but this one was never told of is in the version the lock takes', async () => {
    await startPair(testRedis().url)
    await join(a, 'chair')
    // Stored by a process whose message never came: a row in the log, nobody told.
    const elsewhere = new Y.Doc()
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate((await loadStoredDoc(a.app, meeting.id)) as Y.Doc))
    const before = Y.encodeStateVector(elsewhere)
    elsewhere.getText('t').insert(0, 'Sparat av en annan process. ')
    await b.app.stores.documents.append([
      { meetingId: meeting.id, data: Y.encodeStateAsUpdate(elsewhere, before) },
    ])
    expect(a.app.sync.room(meeting.id)?.doc.getText('t').toString()).toBe('')
    const locked = MeetingStateSchema.parse((await lock(a)).body)
    expect(locked.version).toBeTruthy()
    const version = await a.app.stores.signoff.active(meeting.id)
    const snapshot = new Y.Doc()
    Y.applyUpdate(snapshot, version!.snapshot)
    expect(snapshot.getText('t').toString()).toBe('Sparat av en annan process. ')
  })

  it('G2, C5: a lock committed elsewhere refuses this process’s store; its writer gets 4423, the room loads again frozen, nothing of it is stored', async () => {
    await startPair(testRedis().url)
    const notetaker = await join(a, 'notetaker')
    const guardian = await join(a, 'guardian')
    type(notetaker, 'Sparat. ')
    await waitFor(
      async () => (await loadStoredDoc(b.app, meeting.id)).getText('t').toString() === 'Sparat. ',
      'stored',
    )
    // A lock's seal committed by a process whose messages never came: only the database knows.
    await b.app.stores.documents.setFrozen(meeting.id, true)
    type(notetaker, 'För sent.')
    await waitFor(
      () => notetaker.closeEvents.some((event) => event.code === CloseCodes.planLocked.code),
      'the writer told 4423',
    )
    await waitFor(
      () => guardian.closeEvents.some((event) => event.code === CloseCodes.roomReset.code),
      'the others told to load again',
    )
    await waitFor(() => a.app.sync.room(meeting.id)?.frozen === true, 'the room loaded again, frozen')
    expect((await loadStoredDoc(b.app, meeting.id)).getText('t').toString()).toBe('Sparat. ')
    await waitFor(() => text(guardian) === 'Sparat. ', 'the guardian back on what is stored')
  })

  it('C5: the chair locks on both processes at once: one version, the other answer 409, and both rooms stay frozen', async () => {
    await startPair(testRedis().url)
    await join(a, 'chair')
    await join(b, 'notetaker')
    const answers = await Promise.all([lock(a), lock(b)])
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409])
    expect(answers.find((answer) => answer.status === 409)?.body).toMatchObject({ error: 'already-locked' })
    expect(await a.app.stores.signoff.signatures(meeting.id)).toEqual([])
    await waitFor(
      () => a.app.sync.room(meeting.id)?.frozen === true && b.app.sync.room(meeting.id)?.frozen === true,
      'both rooms frozen',
    )
    // The head says so too: a poll on either leaves them frozen.
    await Promise.all([a.app.cluster!.poll(), b.app.cluster!.poll()])
    expect(a.app.sync.room(meeting.id)?.frozen).toBe(true)
    expect(b.app.sync.room(meeting.id)?.frozen).toBe(true)
  })

  it('C3: an unlock whose message never came reaches the process that locked, by the poll', async () => {
    await startPair(testRedis().url)
    await join(a, 'chair')
    expect((await lock(a)).status).toBe(201)
    await a.app.cluster!.poll()
    // Unlocked by a process whose message was lost: only the head says so.
    await b.app.stores.documents.setFrozen(meeting.id, false)
    await a.app.cluster!.poll()
    expect(a.app.sync.room(meeting.id)?.frozen).toBe(false)
  })

  it('A5, C6: a link revoked through A while Redis is away closes its socket on B when Redis is back', async () => {
    const redis = await startRedis()
    onTestFinished(() => redis.stop())
    await startPair(redis.url)
    const guardian = await join(b, 'guardian')
    await redis.stopOnly()
    await revokeGuardianThroughA()
    await redis.restart()
    await waitFor(
      () => guardian.closeEvents.some((event) => event.code === CloseCodes.unauthorized.code),
      'the guardian’s socket on B closed once Redis was back',
      15_000,
    )
  })

  it('A5, C6: a link revoked through A closes its socket on B', async () => {
    await startPair(testRedis().url)
    const guardian = await join(b, 'guardian')
    await revokeGuardianThroughA()
    await waitFor(
      () => guardian.closeEvents.some((event) => event.code === CloseCodes.unauthorized.code),
      'the guardian’s socket on B closed with 4401',
    )
  })

  it('C3: Redis stopped mid-meeting: B catches up from PostgreSQL by id; after Redis is back everyone converges', async () => {
    const redis = await startRedis()
    onTestFinished(() => redis.stop())
    await startPair(redis.url)
    const notetaker = await join(a, 'notetaker')
    const chair = await join(b, 'chair')
    type(notetaker, 'Före. ')
    await waitFor(() => text(chair) === 'Före. ', 'converged before')
    await redis.stopOnly()
    type(notetaker, 'Under avbrottet. ')
    type(chair, 'Också under. ')
    // Nobody is told over Redis now: the poll reads the heads and catches up from the log.
    await waitFor(
      () => text(chair).includes('Under avbrottet.') && text(notetaker).includes('Också under.'),
      'caught up from PostgreSQL while Redis was away',
      15_000,
    )
    await redis.restart()
    type(notetaker, 'Efter.')
    await waitFor(
      () => text(chair) === text(notetaker) && text(chair).includes('Efter.'),
      'converged after Redis came back',
      15_000,
    )
    const stored = await loadStoredDoc(a.app, meeting.id)
    expect(stored.getText('t').toString()).toBe(text(chair))
  })

  it('S8, C2: both processes compact the same meeting; nothing either stored is lost', async () => {
    await startPair(testRedis().url, { sync: { compactAfterRows: 3 } })
    const notetaker = await join(a, 'notetaker')
    const chair = await join(b, 'chair')
    for (let i = 0; i < 30; i++) {
      type(i % 2 === 0 ? notetaker : chair, `${i} `)
      // Every few edits, a store of its own (more rows, more compactions).
      if (i % 3 === 2) await waitFor(() => text(notetaker) === text(chair), `converged at ${i}`)
    }
    await waitFor(() => text(notetaker) === text(chair) && text(chair).includes('29 '), 'converged')
    const snapshots = await a.app.storage.stores.documents.load(meeting.id)
    expect(snapshots.parts.length).toBeLessThan(30)
    // A third process loading now gets what both showed.
    const fresh = await startServer(tempDataDir(), { databaseUrl, redisUrl: testRedis().url })
    onTestFinished(() => fresh.close())
    const reader = connectClient(fresh, meeting.id, meeting.people.guardian.token)
    clients.push(reader)
    await synced(reader)
    await waitFor(() => text(reader) === text(chair), 'a third process loads what both showed')
    for (let i = 0; i < 30; i++) expect(text(reader)).toContain(`${i} `)
  })

  it('one database is served by processes that all have Redis, or by one alone: a mix is refused at start, saying why', async () => {
    const alone = await startServer(tempDataDir(), { databaseUrl })
    await expect(startServer(tempDataDir(), { databaseUrl, redisUrl: testRedis().url })).rejects.toThrow(
      /a SIP Live process without SIP_REDIS_URL is serving .*: stop it, or start it with SIP_REDIS_URL too/,
    )
    await alone.close()
    a = await startServer(tempDataDir(), { databaseUrl, redisUrl: testRedis().url })
    await expect(startServer(tempDataDir(), { databaseUrl })).rejects.toThrow(
      /another SIP Live process is serving .*: without SIP_REDIS_URL only one process may/,
    )
  })
})
