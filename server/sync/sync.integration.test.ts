import { createDecoder, readVarString, readVarUint, readVarUint8Array } from 'lib0/decoding'
import { beforeEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { GROUP_COMMIT_WINDOW_MS } from '../../shared/limits'
import { CloseCodes, MessageType, SyncType } from '../../shared/protocol'
import type { Role } from '../../shared/roles'
import { testEngine } from '../test/engine-access'
import { integrationFixture } from '../test/fixture'
import {
  connectClient,
  createMeeting,
  failInserts,
  loadStoredDoc,
  rawSocket,
  startServer,
  storedDocText,
  storedUpdateRows,
  synced,
  type TestClient,
  type TestMeeting,
  tempDataDir,
  testValue,
  waitFor,
} from '../test/harness'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './frames'

function updateInserting(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

const fixture = integrationFixture()
let meeting: TestMeeting

function client(token: string, meetingId = meeting.id): TestClient {
  return fixture.client(meetingId, token)
}

beforeEach(async () => {
  await fixture.start()
  meeting = await createMeeting(fixture.server.app)
})

describe('sync', () => {
  it('S1: two writers converge on the same text and a late joiner gets all of it', async () => {
    const chair = client(meeting.people.chair.token)
    const notetaker = client(meeting.people.notetaker.token)
    await Promise.all([synced(chair), synced(notetaker)])

    chair.doc.getText('t').insert(0, 'Elsa går i skolan hela dagar. ')
    notetaker.doc.getText('t').insert(0, 'Mål: ')
    for (let i = 0; i < 20; i++) notetaker.doc.getText('t').insert(notetaker.doc.getText('t').length, `${i} `)

    await waitFor(
      () =>
        chair.doc.getText('t').toString() === notetaker.doc.getText('t').toString() &&
        chair.doc.getText('t').length > 40,
      'writers converge',
    )
    const late = client(meeting.people.guardian.token)
    await synced(late)
    await waitFor(
      () => late.doc.getText('t').toString() === chair.doc.getText('t').toString(),
      'late joiner has all',
    )
    expect(late.doc.getText('t').toString()).toContain('Elsa går i skolan hela dagar.')
    expect(late.doc.getText('t').toString()).toContain('19 ')
  })

  it('S2: a participant edit through the stock provider changes nothing, anywhere, even after a restart', async () => {
    const notetaker = client(meeting.people.notetaker.token)
    const participant = client(meeting.people.participant.token)
    await Promise.all([synced(notetaker), synced(participant)])
    notetaker.doc.getText('t').insert(0, 'Plan')
    await waitFor(() => participant.doc.getText('t').toString() === 'Plan', 'participant sees the plan')
    const rowsBefore = await storedUpdateRows(fixture.server.app, meeting.id)

    participant.doc.getText('t').insert(0, 'FÖRFALSKAT ')
    // A writer's change after the forged one proves the server processed the participant's frame first.
    notetaker.doc.getText('t').insert(4, ' klar')
    await waitFor(
      () => participant.doc.getText('t').toString().includes('klar'),
      'participant gets next edit',
    )
    await waitFor(
      async () => (await storedUpdateRows(fixture.server.app, meeting.id)) === rowsBefore + 1,
      'writer edit stored',
    )

    expect(notetaker.doc.getText('t').toString()).toBe('Plan klar')
    expect(await storedDocText(fixture.server.app, meeting.id)).toBe('Plan klar')
    const observer = client(meeting.people.chair.token)
    await synced(observer)
    expect(observer.doc.getText('t').toString()).toBe('Plan klar')

    await fixture.restart()
    const afterRestart = client(meeting.people.chair.token)
    await synced(afterRestart)
    expect(afterRestart.doc.getText('t').toString()).toBe('Plan klar')
  })

  it('S2: hand-crafted Update and SyncStep2 frames on a participant raw socket are neither applied, stored nor broadcast', async () => {
    const notetaker = client(meeting.people.notetaker.token)
    await synced(notetaker)
    notetaker.doc.getText('t').insert(0, 'Sant')
    await waitFor(async () => (await storedUpdateRows(fixture.server.app, meeting.id)) === 1, 'stored')

    const raw = await rawSocket(fixture.server, meeting.id, meeting.people.participant.token)
    raw.ws.send(encodeSyncUpdate(updateInserting('FALSKT-UPDATE ')))
    raw.ws.send(encodeSyncStep2(updateInserting('FALSKT-STEG2 ')))
    // SyncStep1 is still answered normally: the reply proves the frames before it were processed.
    raw.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    await waitFor(
      () => raw.received.some((m) => m[0] === MessageType.sync && m[1] === SyncType.step2),
      'step1 answered',
    )

    const answer = raw.received.find((m) => m[0] === MessageType.sync && m[1] === SyncType.step2)!
    const fromServer = new Y.Doc()
    const decoder = answer.subarray(2)
    // payload is varUint8Array: strip its length prefix by decoding with lib0
    const { createDecoder, readVarUint8Array } = await import('lib0/decoding')
    Y.applyUpdate(fromServer, readVarUint8Array(createDecoder(decoder)))
    expect(fromServer.getText('t').toString()).toBe('Sant')
    expect(notetaker.doc.getText('t').toString()).toBe('Sant')
    expect(await storedUpdateRows(fixture.server.app, meeting.id)).toBe(1)
    expect(await storedDocText(fixture.server.app, meeting.id)).toBe('Sant')
    raw.ws.close()
  })

  it('S3: after a restart every meeting’s document is intact', async () => {
    const other = await createMeeting(fixture.server.app)
    const a = client(meeting.people.notetaker.token)
    const b = client(other.people.chair.token, other.id)
    await Promise.all([synced(a), synced(b)])
    a.doc.getText('t').insert(0, 'Möte ett')
    b.doc.getText('t').insert(0, 'Möte två')
    b.doc.getMap('m').set('steg', 3)
    const storedSteg = async () => {
      const doc = await loadStoredDoc(fixture.server.app, other.id)
      const steg = doc.getMap('m').get('steg')
      doc.destroy()
      return steg
    }
    await waitFor(
      async () =>
        (await storedDocText(fixture.server.app, meeting.id)) === 'Möte ett' &&
        (await storedDocText(fixture.server.app, other.id)) === 'Möte två' &&
        (await storedSteg()) === 3,
      'stored',
    )

    await fixture.restart()
    const a2 = client(meeting.people.guardian.token)
    const b2 = client(other.people.child.token, other.id)
    await Promise.all([synced(a2), synced(b2)])
    expect(a2.doc.getText('t').toString()).toBe('Möte ett')
    expect(b2.doc.getText('t').toString()).toBe('Möte två')
    expect(b2.doc.getMap('m').get('steg')).toBe(3)
  })

  it('S8: the update log is compacted into a snapshot after the row threshold, and the document stays intact', async () => {
    await fixture.restart({ sync: { compactAfterRows: 20 } })
    const notetaker = client(meeting.people.notetaker.token)
    await synced(notetaker)
    for (let i = 0; i < 45; i++) {
      notetaker.doc.getText('t').insert(notetaker.doc.getText('t').length, 'x')
      // One row per keystroke, as people type: further apart than the group-commit window.
      await new Promise((resolve) => setTimeout(resolve, GROUP_COMMIT_WINDOW_MS + 3))
    }
    await waitFor(
      async () => (await storedDocText(fixture.server.app, meeting.id)) === 'x'.repeat(45),
      'all stored',
    )
    await waitFor(
      async () =>
        (await storedUpdateRows(fixture.server.app, meeting.id)) < 20 &&
        Number(await testValue(fixture.server.app, 'SELECT count(*) FROM doc_snapshots')) === 1,
      'compacted',
    )
    expect(await storedDocText(fixture.server.app, meeting.id)).toBe('x'.repeat(45))
  })

  it('S9: a room unloads after its last connection leaves, compacting its log, and loads again on demand', async () => {
    await fixture.restart({ sync: { unloadGraceMs: 50 } })
    const notetaker = client(meeting.people.notetaker.token)
    await synced(notetaker)
    notetaker.doc.getText('t').insert(0, 'Uppföljning')
    await waitFor(async () => (await storedUpdateRows(fixture.server.app, meeting.id)) === 1, 'stored')
    expect(fixture.server.app.sync.loadedRooms).toBe(1)
    notetaker.destroy()
    await waitFor(() => fixture.server.app.sync.loadedRooms === 0, 'room unloaded')
    expect(await storedUpdateRows(fixture.server.app, meeting.id)).toBe(0)
    expect(await storedDocText(fixture.server.app, meeting.id)).toBe('Uppföljning')
    const again = client(meeting.people.child.token)
    await synced(again)
    expect(again.doc.getText('t').toString()).toBe('Uppföljning')
  })

  it('S7: a failed write is not broadcast, the writer is told it is not saved, and nothing is lost', async () => {
    await fixture.restart({ busyTimeoutMs: 0, sync: { retryDelayMs: 50 } })
    const notetaker = client(meeting.people.notetaker.token)
    const guardian = client(meeting.people.guardian.token)
    await Promise.all([synced(notetaker), synced(guardian)])

    const lock = await lockDatabase()
    notetaker.doc.getText('t').insert(0, 'Viktigt mål')
    await waitFor(
      () => notetaker.closeEvents.some((e) => e.code === CloseCodes.notSaved.code),
      'writer told not saved',
    )
    expect(guardian.doc.getText('t').toString()).toBe('')
    const health = await fetch(`${fixture.server.url}/healthz`)
    expect(health.status).toBe(200)

    await lock.release()
    await waitFor(() => guardian.doc.getText('t').toString() === 'Viktigt mål', 'delivered once stored')
    expect(await storedDocText(fixture.server.app, meeting.id)).toBe('Viktigt mål')
    await waitFor(() => notetaker.provider.synced, 'writer reconnected')
    expect(fixture.server.logs.some((l) => l.includes('storing updates failed'))).toBe(true)
  })
})

describe('presence', () => {
  it('A3: a participant claiming another name or client id is shown with its real identity', async () => {
    const chair = client(meeting.people.chair.token)
    const participant = client(meeting.people.participant.token)
    await Promise.all([synced(chair), synced(participant)])
    participant.provider.awareness.setLocalStateField('user', {
      name: 'Maja Lind',
      role: 'chair',
      color: '#123456',
    })

    await waitFor(
      () => chair.provider.awareness.getStates().get(participant.doc.clientID)?.user?.color === '#123456',
      'presence with the chosen colour',
    )
    expect(chair.provider.awareness.getStates().get(participant.doc.clientID)?.user).toEqual({
      name: 'Lena Berg',
      role: 'participant',
      participantId: meeting.people.participant.id,
      color: '#123456',
    })

    // A raw socket claims the chair's own client id and name: the chair's presence stays the chair's.
    chair.provider.awareness.setLocalStateField('user', { color: '#000000' })
    await waitFor(
      () => participant.provider.awareness.getStates().get(chair.doc.clientID)?.user?.name === 'Maja Lind',
      'chair presence',
    )
    const forger = await rawSocket(fixture.server, meeting.id, meeting.people.guardian.token)
    const fake = new Y.Doc()
    fake.clientID = chair.doc.clientID
    const fakeAwareness = new awarenessProtocol.Awareness(fake)
    fakeAwareness.setLocalState({ user: { name: 'Rektorn', role: 'chair' } })
    fakeAwareness.meta.set(chair.doc.clientID, { clock: 1000, lastUpdated: Date.now() })
    forger.ws.send(
      encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(fakeAwareness, [chair.doc.clientID])),
    )
    fakeAwareness.destroy()
    // Then its own, honest-looking state under a client id of its own, claiming a name.
    const own = new Y.Doc()
    const ownAwareness = new awarenessProtocol.Awareness(own)
    ownAwareness.setLocalState({ user: { name: 'Rektorn' } })
    forger.ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(ownAwareness, [own.clientID])))
    ownAwareness.destroy()

    await waitFor(
      () => participant.provider.awareness.getStates().get(own.clientID) !== undefined,
      'forger presence shown',
    )
    expect(participant.provider.awareness.getStates().get(own.clientID)?.user?.name).toBe('Sara')
    expect(participant.provider.awareness.getStates().get(chair.doc.clientID)?.user?.name).toBe('Maja Lind')
    const names = [...participant.provider.awareness.getStates().values()].map((s) => s.user?.name)
    expect(names).not.toContain('Rektorn')
    forger.ws.close()
  })
  it('A4a: a change of presence is passed on at once; renewals of an unchanged one travel together', async () => {
    await fixture.restart({ sync: { renewalBatchMs: 1_500 } })
    const chair = client(meeting.people.chair.token)
    await synced(chair)
    const sender = await rawSocket(fixture.server, meeting.id, meeting.people.guardian.token)
    const own = new Y.Doc()
    const presence = new awarenessProtocol.Awareness(own)
    const send = (state: Record<string, unknown>, clock: number) => {
      presence.setLocalState(state)
      presence.meta.set(own.clientID, { clock, lastUpdated: Date.now() })
      sender.ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(presence, [own.clientID])))
    }
    const seenClock = () => chair.provider.awareness.meta.get(own.clientID)?.clock
    const seenColor = () => chair.provider.awareness.getStates().get(own.clientID)?.user?.color

    send({ user: { color: '#111111' } }, 1)
    await waitFor(() => seenColor() === '#111111', 'first presence, at once')
    const first = seenClock()!

    // The same state again with a newer clock: a renewal. Not sent on at once …
    const renewedAt = Date.now()
    send({ user: { color: '#111111' } }, first + 1)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(seenClock()).toBe(first)
    // … but well before anyone's 30 s timeout.
    await waitFor(() => seenClock() === first + 1, 'renewal passed on')
    expect(Date.now() - renewedAt).toBeGreaterThanOrEqual(1_400)

    // A real change (the caret moved, a new colour) goes at once.
    const changedAt = Date.now()
    send({ user: { color: '#222222' } }, first + 2)
    await waitFor(() => seenColor() === '#222222', 'change passed on')
    expect(Date.now() - changedAt).toBeLessThan(1_000)
    presence.destroy()
    sender.ws.close()
  })
})

describe('durability across processes', () => {
  it('S3: a server started on an existing data folder serves what the previous one stored', async () => {
    const dataDir = tempDataDir()
    const first = await startServer(dataDir)
    const m = await createMeeting(first.app)
    const writer = connectClient(first, m.id, m.people.chair.token)
    await synced(writer)
    writer.doc.getText('t').insert(0, 'Bevarad')
    await waitFor(async () => (await storedUpdateRows(first.app, m.id)) === 1, 'stored')
    writer.destroy()
    await first.close()
    const second = await startServer(dataDir)
    const reader = connectClient(second, m.id, m.people.child.token)
    await synced(reader)
    expect(reader.doc.getText('t').toString()).toBe('Bevarad')
    reader.destroy()
    await second.close()
  })
})

describe('presence across reconnects', () => {
  it('A3: a client that reconnects to a loaded room is shown again at once', async () => {
    const chair = client(meeting.people.chair.token)
    const guardian = client(meeting.people.guardian.token)
    await Promise.all([synced(chair), synced(guardian)])
    guardian.provider.awareness.setLocalStateField('user', { color: '#1b6e20' })
    await waitFor(() => chair.provider.awareness.getStates().has(guardian.doc.clientID), 'guardian shown')
    guardian.provider.disconnect()
    await waitFor(() => !chair.provider.awareness.getStates().has(guardian.doc.clientID), 'guardian gone')
    guardian.provider.connect()
    // Well before the client's 15-second renewal would have brought it back.
    await waitFor(
      () => chair.provider.awareness.getStates().has(guardian.doc.clientID),
      'guardian back',
      3000,
    )
    expect(chair.provider.awareness.getStates().get(guardian.doc.clientID)?.user?.name).toBe('Sara')
  })

  it('A3: a client id someone else used in this room cannot be taken over after they leave', async () => {
    const chair = client(meeting.people.chair.token)
    const guardian = client(meeting.people.guardian.token)
    await Promise.all([synced(chair), synced(guardian)])
    await waitFor(() => guardian.provider.awareness.getStates().has(chair.doc.clientID), 'chair shown')
    const chairId = chair.doc.clientID
    chair.provider.disconnect()
    await waitFor(() => !guardian.provider.awareness.getStates().has(chairId), 'chair gone')

    const squatter = await rawSocket(fixture.server, meeting.id, meeting.people.participant.token)
    const fake = new Y.Doc()
    fake.clientID = chairId
    const fakeAwareness = new awarenessProtocol.Awareness(fake)
    fakeAwareness.setLocalState({ user: { name: 'vem som helst' } })
    squatter.ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(fakeAwareness, [chairId])))
    fakeAwareness.destroy()
    squatter.ws.send(encodeSyncStep1(new Uint8Array([0])))
    await waitFor(() => squatter.received.some((m) => m[0] === 0 && m[1] === 1), 'squatter frame processed')
    expect(guardian.provider.awareness.getStates().has(chairId)).toBe(false)

    chair.provider.connect()
    await waitFor(
      () => guardian.provider.awareness.getStates().get(chairId)?.user?.name === 'Maja Lind',
      'chair back',
    )
    squatter.ws.close()
  })
})

type Raw = Awaited<ReturnType<typeof rawSocket>>

/** The sync frames of one sub-type a raw socket has received. */
function syncFrames(raw: Raw, syncType: number): Uint8Array[] {
  return raw.received.filter((m) => m[0] === MessageType.sync && m[1] === syncType)
}

/** The update (or SyncStep2) a sync frame carries. */
function payloadOf(frame: Uint8Array): Uint8Array {
  return readVarUint8Array(createDecoder(frame.subarray(2)))
}

/** The reasons of the y-protocols permission-denied messages a raw socket has received. */
function deniedReasons(raw: Raw): string[] {
  return raw.received
    .filter((m) => m[0] === MessageType.auth)
    .map((m) => {
      const decoder = createDecoder(m.subarray(1))
      readVarUint(decoder)
      return readVarString(decoder)
    })
}

function updateSetting(map: string, key: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap(map).set(key, true)
  return Y.encodeStateAsUpdate(doc)
}

/**
 * Makes the server's stores of the document fail until `release` is called: on SQLite a second
 * connection holds the write lock (SQLITE_BUSY with busyTimeoutMs 0); on PostgreSQL, where a
 * writer would only wait, the database refuses the rows.
 */
async function lockDatabase(): Promise<{ release(): Promise<void> }> {
  if (testEngine() === 'postgres') {
    return failInserts(fixture.server.app, 'doc_updates', 'test: the database refuses the store')
  }
  const Database = (await import('better-sqlite3')).default
  const locker = new Database(`${fixture.server.dataDir}/sip-live.db`)
  locker.exec('BEGIN IMMEDIATE')
  return {
    async release() {
      locker.exec('ROLLBACK')
      locker.close()
    },
  }
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())

describe('answers and broadcasts wait for the store', () => {
  it('S5: a SyncStep1 is answered only once nothing is queued, with what is stored; meanwhile one entry per connection waits', async () => {
    await fixture.restart({ busyTimeoutMs: 0, sync: { retryDelayMs: 50 } })
    const notetaker = client(meeting.people.notetaker.token)
    await synced(notetaker)
    const lock = await lockDatabase()
    notetaker.doc.getText('t').insert(0, 'Inte sparat än')
    await waitFor(
      () =>
        notetaker.closeEvents.some((e) => e.code === CloseCodes.notSaved.code) &&
        (fixture.server.app.sync.room(meeting.id)?.pending.length ?? 0) > 0,
      'the store failed and the update waits in memory',
    )

    const reader = await rawSocket(fixture.server, meeting.id, meeting.people.participant.token)
    for (let i = 0; i < 3; i++) reader.ws.send(encodeSyncStep1(EMPTY_STATE_VECTOR))
    // A read-only connection's explicit update earns one notice (S2): once it is here, the server
    // has handled every frame sent before it.
    reader.ws.send(encodeSyncUpdate(updateInserting('x')))
    await waitFor(() => deniedReasons(reader).length === 1, 'frames handled')
    expect(syncFrames(reader, SyncType.step2)).toEqual([])
    expect(await storedDocText(fixture.server.app, meeting.id)).toBe('')

    await lock.release()
    await waitFor(() => syncFrames(reader, SyncType.step2).length > 0, 'answered once stored')
    const answer = new Y.Doc()
    Y.applyUpdate(answer, payloadOf(syncFrames(reader, SyncType.step2)[0]!))
    expect(answer.getText('t').toString()).toBe('Inte sparat än')
    expect(await storedDocText(fixture.server.app, meeting.id)).toBe('Inte sparat än')
    // Three SyncStep1s waited as one: a fresh one, answered at once, is only the second answer.
    reader.ws.send(encodeSyncStep1(EMPTY_STATE_VECTOR))
    await waitFor(() => syncFrames(reader, SyncType.step2).length >= 2, 'fresh SyncStep1 answered')
    expect(syncFrames(reader, SyncType.step2)).toHaveLength(2)
    reader.ws.close()
  })

  it('S6: a flush sends the room one Update frame, the same bytes to everyone, and nothing back to a lone sender', async () => {
    await fixture.restart({ busyTimeoutMs: 0, sync: { retryDelayMs: 50 } })
    const readers = [
      await rawSocket(fixture.server, meeting.id, meeting.people.guardian.token),
      await rawSocket(fixture.server, meeting.id, meeting.people.child.token),
    ]
    const updatesOf = (raw: Raw) => syncFrames(raw, SyncType.update)

    // One sender: every other connection gets its update; the sender gets no echo.
    const notetaker = await rawSocket(fixture.server, meeting.id, meeting.people.notetaker.token)
    notetaker.ws.send(encodeSyncUpdate(updateSetting('m', 'ett')))
    await waitFor(() => readers.every((r) => updatesOf(r).length === 1), 'readers have the update')
    // An answer to a SyncStep1 sent after the flush comes after anything the flush sent this socket.
    notetaker.ws.send(encodeSyncStep1(EMPTY_STATE_VECTOR))
    await waitFor(() => syncFrames(notetaker, SyncType.step2).length === 1, 'sender answered')
    expect(updatesOf(notetaker)).toEqual([])
    expect(updatesOf(readers[1]!)[0]).toEqual(updatesOf(readers[0]!)[0])

    // Two senders, one flush: while the store fails, both updates wait for the same retry.
    const chair = await rawSocket(fixture.server, meeting.id, meeting.people.chair.token)
    const lock = await lockDatabase()
    chair.ws.send(encodeSyncUpdate(updateSetting('m', 'två')))
    notetaker.ws.send(encodeSyncUpdate(updateSetting('m', 'tre')))
    await waitFor(() => fixture.server.app.sync.room(meeting.id)?.pending.length === 2, 'both updates wait')
    await lock.release()
    await waitFor(() => readers.every((r) => updatesOf(r).length >= 2), 'readers have the flush')
    for (const reader of readers) reader.ws.send(encodeSyncStep1(EMPTY_STATE_VECTOR))
    await waitFor(() => readers.every((r) => syncFrames(r, SyncType.step2).length === 1), 'readers answered')
    for (const reader of readers) expect(updatesOf(reader)).toHaveLength(2)
    expect(updatesOf(readers[1]!)[1]).toEqual(updatesOf(readers[0]!)[1])
    const flushed = new Y.Doc()
    Y.applyUpdate(flushed, payloadOf(updatesOf(readers[0]!)[1]!))
    expect(flushed.getMap('m').toJSON()).toEqual({ två: true, tre: true })
    for (const raw of [...readers, notetaker, chair]) raw.ws.close()
  })
})

describe('A6: the role decides who writes', () => {
  it('A6: chair and notetaker write; participant, child and guardian only read', async () => {
    const writes: Record<Role, boolean> = {
      chair: true,
      notetaker: true,
      participant: false,
      child: false,
      guardian: false,
    }
    const roles = Object.keys(writes) as Role[]
    const sockets = await Promise.all(
      roles.map((role) => rawSocket(fixture.server, meeting.id, meeting.people[role].token)),
    )
    roles.forEach((role, i) => {
      sockets[i]!.ws.send(encodeSyncUpdate(updateSetting('roles', role)))
      // Its answer comes after the update was handled (and, for a writer, stored: S5).
      sockets[i]!.ws.send(encodeSyncStep1(EMPTY_STATE_VECTOR))
    })
    await waitFor(
      () => sockets.every((raw) => syncFrames(raw, SyncType.step2).length === 1),
      'every update handled',
    )

    const stored = await loadStoredDoc(fixture.server.app, meeting.id)
    expect(Object.keys(stored.getMap('roles').toJSON()).sort()).toEqual(['chair', 'notetaker'])
    roles.forEach((role, i) => {
      expect(deniedReasons(sockets[i]!)).toEqual(writes[role] ? [] : ['read-only'])
    })
    const observer = client(meeting.people.child.token)
    await synced(observer)
    expect(Object.keys(observer.doc.getMap('roles').toJSON()).sort()).toEqual(['chair', 'notetaker'])
    for (const raw of sockets) raw.ws.close()
  })
})
