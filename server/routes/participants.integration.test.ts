import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AUTH_FAILURES_PER_WINDOW, DEFAULT_TOKEN_TTL_DAYS } from '../../shared/limits'
import { CloseCodes, SYNC_PATH } from '../../shared/protocol'
import { MeetingAuditLogSchema } from '../../shared/schemas/audit'
import {
  IssuedLinkSchema,
  MeetingSchema,
  MeetingSummarySchema,
  ParticipantSchema,
} from '../../shared/schemas/meeting'
import { JoinResponseSchema, SessionResponseSchema } from '../../shared/schemas/session'
import { testEngine } from '../test/engine-access'
import { integrationFixture } from '../test/fixture'
import {
  api,
  CONSENT,
  type CookieAuth,
  createUser,
  injectPost,
  meetingInput,
  signIn,
  storedDump,
  synced,
  TEST_PASSWORD,
  testRows,
  testValue,
  tokenOf,
  upgradeStatus,
  waitFor,
} from '../test/harness'

const fixture = integrationFixture()

const DAY = 24 * 3600 * 1000
const AddedSchema = z.object({ participant: ParticipantSchema, link: IssuedLinkSchema })

const PEOPLE = {
  chair: { role: 'chair', organisation: 'skola', function: 'biträdande rektor', name: 'Maja Lind' },
  notetaker: { role: 'notetaker', organisation: 'elevhalsa', function: 'kurator', name: 'Amir Haddad' },
  psychologist: { role: 'participant', organisation: 'bup', function: 'psykolog' },
  guardian: { role: 'guardian', organisation: 'familj', function: 'vårdnadshavare', name: 'Sara' },
} as const
type Person = keyof typeof PEOPLE

interface Setup {
  convener: string
  meetingId: string
  links: Record<Person, { participantId: string; token: string; url: string; expiresAt: string }>
}

/** Signs in a convener (once per server), creates a meeting with consent and the four PEOPLE. */
async function setUp(days = 30, email = 'eva@kommun.se'): Promise<Setup> {
  if (!(await fixture.server.app.stores.users.byEmail(email)))
    await createUser(fixture.server, { email, name: 'Eva Ek' })
  const convener = await signIn(fixture.server, email)
  // The API refuses a start in the past: a past meeting is made as time makes one, by moving it after.
  const created = await api<{ id: string }>(fixture.server, 'POST', '/api/meetings', {
    cookie: convener,
    body: meetingInput({}, Math.max(days, 1)),
  })
  const meetingId = created.body.id
  if (days < 1) {
    await testRows(fixture.server.app, 'UPDATE meetings SET starts_at = ? WHERE id = ?', [
      Date.now() + days * DAY,
      meetingId,
    ])
  }
  await api(fixture.server, 'PUT', `/api/meetings/${meetingId}/consent`, { cookie: convener, body: CONSENT })
  const links = {} as Setup['links']
  for (const [key, body] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
    const response = await api(fixture.server, 'POST', `/api/meetings/${meetingId}/participants`, {
      cookie: convener,
      body,
    })
    expect(response.status).toBe(201)
    const { link } = AddedSchema.parse(response.body)
    links[key] = { ...link, token: tokenOf(link.url) }
  }
  return { convener, meetingId, links }
}

/** POST /api/join: the cookie a browser gets for a link, as a CookieAuth. */
async function join(token: string): Promise<CookieAuth & { value: string }> {
  const response = await api(fixture.server, 'POST', '/api/join', { body: { token } })
  expect(response.status).toBe(200)
  const { participantId } = JoinResponseSchema.parse(response.body)
  const value = response.cookies[`sip_p_${participantId}`]!.value
  return { as: participantId, cookie: `sip_p_${participantId}=${value}`, value }
}

async function auditCount(action: string): Promise<number> {
  return (await testValue(fixture.server.app, 'SELECT count(*) FROM audit_log WHERE action = ?', [
    action,
  ])) as number
}

function syncUrl(meetingId: string, query: string): string {
  return `${fixture.server.wsUrl}${SYNC_PATH}/${meetingId}?${query}`
}

async function meetingOf(s: Setup) {
  return MeetingSchema.parse(
    (await api(fixture.server, 'GET', `/api/meetings/${s.meetingId}`, { cookie: s.convener })).body,
  )
}

describe('personal links', () => {
  it('A7: four participants get links; opening one sets an HttpOnly cookie, shows the invitation, takes the answer, and the convener sees it', async () => {
    const server = await fixture.start()
    const s = await setUp()
    for (const link of Object.values(s.links)) {
      expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:8080\/j#t=[A-Za-z0-9_-]{43}$/)
    }
    const meeting = await meetingOf(s)
    expect(Date.parse(s.links.guardian.expiresAt)).toBe(
      Date.parse(meeting.startsAt) + DEFAULT_TOKEN_TTL_DAYS * DAY,
    )
    expect(meeting.participants.map((p) => [p.role, p.link.status, p.rsvp])).toEqual([
      ['chair', 'active', null],
      ['notetaker', 'active', null],
      ['participant', 'active', null],
      ['guardian', 'active', null],
    ])

    const joined = await api(server, 'POST', '/api/join', { body: { token: s.links.guardian.token } })
    expect(joined.status).toBe(200)
    expect(joined.body).toMatchObject({
      meetingId: s.meetingId,
      participantId: s.links.guardian.participantId,
    })
    expect(joined.headers.get('referrer-policy')).toBe('no-referrer')
    expect(joined.headers.get('cache-control')).toBe('no-store')
    const cookie = joined.cookies[`sip_p_${s.links.guardian.participantId}`]!
    expect(cookie.attributes).toMatch(/HttpOnly/)
    expect(cookie.attributes).toMatch(/SameSite=Strict/)
    expect(cookie.attributes).toMatch(/Path=\//)
    expect(new Date(cookie.attributes.match(/Expires=([^;]+)/)![1]!).getTime()).toBe(
      Math.floor(Date.parse(s.links.guardian.expiresAt) / 1000) * 1000,
    )
    const auth = `sip_p_${s.links.guardian.participantId}=${cookie.value}`

    const asParam = `as=${s.links.guardian.participantId}`
    const session = SessionResponseSchema.parse(
      (await api(server, 'GET', `/api/session?${asParam}`, { cookie: auth })).body,
    )
    expect(session).toMatchObject({
      meetingId: s.meetingId,
      role: 'guardian',
      name: 'Sara',
      rsvp: null,
      meeting: {
        title: 'SIP-möte för Elsa',
        status: 'planned',
        purpose: meeting.purpose,
        questions: 'Vem gör vad?',
      },
    })
    // The join answered with the same session, so the page it opens need not ask (issue 15).
    expect(JoinResponseSchema.parse(joined.body).session).toEqual(session)
    // A script uses the token itself.
    const bearer = await api(server, 'GET', '/api/session', {
      headers: { Authorization: `Bearer ${s.links.psychologist.token}` },
    })
    expect(bearer.body).toMatchObject({ role: 'participant', name: 'psykolog, BUP' })

    const rsvp = await api(server, 'POST', `/api/session/rsvp?${asParam}`, {
      cookie: auth,
      body: { answer: 'coming' },
    })
    expect(SessionResponseSchema.parse(rsvp.body).rsvp).toBe('coming')
    const bad = await api(server, 'POST', `/api/session/rsvp?${asParam}`, {
      cookie: auth,
      body: { answer: 'kanske' },
    })
    expect(bad.body).toMatchObject({
      field: 'answer',
      message: 'Svar har ett värde som inte finns i listan.',
    })

    const seen = (await meetingOf(s)).participants.find((p) => p.id === s.links.guardian.participantId)!
    expect(seen.rsvp).toBe('coming')
    expect(seen.rsvpAt).not.toBeNull()
    expect(seen.link.lastOpenedAt).not.toBeNull()
    const list = z
      .array(MeetingSummarySchema)
      .parse((await api(server, 'GET', '/api/meetings', { cookie: s.convener })).body)
    expect(list[0]?.rsvp).toEqual({ coming: 1, notComing: 0, unanswered: 3 })

    // The same cookie opens the plan: ?as= on the sync socket, no token in any URL.
    const client = fixture.client(s.meetingId, { as: s.links.guardian.participantId, cookie: auth })
    await synced(client)
  })

  it('A7: a participant link opens only its own meeting, and a cookie only its own participant', async () => {
    const server = await fixture.start()
    const a = await setUp()
    const b = await setUp()
    const guardianA = await join(a.links.guardian.token)
    const session = await api(server, 'GET', `/api/session?as=${guardianA.as}`, { cookie: guardianA.cookie })
    expect(session.body).toMatchObject({ meetingId: a.meetingId })

    expect(await upgradeStatus(syncUrl(b.meetingId, `token=${a.links.guardian.token}`))).toBe(403)
    expect(
      await upgradeStatus(syncUrl(b.meetingId, `as=${guardianA.as}`), { Cookie: guardianA.cookie }),
    ).toBe(403)
    expect(
      await upgradeStatus(syncUrl(a.meetingId, `as=${guardianA.as}`), { Cookie: guardianA.cookie }),
    ).toBe(101)

    // Claiming to be someone else with one's own cookie value.
    const other = a.links.chair.participantId
    const forged = `sip_p_${other}=${guardianA.value}`
    expect((await api(server, 'GET', `/api/session?as=${other}`, { cookie: forged })).status).toBe(401)
    expect(await upgradeStatus(syncUrl(a.meetingId, `as=${other}`), { Cookie: forged })).toBe(401)
    expect((await api(server, 'GET', `/api/session?as=${other}`, { cookie: guardianA.cookie })).status).toBe(
      401,
    )
    // And the convener of A does not get B's meeting either.
    expect((await api(server, 'GET', `/api/meetings/${b.meetingId}`, { cookie: a.convener })).status).toBe(
      200,
    )
    await createUser(server, { email: 'bo@kommun.se' })
    const c = await setUp(30, 'bo@kommun.se')
    expect((await api(server, 'GET', `/api/meetings/${c.meetingId}`, { cookie: a.convener })).status).toBe(
      404,
    )
  })

  it('A5: a revoked link closes its open sockets with 4401 and is refused on HTTP and on the socket', async () => {
    const server = await fixture.start()
    const s = await setUp()
    const link = s.links.notetaker
    const byCookie = await join(link.token)
    const stock = fixture.client(s.meetingId, link.token)
    const browser = fixture.client(s.meetingId, byCookie)
    await Promise.all([synced(stock), synced(browser)])

    const revoked = await api(
      server,
      'DELETE',
      `/api/meetings/${s.meetingId}/participants/${link.participantId}/link`,
      {
        cookie: s.convener,
      },
    )
    expect(revoked.status).toBe(204)
    for (const client of [stock, browser]) {
      await waitFor(() => client.closeEvents.length > 0, 'closed')
      expect(client.closeEvents[0]?.code).toBe(CloseCodes.unauthorized.code)
      expect(client.provider.shouldConnect).toBe(false)
    }

    expect((await api(server, 'POST', '/api/join', { body: { token: link.token } })).body).toEqual({
      error: 'revoked',
    })
    expect(
      (await api(server, 'GET', `/api/session?as=${byCookie.as}`, { cookie: byCookie.cookie })).status,
    ).toBe(401)
    const bearer = await api(server, 'GET', '/api/session', {
      headers: { Authorization: `Bearer ${link.token}` },
    })
    expect(bearer.body).toEqual({ error: 'revoked' })
    expect(await upgradeStatus(syncUrl(s.meetingId, `token=${link.token}`))).toBe(401)
    expect(await upgradeStatus(syncUrl(s.meetingId, `as=${byCookie.as}`), { Cookie: byCookie.cookie })).toBe(
      401,
    )
    const shown = (await meetingOf(s)).participants.find((p) => p.id === link.participantId)
    expect(shown?.link.status).toBe('revoked')

    // A new link works; the old one stays dead.
    const fresh = await api(
      server,
      'POST',
      `/api/meetings/${s.meetingId}/participants/${link.participantId}/link`,
      {
        cookie: s.convener,
      },
    )
    expect(fresh.status).toBe(201)
    const next = IssuedLinkSchema.parse(fresh.body)
    expect(next.participantId).toBe(link.participantId)
    expect((await join(tokenOf(next.url))).as).toBe(link.participantId)
    expect((await api(server, 'POST', '/api/join', { body: { token: link.token } })).status).toBe(401)
  })

  it("A7: the join answers with the joiner's own session – the chair's briefing for the chair alone, nothing for a refused link", async () => {
    const server = await fixture.start()
    const s = await setUp()
    for (const person of ['chair', 'guardian'] as const) {
      const { token, participantId } = s.links[person]
      const joined = JoinResponseSchema.parse(
        (await api(server, 'POST', '/api/join', { body: { token } })).body,
      )
      const bearer = await api(server, 'GET', '/api/session', {
        headers: { Authorization: `Bearer ${token}` },
      })
      expect(joined.session).toEqual(bearer.body)
      expect(joined.session).toMatchObject({ participantId, role: PEOPLE[person].role })
      // Consent details are the chair's to read out (M3); a guardian's join does not carry them.
      expect('chairBriefing' in joined.session).toBe(person === 'chair')
    }
    const revoked = s.links.psychologist
    const gone = await api(
      server,
      'DELETE',
      `/api/meetings/${s.meetingId}/participants/${revoked.participantId}/link`,
      { cookie: s.convener },
    )
    expect(gone.status).toBe(204)
    const refused = await api(server, 'POST', '/api/join', { body: { token: revoked.token } })
    expect(refused.status).toBe(401)
    expect(refused.body).toEqual({ error: 'revoked' })
  })

  it('an expired link is refused on HTTP and on the socket', async () => {
    const server = await fixture.start()
    // A meeting long past: its links expired DEFAULT_TOKEN_TTL_DAYS after it started.
    const s = await setUp(-(DEFAULT_TOKEN_TTL_DAYS + 1))
    const { token } = s.links.guardian
    const joined = await api(server, 'POST', '/api/join', { body: { token } })
    expect(joined.status).toBe(401)
    expect(joined.body).toEqual({ error: 'expired' })
    expect(joined.cookies).toEqual({})
    const bearer = await api(server, 'GET', '/api/session', { headers: { Authorization: `Bearer ${token}` } })
    expect(bearer.body).toEqual({ error: 'expired' })
    expect(await upgradeStatus(syncUrl(s.meetingId, `token=${token}`))).toBe(401)
    expect((await meetingOf(s)).participants.every((p) => p.link.status === 'expired')).toBe(true)
  })

  it('A8: the sweep closes sockets whose link expired, or was revoked outside the API, while connected', async () => {
    const server = await fixture.start({ sync: { sweepIntervalMs: 50 } })
    const s = await setUp()
    const guardian = fixture.client(s.meetingId, await join(s.links.guardian.token))
    const chair = fixture.client(s.meetingId, s.links.chair.token)
    const notetaker = fixture.client(s.meetingId, s.links.notetaker.token)
    await Promise.all([synced(guardian), synced(chair), synced(notetaker)])

    await testRows(server.app, 'UPDATE access_tokens SET expires_at = ? WHERE participant_id = ?', [
      Date.now() - 1,
      s.links.guardian.participantId,
    ])
    const chairTokenId = (await testValue(
      server.app,
      'SELECT id FROM access_tokens WHERE participant_id = ?',
      [s.links.chair.participantId],
    )) as number
    await server.app.stores.tokens.revoke(chairTokenId)

    for (const client of [guardian, chair]) {
      await waitFor(() => client.closeEvents.length > 0, 'swept')
      expect(client.closeEvents[0]?.code).toBe(CloseCodes.unauthorized.code)
    }
    expect(notetaker.closeEvents).toEqual([])
    expect(notetaker.provider.wsconnected).toBe(true)
  })

  it(`A9: 1,000 wrong tokens from one address are answered 429 after ${AUTH_FAILURES_PER_WINDOW}, on /api/join and the socket`, async () => {
    // The /api/ ceiling (A14) would answer first; this test is about the failure limit.
    const server = await fixture.start({ loadGuards: { apiRequestsPerWindow: 10_000 } })
    const s = await setUp()
    const cookieFirst = await join(s.links.guardian.token)
    const statuses: number[] = []
    for (let i = 0; i < 1000; i++) {
      const response = await injectPost(server, '/api/join', {
        token: `${'A'.repeat(40)}${String(i).padStart(3, '0')}`,
      })
      statuses.push(response.status)
    }
    expect(statuses.slice(0, AUTH_FAILURES_PER_WINDOW).every((c) => c === 401)).toBe(true)
    expect(statuses.slice(AUTH_FAILURES_PER_WINDOW).every((c) => c === 429)).toBe(true)

    // Wrong tokens stay refused on the socket and with Bearer too (429 before the upgrade).
    const wrong = 'B'.repeat(43)
    expect(await upgradeStatus(syncUrl(s.meetingId, `token=${wrong}`))).toBe(429)
    const bearer = await api(server, 'GET', '/api/session', { headers: { Authorization: `Bearer ${wrong}` } })
    expect(bearer.status).toBe(429)
    expect(Number(bearer.headers.get('retry-after'))).toBeGreaterThan(0)
    // A browser that already has its cookie is not guessing: it keeps working.
    const session = await api(server, 'GET', `/api/session?as=${cookieFirst.as}`, {
      cookie: cookieFirst.cookie,
    })
    expect(session.status).toBe(200)
    // Another address is not affected.
    const elsewhere = await injectPost(server, '/api/join', { token: s.links.chair.token }, '10.9.8.7')
    expect(elsewhere.status).toBe(200)
  }, 60_000)

  it('A9: on a shared network, 25 wrong links from one address do not lock out the people there who hold a valid one', async () => {
    const server = await fixture.start()
    const s = await setUp()
    const dead = s.links.psychologist
    const revoked = await api(
      server,
      'DELETE',
      `/api/meetings/${s.meetingId}/participants/${dead.participantId}/link`,
      {
        cookie: s.convener,
      },
    )
    expect(revoked.status).toBe(204)
    const wrongStatuses: number[] = []
    for (let i = 0; i < 25; i++) {
      const response = await api(server, 'POST', '/api/join', { body: { token: `${'C'.repeat(40)}${i}` } })
      wrongStatuses.push(response.status)
    }
    expect(wrongStatuses).toEqual([
      ...Array(AUTH_FAILURES_PER_WINDOW).fill(401),
      ...Array(25 - AUTH_FAILURES_PER_WINDOW).fill(429),
    ])
    const refusedBefore = await auditCount('link.refused')

    // The same address, past the limit: a valid link still joins, opens the socket and works with Bearer.
    const joined = await api(server, 'POST', '/api/join', { body: { token: s.links.guardian.token } })
    expect(joined.status).toBe(200)
    expect(JoinResponseSchema.parse(joined.body).participantId).toBe(s.links.guardian.participantId)
    expect(await upgradeStatus(syncUrl(s.meetingId, `token=${s.links.notetaker.token}`))).toBe(101)
    const bearer = await api(server, 'GET', '/api/session', {
      headers: { Authorization: `Bearer ${s.links.chair.token}` },
    })
    expect(bearer.status).toBe(200)
    // Someone else's link on this address's socket is still another meeting's (403), not a failure.
    const other = await setUp(30, 'olle@kommun.se')
    expect(await upgradeStatus(syncUrl(s.meetingId, `token=${other.links.chair.token}`))).toBe(403)

    // Wrong and dead ones keep getting 429 with Retry-After; past the limit nothing is audited.
    for (const token of ['D'.repeat(43), dead.token]) {
      const again = await api(server, 'POST', '/api/join', { body: { token } })
      expect(again.status).toBe(429)
      expect(again.body).toEqual({ error: 'too-many-failures' })
      expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(await upgradeStatus(syncUrl(s.meetingId, `token=${token}`))).toBe(429)
      const asBearer = await api(server, 'GET', '/api/session', {
        headers: { Authorization: `Bearer ${token}` },
      })
      expect(asBearer.status).toBe(429)
    }
    expect(await auditCount('link.refused')).toBe(refusedBefore)

    // Link failures are not password guesses: staff on the same network still sign in.
    await createUser(server, { email: 'rektor@kommun.se' })
    const staff = await api(server, 'POST', '/api/auth/login', {
      body: { email: 'rektor@kommun.se', password: TEST_PASSWORD },
    })
    expect(staff.status).toBe(200)
  }, 60_000)
})

describe('participants', () => {
  it('are edited and removed until the meeting is finalized; removal closes their sockets and kills their link', async () => {
    const server = await fixture.start()
    const s = await setUp()
    const base = `/api/meetings/${s.meetingId}/participants`

    const renamed = await api(server, 'PATCH', `${base}/${s.links.psychologist.participantId}`, {
      cookie: s.convener,
      body: { name: 'Pia Holm', organisationOther: 'BUP Nord' },
    })
    expect(ParticipantSchema.parse(renamed.body)).toMatchObject({
      name: 'Pia Holm',
      organisationOther: 'BUP Nord',
    })
    const invalid = await api(server, 'PATCH', `${base}/${s.links.psychologist.participantId}`, {
      cookie: s.convener,
      body: { organisation: 'annan', organisationOther: '' },
    })
    expect(invalid.body).toMatchObject({
      field: 'organisationOther',
      message: 'Verksamhet (fritext) måste fyllas i.',
    })

    // A role change takes effect on the open socket: it is asked to reconnect, and comes back writable.
    const psychologist = fixture.client(s.meetingId, s.links.psychologist.token)
    await synced(psychologist)
    await api(server, 'PATCH', `${base}/${s.links.psychologist.participantId}`, {
      cookie: s.convener,
      body: { role: 'notetaker' },
    })
    await waitFor(() => psychologist.closeEvents.length > 0, 'asked to reconnect')
    expect(psychologist.closeEvents[0]?.code).toBe(CloseCodes.goingAway.code)
    await waitFor(
      () => [...(server.app.sync.room(s.meetingId)?.connections ?? [])].some((c) => c.writable),
      'back as a writer',
    )

    const guardian = fixture.client(s.meetingId, s.links.guardian.token)
    await synced(guardian)
    const removed = await api(server, 'DELETE', `${base}/${s.links.guardian.participantId}`, {
      cookie: s.convener,
    })
    expect(removed.status).toBe(204)
    await waitFor(() => guardian.closeEvents.length > 0, 'closed')
    expect(guardian.closeEvents[0]?.code).toBe(CloseCodes.unauthorized.code)
    expect((await api(server, 'POST', '/api/join', { body: { token: s.links.guardian.token } })).status).toBe(
      401,
    )
    expect((await meetingOf(s)).participants).toHaveLength(3)
    const missing = await api(server, 'DELETE', `${base}/${s.links.guardian.participantId}`, {
      cookie: s.convener,
    })
    expect(missing.status).toBe(404)

    await server.app.stores.meetings.setStatus(s.meetingId, 'finalized')
    const statuses = [
      (await api(server, 'POST', base, { cookie: s.convener, body: PEOPLE.guardian })).status,
      (
        await api(server, 'PATCH', `${base}/${s.links.chair.participantId}`, {
          cookie: s.convener,
          body: { name: 'X' },
        })
      ).status,
      (await api(server, 'DELETE', `${base}/${s.links.chair.participantId}`, { cookie: s.convener })).status,
    ]
    expect(statuses).toEqual([409, 409, 409])
  })

  it('an invited participant answers before the meeting; once it has started the answer is closed (409)', async () => {
    const server = await fixture.start()
    const s = await setUp()
    const guardian = await join(s.links.guardian.token)
    const url = `/api/session/rsvp?as=${guardian.as}`
    await api(server, 'POST', url, { cookie: guardian.cookie, body: { answer: 'not-coming' } })
    expect((await meetingOf(s)).participants.find((p) => p.id === guardian.as)?.rsvp).toBe('not-coming')
    await api(server, 'POST', `/api/meetings/${s.meetingId}/start`, { cookie: s.convener })
    const late = await api(server, 'POST', url, { cookie: guardian.cookie, body: { answer: 'coming' } })
    expect(late.status).toBe(409)
    expect(late.body).toEqual({ error: 'meeting-started' })
  })
})

describe('secrets and the audit log', () => {
  it('A4: neither the database file nor the logs contain a raw token, a cookie value or a password', async () => {
    const server = await fixture.start()
    const s = await setUp()
    const staffCookie = s.convener.split('=')[1]!
    const joined = await join(s.links.guardian.token)
    const client = fixture.client(s.meetingId, joined)
    await synced(client)
    await api(
      server,
      'DELETE',
      `/api/meetings/${s.meetingId}/participants/${s.links.chair.participantId}/link`,
      {
        cookie: s.convener,
      },
    )

    const secrets = [...Object.values(s.links).map((l) => l.token), joined.value, staffCookie, TEST_PASSWORD]
    // As a text dump of every table and, for SQLite, as the file's raw bytes (latin1 keeps every byte).
    const dump = await storedDump(server.app)
    let file = ''
    if (testEngine() === 'sqlite') {
      server.app.db.pragma('wal_checkpoint(TRUNCATE)')
      file = fs.readFileSync(path.join(server.dataDir, 'sip-live.db')).toString('latin1')
    }
    const logs = server.logs.join('\n')
    for (const secret of secrets) {
      expect(file).not.toContain(secret)
      expect(dump).not.toContain(secret)
      expect(logs).not.toContain(secret)
    }
  })

  it('A10: the audit log has sign-ins, link created/opened/revoked, meeting created/changed and plan opened – with actor, time and address, never a token', async () => {
    const server = await fixture.start()
    const s = await setUp()
    const guardian = await join(s.links.guardian.token)
    await api(server, 'POST', `/api/session/rsvp?as=${guardian.as}`, {
      cookie: guardian.cookie,
      body: { answer: 'coming' },
    })
    const client = fixture.client(s.meetingId, guardian)
    await synced(client)
    await api(server, 'PATCH', `/api/meetings/${s.meetingId}`, {
      cookie: s.convener,
      body: { place: 'Biblioteket' },
    })
    await api(
      server,
      'DELETE',
      `/api/meetings/${s.meetingId}/participants/${s.links.chair.participantId}/link`,
      {
        cookie: s.convener,
      },
    )
    await api(server, 'POST', '/api/join', { body: { token: s.links.chair.token } })

    await createUser(server, { email: 'ada@kommun.se', isAdmin: true })
    const admin = await signIn(server, 'ada@kommun.se')
    const { entries } = MeetingAuditLogSchema.parse(
      (await api(server, 'GET', `/api/meetings/${s.meetingId}/audit`, { cookie: admin })).body,
    )
    const actions = new Set(entries.map((e) => e.action))
    for (const action of [
      'meeting.created',
      'consent.recorded',
      'participant.added',
      'link.created',
      'link.opened',
      'rsvp.answered',
      'plan.opened',
      'meeting.updated',
      'link.revoked',
      'link.refused',
    ] as const) {
      expect(actions, action).toContain(action)
    }
    const opened = entries.find((e) => e.action === 'plan.opened')!
    expect(opened).toMatchObject({
      actor: { kind: 'participant', name: 'Sara', role: 'guardian' },
      sourceAddress: '127.0.0.1',
    })
    expect(Date.parse(opened.at)).toBeGreaterThan(Date.now() - 60_000)
    const signIns = (await testValue(
      server.app,
      "SELECT count(*) FROM audit_log WHERE action = 'auth.login' AND meeting_id IS NULL",
    )) as number
    expect(signIns).toBeGreaterThanOrEqual(2)

    const text = JSON.stringify(entries)
    for (const link of Object.values(s.links)) expect(text).not.toContain(link.token)
    expect(text).not.toContain(guardian.value)
  })
})
