import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contractEngines, openTestStorage, type TestStorage } from '../test/engine-access'
import { testSetup } from '../test/harness'
import type { MeetingSetup, NewMeeting } from './meetings'
import type { NewParticipant } from './participants'

/**
 * Meetings, participants and a SIP's consent (server/db/meetings.ts, participants.ts), the same
 * tests on every engine. One storage per engine for the file: each test makes its own rows.
 */
describe.each(contractEngines())('meetings and participants on %s', (engine) => {
  let storage: TestStorage
  beforeAll(async () => {
    storage = await openTestStorage(engine)
  })
  afterAll(() => storage?.close())

  const user = (name = 'Maja') =>
    storage.stores.users.create({
      email: `${randomUUID()}@skolan.se`,
      name,
      passwordHash: null,
      isAdmin: false,
    })
  const meeting = (input: Partial<NewMeeting> = {}, now?: number) =>
    storage.stores.meetings.createMeeting(
      { title: 'SIP-möte', ...testSetup(1_800_000_000_000), ...input },
      now,
    )
  const person = (input: Partial<NewParticipant> = {}): NewParticipant => ({
    role: 'participant',
    name: 'Lina',
    organisation: 'skola',
    function: 'lärare',
    ...input,
  })

  it('a meeting comes back with every field it was made with; a first meeting starts its SIP', async () => {
    const { meetings, sips } = storage.stores
    const convener = await user()
    const setup: MeetingSetup = {
      type: 'first',
      startsAt: 1_800_000_123_456,
      durationMinutes: 90,
      place: 'Rum 3',
      remoteAllowed: true,
      videoUrl: 'https://video.example/rum3',
      childName: 'Elsa Ö',
      childAge: '9 år',
      purpose: 'Samordna stödet',
      questions: 'Vad behöver Elsa?',
      childWords: 'Jag vill ha lugn',
      childParticipation: 'part',
      childParticipationNote: 'Första halvtimmen',
    }
    const made = await meetings.createMeeting(
      { title: 'Första mötet', ...setup, convenerUserId: convener.id, isDemo: true },
      1_700_000_000_001,
    )
    expect(made).toEqual({
      ...setup,
      id: made.id,
      sipId: made.id,
      previousMeetingId: null,
      title: 'Första mötet',
      status: 'planned',
      convenerUserId: convener.id,
      isDemo: true,
      startedAt: null,
      createdAt: 1_700_000_000_001,
      updatedAt: 1_700_000_000_001,
    })
    expect(await meetings.getMeeting(made.id)).toEqual(made)
    expect(await meetings.getMeeting(randomUUID())).toBeUndefined()
    expect(await sips.get(made.id)).toEqual({
      id: made.id,
      childName: 'Elsa Ö',
      status: 'active',
      isDemo: true,
      createdByUserId: convener.id,
      createdAt: 1_700_000_000_001,
      updatedAt: 1_700_000_000_001,
      closure: null,
    })
    // Flags are stored as 0/1 integers on both engines.
    expect(
      await storage.rows('SELECT is_demo, remote_allowed FROM meetings WHERE id = ?', [made.id]),
    ).toEqual([{ is_demo: 1, remote_allowed: 1 }])
    const plain = await meeting({ remoteAllowed: false })
    expect(plain).toMatchObject({ isDemo: false, remoteAllowed: false, convenerUserId: null })
  })

  it("a follow-up joins its SIP; a SIP's meetings come in booking order, ties in the order they were made", async () => {
    const { meetings, sips } = storage.stores
    const first = await meeting({}, 5_000)
    const followUps: string[] = []
    // Five booked in the same millisecond (a loop in one request), one booked earlier.
    for (let i = 0; i < 5; i++) {
      followUps.push((await meeting({ sipId: first.sipId, type: 'followup' }, 7_000)).id)
    }
    const earlier = await meeting(
      { sipId: first.sipId, previousMeetingId: first.id, type: 'followup' },
      6_000,
    )
    expect(earlier).toMatchObject({ sipId: first.id, previousMeetingId: first.id, type: 'followup' })
    expect(await sips.get(earlier.id)).toBeUndefined()
    expect((await meetings.ofSip(first.sipId)).map((m) => m.id)).toEqual([first.id, earlier.id, ...followUps])
    expect(await meetings.ofSip(randomUUID())).toEqual([])
  })

  it('set-up and status change as asked; the start is recorded once', async () => {
    const { meetings } = storage.stores
    const made = await meeting({}, 1_000)
    const changed: MeetingSetup & { title: string } = {
      ...testSetup(1_900_000_000_000),
      title: 'Nytt namn',
      type: 'followup',
      durationMinutes: 45,
      place: 'Biblioteket',
      remoteAllowed: true,
      videoUrl: 'https://video.example/b',
      childName: 'Elsa',
      childAge: '10',
      purpose: 'p',
      questions: 'q',
      childWords: 'w',
      childParticipation: 'not-at-all',
      childParticipationNote: 'n',
    }
    await meetings.updateSetup(made.id, changed, 2_000)
    expect(await meetings.getMeeting(made.id)).toEqual({ ...made, ...changed, updatedAt: 2_000 })
    await meetings.setStatus(made.id, 'started', 3_000)
    await meetings.setStatus(made.id, 'started', 4_000)
    expect(await meetings.getMeeting(made.id)).toMatchObject({
      status: 'started',
      startedAt: 3_000,
      updatedAt: 4_000,
    })
    await meetings.setStatus(made.id, 'finalized', 5_000)
    expect(await meetings.getMeeting(made.id)).toMatchObject({ status: 'finalized', startedAt: 3_000 })
    await meetings.touch(made.id, 6_000)
    expect((await meetings.getMeeting(made.id))?.updatedAt).toBe(6_000)
  })

  it("a user's list: the meetings they convene or chair, with the answers counted", async () => {
    const { meetings, participants } = storage.stores
    const maja = await user('Maja')
    const other = await user('Other')
    const convened = await meeting({ convenerUserId: maja.id })
    // Maja's own seat in the meeting she convenes: never counted as unanswered.
    await participants.add(convened.id, person({ role: 'notetaker', staffUserId: maja.id }))
    const yes = await participants.add(convened.id, person())
    const no = await participants.add(convened.id, person())
    await participants.add(convened.id, person())
    await participants.setRsvp(yes.id, 'coming')
    await participants.setRsvp(no.id, 'not-coming')
    const chaired = await meeting({ convenerUserId: other.id })
    await participants.add(chaired.id, person({ role: 'chair', staffUserId: maja.id }))
    const merelyInvited = await meeting({ convenerUserId: other.id })
    await participants.add(merelyInvited.id, person({ staffUserId: maja.id }))

    const list = await meetings.listForUser(maja.id)
    expect(list.map((m) => m.id).sort()).toEqual([convened.id, chaired.id].sort())
    const byId = new Map(list.map((m) => [m.id, m]))
    expect(byId.get(convened.id)).toEqual({
      ...(await meetings.getMeeting(convened.id)),
      isConvener: true,
      isChair: false,
      participants: 4,
      coming: 1,
      notComing: 1,
      unanswered: 1,
    })
    expect(byId.get(chaired.id)).toMatchObject({
      isConvener: false,
      isChair: true,
      participants: 1,
      coming: 0,
      notComing: 0,
      unanswered: 1,
    })
    expect(await meetings.isChair(chaired.id, maja.id)).toBe(true)
    expect(await meetings.isChair(merelyInvited.id, maja.id)).toBe(false)
    expect(await meetings.isChair(convened.id, maja.id)).toBe(false)
    expect(await meetings.listForUser(randomUUID())).toEqual([])
  })

  it('consent belongs to the SIP: recorded through one meeting, read through another; givers in order, replaced', async () => {
    const { meetings } = storage.stores
    const recorder = await user()
    const first = await meeting({}, 1_000)
    const followUp = await meeting({ sipId: first.sipId, type: 'followup' }, 1_000)
    expect(await meetings.consent(first.id)).toBeNull()
    await meetings.recordConsent(
      first.id,
      {
        givenBy: [
          { name: 'Anna', relation: 'guardian' },
          { name: 'Elsa', relation: 'child' },
          { name: 'Bo', relation: 'other' },
        ],
        givenAt: '2026-02-20',
        scope: 'Skola och BUP',
        notShared: 'Utredningen',
      },
      { userId: recorder.id, name: 'Maja' },
      2_000,
    )
    const consent = {
      givenBy: [
        { name: 'Anna', relation: 'guardian' },
        { name: 'Elsa', relation: 'child' },
        { name: 'Bo', relation: 'other' },
      ],
      givenAt: '2026-02-20',
      scope: 'Skola och BUP',
      notShared: 'Utredningen',
      recordedAt: 2_000,
      recordedBy: 'Maja',
      withdrawal: null,
    }
    expect(await meetings.consent(followUp.id)).toEqual(consent)
    expect(await meetings.sipConsent(first.sipId)).toEqual(consent)
    expect((await meetings.getMeeting(first.id))?.updatedAt).toBe(2_000)

    await meetings.recordConsent(
      followUp.id,
      {
        givenBy: [{ name: 'Carl', relation: 'guardian' }],
        givenAt: '2026-03-01',
        scope: 'Allt',
        notShared: '',
      },
      { userId: null, name: 'System' },
      3_000,
    )
    expect(await meetings.consent(first.id)).toEqual({
      givenBy: [{ name: 'Carl', relation: 'guardian' }],
      givenAt: '2026-03-01',
      scope: 'Allt',
      notShared: '',
      recordedAt: 3_000,
      recordedBy: 'System',
      withdrawal: null,
    })
    expect(await meetings.consent(randomUUID())).toBeNull()
    expect(await meetings.sipConsent(randomUUID())).toBeNull()
  })

  it('closing a SIP cancels its planned meetings only, once, and they read as cancelled', async () => {
    const { meetings } = storage.stores
    const first = await meeting({ startsAt: 3_000 }, 1_000)
    const started = await meeting({ sipId: first.sipId, type: 'followup', startsAt: 1_000 }, 1_000)
    await meetings.setStatus(started.id, 'started')
    const later = await meeting({ sipId: first.sipId, type: 'followup', startsAt: 2_000 }, 1_000)
    const cancelled = await meetings.cancelForSip(first.sipId, 9_000)
    expect(cancelled.sort()).toEqual([first.id, later.id].sort())
    expect(await meetings.getMeeting(first.id)).toMatchObject({ status: 'cancelled', updatedAt: 9_000 })
    expect((await meetings.getMeeting(started.id))?.status).toBe('started')
    expect(await meetings.cancelForSip(first.sipId, 10_000)).toEqual([])
  })

  it('counts every meeting, and the real ones apart from demo meetings', async () => {
    const { meetings } = storage.stores
    const [all, real] = [await meetings.count(), await meetings.realCount()]
    await meeting({ isDemo: true })
    await meeting()
    expect(await meetings.count()).toBe(all + 2)
    expect(await meetings.realCount()).toBe(real + 1)
  })

  it('a participant comes back as added, only through its own meeting', async () => {
    const { participants } = storage.stores
    const staff = await user()
    const made = await meeting()
    const other = await meeting()
    const added = await participants.add(
      made.id,
      person({
        role: 'guardian',
        name: null,
        organisation: 'annan',
        organisationOther: 'Föreningen',
        staffUserId: staff.id,
      }),
      4_000,
    )
    expect(added).toEqual({
      id: added.id,
      meetingId: made.id,
      role: 'guardian',
      name: null,
      organisation: 'annan',
      organisationOther: 'Föreningen',
      function: 'lärare',
      staffUserId: staff.id,
      rsvp: null,
      rsvpAt: null,
      createdAt: 4_000,
    })
    expect(await participants.get(made.id, added.id)).toEqual(added)
    expect(await participants.get(other.id, added.id)).toBeUndefined()
    await participants.setRsvp(added.id, 'coming', 5_000)
    expect(await participants.get(made.id, added.id)).toMatchObject({ rsvp: 'coming', rsvpAt: 5_000 })
    const changed = {
      ...person({ role: 'chair', name: 'Nytt', organisation: 'bup' }),
      organisationOther: '',
      staffUserId: null,
    }
    await participants.update(added.id, changed as Required<NewParticipant>, 6_000)
    expect(await participants.get(made.id, added.id)).toEqual({
      ...added,
      ...changed,
      rsvp: 'coming',
      rsvpAt: 5_000,
    })
  })

  it("a meeting's participants in the order they were added, ties in the order they were made", async () => {
    const { participants } = storage.stores
    const made = await meeting()
    const late = await participants.add(made.id, person({ name: 'Sist' }), 9_000)
    const same: string[] = []
    for (let i = 0; i < 6; i++)
      same.push((await participants.add(made.id, person({ name: `P${i}` }), 8_000)).id)
    expect((await participants.ofMeeting(made.id)).map((p) => p.id)).toEqual([...same, late.id])
    expect(await participants.count(made.id)).toBe(7)
    await participants.remove(same[0]!)
    expect(await participants.count(made.id)).toBe(6)
    expect(await participants.get(made.id, same[0]!)).toBeUndefined()
  })

  it("a staff member's seats: all of them, and in one meeting the chair's first", async () => {
    const { participants } = storage.stores
    const staff = await user()
    const one = await meeting()
    const two = await meeting()
    const plain = await participants.add(one.id, person({ staffUserId: staff.id }), 1_000)
    const chair = await participants.add(one.id, person({ role: 'chair', staffUserId: staff.id }), 2_000)
    const elsewhere = await participants.add(two.id, person({ staffUserId: staff.id }), 3_000)
    await participants.add(two.id, person())
    expect((await participants.seatsOfUser(staff.id)).map((p) => p.id)).toEqual([
      plain.id,
      chair.id,
      elsewhere.id,
    ])
    expect((await participants.seatOf(one.id, staff.id))?.id).toBe(chair.id)
    expect((await participants.seatOf(two.id, staff.id))?.id).toBe(elsewhere.id)
    expect(await participants.seatOf(two.id, randomUUID())).toBeUndefined()
  })
})
