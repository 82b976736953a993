import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCodes } from '../../shared/protocol'
import { integrationFixture } from '../test/fixture'
import {
  api,
  createMeeting,
  rawSocket,
  storedDocText,
  synced,
  type TestMeeting,
  waitFor,
} from '../test/harness'
import { encodeSyncStep1, encodeSyncUpdate } from './frames'
import type { SyncServiceOptions } from './sync-service'

/**
 * A store or a load that takes its time – PostgreSQL's round trip, drawn out until the test lets it
 * go. The sync core must keep S3, S4 and S5 while it waits (docs/protocol.md).
 */
class Gate {
  private opened: Promise<void> = Promise.resolve()
  private open: () => void = () => {}
  calls = 0

  hold(): void {
    this.opened = new Promise((resolve) => {
      this.open = resolve
    })
  }

  release(): void {
    this.open()
  }

  async pass(): Promise<void> {
    this.calls++
    await this.opened
  }
}

const appends = new Gate()
const loads = new Gate()

const fixture = integrationFixture({
  sync: {
    wrapDocuments: (documents: SyncServiceOptions['documents']) => ({
      load: async (meetingId, after) => {
        await loads.pass()
        return documents.load(meetingId, after)
      },
      append: async (rows, now) => {
        await appends.pass()
        return documents.append(rows, now)
      },
      compact: (meetingId, snapshot, upto, now) => documents.compact(meetingId, snapshot, upto, now),
      setFrozen: (meetingId, frozen) => documents.setFrozen(meetingId, frozen),
    }),
  },
})
let meeting: TestMeeting

beforeEach(async () => {
  appends.release()
  loads.release()
  appends.calls = 0
  loads.calls = 0
  await fixture.start()
  meeting = await createMeeting(fixture.server.app)
})

const text = (doc: Y.Doc) => doc.getText('t').toString()
const storedText = async () => await storedDocText(fixture.server.app, meeting.id)

function updateInserting(content: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, content)
  return Y.encodeStateAsUpdate(doc)
}

describe('a store in flight (S4, S5)', () => {
  it('S4: a writer’s update that comes while a store is in flight waits unapplied; readers get both, in order, each after its commit', async () => {
    const writer = fixture.client(meeting.id, meeting.people.notetaker.token)
    const reader = fixture.client(meeting.id, meeting.people.guardian.token)
    await Promise.all([synced(writer), synced(reader)])
    const room = fixture.server.app.sync.room(meeting.id)!

    appends.hold()
    writer.doc.getText('t').insert(0, 'Mål')
    await waitFor(() => appends.calls === 1, 'the first store is in flight')
    writer.doc.getText('t').insert(3, ': läsa')
    await waitFor(() => room.hasWaiting, 'the second update waits')

    // Nothing is shown before its commit, and the waiting update is not even applied.
    expect(text(room.doc)).toBe('Mål')
    expect(text(reader.doc)).toBe('')
    expect(await storedText()).toBe('')

    appends.release()
    await waitFor(() => text(reader.doc) === 'Mål: läsa', 'the reader gets both')
    expect(await storedText()).toBe('Mål: läsa')
    expect(room.hasWaiting).toBe(false)
  })

  it('S5: a client that connects while a store is in flight is answered after the commit, with what is stored', async () => {
    const writer = fixture.client(meeting.id, meeting.people.notetaker.token)
    await synced(writer)
    const room = fixture.server.app.sync.room(meeting.id)!

    appends.hold()
    writer.doc.getText('t').insert(0, 'Stöd i matte')
    await waitFor(() => appends.calls === 1, 'the store is in flight')
    const late = fixture.client(meeting.id, meeting.people.guardian.token)
    await waitFor(() => room.connections.size === 2, 'the late client is in the room')
    // Its SyncStep1 is answered only once the document is what is stored: it waits.
    await waitFor(() => room.waitingAnswers === 1, 'the late client’s SyncStep1 waits for the commit')
    expect(late.provider.synced).toBe(false)
    expect(text(late.doc)).toBe('')

    appends.release()
    await synced(late)
    await waitFor(() => text(late.doc) === 'Stöd i matte', 'the late client has the stored text')
    expect(await storedText()).toBe('Stöd i matte')
  })

  it('G1, G2: a lock while a store is in flight stores it first; the version has it, and an update that waited is refused (4423)', async () => {
    const writer = fixture.client(meeting.id, meeting.people.notetaker.token)
    await synced(writer)
    appends.hold()
    writer.doc.getText('t').insert(0, 'Före låsningen')
    await waitFor(() => appends.calls === 1, 'the store is in flight')
    const room = fixture.server.app.sync.room(meeting.id)!
    writer.doc.getText('t').insert(0, 'SENT ')
    await waitFor(() => room.hasWaiting, 'a later update waits')

    const locking = api(fixture.server, 'POST', `/api/meetings/${meeting.id}/plan/lock`, {
      headers: { Authorization: `Bearer ${meeting.people.chair.token}` },
    })
    await waitFor(
      () => room.frozen,
      'the lock has frozen the plan, its store waiting behind the one in flight',
    )
    appends.release()
    const locked = await locking
    expect(locked.status).toBe(201)
    expect(await storedText()).toBe('Före låsningen')
    await waitFor(
      () => writer.closeEvents.some((e) => e.code === CloseCodes.planLocked.code),
      'the waiting update is refused as an edit after the lock',
    )
    expect(text(room.doc)).toBe('Före låsningen')
  })
})

describe('a shutdown that takes its time (S11)', () => {
  it('S11: a socket whose upgrade completes while the server shuts down is told to come back (1001), never left open', async () => {
    const writer = fixture.client(meeting.id, meeting.people.notetaker.token)
    await synced(writer)
    appends.hold()
    writer.doc.getText('t').insert(0, 'Sparas vid avslutet')
    await waitFor(() => appends.calls === 1, 'the store is in flight')
    // The shutdown waits for the store; a socket upgraded meanwhile (its link looked up before the
    // shutdown began) reaches a room that is still there.
    const shutdown = fixture.server.app.sync.shutdown()
    const late = await rawSocket(fixture.server, meeting.id, meeting.people.guardian.token)
    let timer: NodeJS.Timeout | undefined
    const open = new Promise<'still open'>((resolve) => {
      timer = setTimeout(() => resolve('still open'), 5_000)
    })
    expect(await Promise.race([late.closed.then((closed) => closed.code), open])).toBe(
      CloseCodes.goingAway.code,
    )
    clearTimeout(timer)
    appends.release()
    await shutdown
    expect(await storedText()).toBe('Sparas vid avslutet')
  })
})

describe('a room that takes its time to load (S3)', () => {
  it('S3: frames a client sends while its room loads are handled, in order, once it has loaded', async () => {
    loads.hold()
    const socket = await fixture.raw(meeting.id, meeting.people.notetaker.token)
    socket.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    socket.ws.send(encodeSyncUpdate(updateInserting('Tidigt')))
    await waitFor(() => loads.calls === 1, 'the room is loading')
    expect(fixture.server.app.sync.room(meeting.id)).toBeUndefined()

    loads.release()
    await waitFor(async () => (await storedText()) === 'Tidigt', 'the early update is stored')
    // The SyncStep1 was answered too (a SyncStep2 frame came back).
    await waitFor(() => socket.received.length >= 2, 'the handshake answered')
  })

  it('S3: a client that closes while its room loads leaves nothing behind; the next one is served', async () => {
    loads.hold()
    const socket = await fixture.raw(meeting.id, meeting.people.notetaker.token)
    await waitFor(() => loads.calls === 1, 'the room is loading')
    socket.ws.close()
    await socket.closed
    loads.release()
    const writer = fixture.client(meeting.id, meeting.people.notetaker.token)
    await synced(writer)
    const room = fixture.server.app.sync.room(meeting.id)!
    expect(room.connections.size).toBe(1)
    writer.doc.getText('t').insert(0, 'Efter')
    await waitFor(async () => (await storedText()) === 'Efter', 'stored')
  })
})
