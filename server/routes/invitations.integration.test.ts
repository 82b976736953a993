import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CloseCodes } from '../../shared/protocol'
import {
  AddedParticipantSchema,
  IssuedLinkSchema,
  MeetingSchema,
  MeetingSummarySchema,
} from '../../shared/schemas/meeting'
import { integrationFixture } from '../test/fixture'
import {
  api,
  CONSENT,
  createUser,
  meetingInput,
  signIn,
  synced,
  testRows,
  tokenOf,
  waitFor,
} from '../test/harness'

const fixture = integrationFixture()

const IssuedLinksSchema = z.array(IssuedLinkSchema)

const PEOPLE = {
  me: { role: 'chair', organisation: 'skola', function: 'biträdande rektor', name: 'Eva Ek', isMe: true },
  notetaker: { role: 'notetaker', organisation: 'elevhalsa', function: 'kurator', name: 'Amir Haddad' },
  psychologist: { role: 'participant', organisation: 'bup', function: 'psykolog' },
  guardian: { role: 'guardian', organisation: 'familj', function: 'vårdnadshavare', name: 'Sara' },
} as const
type Person = keyof typeof PEOPLE

/** Eva convenes a meeting with consent; she is its chair (isMe) and invites three more. */
async function setUp() {
  const server = await fixture.start()
  await createUser(server, { email: 'eva@kommun.se', name: 'Eva Ek' })
  const convener = await signIn(server, 'eva@kommun.se')
  const created = await api<{ id: string }>(server, 'POST', '/api/meetings', {
    cookie: convener,
    body: meetingInput(),
  })
  const meetingId = created.body.id
  await api(server, 'PUT', `/api/meetings/${meetingId}/consent`, { cookie: convener, body: CONSENT })
  const people = {} as Record<Person, { id: string; token: string }>
  for (const [key, body] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
    const added = await api(server, 'POST', `/api/meetings/${meetingId}/participants`, {
      cookie: convener,
      body,
    })
    const { participant, link } = AddedParticipantSchema.parse(added.body)
    people[key] = { id: participant.id, token: tokenOf(link.url) }
  }
  const printAll = (cookie?: string) =>
    api(server, 'POST', `/api/meetings/${meetingId}/links`, cookie ? { cookie } : {})
  return { server, convener, meetingId, people, printAll }
}

/** POST /api/join with a token: the participant it opens, or the refusal. */
async function joinWith(token: string) {
  const joined = await api<{ participantId?: string; error?: string }>(fixture.server, 'POST', '/api/join', {
    body: { token },
  })
  return { status: joined.status, ...joined.body }
}

async function auditRows(meetingId: string) {
  return (await testRows(fixture.server.app, 'SELECT * FROM audit_log WHERE meeting_id = ? ORDER BY id', [
    meetingId,
  ])) as Record<string, unknown>[]
}

describe('POST /api/meetings/:id/links – every invitation printed at once', () => {
  it('issues a new link for every participant but the convener’s own seat; the old ones stop working and the new ones open the meeting', async () => {
    const { server, convener, meetingId, people, printAll } = await setUp()
    // Sara has opened her link already: a cookie session and an open socket on it.
    const sara = await api(server, 'POST', '/api/join', { body: { token: people.guardian.token } })
    const saraCookie = `sip_p_${people.guardian.id}=${sara.cookies[`sip_p_${people.guardian.id}`]!.value}`
    const socket = fixture.client(meetingId, { as: people.guardian.id, cookie: saraCookie })
    await synced(socket)
    const before = (await auditRows(meetingId)).length

    const response = await printAll(convener)
    expect(response.status).toBe(201)
    const links = IssuedLinksSchema.parse(response.body)
    const invited = [people.notetaker.id, people.psychologist.id, people.guardian.id]
    expect(links.map((l) => l.participantId)).toEqual(invited)
    const tokens = links.map((l) => tokenOf(l.url))
    expect(new Set(tokens).size).toBe(3)

    // The earlier links, the cookie exchanged for one and the socket it opened are all dead.
    for (const key of ['notetaker', 'psychologist', 'guardian'] as const) {
      expect(await joinWith(people[key].token)).toEqual({ status: 401, error: 'revoked' })
    }
    await waitFor(() => socket.closeEvents.length > 0, 'Sara’s socket closed')
    expect(socket.closeEvents[0]?.code).toBe(CloseCodes.unauthorized.code)
    const session = await api(server, 'GET', `/api/session?as=${people.guardian.id}`, { cookie: saraCookie })
    expect(session.status).toBe(401)

    // Each new link opens its own participant's seat.
    for (const [i, token] of tokens.entries()) {
      expect(await joinWith(token)).toMatchObject({ status: 200, participantId: invited[i] })
    }
    // The convener's seat keeps its link: she opens the meeting from her list.
    expect(await joinWith(people.me.token)).toMatchObject({ status: 200, participantId: people.me.id })
    const meeting = MeetingSchema.parse(
      (await api(server, 'GET', `/api/meetings/${meetingId}`, { cookie: convener })).body,
    )
    expect(meeting.participants.map((p) => p.link.status)).toEqual(['active', 'active', 'active', 'active'])

    // One revocation and one new link in the audit log per participant, and no token anywhere in it.
    const rows = (await auditRows(meetingId)).slice(before)
    for (const id of invited) {
      const actions = rows.filter((r) => r.subject === `participant:${id}`).map((r) => r.action)
      expect(actions.filter((a) => a === 'link.revoked')).toHaveLength(1)
      expect(actions.filter((a) => a === 'link.created')).toHaveLength(1)
    }
    expect(rows.some((r) => r.subject === `participant:${people.me.id}` && r.action === 'link.created')).toBe(
      false,
    )
    const logged = JSON.stringify(await auditRows(meetingId))
    for (const token of [...tokens, people.guardian.token]) expect(logged).not.toContain(token)
  })

  it('only the convener may print the invitations, and not once the meeting is finalized; a refusal changes nothing', async () => {
    const { server, meetingId, people, printAll } = await setUp()
    // Bo chairs Eva's meeting from his own account: he reads and starts it, but does not invite.
    const bo = await createUser(server, { email: 'bo@kommun.se', name: 'Bo' })
    const boSeat = await server.app.stores.participants.add(meetingId, {
      role: 'chair',
      name: 'Bo',
      organisation: 'skola',
      function: 'rektor',
      staffUserId: bo.id,
    })
    await createUser(server, { email: 'admin@kommun.se', isAdmin: true })
    await createUser(server, { email: 'ulf@kommun.se' })

    expect((await printAll()).status).toBe(401)
    expect((await printAll(await signIn(server, 'bo@kommun.se'))).body).toEqual({ error: 'forbidden' })
    expect((await printAll(await signIn(server, 'admin@kommun.se'))).status).toBe(404)
    expect((await printAll(await signIn(server, 'ulf@kommun.se'))).status).toBe(404)
    expect(
      (
        await api(server, 'POST', '/api/meetings/no-such-meeting/links', {
          cookie: await signIn(server, 'eva@kommun.se'),
        })
      ).status,
    ).toBe(404)

    await server.app.stores.meetings.setStatus(meetingId, 'finalized')
    const late = await printAll(await signIn(server, 'eva@kommun.se'))
    expect(late.status).toBe(409)
    expect(late.body).toEqual({ error: 'finalized' })
    expect(await joinWith(people.guardian.token)).toMatchObject({ status: 200 })

    // Before finalizing, Bo's own seat would not have been given a printed link either.
    await server.app.stores.meetings.setStatus(meetingId, 'planned')
    const links = IssuedLinksSchema.parse((await printAll(await signIn(server, 'eva@kommun.se'))).body)
    expect(links.map((l) => l.participantId)).not.toContain(boSeat.id)
    expect(links).toHaveLength(3)
  })

  it('Mina SIP-möten counts the answers of those invited, not the convener’s own seat', async () => {
    const { server, convener, people } = await setUp()
    const joined = await api(server, 'POST', '/api/join', { body: { token: people.guardian.token } })
    const cookie = `sip_p_${people.guardian.id}=${joined.cookies[`sip_p_${people.guardian.id}`]!.value}`
    await api(server, 'POST', `/api/session/rsvp?as=${people.guardian.id}`, {
      cookie,
      body: { answer: 'not-coming' },
    })
    const [summary] = z
      .array(MeetingSummarySchema)
      .parse((await api(server, 'GET', '/api/meetings', { cookie: convener })).body)
    expect(summary?.participants).toBe(4)
    expect(summary?.rsvp).toEqual({ coming: 0, notComing: 1, unanswered: 2 })
  })

  it('a meeting with only the convener’s own seat prints nothing', async () => {
    const server = await fixture.start()
    await createUser(server, { email: 'eva@kommun.se', name: 'Eva Ek' })
    const cookie = await signIn(server, 'eva@kommun.se')
    const created = await api<{ id: string }>(server, 'POST', '/api/meetings', {
      cookie,
      body: meetingInput(),
    })
    await api(server, 'POST', `/api/meetings/${created.body.id}/participants`, { cookie, body: PEOPLE.me })
    const response = await api(server, 'POST', `/api/meetings/${created.body.id}/links`, { cookie })
    expect(response.status).toBe(201)
    expect(response.body).toEqual([])
  })
})
