import { afterEach, describe, expect, it } from 'vitest'
import {
  api,
  createUser,
  meetingInput,
  signIn,
  startServer,
  type TestServer,
  tokenOf,
  upgradeStatus,
} from '../test/harness'

let server: TestServer
afterEach(async () => {
  await server.close()
})

describe('hardening', () => {
  it('A13: a percent-encoded API or socket path is refused, and no mutation passes without the CSRF header', async () => {
    server = await startServer()
    const encoded = await fetch(`${server.url}/%61pi/session/rsvp?as=x`, {
      method: 'POST',
      headers: { 'X-SIP-Request': '1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ answer: 'coming' }),
    })
    expect(encoded.status).toBe(400)
    expect(await upgradeStatus(`${server.wsUrl}/%63ollab/x?token=${'a'.repeat(43)}`)).toBe(400)
    // The guard holds on any path, whatever the router would make of it.
    const noHeader = await fetch(`${server.url}/api/session/rsvp?as=x`, { method: 'POST' })
    expect(noHeader.status).toBe(403)
  })

  it('A13: every answer carries a content security policy and refuses to be framed', async () => {
    server = await startServer()
    for (const path of ['/healthz', '/api/setup/status', '/nothing-here']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    }
  })

  it('A12: disabling a staff member also ends the personal link of their own seat and its cookie', async () => {
    server = await startServer()
    await createUser(server, { email: 'admin@kommun.se', name: 'Ada', isAdmin: true })
    const user = await createUser(server, { email: 'bo@kommun.se', name: 'Bo' })
    const admin = await signIn(server, 'admin@kommun.se')
    const bo = await signIn(server, 'bo@kommun.se')
    const meeting = await api<{ id: string }>(server, 'POST', '/api/meetings', {
      cookie: bo,
      body: meetingInput(),
    })
    const seat = await api<{ participant: { id: string }; link: { url: string } }>(
      server,
      'POST',
      `/api/meetings/${meeting.body.id}/participants`,
      {
        cookie: bo,
        body: { role: 'chair', organisation: 'skola', function: 'rektor', name: 'Bo', isMe: true },
      },
    )
    const token = tokenOf(seat.body.link.url)
    const joined = await api(server, 'POST', '/api/join', { body: { token } })
    expect(joined.status).toBe(200)
    const pid = seat.body.participant.id
    const cookie = `sip_p_${pid}=${joined.cookies[`sip_p_${pid}`]!.value}`
    expect((await api(server, 'GET', `/api/session?as=${pid}`, { cookie })).status).toBe(200)

    const disabled = await api(server, 'PATCH', `/api/users/${user.id}`, {
      cookie: admin,
      body: { disabled: true },
    })
    expect(disabled.status).toBe(200)
    expect((await api(server, 'GET', `/api/session?as=${pid}`, { cookie })).status).toBe(401)
    expect((await api(server, 'POST', '/api/join', { body: { token } })).status).toBe(401)
    expect(await upgradeStatus(`${server.wsUrl}/collab/${meeting.body.id}?token=${token}`)).toBe(401)
  })
})
