import { describe, expect, it } from 'vitest'
import { DEFAULT_CLOSURE_HELP } from '../../shared/closure/notice'
import { MAX_SETTING_TEXT_CHARS } from '../../shared/limits'
import type { ClosureHelp } from '../../shared/schemas/sip'
import { integrationFixture } from '../test/fixture'
import { api, createUser, signIn, type TestServer, testRows } from '../test/harness'

/**
 * P10: the installation's text in the closure notice – where a family turns if the need returns.
 * Staff read it; administrators change it (docs/api.md); both are audited (P12).
 */

const fixture = integrationFixture()
const PATH = '/api/settings/closure-help'

const HELP: ClosureHelp = {
  sv: 'Ring Haninge kommuns SIP-samordnare på 08-606 70 00.\n\nDu kan också kontakta BUP Handen.',
  en: "Call Haninge municipality's SIP coordinator on 08-606 70 00.",
}

async function people(server: TestServer) {
  const admin = await createUser(server, { email: 'admin@settings.test', name: 'Ada Admin', isAdmin: true })
  await createUser(server, { email: 'amir@settings.test', name: 'Amir Haddad' })
  return {
    admin,
    adminCookie: await signIn(server, 'admin@settings.test'),
    staffCookie: await signIn(server, 'amir@settings.test'),
  }
}

async function auditRows(server: TestServer, action: string) {
  return (await testRows(
    server.app,
    'SELECT actor, actor_name AS "actorName", subject, meeting_id AS "meetingId" FROM audit_log WHERE action = ?',
    [action],
  )) as { actor: string; actorName: string; subject: string; meetingId: string | null }[]
}

describe('P10: GET /api/settings/closure-help', () => {
  it('P10: any signed-in staff member reads the text; until an administrator writes one, the default in both languages', async () => {
    const server = await fixture.start()
    const { staffCookie } = await people(server)
    const read = await api<ClosureHelp>(server, 'GET', PATH, { cookie: staffCookie })
    expect(read.status).toBe(200)
    expect(read.body).toEqual(DEFAULT_CLOSURE_HELP)
    expect(read.headers.get('cache-control')).toBe('no-store')
  })

  it('P12: each read is audited as settings.read, naming who read it', async () => {
    const server = await fixture.start()
    const { staffCookie } = await people(server)
    await api(server, 'GET', PATH, { cookie: staffCookie })
    expect(await auditRows(server, 'settings.read')).toEqual([
      expect.objectContaining({ actorName: 'Amir Haddad', subject: 'setting:closure-help', meetingId: null }),
    ])
  })

  it('P12: a HEAD request reads nothing and is not audited; the health check still answers HEAD', async () => {
    const server = await fixture.start()
    const { staffCookie } = await people(server)
    const head = await fetch(`${server.url}${PATH}`, { method: 'HEAD', headers: { cookie: staffCookie } })
    expect(head.status).toBe(404)
    expect(await auditRows(server, 'settings.read')).toEqual([])
    expect((await fetch(`${server.url}/healthz`, { method: 'HEAD' })).status).toBe(200)
  })

  it('P10: not signed in: 401, and nothing is audited', async () => {
    const server = await fixture.start()
    expect((await api(server, 'GET', PATH)).status).toBe(401)
    expect(await auditRows(server, 'settings.read')).toEqual([])
  })
})

describe('P10: PUT /api/settings/closure-help', () => {
  it('P10: an administrator sets both languages; every staff member then reads the new text, and it is kept over a restart', async () => {
    const server = await fixture.start()
    const { admin, adminCookie, staffCookie } = await people(server)
    const put = await api<ClosureHelp>(server, 'PUT', PATH, { cookie: adminCookie, body: HELP })
    expect(put.status).toBe(200)
    expect(put.body).toEqual(HELP)
    expect((await api(server, 'GET', PATH, { cookie: staffCookie })).body).toEqual(HELP)
    expect(await auditRows(server, 'settings.updated')).toEqual([
      expect.objectContaining({
        actor: `staff:${admin.id}`,
        actorName: 'Ada Admin',
        subject: 'setting:closure-help',
      }),
    ])

    const restarted = await fixture.restart()
    const again = await signIn(restarted, 'amir@settings.test')
    expect((await api(restarted, 'GET', PATH, { cookie: again })).body).toEqual(HELP)
  })

  it('P10: the text is trimmed; a second save replaces the first', async () => {
    const server = await fixture.start()
    const { adminCookie } = await people(server)
    await api(server, 'PUT', PATH, { cookie: adminCookie, body: HELP })
    const second = await api<ClosureHelp>(server, 'PUT', PATH, {
      cookie: adminCookie,
      body: { sv: '  Ring 112 vid fara.  ', en: ' Call 112 in an emergency. ' },
    })
    expect(second.body).toEqual({ sv: 'Ring 112 vid fara.', en: 'Call 112 in an emergency.' })
    expect((await api(server, 'GET', PATH, { cookie: adminCookie })).body).toEqual(second.body)
  })

  it('P10: staff who are not administrators are refused (403), nothing changes and nothing is audited as updated', async () => {
    const server = await fixture.start()
    const { staffCookie } = await people(server)
    const put = await api(server, 'PUT', PATH, { cookie: staffCookie, body: HELP })
    expect(put.status).toBe(403)
    expect((await api(server, 'GET', PATH, { cookie: staffCookie })).body).toEqual(DEFAULT_CLOSURE_HELP)
    expect(await auditRows(server, 'settings.updated')).toEqual([])
    expect((await api(server, 'PUT', PATH, { body: HELP })).status).toBe(401)
  })

  it('P10: an empty, blank, missing or too long text is 400 naming the field, and nothing is written', async () => {
    const server = await fixture.start()
    const { adminCookie } = await people(server)
    await api(server, 'PUT', PATH, { cookie: adminCookie, body: HELP })
    const cases: [unknown, string][] = [
      [{ sv: '', en: HELP.en }, 'sv'],
      [{ sv: HELP.sv, en: '   ' }, 'en'],
      [{ sv: HELP.sv }, 'en'],
      [{ sv: 'x'.repeat(MAX_SETTING_TEXT_CHARS + 1), en: HELP.en }, 'sv'],
      [undefined, 'sv'],
    ]
    for (const [body, field] of cases) {
      const put = await api<{ error: string; field: string; message: string }>(server, 'PUT', PATH, {
        cookie: adminCookie,
        ...(body !== undefined ? { body } : {}),
      })
      expect({ status: put.status, error: put.body.error, field: put.body.field }).toEqual({
        status: 400,
        error: 'validation',
        field,
      })
      expect(put.body.message).toBeTruthy()
    }
    expect((await api(server, 'GET', PATH, { cookie: adminCookie })).body).toEqual(HELP)
    expect(await auditRows(server, 'settings.updated')).toHaveLength(1)
  })

  it('P10: without the CSRF header the change is refused', async () => {
    const server = await fixture.start()
    const { adminCookie } = await people(server)
    const put = await api(server, 'PUT', PATH, { cookie: adminCookie, body: HELP, noCsrfHeader: true })
    expect(put.status).toBe(403)
    expect((await api(server, 'GET', PATH, { cookie: adminCookie })).body).toEqual(DEFAULT_CLOSURE_HELP)
  })
})
