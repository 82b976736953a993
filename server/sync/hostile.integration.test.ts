import { type ChildProcess, spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { MAX_CONNECTIONS_PER_SEAT, SOCKET_OPEN_BURST_PER_SEAT } from '../../shared/limits'
import { CloseCodes, MessageType, SYNC_PATH, SyncType } from '../../shared/protocol'
import { integrationFixture } from '../test/fixture'
import {
  api,
  createMeeting,
  loadStoredDoc,
  synced,
  type TestClient,
  type TestMeeting,
  testRows,
  upgradeStatus,
  waitFor,
} from '../test/harness'
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './frames'
import { deepNesting } from './fuzz-frames'

const fixture = integrationFixture()

function client(meeting: TestMeeting, role: keyof TestMeeting['people']): TestClient {
  return fixture.client(meeting.id, meeting.people[role].token)
}

function raw(meeting: TestMeeting, role: keyof TestMeeting['people']) {
  return fixture.raw(meeting.id, meeting.people[role].token)
}

/** Sockets in another process that open and never read (server/test/non-reading-clients.ts). */
async function nonReadingClients(urls: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/test/non-reading-clients.ts', ...urls], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  fixture.onTeardown(() => child.kill())
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      if (data.toString().includes('ready')) resolve()
    })
    child.on('exit', () => reject(new Error('non-reading clients exited')))
  })
  return child
}

/** Opens a socket and closes it again; resolves with the status (101, or the refusal) once it is closed. */
function openAndClose(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url)
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.on('open', () => ws.close())
    ws.on('close', () => resolve(101))
    ws.on('error', () => {})
  })
}

/** Sends a SyncStep1 and waits for its answer: proof the socket is open and served. */
async function answered(socket: Awaited<ReturnType<typeof raw>>): Promise<void> {
  const before = socket.received.length
  socket.ws.send(encodeSyncStep1(new Uint8Array([0])))
  await waitFor(
    () => socket.received.slice(before).some((m) => m[0] === MessageType.sync && m[1] === SyncType.step2),
    'SyncStep1 answered',
  )
}

describe('S13: an update that could break the document never stays in the room', () => {
  it('S13: nesting deeper than MAX_TYPE_NESTING is refused unapplied; the meeting goes on', async () => {
    await fixture.start()
    const meeting = await createMeeting(fixture.server.app)
    const chair = client(meeting, 'chair')
    const guardian = client(meeting, 'guardian')
    await Promise.all([synced(chair), synced(guardian)])
    const attacker = await raw(meeting, 'notetaker')
    const { create, deleteOutermost } = deepNesting(4000)
    attacker.ws.send(encodeSyncUpdate(create))
    attacker.ws.send(encodeSyncUpdate(deleteOutermost))
    expect((await attacker.closed).code).toBe(CloseCodes.malformed.code)

    chair.doc.getText('t').insert(0, 'efter attacken')
    await waitFor(
      () => guardian.doc.getText('t').toString() === 'efter attacken',
      'edit after the attack shared',
    )
    const stored = await loadStoredDoc(fixture.server.app, meeting.id)
    expect(stored.getText('t').toString()).toBe('efter attacken')
    expect(stored.getMap('x').size).toBe(0)
    stored.destroy()
    expect(guardian.doc.getMap('x').size).toBe(0)
  })

  it('S13: an update that throws while applying sets the room back to what is stored; later edits are stored, shared and survive a restart', async () => {
    // The nesting check is lifted here so the failing update reaches Yjs: the reset is the net behind it.
    const options = { sync: { maxTypeNesting: 1_000_000 } }
    await fixture.start(options)
    const meeting = await createMeeting(fixture.server.app)
    const chair = client(meeting, 'chair')
    const guardian = client(meeting, 'guardian')
    await Promise.all([synced(chair), synced(guardian)])
    chair.doc.getText('t').insert(0, 'före ')
    await waitFor(() => guardian.doc.getText('t').toString() === 'före ', 'edit before the attack shared')

    const attacker = await raw(meeting, 'notetaker')
    const { create, deleteOutermost } = deepNesting(4000)
    attacker.ws.send(encodeSyncUpdate(create))
    await answered(attacker)
    attacker.ws.send(encodeSyncUpdate(deleteOutermost))
    expect((await attacker.closed).code).toBe(CloseCodes.malformed.code)
    expect(fixture.server.app.sync.resets).toBe(1)
    // Everyone else was told the room was reloaded, and came back.
    await waitFor(() => chair.closeEvents.some((e) => e.code === CloseCodes.roomReset.code), 'chair told')
    await waitFor(() => chair.provider.wsconnected && guardian.provider.wsconnected, 'both back')

    chair.doc.getText('t').insert(chair.doc.getText('t').length, 'efter')
    await waitFor(() => guardian.doc.getText('t').toString() === 'före efter', 'edit after the reset shared')
    await waitFor(
      async () =>
        (await loadStoredDoc(fixture.server.app, meeting.id)).getText('t').toString() === 'före efter',
      'edit after the reset stored',
    )

    await fixture.restart(options)
    const later = client(meeting, 'participant')
    await synced(later)
    expect(later.closeEvents).toEqual([])
    expect(later.doc.getText('t').toString()).toBe('före efter')
  })
})

describe('G2a: a locked plan refuses writes cheaply', () => {
  it('G2a: a writer’s SyncStep2 that brings nothing new is let through once; any further one closes it with 4423', async () => {
    await fixture.start()
    const meeting = await createMeeting(fixture.server.app)
    const chair = client(meeting, 'chair')
    await synced(chair)
    chair.doc.getText('t').insert(0, 'x'.repeat(200_000))
    await waitFor(() => fixture.server.app.sync.room(meeting.id)?.pending.length === 0, 'stored')
    const locked = await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/plan/lock`, {
      headers: { Authorization: `Bearer ${meeting.people.chair.token}` },
    })
    expect(locked.status).toBe(201)

    const writer = await raw(meeting, 'notetaker')
    const everything = Y.encodeStateAsUpdate(chair.doc)
    writer.ws.send(encodeSyncStep2(everything))
    await answered(writer)
    expect(writer.ws.readyState).toBe(writer.ws.OPEN)
    // Not a reply to anything: a no-op SyncStep2 sent again is a write attempt on a locked plan.
    writer.ws.send(encodeSyncStep2(everything))
    expect((await writer.closed).code).toBe(CloseCodes.planLocked.code)

    // A step 2 that deletes what the plan holds is refused too, even as the first frame.
    const deleter = await raw(meeting, 'chair')
    const before = Y.encodeStateVector(chair.doc)
    chair.provider.disconnect()
    chair.doc.getText('t').delete(0, 10)
    deleter.ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(chair.doc, before)))
    expect((await deleter.closed).code).toBe(CloseCodes.planLocked.code)
  })
})

describe('S14: no client can make the server hold unbounded memory for it', () => {
  it(`S14: one link holds at most MAX_CONNECTIONS_PER_SEAT (${MAX_CONNECTIONS_PER_SEAT}) sockets; the next is refused with 429 until one closes`, async () => {
    await fixture.start()
    const meeting = await createMeeting(fixture.server.app)
    const open: Awaited<ReturnType<typeof raw>>[] = []
    for (let i = 0; i < MAX_CONNECTIONS_PER_SEAT; i++) open.push(await raw(meeting, 'guardian'))
    const url = `${fixture.server.wsUrl}${SYNC_PATH}/${meeting.id}?token=${meeting.people.guardian.token}`
    expect(await upgradeStatus(url)).toBe(429)
    // Other seats are not affected.
    expect(
      await upgradeStatus(
        `${fixture.server.wsUrl}${SYNC_PATH}/${meeting.id}?token=${meeting.people.child.token}`,
      ),
    ).toBe(101)
    open[0]!.ws.close()
    await open[0]!.closed
    await waitFor(
      () => fixture.server.app.sync.room(meeting.id)!.connections.size === MAX_CONNECTIONS_PER_SEAT - 1,
      'closed',
    )
    expect(await upgradeStatus(url)).toBe(101)
  })

  it('S14: one address holds at most the configured number of sockets, across links', async () => {
    await fixture.start({ collab: { connectionsPerAddress: 3 } })
    const meeting = await createMeeting(fixture.server.app)
    await raw(meeting, 'guardian')
    await raw(meeting, 'child')
    await raw(meeting, 'participant')
    expect(
      await upgradeStatus(
        `${fixture.server.wsUrl}${SYNC_PATH}/${meeting.id}?token=${meeting.people.chair.token}`,
      ),
    ).toBe(429)
  })

  it('S14: a socket that asks for presence and never reads gets no more answers once it lags', async () => {
    const laggingBytes = 64 * 1024
    await fixture.start({ sync: { outbound: { laggingBytes } } })
    const meeting = await createMeeting(fixture.server.app)
    // Five people present with large (allowed) presence states: each answer is ~18 kB.
    for (const role of ['chair', 'notetaker', 'participant', 'child'] as const) {
      const c = client(meeting, role)
      c.provider.awareness.setLocalStateField('note', 'x'.repeat(3500))
    }
    await waitFor(
      () => fixture.server.app.sync.room(meeting.id)?.awareness.getStates().size === 4,
      'presence',
    )
    const reader = await raw(meeting, 'guardian')
    ;(reader.ws as unknown as { _socket: { pause(): void } })._socket.pause()
    const conn = [...fixture.server.app.sync.room(meeting.id)!.connections].find(
      (c) => c.principal.role === 'guardian',
    )!
    let most = 0
    for (let i = 0; i < 390; i++) {
      reader.ws.send(new Uint8Array([MessageType.queryAwareness]))
      if (i % 30 === 0) {
        await new Promise((resolve) => setImmediate(resolve))
        most = Math.max(most, conn.bufferedBytes)
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
    most = Math.max(most, conn.bufferedBytes)
    // 390 answers of ~18 kB would be ~7 MB; it stops at the lagging mark plus what was in flight.
    expect(most).toBeLessThan(laggingBytes + 64 * 1024)
    expect(conn.isOpen).toBe(true)
  })

  it('S14: sockets that do not read are cut off, largest first, once together they hold more than the total budget', async () => {
    const maxTotalBytes = 1024 * 1024
    await fixture.start({ sync: { outbound: { maxTotalBytes, laggingBytes: 64 * 1024 } } })
    const meeting = await createMeeting(fixture.server.app)
    const chair = client(meeting, 'chair')
    await synced(chair)
    const readers = await nonReadingClients(
      (['participant', 'guardian', 'child'] as const).map(
        (role) => `${fixture.server.wsUrl}${SYNC_PATH}/${meeting.id}?token=${meeting.people[role].token}`,
      ),
    )
    const room = fixture.server.app.sync.room(meeting.id)!
    for (let i = 0; i < 20 && fixture.server.app.sync.outbound.cutOff < 2; i++) {
      chair.doc.getText(`t${i}`).insert(0, String(i % 10).repeat(400_000))
      await waitFor(
        () => room.pending.length === 0 && room.doc.getText(`t${i}`).length === 400_000,
        'stored and broadcast',
      )
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    readers.kill()
    expect(fixture.server.app.sync.outbound.cutOff).toBeGreaterThanOrEqual(2)
    // The writer, who reads, was never touched.
    expect(chair.closeEvents).toEqual([])
  })
})

describe('S15: opening sockets is rate-limited, and repeated opens are one audit row', () => {
  it(`S15: one link opening sockets in a loop is refused with 429 after ${SOCKET_OPEN_BURST_PER_SEAT}, and its opens are one audit row with a count`, async () => {
    await fixture.start()
    const meeting = await createMeeting(fixture.server.app)
    const url = `${fixture.server.wsUrl}${SYNC_PATH}/${meeting.id}?token=${meeting.people.child.token}`
    const statuses: number[] = []
    for (let i = 0; i < SOCKET_OPEN_BURST_PER_SEAT + 5; i++) statuses.push(await openAndClose(url))
    expect(statuses.slice(0, SOCKET_OPEN_BURST_PER_SEAT).every((s) => s === 101)).toBe(true)
    expect(statuses.slice(SOCKET_OPEN_BURST_PER_SEAT).every((s) => s === 429)).toBe(true)
    // Another seat from the same address still opens.
    expect(
      await upgradeStatus(
        `${fixture.server.wsUrl}${SYNC_PATH}/${meeting.id}?token=${meeting.people.guardian.token}`,
      ),
    ).toBe(101)
    const opened = (await fixture.server.app.stores.audit.forMeeting(meeting.id)).filter(
      (e) => e.action === 'plan.opened' && e.actor === `participant:${meeting.people.child.id}`,
    )
    expect(opened).toHaveLength(1)
    expect(opened[0]!.count).toBe(SOCKET_OPEN_BURST_PER_SEAT)
    expect(opened[0]!.lastAt).not.toBeNull()
    // The row can only be counted up; nothing else about it can change.
    await expect(
      testRows(fixture.server.app, 'UPDATE audit_log SET actor = ? WHERE id = ?', ['x', opened[0]!.id]),
    ).rejects.toThrow(/append-only/)
    await expect(
      testRows(fixture.server.app, 'DELETE FROM audit_log WHERE id = ?', [opened[0]!.id]),
    ).rejects.toThrow(/append-only/)
  })
})
