import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MAX_FRAME_BYTES, MAX_MESSAGE_BYTES, MESSAGE_BURST } from '../../shared/limits'
import { CloseCodes, MessageType, SyncType } from '../../shared/protocol'
import {
  connectClient,
  createMeeting,
  rawSocket,
  startServer,
  storedDocText,
  synced,
  type TestClient,
  type TestMeeting,
  type TestServer,
  waitFor,
} from '../test/harness'

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

let server: TestServer
let meeting: TestMeeting
let bystanderMeeting: TestMeeting
const clients: TestClient[] = []

function client(m: TestMeeting, token: string): TestClient {
  const c = connectClient(server, m.id, token)
  clients.push(c)
  return c
}

/** The meeting next door: two writers who must keep converging whatever the attacker does. */
async function assertOthersUnaffected(label: string): Promise<void> {
  const health = await fetch(`${server.url}/healthz`)
  expect(health.status).toBe(200)
  const [a, b] = clients.slice(0, 2)
  a!.doc.getText('t').insert(0, `${label} `)
  await waitFor(
    () => b!.doc.getText('t').toString() === a!.doc.getText('t').toString(),
    `bystanders converge after ${label}`,
  )
  expect(a!.closeEvents).toEqual([])
  expect(b!.closeEvents).toEqual([])
}

beforeEach(async () => {
  server = await startServer()
  meeting = createMeeting(server.app.db)
  bystanderMeeting = createMeeting(server.app.db)
  const a = client(bystanderMeeting, bystanderMeeting.people.chair.token)
  const b = client(bystanderMeeting, bystanderMeeting.people.guardian.token)
  await Promise.all([synced(a), synced(b)])
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.close()
})

describe('S10: bad input closes only the sending connection', () => {
  it('random bytes close the sender with malformed-message', async () => {
    const raw = await rawSocket(server, meeting.id, meeting.people.notetaker.token)
    const neighbour = client(meeting, meeting.people.chair.token)
    await synced(neighbour)
    const garbage = new Uint8Array(64)
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 73 + 41) % 256
    garbage[0] = 7 // no such message type
    raw.ws.send(garbage)
    expect((await raw.closed).code).toBe(CloseCodes.malformed.code)
    await assertOthersUnaffected('random')
    neighbour.doc.getText('t').insert(0, 'still here')
    await waitFor(
      () => storedDocText(server.app.db, meeting.id) === 'still here',
      'same-room neighbour still writes',
    )
  })

  it('seeded random frames never crash the server and close only their sender', async () => {
    let seed = 20261122
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let i = 0; i < 30; i++) {
      const raw = await rawSocket(server, meeting.id, meeting.people.notetaker.token)
      const frame = new Uint8Array(1 + Math.floor(random() * 300))
      for (let j = 0; j < frame.length; j++) frame[j] = Math.floor(random() * 256)
      frame[0] = Math.floor(random() * 2) // a sync or awareness envelope with random insides
      raw.ws.send(frame)
      raw.ws.send(syncFrame(SyncType.step1, new Uint8Array([0])))
      // Either the frame was rejected (named close code) or it was harmless and step 1 got its answer.
      await waitFor(
        () =>
          raw.ws.readyState !== raw.ws.OPEN ||
          raw.received.some((m) => m[0] === 0 && m[1] === SyncType.step2),
        'closed or answered',
      )
      if (raw.ws.readyState !== raw.ws.OPEN) {
        expect([CloseCodes.malformed.code, CloseCodes.documentTooLarge.code]).toContain(
          (await raw.closed).code,
        )
      } else raw.ws.close()
    }
    await assertOthersUnaffected('fuzz')
  })

  it('a truncated update closes the sender and stores nothing', async () => {
    const source = new Y.Doc()
    const text = source.getText('t')
    for (let i = 0; i < 30; i++) text.insert(i, `ord${i} `)
    source.getMap('m').set('k', 'v')
    const full = Y.encodeStateAsUpdate(source)
    const raw = await rawSocket(server, meeting.id, meeting.people.notetaker.token)
    // The envelope claims more bytes than follow.
    const frame = syncFrame(SyncType.update, full)
    raw.ws.send(frame.subarray(0, frame.length - 10))
    expect((await raw.closed).code).toBe(CloseCodes.malformed.code)
    expect(storedDocText(server.app.db, meeting.id)).toBe('')
    await assertOthersUnaffected('truncated')
  })

  it('damaged Yjs updates in well-formed frames never leave a document that cannot be loaded', async () => {
    const source = new Y.Doc()
    for (let i = 0; i < 20; i++) source.getText('t').insert(0, `rad ${i} `)
    source.getMap('plan').set('mål', 'Elsa går i skolan')
    const full = Y.encodeStateAsUpdate(source)
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let i = 0; i < 40; i++) {
      const damaged = full.slice(0, i % 2 === 0 ? Math.floor(random() * full.length) : full.length)
      if (i % 2 === 1)
        for (let k = 0; k < 3; k++)
          damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256)
      const raw = await rawSocket(server, meeting.id, meeting.people.notetaker.token)
      raw.ws.send(syncFrame(SyncType.update, damaged))
      raw.ws.send(syncFrame(SyncType.step1, new Uint8Array([0])))
      await waitFor(
        () =>
          raw.ws.readyState !== raw.ws.OPEN ||
          raw.received.some((m) => m[0] === 0 && m[1] === SyncType.step2),
        'closed or answered',
      )
      raw.ws.close()
    }
    // What was stored is what the server's own document emitted, so a fresh load must succeed.
    const dataDir = server.dataDir
    for (const c of clients.splice(0)) c.destroy()
    await server.close()
    server = await startServer(dataDir)
    const reader = client(meeting, meeting.people.child.token)
    await synced(reader)
    expect(reader.closeEvents).toEqual([])
    const bystander = client(bystanderMeeting, bystanderMeeting.people.chair.token)
    const bystander2 = client(bystanderMeeting, bystanderMeeting.people.child.token)
    clients.splice(0, clients.length, bystander, bystander2, reader)
    await Promise.all([synced(bystander), synced(bystander2)])
    await assertOthersUnaffected('damaged')
  })

  it('a message over MAX_MESSAGE_BYTES closes the sender with message-too-large, over the frame cap with 1009', async () => {
    const raw = await rawSocket(server, meeting.id, meeting.people.notetaker.token)
    raw.ws.send(new Uint8Array(MAX_MESSAGE_BYTES + 16))
    expect((await raw.closed).code).toBe(CloseCodes.messageTooLarge.code)
    const raw2 = await rawSocket(server, meeting.id, meeting.people.participant.token)
    raw2.ws.send(new Uint8Array(MAX_FRAME_BYTES + 16))
    expect((await raw2.closed).code).toBe(CloseCodes.transportTooBig.code)
    await assertOthersUnaffected('oversized')
  })

  it('a message flood closes the sender with rate-limited', async () => {
    const raw = await rawSocket(server, meeting.id, meeting.people.guardian.token)
    const query = new Uint8Array([MessageType.queryAwareness])
    for (let i = 0; i < MESSAGE_BURST * 3; i++) raw.ws.send(query)
    expect((await raw.closed).code).toBe(CloseCodes.rateLimited.code)
    await assertOthersUnaffected('flood')
  })

  it('a text frame closes the sender with malformed-message', async () => {
    const raw = await rawSocket(server, meeting.id, meeting.people.chair.token)
    raw.ws.send('hej')
    expect((await raw.closed).code).toBe(CloseCodes.malformed.code)
    await assertOthersUnaffected('text')
  })
})
