import { beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { MeetingAuditLogSchema } from '../../shared/schemas/audit'
import { MeetingSchema, MeetingSummarySchema } from '../../shared/schemas/meeting'
import { integrationFixture } from '../test/fixture'
import { api, CONSENT, createUser, meetingInput, signIn, testRows, testValue } from '../test/harness'

const fixture = integrationFixture()
let eva: string
let evaId: string
beforeEach(async () => {
  const server = await fixture.start()
  evaId = (await createUser(server, { email: 'eva@kommun.se', name: 'Eva Ek' })).id
  eva = await signIn(server, 'eva@kommun.se')
})

async function createMeeting(cookie: string, overrides: Record<string, unknown> = {}, days = 30) {
  // The API refuses a start in the past: a past meeting is made as time makes one, by moving it after.
  const response = await api(fixture.server, 'POST', '/api/meetings', {
    cookie,
    body: meetingInput(overrides, Math.max(days, 1)),
  })
  expect(response.status).toBe(201)
  const created = MeetingSchema.parse(response.body)
  if (days >= 1) return created
  const startsAt = Date.now() + days * 24 * 3600 * 1000
  await testRows(fixture.server.app, 'UPDATE meetings SET starts_at = ? WHERE id = ?', [startsAt, created.id])
  return { ...created, startsAt: new Date(startsAt).toISOString() }
}

async function rowCounts() {
  const count = async (table: string) => await testValue(fixture.server.app, `SELECT count(*) FROM ${table}`)
  return { meetings: await count('meetings'), audit: await count('audit_log') }
}

describe('meeting set-up', () => {
  it('creating a meeting with a missing or invalid field returns 400 naming the field, in Swedish, and writes nothing', async () => {
    const before = await rowCounts()
    const cases: [Record<string, unknown>, string, string][] = [
      [{ purpose: undefined }, 'purpose', 'Syfte måste fyllas i.'],
      [{ type: undefined }, 'type', 'Mötestyp måste fyllas i.'],
      [{ type: 'extra' }, 'type', 'Mötestyp har ett värde som inte finns i listan.'],
      [{ startsAt: '14 december' }, 'startsAt', 'Datum och tid måste vara datum och tid.'],
      [{ durationMinutes: 'en timme' }, 'durationMinutes', 'Mötets längd måste vara ett tal.'],
      [
        { childName: 'Elsa 20120314-1234' },
        'childName',
        'Barnets förnamn eller initialer: skriv bara förnamn eller initialer, inget personnummer.',
      ],
      [
        { place: '', remoteAllowed: false },
        'place',
        'Ange en plats eller välj att mötet kan hållas digitalt.',
      ],
      [
        { childParticipation: 'not-at-all' },
        'childParticipationNote',
        'Hur barnets röst kommer fram måste fyllas i.',
      ],
    ]
    for (const [overrides, field, message] of cases) {
      const response = await api(fixture.server, 'POST', '/api/meetings', {
        cookie: eva,
        body: meetingInput(overrides),
      })
      expect(response.status, field).toBe(400)
      expect(response.body).toMatchObject({ error: 'validation', field, message })
    }
    const english = await api(fixture.server, 'POST', '/api/meetings', {
      cookie: eva,
      body: meetingInput({ purpose: '' }),
      headers: { 'Accept-Language': 'en' },
    })
    expect(english.body).toMatchObject({ field: 'purpose', message: 'Purpose is required.' })
    const empty = await api<{ issues: { field: string }[] }>(fixture.server, 'POST', '/api/meetings', {
      cookie: eva,
    })
    expect(empty.status).toBe(400)
    expect(empty.body.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['type', 'startsAt', 'childName', 'purpose', 'childParticipation']),
    )
    expect(await rowCounts()).toEqual(before)
  })

  it('a created meeting is the caller’s, with its set-up, status planned and soft warnings', async () => {
    const meeting = await createMeeting(eva, { remoteAllowed: true, childWords: 'Jag vill ha lugn.' })
    expect(meeting).toMatchObject({
      status: 'planned',
      childName: 'Elsa',
      remoteAllowed: true,
      childWords: 'Jag vill ha lugn.',
      consent: null,
      convener: { id: evaId, name: 'Eva Ek' },
      participants: [],
    })
    expect(meeting.warnings).toEqual(['no-consent', 'no-chair', 'no-notetaker'])
    const fetched = await api(fixture.server, 'GET', `/api/meetings/${meeting.id}`, { cookie: eva })
    expect(MeetingSchema.parse(fetched.body)).toEqual(meeting)
  })

  it('late-invitation: a soft warning when the meeting is less than three weeks away', async () => {
    expect((await createMeeting(eva, {}, 20)).warnings).toContain('late-invitation')
    expect((await createMeeting(eva, {}, 22)).warnings).not.toContain('late-invitation')
  })

  it('a meeting cannot be started without recorded consent (409); with consent it starts', async () => {
    const meeting = await createMeeting(eva)
    const refused = await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/start`, { cookie: eva })
    expect(refused.status).toBe(409)
    expect(refused.body).toEqual({ error: 'no-consent' })

    const badConsent = await api(fixture.server, 'PUT', `/api/meetings/${meeting.id}/consent`, {
      cookie: eva,
      body: { ...CONSENT, givenBy: [] },
    })
    expect(badConsent.body).toMatchObject({
      field: 'givenBy',
      message: 'Vem som gav samtycke måste fyllas i.',
    })
    const consent = await api(fixture.server, 'PUT', `/api/meetings/${meeting.id}/consent`, {
      cookie: eva,
      body: CONSENT,
    })
    const withConsent = MeetingSchema.parse(consent.body)
    expect(withConsent.consent).toMatchObject({ ...CONSENT, recordedBy: 'Eva Ek' })
    expect(withConsent.warnings).not.toContain('no-consent')

    const started = await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/start`, { cookie: eva })
    expect(started.status).toBe(200)
    expect(MeetingSchema.parse(started.body).status).toBe('started')
  })

  it('PATCH merges over the stored set-up, validates the result, names unknown fields; refused once finalized', async () => {
    const meeting = await createMeeting(eva, { remoteAllowed: true })
    const moved = await api(fixture.server, 'PATCH', `/api/meetings/${meeting.id}`, {
      cookie: eva,
      body: { place: '', childName: 'Noah' },
    })
    expect(moved.status).toBe(200)
    expect(MeetingSchema.parse(moved.body)).toMatchObject({
      place: '',
      childName: 'Noah',
      purpose: meeting.purpose,
    })

    const before = await rowCounts()
    const invalid = await api(fixture.server, 'PATCH', `/api/meetings/${meeting.id}`, {
      cookie: eva,
      body: { remoteAllowed: false },
    })
    expect(invalid.body).toMatchObject({ error: 'validation', field: 'place' })
    const unknown = await api(fixture.server, 'PATCH', `/api/meetings/${meeting.id}`, {
      cookie: eva,
      body: { status: 'finalized' },
    })
    expect(unknown.body).toMatchObject({ field: 'status', message: 'status går inte att ändra här.' })
    expect(await rowCounts()).toEqual(before)

    await fixture.server.app.stores.meetings.setStatus(meeting.id, 'finalized')
    const late = await api(fixture.server, 'PATCH', `/api/meetings/${meeting.id}`, {
      cookie: eva,
      body: { place: 'Hemma' },
    })
    expect(late.status).toBe(409)
    expect(late.body).toEqual({ error: 'finalized' })
  })
})

describe('who sees a meeting', () => {
  it('A11: a staff member cannot read or change another staff member’s meeting (404), and an administrator neither', async () => {
    const meeting = await createMeeting(eva)
    await createUser(fixture.server, { email: 'bo@kommun.se' })
    await createUser(fixture.server, { email: 'ada@kommun.se', isAdmin: true })
    for (const cookie of [
      await signIn(fixture.server, 'bo@kommun.se'),
      await signIn(fixture.server, 'ada@kommun.se'),
    ]) {
      const base = `/api/meetings/${meeting.id}`
      const attempts = [
        await api(fixture.server, 'GET', base, { cookie }),
        await api(fixture.server, 'PATCH', base, { cookie, body: { place: 'Någon annanstans' } }),
        await api(fixture.server, 'PUT', `${base}/consent`, { cookie, body: CONSENT }),
        await api(fixture.server, 'POST', `${base}/start`, { cookie }),
        await api(fixture.server, 'POST', `${base}/open`, { cookie }),
        await api(fixture.server, 'POST', `${base}/participants`, {
          cookie,
          body: { role: 'participant', organisation: 'bup', function: 'psykolog' },
        }),
      ]
      expect(attempts.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404])
      expect(attempts[0]!.body).toEqual({ error: 'not-found' })
      expect((await api(fixture.server, 'GET', '/api/meetings', { cookie })).body).toEqual([])
    }
    expect((await api(fixture.server, 'GET', `/api/meetings/${meeting.id}`, { cookie: eva })).status).toBe(
      200,
    )
    expect((await api(fixture.server, 'GET', '/api/meetings/not-a-meeting', { cookie: eva })).status).toBe(
      404,
    )
    expect((await api(fixture.server, 'GET', `/api/meetings/${meeting.id}`)).status).toBe(401)
  })

  it('A11: a staff member who chairs someone else’s meeting reads and starts it, but does not change it (403)', async () => {
    const meeting = await createMeeting(eva)
    await api(fixture.server, 'PUT', `/api/meetings/${meeting.id}/consent`, { cookie: eva, body: CONSENT })
    const bo = await createUser(fixture.server, { email: 'bo@kommun.se' })
    await fixture.server.app.stores.participants.add(meeting.id, {
      role: 'chair',
      name: 'Bo',
      organisation: 'skola',
      function: 'rektor',
      staffUserId: bo.id,
    })
    const cookie = await signIn(fixture.server, 'bo@kommun.se')
    const list = z
      .array(MeetingSummarySchema)
      .parse((await api(fixture.server, 'GET', '/api/meetings', { cookie })).body)
    expect(list.map((m) => [m.id, m.myRoles])).toEqual([[meeting.id, ['chair']]])
    const read = MeetingSchema.parse(
      (await api(fixture.server, 'GET', `/api/meetings/${meeting.id}`, { cookie })).body,
    )
    expect(read.participants.find((p) => p.isMe)?.role).toBe('chair')
    expect(
      (await api(fixture.server, 'PATCH', `/api/meetings/${meeting.id}`, { cookie, body: { place: 'X' } }))
        .status,
    ).toBe(403)
    expect((await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/start`, { cookie })).status).toBe(
      200,
    )
  })

  it('Mina SIP-möten: upcoming meetings soonest first, then past ones, with status and who has answered', async () => {
    const later = await createMeeting(eva, { childName: 'Later' }, 40)
    const soon = await createMeeting(eva, { childName: 'Soon' }, 5)
    const past = await createMeeting(eva, { childName: 'Past' }, -3)
    await api(fixture.server, 'POST', `/api/meetings/${soon.id}/participants`, {
      cookie: eva,
      body: { role: 'participant', organisation: 'bup', function: 'psykolog' },
    })
    await api(fixture.server, 'POST', `/api/meetings/${later.id}/participants`, {
      cookie: eva,
      body: { role: 'participant', organisation: 'bup', function: 'psykolog' },
    })
    const list = z
      .array(MeetingSummarySchema)
      .parse((await api(fixture.server, 'GET', '/api/meetings', { cookie: eva })).body)
    expect(list.map((m) => m.childName)).toEqual(['Soon', 'Later', 'Past'])
    expect(list[0]).toMatchObject({
      id: soon.id,
      status: 'planned',
      myRoles: ['convener'],
      participants: 1,
      rsvp: { coming: 0, notComing: 0, unanswered: 1 },
      // Within a week of the meeting someone has not answered: the list highlights it.
      needsConfirmation: true,
    })
    expect(list[1]?.needsConfirmation).toBe(false)
    expect(list[2]?.id).toBe(past.id)
  })
})

describe('opening the meeting room as staff', () => {
  it('POST /open gives the convener’s own participant seat a cookie; without a seat it is 409', async () => {
    const meeting = await createMeeting(eva)
    const none = await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/open`, { cookie: eva })
    expect(none.status).toBe(409)
    expect(none.body).toEqual({ error: 'not-a-participant' })

    const seat = await api<{ participant: { id: string } }>(
      fixture.server,
      'POST',
      `/api/meetings/${meeting.id}/participants`,
      {
        cookie: eva,
        body: { role: 'chair', organisation: 'skola', function: 'rektor', name: 'Eva Ek', isMe: true },
      },
    )
    const second = await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/participants`, {
      cookie: eva,
      body: { role: 'notetaker', organisation: 'skola', function: 'lärare', isMe: true },
    })
    expect(second.body).toEqual({ error: 'already-me', field: 'isMe' })
    const opened = await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/open`, { cookie: eva })
    expect(opened.status).toBe(200)
    const participantId = seat.body.participant.id
    expect(opened.body).toEqual({ participantId })
    const cookie = opened.cookies[`sip_p_${participantId}`]
    expect(cookie?.attributes).toMatch(/HttpOnly/)
    const session = await api(fixture.server, 'GET', `/api/session?as=${participantId}`, {
      cookie: `sip_p_${participantId}=${cookie!.value}`,
    })
    expect(session.body).toMatchObject({ participantId, role: 'chair', name: 'Eva Ek' })

    // Disabling the account closes the rooms it opened without a link.
    await createUser(fixture.server, { email: 'ada@kommun.se', isAdmin: true })
    const admin = await signIn(fixture.server, 'ada@kommun.se')
    await api(fixture.server, 'PATCH', `/api/users/${evaId}`, { cookie: admin, body: { disabled: true } })
    const after = await api(fixture.server, 'GET', `/api/session?as=${participantId}`, {
      cookie: `sip_p_${participantId}=${cookie!.value}`,
    })
    expect(after.status).toBe(401)
  })
})

describe('audit log', () => {
  it('administrators read a meeting’s audit log, newest first; the convener may not (403)', async () => {
    const meeting = await createMeeting(eva)
    await api(fixture.server, 'PATCH', `/api/meetings/${meeting.id}`, {
      cookie: eva,
      body: { place: 'Biblioteket' },
    })
    await api(fixture.server, 'PUT', `/api/meetings/${meeting.id}/consent`, { cookie: eva, body: CONSENT })
    expect(
      (await api(fixture.server, 'GET', `/api/meetings/${meeting.id}/audit`, { cookie: eva })).status,
    ).toBe(403)

    await createUser(fixture.server, { email: 'ada@kommun.se', isAdmin: true })
    const admin = await signIn(fixture.server, 'ada@kommun.se')
    const response = await api(fixture.server, 'GET', `/api/meetings/${meeting.id}/audit`, { cookie: admin })
    const log = MeetingAuditLogSchema.parse(response.body)
    expect(log.meeting).toEqual({ id: meeting.id, title: 'SIP-möte för Elsa', startsAt: meeting.startsAt })
    const { entries } = log
    expect(entries.map((e) => e.action)).toEqual(['consent.recorded', 'meeting.updated', 'meeting.created'])
    expect(entries[0]).toMatchObject({
      actor: { kind: 'staff', name: 'Eva Ek', isConvener: true },
      sourceAddress: '127.0.0.1',
    })
    expect(JSON.stringify(log)).not.toContain(evaId)
    expect((await api(fixture.server, 'GET', '/api/meetings/nope/audit', { cookie: admin })).status).toBe(404)
  })

  it('A10: the audit table is append-only: the database refuses UPDATE and DELETE', async () => {
    await createMeeting(eva)
    await expect(testRows(fixture.server.app, "UPDATE audit_log SET actor = 'x'")).rejects.toThrow(
      /append-only/,
    )
    await expect(testRows(fixture.server.app, 'DELETE FROM audit_log')).rejects.toThrow(/append-only/)
  })
})
