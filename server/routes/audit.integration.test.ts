import { describe, expect, it } from 'vitest'
import { MeetingAuditLogSchema } from '../../shared/schemas/audit'
import { AddedParticipantSchema } from '../../shared/schemas/meeting'
import { integrationFixture } from '../test/fixture'
import { api, CONSENT, createUser, meetingInput, signIn, tokenOf } from '../test/harness'

const fixture = integrationFixture()

describe('GET /api/meetings/:id/audit – who did what, by name and role', () => {
  it('names staff, participants (also removed ones) and the meeting, and carries no id or token', async () => {
    const server = await fixture.start()
    const eva = await createUser(server, { email: 'eva@kommun.se', name: 'Eva Ek' })
    const convener = await signIn(server, 'eva@kommun.se')
    const created = await api<{ id: string; startsAt: string }>(server, 'POST', '/api/meetings', {
      cookie: convener,
      body: meetingInput(),
    })
    const meetingId = created.body.id
    await api(server, 'PUT', `/api/meetings/${meetingId}/consent`, { cookie: convener, body: CONSENT })
    const add = async (body: Record<string, unknown>) =>
      AddedParticipantSchema.parse(
        (await api(server, 'POST', `/api/meetings/${meetingId}/participants`, { cookie: convener, body }))
          .body,
      )
    const me = await add({
      role: 'chair',
      organisation: 'skola',
      function: 'rektor',
      name: 'Eva Ek',
      isMe: true,
    })
    const amir = await add({
      role: 'notetaker',
      organisation: 'elevhalsa',
      function: 'kurator',
      name: 'Amir Haddad',
    })
    const bup = await add({ role: 'participant', organisation: 'bup', function: 'psykolog' })
    const sara = await add({
      role: 'guardian',
      organisation: 'familj',
      function: 'vårdnadshavare',
      name: 'Sara',
    })

    // Sara opens her link and answers; Amir opens his and is later removed; the psychologist's
    // link is revoked and then presented by whoever holds it.
    const joined = await api(server, 'POST', '/api/join', { body: { token: tokenOf(sara.link.url) } })
    const saraCookie = `sip_p_${sara.participant.id}=${joined.cookies[`sip_p_${sara.participant.id}`]!.value}`
    await api(server, 'POST', `/api/session/rsvp?as=${sara.participant.id}`, {
      cookie: saraCookie,
      body: { answer: 'coming' },
    })
    await api(server, 'POST', '/api/join', { body: { token: tokenOf(amir.link.url) } })
    await api(server, 'DELETE', `/api/meetings/${meetingId}/participants/${amir.participant.id}`, {
      cookie: convener,
    })
    await api(server, 'DELETE', `/api/meetings/${meetingId}/participants/${bup.participant.id}/link`, {
      cookie: convener,
    })
    expect((await api(server, 'POST', '/api/join', { body: { token: tokenOf(bup.link.url) } })).status).toBe(
      401,
    )

    await createUser(server, { email: 'ada@kommun.se', name: 'Ada Admin', isAdmin: true })
    const admin = await signIn(server, 'ada@kommun.se')
    const response = await api(server, 'GET', `/api/meetings/${meetingId}/audit`, { cookie: admin })
    expect(response.status).toBe(200)
    const log = MeetingAuditLogSchema.parse(response.body)
    expect(log.meeting).toEqual({
      id: meetingId,
      title: 'SIP-möte för Elsa',
      startsAt: created.body.startsAt,
    })
    const first = (action: string) => log.entries.find((e) => e.action === action)!

    const base = { isConvener: false, removed: false }
    expect(first('meeting.created').actor).toEqual({
      ...base,
      kind: 'staff',
      name: 'Eva Ek',
      role: 'chair',
      isConvener: true,
    })
    expect(first('rsvp.answered').actor).toEqual({
      ...base,
      kind: 'participant',
      name: 'Sara',
      role: 'guardian',
    })
    expect(first('link.refused')).toMatchObject({
      actor: { kind: 'anonymous', name: null },
      subject: { ...base, kind: 'participant', name: 'psykolog, BUP', role: 'participant' },
    })
    expect(first('participant.removed').subject).toEqual({
      ...base,
      kind: 'participant',
      name: 'Amir Haddad',
      role: null,
      removed: true,
    })

    const text = JSON.stringify(log)
    for (const id of [
      eva.id,
      me.participant.id,
      amir.participant.id,
      bup.participant.id,
      sara.participant.id,
    ]) {
      expect(text).not.toContain(id)
    }
    for (const link of [me, amir, bup, sara]) expect(text).not.toContain(tokenOf(link.link.url))
    expect(text).not.toMatch(/(staff|participant):[0-9a-f]/)
  })
})
