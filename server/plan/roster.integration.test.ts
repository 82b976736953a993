import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import { integrationFixture } from '../test/fixture'
import { api, createUser, meetingInput, signIn, synced, tokenOf, waitFor } from '../test/harness'

const fixture = integrationFixture()

describe('the plan is created on the server, from the set-up', () => {
  it('P1: a new meeting’s plan holds its set-up, participants and the child’s words, and follows changes live', async () => {
    const server = await fixture.start()
    await createUser(server, { email: 'eva@kommun.se', name: 'Eva Ek' })
    const cookie = await signIn(server, 'eva@kommun.se')
    const created = await api<{ id: string }>(server, 'POST', '/api/meetings', {
      cookie,
      body: meetingInput({ childWords: 'Slippa ont i magen på morgonen' }),
    })
    expect(created.status).toBe(201)
    const meetingId = created.body.id
    const guardian = await api<{ participant: { id: string }; link: { url: string } }>(
      server,
      'POST',
      `/api/meetings/${meetingId}/participants`,
      {
        cookie,
        body: { role: 'guardian', organisation: 'familj', function: 'vårdnadshavare', name: 'Sara' },
      },
    )
    expect(guardian.status).toBe(201)

    const reader = fixture.client(meetingId, tokenOf(guardian.body.link.url))
    await synced(reader)
    const plan = planParts(reader.doc)
    expect(plan.setup.get('purpose')).toBe('Att planera stödet i skolan tillsammans.')
    expect(plan.setup.get('childName')).toBe('Elsa')
    expect(plan.text('childWords').toString()).toContain('Slippa ont i magen på morgonen')
    expect((plan.participants.get(guardian.body.participant.id) as Y.Map<string>).get('name')).toBe('Sara')

    const added = await api<{ participant: { id: string } }>(
      server,
      'POST',
      `/api/meetings/${meetingId}/participants`,
      {
        cookie,
        body: { role: 'participant', organisation: 'bup', function: 'psykolog' },
      },
    )
    const addedId = added.body.participant.id
    await waitFor(() => plan.participants.has(addedId), 'new participant in the open plan')
    expect((plan.participants.get(addedId) as Y.Map<string>).get('name')).toBe('psykolog, BUP')

    await api(server, 'PATCH', `/api/meetings/${meetingId}`, { cookie, body: { purpose: 'Nytt syfte' } })
    await waitFor(() => plan.setup.get('purpose') === 'Nytt syfte', 'purpose updated live')
    await api(server, 'DELETE', `/api/meetings/${meetingId}/participants/${addedId}`, { cookie })
    await waitFor(() => !plan.participants.has(addedId), 'removed participant gone from the plan')
  })
})
