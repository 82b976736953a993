import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUDIT_OPEN_WINDOW_MINUTES } from '../../shared/limits'
import { contractEngines, openTestStorage, type TestStorage } from '../test/engine-access'
import type { NewAuditEntry } from './audit-log'

const WINDOW_MS = AUDIT_OPEN_WINDOW_MINUTES * 60_000

/** The audit log (server/db/audit-log.ts), the same tests on every engine: append-only, A10's counting. */
describe.each(contractEngines())('audit log on %s', (engine) => {
  let storage: TestStorage
  beforeAll(async () => {
    storage = await openTestStorage(engine)
  })
  afterAll(() => storage?.close())

  const open = (meetingId: string, sourceAddress = '10.0.0.1'): NewAuditEntry => ({
    action: 'plan.opened',
    actor: 'participant:p1',
    actorName: 'Anna',
    meetingId,
    sourceAddress,
  })

  it("a meeting's entries come back newest first with every field, with those about its SIP as a whole", async () => {
    const { audit } = storage.stores
    const meetingId = randomUUID()
    const sipId = randomUUID()
    await audit.append(
      {
        action: 'meeting.created',
        actor: 'staff:u1',
        actorName: 'Maja',
        meetingId,
        sipId,
        subject: 'p1',
        sourceAddress: '192.0.2.1',
      },
      1_700_000_000_000,
    )
    await audit.append({ action: 'sip.closed', actor: 'system', sipId }, 1_700_000_001_000)
    await audit.append({ action: 'auth.login', actor: 'anonymous' }, 1_700_000_002_000)
    await audit.append(
      { action: 'meeting.updated', actor: 'staff:u1', meetingId: randomUUID(), sipId },
      1_700_000_003_000,
    )
    const entries = await audit.forMeeting(meetingId, sipId)
    expect(entries).toEqual([
      {
        id: entries[0]!.id,
        at: '2023-11-14T22:13:21.000Z',
        action: 'sip.closed',
        actor: 'system',
        actorName: null,
        meetingId: null,
        subject: null,
        sourceAddress: null,
        count: 1,
        lastAt: null,
        sipId,
      },
      {
        id: entries[1]!.id,
        at: '2023-11-14T22:13:20.000Z',
        action: 'meeting.created',
        actor: 'staff:u1',
        actorName: 'Maja',
        meetingId,
        subject: 'p1',
        sourceAddress: '192.0.2.1',
        count: 1,
        lastAt: null,
        sipId,
      },
    ])
    expect(entries[0]!.id).toBeGreaterThan(entries[1]!.id)
    expect((await audit.forMeeting(meetingId)).map((e) => e.action)).toEqual(['meeting.created'])
    expect((await audit.forMeeting(meetingId, sipId, 1)).map((e) => e.action)).toEqual(['sip.closed'])
  })

  it('A10: repeated opens of a seat from one address within the window count on one row', async () => {
    const { audit } = storage.stores
    const meetingId = randomUUID()
    const t = 1_700_000_000_000
    await audit.recordOpen(open(meetingId), t)
    await audit.recordOpen(open(meetingId), t + 1_000)
    await audit.recordOpen(open(meetingId), t + WINDOW_MS - 1)
    // Another address, and the window over: rows of their own.
    await audit.recordOpen(open(meetingId, '10.0.0.2'), t + 2_000)
    await audit.recordOpen(open(meetingId), t + WINDOW_MS + 5_000)
    const entries = await audit.forMeeting(meetingId)
    expect(
      entries.map(({ sourceAddress, count, at, lastAt }) => ({ sourceAddress, count, at, lastAt })),
    ).toEqual([
      {
        sourceAddress: '10.0.0.1',
        count: 1,
        at: new Date(t + WINDOW_MS + 5_000).toISOString(),
        lastAt: null,
      },
      { sourceAddress: '10.0.0.2', count: 1, at: new Date(t + 2_000).toISOString(), lastAt: null },
      {
        sourceAddress: '10.0.0.1',
        count: 3,
        at: new Date(t).toISOString(),
        lastAt: new Date(t + WINDOW_MS - 1).toISOString(),
      },
    ])
  })

  it('A10: opens of one seat at the same moment still make one row, counted once each', async () => {
    const { audit } = storage.stores
    const meetingId = randomUUID()
    const t = 1_700_000_000_000
    await Promise.all(Array.from({ length: 6 }, (_, i) => audit.recordOpen(open(meetingId), t + i)))
    const entries = await audit.forMeeting(meetingId)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ count: 6 })
  })

  it('rows cannot be changed or deleted, only counted', async () => {
    const { audit } = storage.stores
    const meetingId = randomUUID()
    await audit.append({ action: 'meeting.started', actor: 'staff:u1', meetingId }, 1_000)
    await expect(storage.rows('DELETE FROM audit_log WHERE meeting_id = ?', [meetingId])).rejects.toThrow(
      /append-only/,
    )
    await expect(
      storage.rows("UPDATE audit_log SET actor = 'staff:u2' WHERE meeting_id = ?", [meetingId]),
    ).rejects.toThrow(/append-only/)
    expect(await audit.forMeeting(meetingId)).toMatchObject([{ actor: 'staff:u1', count: 1 }])
  })
})
