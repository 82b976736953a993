import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SYNC_PATH } from '../../shared/protocol'
import { integrationFixture } from '../test/fixture'
import {
  api,
  createMeeting,
  createUser,
  meetingInput,
  signIn,
  tempDataDir,
  testValue,
  tokenOf,
  upgradeStatus,
  waitFor,
} from '../test/harness'

const fixture = integrationFixture()

describe('hardening', () => {
  it('A13: a percent-encoded API or socket path is refused, and no mutation passes without the CSRF header', async () => {
    const server = await fixture.start()
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
    const server = await fixture.start()
    for (const path of ['/healthz', '/api/setup/status', '/nothing-here']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    }
  })

  it('A13: the same security headers on every kind of answer – a page, a 404, a refusal, a 400 – and HSTS only over https', async () => {
    const CSP =
      "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;connect-src 'self';font-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'"
    for (const publicUrl of ['http://127.0.0.1:8080', 'https://sip.haninge.se']) {
      const server = await fixture.start({ publicUrl })
      for (const [method, path] of [
        ['GET', '/healthz'],
        ['GET', '/api/nothing'],
        ['GET', '/api/session'],
        ['POST', '/%61pi/session/rsvp'],
      ] as const) {
        const response = await fetch(`${server.url}${path}`, { method, headers: { 'X-SIP-Request': '1' } })
        const seen = Object.fromEntries(
          [
            'content-security-policy',
            'referrer-policy',
            'strict-transport-security',
            'x-content-type-options',
            'x-frame-options',
          ].map((name) => [name, response.headers.get(name)]),
        )
        expect(seen, `${method} ${path} (${publicUrl})`).toEqual({
          'content-security-policy': CSP,
          'referrer-policy': 'no-referrer',
          'strict-transport-security': publicUrl.startsWith('https:') ? 'max-age=31536000' : null,
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
        })
      }
    }
  })

  it('A12: disabling a staff member also ends the personal link of their own seat and its cookie', async () => {
    const server = await fixture.start()
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

describe('load guards', () => {
  it('A14: past the per-address ceiling every /api/ request gets 429 with Retry-After; socket opens, client files and /healthz are not counted', async () => {
    const clientDir = tempDataDir()
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>SIP Live</title>')
    fs.writeFileSync(path.join(clientDir, 'app.js'), 'export {}')
    const limit = 5
    const server = await fixture.start({ clientDir, loadGuards: { apiRequestsPerWindow: limit } })
    const meeting = await createMeeting(server.app)
    const open = (token: string) => upgradeStatus(`${server.wsUrl}${SYNC_PATH}/${meeting.id}?token=${token}`)

    for (const person of Object.values(meeting.people)) {
      expect(await open(person.token)).toBe(101)
      expect((await fetch(`${server.url}/app.js`)).status).toBe(200)
      expect((await fetch(`${server.url}/m/${meeting.id}`)).status).toBe(200)
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    }
    for (let i = 0; i < limit; i++) expect((await api(server, 'GET', '/api/setup/status')).status).toBe(200)

    const audited = async () => await testValue(server.app, 'SELECT count(*) FROM audit_log')
    const auditRows = await audited()
    const over = await api(server, 'GET', '/api/setup/status')
    expect(over.status).toBe(429)
    expect(over.body).toEqual({ error: 'rate-limited' })
    const retryAfter = Number(over.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(over.headers.get('cache-control')).toBe('no-store')
    // Every /api/ path, before anything is checked or written: a valid link is not even looked up.
    const join = await api(server, 'POST', '/api/join', { body: { token: meeting.people.chair.token } })
    expect(join.status).toBe(429)
    expect((await api(server, 'GET', '/api/no-such-thing')).status).toBe(429)
    expect(await audited()).toBe(auditRows)
    // The rest of the server is not: sockets, client files, health. Nor is another address.
    expect(await open(meeting.people.guardian.token)).toBe(101)
    expect((await fetch(`${server.url}/app.js`)).status).toBe(200)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const elsewhere = await server.app.inject({
      method: 'GET',
      url: '/api/setup/status',
      remoteAddress: '10.1.2.3',
    })
    expect(elsewhere.statusCode).toBe(200)
  })

  it('A15: while the process is past a threshold, new requests get 503 with Retry-After and /healthz says so', async () => {
    // A heap limit of one byte: under pressure from the first sample on.
    const server = await fixture.start({ loadGuards: { maxHeapUsedBytes: 1, sampleIntervalMs: 10 } })
    const meeting = await createMeeting(server.app)
    const deadline = Date.now() + 5000
    let api503 = await api(server, 'GET', '/api/setup/status')
    while (api503.status !== 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      api503 = await api(server, 'GET', '/api/setup/status')
    }
    expect(api503.status).toBe(503)
    expect(api503.body).toEqual({ error: 'overloaded' })
    expect(Number(api503.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(api503.headers.get('x-frame-options')).toBe('DENY')
    expect(
      await upgradeStatus(`${server.wsUrl}${SYNC_PATH}/${meeting.id}?token=${meeting.people.chair.token}`),
    ).toBe(503)
    expect((await fetch(`${server.url}/m/${meeting.id}`)).status).toBe(503)

    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(503)
    expect(await health.json()).toEqual({ status: 'under-pressure', rooms: 0 })
    expect(Number(health.headers.get('retry-after'))).toBeGreaterThan(0)
    await waitFor(() => server.logs.some((line) => line.includes('under pressure')), 'pressure logged')
  })
})
