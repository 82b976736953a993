import { beforeEach, describe, expect, it } from 'vitest'
import { stockholmDay } from '../../shared/dates'
import { planParts } from '../../shared/plan/layout'
import { CloseCodes } from '../../shared/protocol'
import { MeetingSchema } from '../../shared/schemas/meeting'
import { SessionResponseSchema } from '../../shared/schemas/session'
import {
  BookedFollowUpSchema,
  FollowUpDraftSchema,
  type Sip,
  SipSchema,
  type SipSummary,
  SipSummarySchema,
} from '../../shared/schemas/sip'
import { integrationFixture } from '../test/fixture'
import {
  api,
  CONSENT,
  createUser,
  loadStoredDoc,
  meetingInput,
  signIn,
  testRows,
  testValue,
  tokenOf,
  waitFor,
} from '../test/harness'
import { pdfText } from '../test/pdf-text'
import { type ConvenedMeeting, convenedMeeting, lockAndFinalize, writePlan } from '../test/sip-meetings'

/**
 * The SIP over time over real HTTP and sockets (docs/process.md): Mina SIP:ar, huvudansvarig,
 * booking a follow-up, closing – and every refusal with nothing written.
 */

const fixture = integrationFixture()
const DAY = 24 * 3600 * 1000

let amir: string
beforeEach(async () => {
  await fixture.start()
  await createUser(fixture.server, { email: 'amir@skolan.se', name: 'Amir Haddad' })
  amir = await signIn(fixture.server, 'amir@skolan.se')
})

const get = <T>(path: string, cookie = amir) => api<T>(fixture.server, 'GET', path, { cookie })
const post = <T>(path: string, body: unknown, cookie = amir) =>
  api<T & { error?: string; field?: string; message?: string }>(fixture.server, 'POST', path, {
    cookie,
    body,
  })

async function mySips(cookie = amir): Promise<SipSummary[]> {
  const response = await get<unknown[]>('/api/sips', cookie)
  expect(response.status).toBe(200)
  return response.body.map((row) => SipSummarySchema.parse(row))
}

async function sipPage(id: string, cookie = amir): Promise<Sip> {
  const response = await get(`/api/sips/${id}`, cookie)
  expect(response.status).toBe(200)
  return SipSchema.parse(response.body)
}

const FOLLOW_UP_DAY = stockholmDay(Date.now() + 60 * DAY)

/** Elsa's first meeting, finalized with a goal, a support, a huvudansvarig and a follow-up date. */
async function finalizedFirstMeeting(): Promise<ConvenedMeeting> {
  const meeting = await convenedMeeting(fixture.server, amir)
  await writePlan(fixture.server, meeting, {
    goals: [{ id: 'g1', kind: 'short', what: 'Elsa går till skolan fyra dagar i veckan', agreed: true }],
    supports: [
      { id: 's1', party: 'agency', what: 'Skolskjuts', organisation: 'skola', responsible: 'Rektor' },
    ],
    responsible: { organisation: 'elevhalsa', function: 'kurator', name: 'Amir Haddad' },
    followUp: {
      date: FOLLOW_UP_DAY,
      time: '09:30',
      place: 'Skolan, rum 12',
      calledBy: 'Amir Haddad, kurator',
    },
  })
  await lockAndFinalize(fixture.server, meeting)
  return meeting
}

const rows = (sql: string, ...params: unknown[]) => testValue(fixture.server.app, sql, params)

describe('P1, P4: the SIP and who sees it', () => {
  it('P1: a new meeting starts a SIP of its own; P4: its convener sees it in Mina SIP:ar, nobody else learns it exists', async () => {
    const meeting = await convenedMeeting(fixture.server, amir)
    expect(meeting.sipId).toBe(meeting.id)
    const [row, ...others] = await mySips()
    expect(others).toEqual([])
    expect(row).toMatchObject({
      id: meeting.sipId,
      childName: 'Elsa',
      status: 'active',
      myRoles: ['convener'],
      meetings: 1,
      followUpState: 'none',
    })
    const page = await sipPage(meeting.sipId)
    expect(page.meetings.map((m) => [m.id, m.type, m.status])).toEqual([[meeting.id, 'first', 'planned']])
    expect(page.consent?.givenBy[0]?.name).toBe('Sara')
    expect(page.can).toEqual({ bookFollowUp: false, close: true, changeResponsible: true })

    await createUser(fixture.server, { email: 'lena@soc.se', name: 'Lena Berg' })
    await createUser(fixture.server, { email: 'admin@kommun.se', name: 'Admin', isAdmin: true })
    for (const email of ['lena@soc.se', 'admin@kommun.se']) {
      const cookie = await signIn(fixture.server, email)
      expect(await mySips(cookie)).toEqual([])
      expect((await get(`/api/sips/${meeting.sipId}`, cookie)).status).toBe(404)
      expect((await get(`/api/sips/${meeting.sipId}/follow-up`, cookie)).status).toBe(404)
      expect(
        (
          await post(
            `/api/sips/${meeting.sipId}/close`,
            { reason: 'no-new-needs', closedOn: '2026-01-01' },
            cookie,
          )
        ).status,
      ).toBe(404)
    }
  })

  it('P3, P4: a huvudansvarig with an account sees the SIP and its meetings; the history keeps who held it before', async () => {
    const meeting = await finalizedFirstMeeting()
    // P3: finalizing recorded the huvudansvarig the signed plan names.
    const first = await sipPage(meeting.sipId)
    expect(first.responsible).toMatchObject({
      name: 'Amir Haddad',
      function: 'kurator',
      meetingId: meeting.id,
    })

    await createUser(fixture.server, { email: 'lena@soc.se', name: 'Lena Berg' })
    const lena = await signIn(fixture.server, 'lena@soc.se')
    const unknown = await post(`/api/sips/${meeting.sipId}/responsible`, {
      organisation: 'socialtjanst',
      function: 'socialsekreterare',
      name: 'Lena Berg',
      fromDate: '2026-12-01',
      email: 'nobody@soc.se',
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({
      field: 'email',
      message: 'Det finns inget konto i SIP Live med den e-postadressen.',
    })
    const missing = await post(`/api/sips/${meeting.sipId}/responsible`, { organisation: 'socialtjanst' })
    expect(missing.status).toBe(400)
    expect(missing.body.field).toBe('function')
    expect(await rows('SELECT count(*) FROM sip_responsible WHERE sip_id = ?', meeting.sipId)).toBe(1)

    const changed = await post(`/api/sips/${meeting.sipId}/responsible`, {
      organisation: 'socialtjanst',
      function: 'socialsekreterare',
      name: 'Lena Berg',
      fromDate: '2026-12-01',
      email: 'lena@soc.se',
    })
    expect(changed.status).toBe(201)
    const page = SipSchema.parse(changed.body)
    expect(page.responsibleHistory.map((r) => [r.name, r.fromDate])).toEqual([
      ['Lena Berg', '2026-12-01'],
      ['Amir Haddad', stockholmDay(Date.parse(meetingInput().startsAt as string))],
    ])
    const [row] = await mySips(lena)
    expect(row).toMatchObject({ id: meeting.sipId, myRoles: ['responsible'] })
    // She reads the meeting and its protocol, but may not start or change it.
    expect((await get(`/api/meetings/${meeting.id}`, lena)).status).toBe(200)
    expect((await get(`/api/meetings/${meeting.id}/plan/protocol`, lena)).status).toBe(200)
    expect((await post(`/api/meetings/${meeting.id}/start`, {}, lena)).status).toBe(403)
  })
})

describe('P5: booking a follow-up', () => {
  it('P5: refused (409, in Swedish) while the last meeting is not finalized, nothing written', async () => {
    const meeting = await convenedMeeting(fixture.server, amir)
    const draft = await get<{ error: string; message: string }>(`/api/sips/${meeting.sipId}/follow-up`)
    expect(draft.status).toBe(409)
    expect(draft.body.error).toBe('last-meeting-not-finalized')
    expect(draft.body.message).toMatch(/^Det senaste mötet är inte avslutat/)
    const booked = await post(`/api/sips/${meeting.sipId}/follow-ups`, {
      setup: meetingInput({ type: 'followup' }),
      participants: [],
    })
    expect(booked.status).toBe(409)
    expect(booked.body.error).toBe('last-meeting-not-finalized')
    expect(await rows('SELECT count(*) FROM meetings WHERE sip_id = ?', meeting.sipId)).toBe(1)
  })

  it('P5: the form is prefilled from the last signed plan; booking gives everyone a new seat and link, old links open the earlier meeting only', async () => {
    const first = await finalizedFirstMeeting()
    expect((await mySips())[0]).toMatchObject({
      followUpState: 'not-booked',
      nextFollowUp: { date: FOLLOW_UP_DAY, meetingId: null },
    })

    const draftResponse = await get(`/api/sips/${first.sipId}/follow-up`)
    expect(draftResponse.status).toBe(200)
    const draft = FollowUpDraftSchema.parse(draftResponse.body)
    expect(draft.previousMeetingId).toBe(first.id)
    expect(draft.setup).toMatchObject({ type: 'followup', place: 'Skolan, rum 12', childName: 'Elsa' })
    expect(draft.setup.startsAt.startsWith(`${FOLLOW_UP_DAY}T09:30:00+0`)).toBe(true)
    expect(draft.calledBy).toBe('Amir Haddad, kurator')
    expect(draft.participants.map((p) => p.role)).toEqual([
      'chair',
      'notetaker',
      'participant',
      'guardian',
      'child',
    ])

    // The psychologist is not invited again; a new school counsellor is.
    const participants = draft.participants
      .filter((p) => p.role !== 'participant')
      .map(({ previousParticipantId: _, ...p }) => p)
    participants.push({
      role: 'participant',
      organisation: 'skola',
      organisationOther: '',
      function: 'specialpedagog',
      name: 'Kim Nord',
      isMe: false,
    })
    const bad = await post(`/api/sips/${first.sipId}/follow-ups`, {
      setup: { ...draft.setup, startsAt: new Date(Date.now() - DAY).toISOString() },
      participants,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.field).toBe('startsAt')

    const response = await post(`/api/sips/${first.sipId}/follow-ups`, { setup: draft.setup, participants })
    expect(response.status).toBe(201)
    const booked = BookedFollowUpSchema.parse(response.body)
    expect(booked.meeting).toMatchObject({
      sipId: first.sipId,
      previousMeetingId: first.id,
      type: 'followup',
      status: 'planned',
    })
    expect(booked.meeting.participants.map((p) => p.function)).toContain('specialpedagog')
    expect(booked.links).toHaveLength(5)
    expect(booked.meeting.consent?.givenBy[0]?.name).toBe('Sara')
    // P6: its plan starts from the last signed version – written by the server, once.
    const plan = planParts(await loadStoredDoc(fixture.server.app, booked.meeting.id))
    expect(plan.goals.toArray().map((g) => [g.get('id'), g.get('what'), g.get('outcome')])).toEqual([
      ['g1', 'Elsa går till skolan fyra dagar i veckan', ''],
    ])
    expect(plan.supports.toArray().map((g) => [g.get('id'), g.get('responsible'), g.get('status')])).toEqual([
      ['s1', 'Rektor', ''],
    ])
    expect(plan.responsible.get('name')).toBe('Amir Haddad')

    // The guardian's new link opens the follow-up; her old one still the first meeting, read-only.
    const guardianSeat = booked.meeting.participants.find((p) => p.role === 'guardian')!
    const newLink = booked.links.find((l) => l.participantId === guardianSeat.id)!
    const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } })
    const fresh = await api(fixture.server, 'GET', '/api/session', bearer(tokenOf(newLink.url)))
    expect(SessionResponseSchema.parse(fresh.body)).toMatchObject({
      meetingId: booked.meeting.id,
      previousMeeting: { startsAt: expect.any(String) },
      closure: null,
    })
    const old = await api(fixture.server, 'GET', '/api/session', bearer(first.people.guardian.token))
    expect(SessionResponseSchema.parse(old.body)).toMatchObject({
      meetingId: first.id,
      previousMeeting: null,
    })
    expect(
      (
        await api(
          fixture.server,
          'GET',
          `/api/meetings/${booked.meeting.id}/plan/state`,
          bearer(first.people.guardian.token),
        )
      ).status,
    ).toBe(403)

    const page = await sipPage(first.sipId)
    expect(page.meetings.map((m) => m.type)).toEqual(['first', 'followup'])
    expect(page.followUpState).toBe('booked')
    expect(page.nextFollowUp).toEqual({
      date: stockholmDay(Date.parse(draft.setup.startsAt)),
      meetingId: booked.meeting.id,
    })
    // One follow-up at a time: the next one waits for this one's signed plan.
    const again = await post(`/api/sips/${first.sipId}/follow-ups`, { setup: draft.setup, participants })
    expect(again.status).toBe(409)
    expect(
      await rows(
        "SELECT count(*) FROM audit_log WHERE action = 'followup.booked' AND sip_id = ?",
        first.sipId,
      ),
    ).toBe(1)
  })
})

describe('P9: closing a SIP', () => {
  it('P9: bad input is a 400 naming the field; a closed SIP cannot be closed again; nothing written', async () => {
    const meeting = await convenedMeeting(fixture.server, amir)
    const path = `/api/sips/${meeting.sipId}/close`
    const today = stockholmDay(Date.now())
    expect((await post(path, { closedOn: today })).body.field).toBe('reason')
    const withdrawn = await post(path, { reason: 'consent-withdrawn', closedOn: today })
    expect(withdrawn.status).toBe(400)
    expect(withdrawn.body.field).toBe('withdrawnBy')
    const ahead = await post(path, { reason: 'no-new-needs', closedOn: stockholmDay(Date.now() + 3 * DAY) })
    expect(ahead.status).toBe(400)
    expect(ahead.body).toMatchObject({
      field: 'closedOn',
      message: 'Datum för avslut kan inte vara ett datum som inte har kommit än.',
    })
    expect(await rows('SELECT status FROM sips WHERE id = ?', meeting.sipId)).toBe('active')

    const notice = `${fixture.server.url}/api/sips/${meeting.sipId}/closure-notice.pdf`
    expect((await fetch(notice, { headers: { Cookie: amir } })).status).toBe(409)
    expect(
      (await post(path, { reason: 'no-new-needs', closedOn: today, note: 'Målen är nådda.' })).status,
    ).toBe(200)
    // P10: the notice for the family, for staff to print; the free-text note is not in it.
    const pdf = await fetch(notice, { headers: { Cookie: amir } })
    expect(pdf.status).toBe(200)
    const { text } = await pdfText(new Uint8Array(await pdf.arrayBuffer()))
    expect(text).toContain('SIP:en för Elsa är avslutad')
    expect(text).not.toContain('Målen är nådda.')
    const english = await fetch(`${notice}?lang=en`, { headers: { Cookie: amir } })
    expect((await pdfText(new Uint8Array(await english.arrayBuffer()))).text).toMatch(/SIP for Elsa/)
    const twice = await post(path, { reason: 'no-joint-support', closedOn: today })
    expect(twice.status).toBe(409)
    expect(twice.body).toMatchObject({
      error: 'sip-closed',
      message: 'SIP:en är avslutad. Inget mer kan ändras i den.',
    })
    expect(await rows('SELECT close_reason FROM sips WHERE id = ?', meeting.sipId)).toBe('no-new-needs')
    expect(
      await rows("SELECT count(*) FROM audit_log WHERE action = 'sip.closed' AND sip_id = ?", meeting.sipId),
    ).toBe(1)
  })

  it('P9: consent withdrawn closes the SIP; the meeting not held is cancelled, its sockets closed with 4410, every write refused', async () => {
    const first = await finalizedFirstMeeting()
    const draft = FollowUpDraftSchema.parse((await get(`/api/sips/${first.sipId}/follow-up`)).body)
    const participants = draft.participants.map(({ previousParticipantId: _, ...p }) => p)
    const booked = BookedFollowUpSchema.parse(
      (await post(`/api/sips/${first.sipId}/follow-ups`, { setup: draft.setup, participants })).body,
    )
    const guardian = booked.links.find(
      (l) => l.participantId === booked.meeting.participants.find((p) => p.role === 'guardian')!.id,
    )!
    const client = fixture.client(booked.meeting.id, tokenOf(guardian.url))
    await waitFor(() => client.provider.synced, 'guardian synced')

    const closed = await post(`/api/sips/${first.sipId}/close`, {
      reason: 'consent-withdrawn',
      closedOn: stockholmDay(Date.now()),
      withdrawnBy: 'Sara',
    })
    expect(closed.status).toBe(200)
    const page = SipSchema.parse(closed.body)
    expect(page).toMatchObject({
      status: 'closed',
      closure: { reason: 'consent-withdrawn', closedBy: 'Amir Haddad' },
      consent: { withdrawal: { withdrawnBy: 'Sara', recordedBy: 'Amir Haddad' } },
      can: { bookFollowUp: false, close: false, changeResponsible: false },
    })
    expect(page.meetings.map((m) => m.status)).toEqual(['finalized', 'cancelled'])
    await waitFor(
      () => client.closeEvents.some((e) => e.code === CloseCodes.sipClosed.code),
      'socket closed with 4410',
    )

    // A socket opened now is closed at once; every participant's write is refused.
    const late = fixture.client(first.id, first.people.notetaker.token)
    await waitFor(
      () => late.closeEvents.some((e) => e.code === CloseCodes.sipClosed.code),
      'late socket refused',
    )
    const bearer = { headers: { Authorization: `Bearer ${tokenOf(guardian.url)}` } }
    const rsvp = await api<{ error: string }>(fixture.server, 'POST', '/api/session/rsvp', {
      ...bearer,
      body: { answer: 'coming' },
    })
    expect(rsvp.status).toBe(409)
    expect(rsvp.body.error).toBe('sip-closed')
    const session = SessionResponseSchema.parse(
      (await api(fixture.server, 'GET', '/api/session', bearer)).body,
    )
    expect(session.closure).toEqual({ closedOn: stockholmDay(Date.now()), reason: 'consent-withdrawn' })
    expect(session.meeting.status).toBe('cancelled')
    const patch = await api<{ error: string }>(
      fixture.server,
      'PATCH',
      `/api/meetings/${booked.meeting.id}`,
      {
        cookie: amir,
        body: { place: 'Biblioteket' },
      },
    )
    expect(patch.status).toBe(409)
    expect(patch.body.error).toBe('sip-closed')
    expect(
      (
        await post(`/api/sips/${first.sipId}/responsible`, {
          organisation: 'skola',
          function: 'rektor',
          name: 'Bo',
          fromDate: '2026-12-01',
        })
      ).status,
    ).toBe(409)
    expect((await get(`/api/sips/${first.sipId}/follow-up`)).status).toBe(409)
    // The protocol of the finalized meeting is still there to read.
    expect((await get(`/api/meetings/${first.id}/plan/protocol`)).status).toBe(200)
  })
})

describe('P2: consent over time', () => {
  it('P2: consent recorded again at a follow-up is shown there, while the earlier signed protocol keeps the consent it was signed under', async () => {
    const first = await finalizedFirstMeeting()
    const draft = FollowUpDraftSchema.parse((await get(`/api/sips/${first.sipId}/follow-up`)).body)
    const participants = draft.participants.map(({ previousParticipantId: _, ...p }) => p)
    const booked = BookedFollowUpSchema.parse(
      (await post(`/api/sips/${first.sipId}/follow-ups`, { setup: draft.setup, participants })).body,
    )
    const wider = { ...CONSENT, scope: 'Samordning mellan skola, BUP, socialtjänst och habiliteringen.' }
    const recorded = await api(fixture.server, 'PUT', `/api/meetings/${booked.meeting.id}/consent`, {
      cookie: amir,
      body: wider,
    })
    expect(recorded.status).toBe(200)
    // The SIP's consent – the same at every meeting of it – is the new one.
    expect((await sipPage(first.sipId)).consent?.scope).toBe(wider.scope)
    expect(MeetingSchema.parse((await get(`/api/meetings/${first.id}`)).body).consent?.scope).toBe(
      wider.scope,
    )
    // What the first meeting's people signed under does not change.
    const protocol = JSON.stringify((await get(`/api/meetings/${first.id}/plan/protocol`)).body)
    expect(protocol).toContain(CONSENT.scope)
    expect(protocol).not.toContain(wider.scope)
  })
})

describe('P9: a meeting in progress', () => {
  it('P9: a SIP whose meeting is in progress cannot be closed (409 meeting-in-progress, nothing written); once it is finalized it can', async () => {
    const first = await finalizedFirstMeeting()
    const draft = FollowUpDraftSchema.parse((await get(`/api/sips/${first.sipId}/follow-up`)).body)
    const participants = draft.participants.map(({ previousParticipantId: _, ...p }) => p)
    const booked = BookedFollowUpSchema.parse(
      (await post(`/api/sips/${first.sipId}/follow-ups`, { setup: draft.setup, participants })).body,
    )
    const chairSeat = booked.meeting.participants.find((p) => p.role === 'chair')!
    const chair = {
      headers: {
        Authorization: `Bearer ${tokenOf(booked.links.find((l) => l.participantId === chairSeat.id)!.url)}`,
      },
    }
    expect((await api(fixture.server, 'POST', '/api/session/start', chair)).status).toBe(200)

    const close = { reason: 'no-new-needs', closedOn: stockholmDay(Date.now()) }
    const refused = await post(`/api/sips/${first.sipId}/close`, close)
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ error: 'meeting-in-progress' })
    expect(refused.body.message).toMatch(/^Ett möte i SIP:en pågår/)
    expect(await rows('SELECT status FROM sips WHERE id = ?', first.sipId)).toBe('active')
    expect(await rows('SELECT cancelled_at FROM meetings WHERE id = ?', booked.meeting.id)).toBeNull()

    // The chair finishes the meeting: locked, finalized with a reason for every signature.
    const locked = await api<{ required: string[] }>(
      fixture.server,
      'POST',
      `/api/meetings/${booked.meeting.id}/plan/lock`,
      { ...chair, body: {} },
    )
    const missing = locked.body.required.map((participantId) => ({ participantId, reason: 'På papper.' }))
    await api(fixture.server, 'POST', `/api/meetings/${booked.meeting.id}/plan/finalize`, {
      ...chair,
      body: { missing },
    })
    expect((await post(`/api/sips/${first.sipId}/close`, close)).status).toBe(200)
    expect((await sipPage(first.sipId)).meetings.map((m) => m.status)).toEqual(['finalized', 'finalized'])
  })
})

describe('P12: audit', () => {
  it("P12: the list, the page, the booking form and a closure are audited, with the SIP named; administrators read them in the meeting's log", async () => {
    const meeting = await finalizedFirstMeeting()
    await mySips()
    await sipPage(meeting.sipId)
    await get(`/api/sips/${meeting.sipId}/follow-up`)
    await post(`/api/sips/${meeting.sipId}/close`, {
      reason: 'no-new-needs',
      closedOn: stockholmDay(Date.now()),
    })
    const actions = await testRows(
      fixture.server.app,
      `SELECT action, sip_id AS "sipId", meeting_id AS "meetingId" FROM audit_log WHERE action LIKE 'sip%' ORDER BY id`,
    )
    expect(actions).toEqual([
      { action: 'sips.listed', sipId: null, meetingId: null },
      { action: 'sip.viewed', sipId: meeting.sipId, meetingId: null },
      // The booking form read the last meeting's signed plan.
      { action: 'sip.viewed', sipId: meeting.sipId, meetingId: meeting.id },
      { action: 'sip.closed', sipId: meeting.sipId, meetingId: null },
    ])
    await createUser(fixture.server, { email: 'admin@kommun.se', name: 'Admin', isAdmin: true })
    const admin = await signIn(fixture.server, 'admin@kommun.se')
    const log = await get<{ entries: { action: string }[] }>(`/api/meetings/${meeting.id}/audit`, admin)
    expect(log.body.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['sip.viewed', 'sip.closed', 'plan.finalized']),
    )
    // The plan was written and read through all of this; its words are never in the log.
    expect(fixture.server.logs.join('\n')).not.toContain('Elsa går till skolan')
  })
})
