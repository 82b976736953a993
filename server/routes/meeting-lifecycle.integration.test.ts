import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_VIDEO_URL_CHARS } from '../../shared/limits'
import { AddedParticipantSchema, MeetingSchema, MeetingSummarySchema } from '../../shared/schemas/meeting'
import { JoinResponseSchema, SessionResponseSchema } from '../../shared/schemas/session'
import { integrationFixture } from '../test/fixture'
import { api, CONSENT, createUser, meetingInput, signIn, testRows, testValue, tokenOf } from '../test/harness'

/**
 * The meeting's life on the server (issue 12): no meeting in the past, one start – the chair's in
 * the room or the convener's on the set-up page – that needs consent and closes the answers, what
 * the chair reads out in step 1, and the link to the organisation's own video meeting.
 */

const fixture = integrationFixture()
const DAY = 24 * 3600 * 1000

const PEOPLE = {
  chair: { role: 'chair', organisation: 'skola', function: 'biträdande rektor', name: 'Maja Lind' },
  notetaker: { role: 'notetaker', organisation: 'elevhalsa', function: 'kurator', name: 'Amir Haddad' },
  psychologist: { role: 'participant', organisation: 'bup', function: 'psykolog' },
  guardian: { role: 'guardian', organisation: 'familj', function: 'vårdnadshavare', name: 'Sara' },
} as const
type Person = keyof typeof PEOPLE

let eva: string
beforeEach(async () => {
  await fixture.start()
  await createUser(fixture.server, { email: 'eva@kommun.se', name: 'Eva Ek' })
  eva = await signIn(fixture.server, 'eva@kommun.se')
})

async function createMeeting(overrides: Record<string, unknown> = {}) {
  const response = await api(fixture.server, 'POST', '/api/meetings', {
    cookie: eva,
    body: meetingInput(overrides),
  })
  expect(response.status).toBe(201)
  return MeetingSchema.parse(response.body)
}

/** A meeting (with consent unless said) and the four PEOPLE, each with a browser cookie for their link. */
async function setUp({ consent = true } = {}) {
  const meeting = await createMeeting()
  if (consent)
    await api(fixture.server, 'PUT', `/api/meetings/${meeting.id}/consent`, { cookie: eva, body: CONSENT })
  const people = {} as Record<Person, { as: string; cookie: string }>
  for (const [key, body] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
    const added = await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/participants`, {
      cookie: eva,
      body,
    })
    const { link } = AddedParticipantSchema.parse(added.body)
    const joined = await api(fixture.server, 'POST', '/api/join', { body: { token: tokenOf(link.url) } })
    const { participantId } = JoinResponseSchema.parse(joined.body)
    people[key] = {
      as: participantId,
      cookie: `sip_p_${participantId}=${joined.cookies[`sip_p_${participantId}`]!.value}`,
    }
  }
  return { meetingId: meeting.id, people }
}

const startInRoom = (who: { as: string; cookie: string }) =>
  api(fixture.server, 'POST', `/api/session/start?as=${who.as}`, { cookie: who.cookie })
const sessionOf = async (who: { as: string; cookie: string }) =>
  SessionResponseSchema.parse(
    (await api(fixture.server, 'GET', `/api/session?as=${who.as}`, { cookie: who.cookie })).body,
  )
const meetingOf = async (meetingId: string) =>
  MeetingSchema.parse((await api(fixture.server, 'GET', `/api/meetings/${meetingId}`, { cookie: eva })).body)
const patch = (meetingId: string, body: unknown) =>
  api(fixture.server, 'PATCH', `/api/meetings/${meetingId}`, { cookie: eva, body })
const auditActions = (meetingId: string) =>
  testRows<{ action: string; actor: string }>(
    fixture.server.app,
    'SELECT action, actor FROM audit_log WHERE meeting_id = ? ORDER BY id',
    [meetingId],
  )
const countMeetings = async () => Number(await testValue(fixture.server.app, 'SELECT count(*) FROM meetings'))

/** Moves a stored meeting's start to `days` from now, as time passing would. */
async function moveStart(meetingId: string, days: number): Promise<void> {
  await testRows(fixture.server.app, 'UPDATE meetings SET starts_at = ? WHERE id = ?', [
    Date.now() + days * DAY,
    meetingId,
  ])
}

describe('a meeting cannot be in the past', () => {
  it('M1: POST with a start before now is 400 naming startsAt, in Swedish (English on request), and nothing is written', async () => {
    const before = await countMeetings()
    const yesterday = await api(fixture.server, 'POST', '/api/meetings', {
      cookie: eva,
      body: meetingInput({}, -1),
    })
    expect(yesterday.status).toBe(400)
    expect(yesterday.body).toMatchObject({
      error: 'validation',
      field: 'startsAt',
      message: 'Mötet kan inte vara i det förflutna. Välj en dag och tid som inte har passerat.',
    })
    const anHourAgo = new Date(Date.now() - 3600_000).toISOString()
    const english = await api(fixture.server, 'POST', '/api/meetings', {
      cookie: eva,
      body: meetingInput({ startsAt: anHourAgo }),
      headers: { 'Accept-Language': 'en' },
    })
    expect(english.status).toBe(400)
    expect(english.body).toMatchObject({
      field: 'startsAt',
      message: expect.stringMatching(/^The meeting cannot be in the past/),
    })
    expect(await countMeetings()).toBe(before)
  })

  it('M1: PATCH that moves the start into the past is 400 naming startsAt; the stored start is kept', async () => {
    const meeting = await createMeeting()
    const refused = await patch(meeting.id, { startsAt: new Date(Date.now() - DAY).toISOString() })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ error: 'validation', field: 'startsAt' })
    expect((await meetingOf(meeting.id)).startsAt).toBe(meeting.startsAt)
    const later = new Date(Date.now() + 40 * DAY).toISOString()
    expect((await patch(meeting.id, { startsAt: later })).status).toBe(200)
  })

  it('M1: a meeting whose day has passed can still be corrected: a PATCH that keeps its start is 200, a new past start is 400', async () => {
    const meeting = await createMeeting()
    await moveStart(meeting.id, -2)
    const passed = await meetingOf(meeting.id)
    const corrected = await patch(meeting.id, { purpose: 'Rättat syfte.' })
    expect(corrected.status).toBe(200)
    expect(MeetingSchema.parse(corrected.body)).toMatchObject({
      purpose: 'Rättat syfte.',
      startsAt: passed.startsAt,
    })
    // The form sends every field, the unchanged start with them.
    const {
      id: _id,
      sipId: _sip,
      previousMeetingId: _prev,
      status: _s,
      consent: _c,
      convener: _cv,
      participants: _p,
      warnings: _w,
      createdAt: _ca,
      updatedAt: _u,
      ...whole
    } = passed
    expect((await patch(meeting.id, { ...whole, place: 'Biblioteket' })).status).toBe(200)
    const earlier = await patch(meeting.id, { startsAt: new Date(Date.now() - 3 * DAY).toISOString() })
    expect(earlier.status).toBe(400)
    expect(earlier.body).toMatchObject({ field: 'startsAt' })
  })
})

describe('one meeting start, on the server', () => {
  it('M2: only the chair starts it from the room: every other role gets 403 and the meeting stays planned; no cookie is 401', async () => {
    const { meetingId, people } = await setUp()
    for (const who of [people.notetaker, people.psychologist, people.guardian]) {
      const refused = await startInRoom(who)
      expect(refused.status).toBe(403)
      expect(refused.body).toEqual({ error: 'forbidden' })
    }
    expect((await api(fixture.server, 'POST', `/api/session/start?as=${people.chair.as}`)).status).toBe(401)
    expect((await meetingOf(meetingId)).status).toBe('planned')
    expect((await auditActions(meetingId)).map((e) => e.action)).not.toContain('meeting.started')
  })

  it('M2: without recorded consent the chair’s start is 409 no-consent and nothing changes', async () => {
    const { meetingId, people } = await setUp({ consent: false })
    const refused = await startInRoom(people.chair)
    expect(refused.status).toBe(409)
    expect(refused.body).toEqual({ error: 'no-consent' })
    expect((await meetingOf(meetingId)).status).toBe('planned')
    expect((await auditActions(meetingId)).map((e) => e.action)).not.toContain('meeting.started')
    // Answers stay open while the meeting has not started.
    const answer = await api(fixture.server, 'POST', `/api/session/rsvp?as=${people.guardian.as}`, {
      cookie: people.guardian.cookie,
      body: { answer: 'coming' },
    })
    expect(answer.status).toBe(200)
  })

  it('M2: with consent the chair starts it: started for the convener and every participant, answers closed (409 meeting-started), audited once; again is 200 and unchanged', async () => {
    const { meetingId, people } = await setUp()
    const started = await startInRoom(people.chair)
    expect(started.status).toBe(200)
    expect(SessionResponseSchema.parse(started.body).meeting.status).toBe('started')

    expect((await meetingOf(meetingId)).status).toBe('started')
    const list = MeetingSummarySchema.array().parse(
      (await api(fixture.server, 'GET', '/api/meetings', { cookie: eva })).body,
    )
    expect(list.find((m) => m.id === meetingId)?.status).toBe('started')
    expect((await sessionOf(people.guardian)).meeting.status).toBe('started')

    const late = await api(fixture.server, 'POST', `/api/session/rsvp?as=${people.guardian.as}`, {
      cookie: people.guardian.cookie,
      body: { answer: 'coming' },
    })
    expect(late.status).toBe(409)
    expect(late.body).toEqual({ error: 'meeting-started' })

    const startedAt = (await fixture.server.app.stores.meetings.getMeeting(meetingId))!.startedAt
    const again = await startInRoom(people.chair)
    expect(again.status).toBe(200)
    const fromSetup = await api(fixture.server, 'POST', `/api/meetings/${meetingId}/start`, { cookie: eva })
    expect(fromSetup.status).toBe(200)
    expect((await fixture.server.app.stores.meetings.getMeeting(meetingId))!.startedAt).toBe(startedAt)
    const starts = (await auditActions(meetingId)).filter((e) => e.action === 'meeting.started')
    expect(starts).toEqual([{ action: 'meeting.started', actor: `participant:${people.chair.as}` }])
  })

  it('M2: a staff chair who opened the room from the set-up page starts it with that seat', async () => {
    const meeting = await createMeeting()
    await api(fixture.server, 'PUT', `/api/meetings/${meeting.id}/consent`, { cookie: eva, body: CONSENT })
    await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/participants`, {
      cookie: eva,
      body: { ...PEOPLE.chair, name: 'Eva Ek', isMe: true },
    })
    const opened = await api<{ participantId: string }>(
      fixture.server,
      'POST',
      `/api/meetings/${meeting.id}/open`,
      {
        cookie: eva,
      },
    )
    const as = opened.body.participantId
    const seat = { as, cookie: `sip_p_${as}=${opened.cookies[`sip_p_${as}`]!.value}` }
    expect((await startInRoom(seat)).status).toBe(200)
    expect((await meetingOf(meeting.id)).status).toBe('started')
  })

  it('M2: a finalized meeting cannot be started again (409 finalized)', async () => {
    const { meetingId, people } = await setUp()
    await fixture.server.app.stores.meetings.setStatus(meetingId, 'finalized')
    const refused = await startInRoom(people.chair)
    expect(refused.status).toBe(409)
    expect(refused.body).toEqual({ error: 'finalized' })
  })
})

describe('what the chair reads out in step 1', () => {
  it('M3: the chair’s session carries the consent – who, when, scope, what must not be shared – and the convener', async () => {
    const { people } = await setUp()
    const session = await sessionOf(people.chair)
    expect(session.chairBriefing).toEqual({
      consent: { ...CONSENT, recordedAt: expect.any(String), recordedBy: 'Eva Ek' },
      convenerName: 'Eva Ek',
    })
  })

  it('M3: no other role receives it: the guardian’s, the note-taker’s and the psychologist’s sessions hold no consent details', async () => {
    const { people } = await setUp()
    for (const who of [people.guardian, people.notetaker, people.psychologist]) {
      const raw = await api(fixture.server, 'GET', `/api/session?as=${who.as}`, { cookie: who.cookie })
      expect(raw.status).toBe(200)
      expect(raw.body).not.toHaveProperty('chairBriefing')
      const text = JSON.stringify(raw.body)
      expect(text).not.toContain(CONSENT.notShared)
      expect(text).not.toContain(CONSENT.scope)
    }
  })

  it('M3: without consent the chair is told so: consent null, the convener still named', async () => {
    const { people } = await setUp({ consent: false })
    expect((await sessionOf(people.chair)).chairBriefing).toEqual({ consent: null, convenerName: 'Eva Ek' })
  })
})

describe('the link to the organisation’s own video meeting', () => {
  it('M4: is optional, https only and bounded: a bad one is 400 naming videoUrl and nothing is written', async () => {
    const before = await countMeetings()
    const cases: [string, string][] = [
      [
        'http://video.kommun.se/sip',
        'Länk till videomötet måste vara en fullständig adress som börjar med https://.',
      ],
      [
        'javascript:alert(1)',
        'Länk till videomötet måste vara en fullständig adress som börjar med https://.',
      ],
      [
        'video.kommun.se/sip',
        'Länk till videomötet måste vara en fullständig adress som börjar med https://.',
      ],
      [
        `https://video.kommun.se/${'a'.repeat(MAX_VIDEO_URL_CHARS)}`,
        `Länk till videomötet är för lång (högst ${MAX_VIDEO_URL_CHARS} tecken).`,
      ],
    ]
    for (const [videoUrl, message] of cases) {
      const response = await api(fixture.server, 'POST', '/api/meetings', {
        cookie: eva,
        body: meetingInput({ videoUrl }),
      })
      expect(response.status, videoUrl).toBe(400)
      expect(response.body).toMatchObject({ error: 'validation', field: 'videoUrl', message })
    }
    expect(await countMeetings()).toBe(before)
    expect((await createMeeting()).videoUrl).toBe('')
  })

  it('M4: is kept with the set-up, changed or removed by PATCH, and every participant’s session carries it', async () => {
    const { meetingId, people } = await setUp()
    const url = 'https://video.region.se/m/123-456?pwd=abc'
    const set = await patch(meetingId, { videoUrl: url, remoteAllowed: true })
    expect(set.status).toBe(200)
    expect(MeetingSchema.parse(set.body).videoUrl).toBe(url)
    for (const who of Object.values(people)) expect((await sessionOf(who)).meeting.videoUrl).toBe(url)

    const bad = await patch(meetingId, { videoUrl: 'http://video.region.se/m/1' })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ field: 'videoUrl' })
    expect((await meetingOf(meetingId)).videoUrl).toBe(url)

    expect((await patch(meetingId, { videoUrl: '' })).status).toBe(200)
    expect((await sessionOf(people.guardian)).meeting.videoUrl).toBe('')
  })
})
