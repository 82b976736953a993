import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planToObject } from '../../shared/plan/canonical'
import { planParts } from '../../shared/plan/layout'
import { MeetingInputSchema } from '../../shared/schemas/meeting'
import { createDemoMeetings } from '../demo'
import { initialPlanUpdate } from '../plan/roster'
import type { Result } from '../result'
import { meetingInput, testSetup } from '../test/harness'
import { createServiceMeeting, openTestServices, type TestServices } from '../test/services'
import type { AuditActor } from './service'
import { setupOf } from './views'

/**
 * The meeting service without HTTP: a real SQLite file, the live plans in memory. Over HTTP:
 * server/routes/meetings.integration.test.ts and participants.integration.test.ts.
 */

let services: TestServices

beforeEach(() => {
  services = openTestServices()
})

afterEach(() => services.close())

const EVA: AuditActor = { actor: 'staff:eva', actorName: 'Eva Ek', sourceAddress: '192.0.2.1' }

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.status} ${result.error}`)
  return result.value
}

/** The plan as stored for a meeting, read the way a room loads it. */
async function storedPlan(meetingId: string) {
  const doc = new Y.Doc()
  for (const part of (await services.stores.documents.load(meetingId)).parts) Y.applyUpdate(doc, part)
  return planToObject(doc)
}

/** The plan initialPlanUpdate makes from what is stored for the meeting now. */
async function expectedPlan(meetingId: string) {
  const doc = new Y.Doc()
  Y.applyUpdate(
    doc,
    initialPlanUpdate(
      (await services.stores.meetings.getMeeting(meetingId))!,
      await services.stores.participants.ofMeeting(meetingId),
    ),
  )
  return planToObject(doc)
}

async function convener() {
  return services.stores.users.create({
    email: 'eva@kommun.se',
    name: 'Eva Ek',
    isAdmin: false,
    passwordHash: 'x',
  })
}

describe('creating a meeting: one way for the API and the demo', () => {
  it('P1: the API’s meeting and the demo’s are stored with the same first plan – set-up, participants, the child’s words – in the same transaction', async () => {
    const eva = await convener()
    const { meeting } = await services.meetings.create(
      {
        setup: setupOf(MeetingInputSchema.parse(meetingInput({ childWords: 'Slippa ont i magen' }))),
        convenerUserId: eva.id,
      },
      EVA,
    )
    const [demo] = await createDemoMeetings(services, 'https://sip.example', 1)

    for (const id of [meeting.id, demo!.meetingId])
      expect(await storedPlan(id)).toEqual(await expectedPlan(id))
    expect(await storedPlan(meeting.id)).toMatchObject({ setup: { childName: 'Elsa' } })
    expect(JSON.stringify(await storedPlan(meeting.id))).toContain('Slippa ont i magen')
    expect(Object.keys((await storedPlan(demo!.meetingId)).participants as object)).toHaveLength(5)
    // Nothing live was touched: a new meeting is in no room.
    expect(services.plans.docs.size).toBe(0)

    expect(meeting).toMatchObject({ title: 'SIP-möte för Elsa', convenerUserId: eva.id, isDemo: false })
    expect((await services.stores.audit.forMeeting(meeting.id)).map((e) => e.action)).toEqual([
      'meeting.created',
    ])
    // The demo's fictional meetings: consent recorded, links issued, nobody audited.
    expect(await services.stores.meetings.getMeeting(demo!.meetingId)).toMatchObject({
      isDemo: true,
      convenerUserId: null,
    })
    expect(await services.stores.meetings.consent(demo!.meetingId)).not.toBeNull()
    expect(await services.stores.audit.forMeeting(demo!.meetingId)).toEqual([])
  })

  it('P1: a meeting that cannot be stored leaves nothing behind, its plan included', async () => {
    services.db.exec(
      "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )
    await expect(services.meetings.create({ setup: testSetup(), convenerUserId: null }, EVA)).rejects.toThrow(
      'disk full',
    )
    expect(services.db.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(0)
    expect(services.db.prepare('SELECT count(*) FROM doc_updates').pluck().get()).toBe(0)
  })
})

describe('A11: who may see and change a meeting', () => {
  it('A11: 404 for anyone else, 403 for a chair asking for the convener’s part, 409 for an edit after finalizing', async () => {
    const eva = await convener()
    const { meeting } = await services.meetings.create({ setup: testSetup(), convenerUserId: eva.id }, EVA)
    expect(await services.meetings.access(meeting.id, 'someone-else', { need: 'read' })).toEqual({
      ok: false,
      status: 404,
      error: 'not-found',
    })
    const chair = await services.stores.users.create({
      email: 'maja@kommun.se',
      name: 'Maja',
      isAdmin: false,
      passwordHash: 'x',
    })
    await services.stores.participants.add(meeting.id, {
      role: 'chair',
      name: 'Maja',
      organisation: 'skola',
      function: 'rektor',
      staffUserId: chair.id,
    })
    expect(value(await services.meetings.access(meeting.id, chair.id, { need: 'read' })).isChair).toBe(true)
    expect(await services.meetings.access(meeting.id, chair.id, { need: 'convener' })).toMatchObject({
      status: 403,
    })
    services.db.prepare("UPDATE meetings SET status = 'finalized' WHERE id = ?").run(meeting.id)
    expect(value(await services.meetings.access(meeting.id, eva.id, { need: 'convener' })).isConvener).toBe(
      true,
    )
    expect(
      await services.meetings.access(meeting.id, eva.id, { need: 'convener', editing: true }),
    ).toMatchObject({
      status: 409,
      error: 'finalized',
    })
  })
})

describe('participants reach the plan through the port', () => {
  it('G14: added, changed and removed participants and a changed set-up are written into the live plan', async () => {
    const eva = await convener()
    const { meeting } = await services.meetings.create({ setup: testSetup(), convenerUserId: eva.id }, EVA)
    const plan = planParts(services.plans.doc(meeting.id))
    const added = value(
      await services.meetings.addParticipant(
        meeting,
        {
          role: 'participant',
          organisation: 'bup',
          organisationOther: '',
          function: 'psykolog',
          name: '',
          isMe: false,
        },
        eva.id,
        EVA,
      ),
    )
    expect(added.link.url).toMatch(/^https:\/\/sip\.example\/j#t=/)
    expect((plan.participants.get(added.participant.id) as Y.Map<string>).get('name')).toBe('psykolog, BUP')

    const row = (await services.meetings.participant(meeting.id, added.participant.id))!
    value(
      await services.meetings.updateParticipant(
        meeting,
        row,
        {
          role: 'participant',
          organisation: 'bup',
          organisationOther: '',
          function: 'psykolog',
          name: 'Lena',
          isMe: false,
        },
        eva.id,
        EVA,
      ),
    )
    expect((plan.participants.get(row.id) as Y.Map<string>).get('name')).toBe('Lena')

    await services.meetings.updateSetup(
      meeting,
      { ...testSetup(meeting.startsAt), purpose: 'Nytt syfte' },
      EVA,
    )
    expect(plan.setup.get('purpose')).toBe('Nytt syfte')

    await services.meetings.removeParticipant(meeting, row, EVA)
    expect(plan.participants.has(row.id)).toBe(false)
    expect((await services.stores.audit.forMeeting(meeting.id)).map((e) => e.action)).toEqual([
      'participant.removed',
      'link.revoked',
      'meeting.updated',
      'participant.updated',
      'link.created',
      'participant.added',
      'meeting.created',
    ])
  })

  it('A5, A6: a revoked or replaced link closes its sockets; a changed role makes them reconnect', async () => {
    const eva = await convener()
    const { meeting } = await services.meetings.create({ setup: testSetup(), convenerUserId: eva.id }, EVA)
    const input = {
      role: 'participant' as const,
      organisation: 'bup' as const,
      organisationOther: '',
      function: 'psykolog',
      name: 'Lena',
      isMe: false,
    }
    const { participant } = value(await services.meetings.addParticipant(meeting, input, eva.id, EVA))
    const row = async () => (await services.meetings.participant(meeting.id, participant.id))!
    const [first] = await services.stores.tokens.idsForParticipant(participant.id)

    value(
      await services.meetings.updateParticipant(
        meeting,
        await row(),
        { ...input, role: 'notetaker' },
        eva.id,
        EVA,
      ),
    )
    expect(services.plans.disconnected).toEqual([{ tokenIds: [first], why: 'reconnect' }])

    await services.meetings.newLink(meeting, await row(), EVA)
    expect(services.plans.disconnected.at(-1)).toEqual({ tokenIds: [first], why: 'revoked' })
    const ids = await services.stores.tokens.idsForParticipant(participant.id)
    await services.meetings.revokeLink(meeting, await row(), EVA)
    expect(services.plans.disconnected.at(-1)).toEqual({ tokenIds: [ids.at(-1)], why: 'revoked' })
    await services.meetings.removeParticipant(meeting, await row(), EVA)
    expect(services.plans.disconnected.at(-1)).toEqual({ tokenIds: ids, why: 'revoked' })
  })

  it('G14: a writer’s change to the set-up or the participants is written back from the database at once', async () => {
    const meeting = await createServiceMeeting(services)
    const doc = services.plans.doc(meeting.id)
    const stop = await services.meetings.guardRoster(meeting.id, doc)
    // A writer's update arrives from elsewhere (not a local transaction).
    const writer = new Y.Doc()
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc))
    planParts(writer).setup.set('childName', 'Förfalskat')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(doc)))
    // Corrected from the roster read when the guard began – no database round trip – so before
    // the end of this turn, when the sync core's store would run.
    await Promise.resolve()
    await Promise.resolve()
    expect(planParts(doc).setup.get('childName')).toBe('Elsa')
    expect(services.logged).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'a writer changed the set-up or the participants; rewriting them',
      }),
    )
    stop()
  })

  it('G14: the guard corrects with the roster as the last change through the services left it', async () => {
    const meeting = await createServiceMeeting(services)
    const doc = services.plans.doc(meeting.id)
    const stop = await services.meetings.guardRoster(meeting.id, doc)
    const row = (await services.stores.meetings.getMeeting(meeting.id))!
    await services.meetings.updateSetup(row, { ...row, childName: 'Alva' }, EVA)
    expect(planParts(doc).setup.get('childName')).toBe('Alva')
    const writer = new Y.Doc()
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc))
    planParts(writer).setup.set('childName', 'Förfalskat')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(doc)))
    await Promise.resolve()
    expect(planParts(doc).setup.get('childName')).toBe('Alva')
    stop()
  })
})
