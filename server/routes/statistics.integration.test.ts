import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_SHORT_TEXT_CHARS } from '../../shared/limits'
import type { UserRow } from '../db/users'
import { integrationFixture } from '../test/fixture'
import { api, createUser, signIn, testRows, testValue } from '../test/harness'
import { pdfArchive, pdfStructure, pdfText } from '../test/pdf-text'
import { PERIOD, writeStatisticsData } from '../test/statistics-data'

/**
 * The statistics over HTTP (docs/api.md "Statistics", docs/statistics.md ST22–ST24): who may read
 * them, the audit row of every view and export, the CSV's bytes, the PDF's text, and the 400 that
 * names a bad query parameter. The figures themselves: server/statistics/report.integration.test.ts.
 */

const fixture = integrationFixture()
let admin: UserRow
let adminCookie: string
let staffCookie: string

beforeEach(async () => {
  await fixture.start()
  const { app } = fixture.server
  await writeStatisticsData(app.stores, app.storage.transaction)
  admin = await createUser(fixture.server, { email: 'ada@region.se', name: 'Ada Admin', isAdmin: true })
  await createUser(fixture.server, { email: 'sam@skolan.se', name: 'Sam Skola' })
  adminCookie = await signIn(fixture.server, 'ada@region.se')
  staffCookie = await signIn(fixture.server, 'sam@skolan.se')
})

const query = (extra: Record<string, string> = {}) => new URLSearchParams({ ...PERIOD, ...extra }).toString()

const ROUTES = [
  `/api/statistics?${query()}`,
  `/api/statistics.csv?${query({ table: 'meetings' })}`,
  `/api/statistics.pdf?${query()}`,
]

/** A GET as raw bytes, for the CSV and the PDF. */
async function download(
  path: string,
  cookie: string,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${fixture.server.url}${path}`, { headers: { Cookie: cookie } })
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  }
}

async function statisticsAudit(): Promise<{ action: string; actor: string; subject: string }[]> {
  return (await testRows(
    fixture.server.app,
    "SELECT action, actor, subject FROM audit_log WHERE action LIKE 'statistics.%' ORDER BY id",
  )) as { action: string; actor: string; subject: string }[]
}

async function grant(): Promise<void> {
  const granted = await api(fixture.server, 'PATCH', `/api/users/${admin.id}`, {
    cookie: adminCookie,
    body: { statistics: true },
  })
  expect(granted.status).toBe(200)
}

describe('statistics: who may read them', () => {
  it('ST22: 401 signed out; 403 for staff and for an administrator without the permission; 200 once granted', async () => {
    for (const path of ROUTES) {
      expect((await api(fixture.server, 'GET', path)).status).toBe(401)
      expect((await download(path, staffCookie)).status).toBe(403)
      expect((await download(path, adminCookie)).status).toBe(403)
    }
    // Refused requests read nothing and leave no statistics audit row.
    expect(await statisticsAudit()).toEqual([])

    // Being an administrator is not the permission: an administrator grants it, to themself too.
    await grant()
    const me = await api<{ user: { statistics: boolean } }>(fixture.server, 'GET', '/api/auth/me', {
      cookie: adminCookie,
    })
    expect(me.body.user.statistics).toBe(true)
    for (const path of ROUTES) {
      const response = await download(path, adminCookie)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('no-store')
    }
    // The staff member still may not.
    expect((await download(ROUTES[0]!, staffCookie)).status).toBe(403)
  })
})

describe('statistics: every view and export is audited', () => {
  it('ST23: the JSON view, each CSV and the PDF – actor, period, filters, format; never a name', async () => {
    await grant()
    await api(fixture.server, 'GET', `/api/statistics?${query()}`, { cookie: adminCookie })
    await download(
      `/api/statistics.csv?${query({ organisation: 'skola', publication: 'true', table: 'convener-principal' })}`,
      adminCookie,
    )
    await download(
      `/api/statistics.pdf?${query({ principal: 'region', municipality: 'Upplands Väsby', lang: 'en' })}`,
      adminCookie,
    )
    const actor = `staff:${admin.id}`
    expect(await statisticsAudit()).toEqual([
      { action: 'statistics.viewed', actor, subject: '2026-03-01..2026-05-31 json' },
      {
        action: 'statistics.exported',
        actor,
        subject: '2026-03-01..2026-05-31 organisation=skola publication csv:convener-principal',
      },
      {
        action: 'statistics.exported',
        actor,
        subject: '2026-03-01..2026-05-31 principal=region municipality="Upplands Väsby" pdf:en',
      },
    ])
    expect(JSON.stringify(await statisticsAudit())).not.toMatch(/Ada|Sam/)
  })

  it('ST23: a refused query is not audited', async () => {
    await grant()
    const bad = await api(fixture.server, 'GET', '/api/statistics?from=2026-05-01&to=2026-04-01', {
      cookie: adminCookie,
    })
    expect(bad.status).toBe(400)
    expect(await statisticsAudit()).toEqual([])
  })
})

describe('statistics: the CSV of one table', () => {
  it('ST24: UTF-8 with BOM, semicolons, CRLF; Swedish headers and row labels; whole per cents', async () => {
    await grant()
    const { status, headers, bytes } = await download(
      `/api/statistics.csv?${query({ table: 'meetings' })}`,
      adminCookie,
    )
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(headers.get('content-disposition')).toBe(
      'attachment; filename="sip-statistik-meetings-2026-03-01-2026-05-31.csv"',
    )
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8')).toBe(
      '\uFEFFMöten;Antal;Procent\r\n' +
        'Genomförda möten;6;100\r\n' +
        'Första möten;5;83\r\n' +
        'Uppföljningsmöten;1;17\r\n' +
        // A cancelled meeting is no share of those held: no per cent.
        'Inställda möten;3;\r\n',
    )
  })

  it('ST20, ST24: for publication a count under the threshold reads "< 5", and its per cent is left empty', async () => {
    await grant()
    const { bytes, headers } = await download(
      `/api/statistics.csv?${query({ table: 'convener-principal', publication: 'true' })}`,
      adminCookie,
    )
    // A file for publication says so in its name.
    expect(headers.get('content-disposition')).toBe(
      'attachment; filename="sip-statistik-convener-principal-2026-03-01-2026-05-31-publicering.csv"',
    )
    expect(bytes.toString('utf8')).toBe(
      '\uFEFFHuvudman;Antal;Procent\r\n' +
        'Skola;< 5;\r\n' +
        'Socialtjänst;0;0\r\n' +
        'Region;< 5;\r\n' +
        'Annan;0;0\r\n' +
        'Inte angiven;< 5;\r\n',
    )
  })

  it('ST20, ST24: the threshold in the CSV is the installation’s', async () => {
    await fixture.restart({ statisticsThreshold: 3 })
    adminCookie = await signIn(fixture.server, 'ada@region.se')
    await grant()
    const { bytes } = await download(
      `/api/statistics.csv?${query({ table: 'attendance-principal', publication: 'true' })}`,
      adminCookie,
    )
    expect(bytes.toString('utf8')).toBe(
      '\uFEFFHuvudman;Närvarande;Digitalt;Förhinder;Uteblev;Inte markerad;Totalt\r\n' +
        'Skola;5;0;0;< 3;0;6\r\n' +
        'Socialtjänst;0;< 3;0;0;< 3;< 3\r\n' +
        'Region;3;< 3;< 3;< 3;0;7\r\n' +
        'Barn och familj;3;0;< 3;< 3;< 3;6\r\n' +
        'Annan;< 3;0;0;0;0;< 3\r\n',
    )
  })

  it('ST6, ST24: convening functions read as organisation and function', async () => {
    await grant()
    const { bytes } = await download(
      `/api/statistics.csv?${query({ table: 'convener-function' })}`,
      adminCookie,
    )
    expect(bytes.toString('utf8')).toBe(
      '\uFEFFVerksamhet och funktion;Antal;Procent\r\n' +
        'Skola – biträdande rektor;2;33\r\n' +
        'Skola – rektor;2;33\r\n' +
        'BUP – psykolog;1;17\r\n' +
        'Inte angiven – ingen funktion angiven;1;17\r\n',
    )
  })
})

describe('statistics: the PDF of the whole report', () => {
  it('ST24: title, period, filters, the sentence on exact counts, every section, table and its description; PDF/A, tagged', async () => {
    await grant()
    const { status, headers, bytes } = await download(
      `/api/statistics.pdf?${query({ organisation: 'bup' })}`,
      adminCookie,
    )
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('application/pdf')
    expect(headers.get('content-disposition')).toBe(
      'attachment; filename="sip-statistik-2026-03-01-2026-05-31.pdf"',
    )
    const text = (await pdfText(bytes)).text.replace(/\s+/g, ' ')
    for (const expected of [
      'SIP-statistik',
      'Möten 2026-03-01 – 2026-05-31',
      'Verksamhet: BUP',
      'Exakta antal för intern uppföljning.',
      'Genomförda möten',
      'Möten under perioden',
      'Slutförda möten med mötesdag i perioden',
      'Huvudmännens deltagande',
      'Skola, socialtjänst och region',
      'Deltagare utan angiven funktion',
      'Avvikelser per verksamhet',
      'Underlag: 3',
    ]) {
      expect(text).toContain(expected)
    }
    // The meetings table: 3 held, 2 first (67 %), a follow-up (33 %), one cancelled (no per cent).
    expect(text).toMatch(/Genomförda möten 3 100 %/)
    expect(text).toMatch(/Första möten 2 67 %/)
    expect(text).toMatch(/Inställda möten 1 –/)
    expect(text).not.toMatch(/Ada|Stina|Bra möte/)
    expect(await pdfArchive(bytes)).toEqual({ part: '2', conformance: 'A', structTree: true, version: '1.7' })
    const { marked, roles } = await pdfStructure(bytes)
    expect(marked).toBe(true)
    expect(roles.H1).toBe(1)
    expect(roles.H2).toBe(10)
    expect(roles.H3).toBe(23)
    expect(roles.Table).toBe(23)
    expect(roles.TH).toBeGreaterThan(23)
  })

  it('ST20, ST24: in English, for publication: the publication sentence with the threshold, "< 5" cells, hidden per cents "–"', async () => {
    await grant()
    const { bytes } = await download(
      `/api/statistics.pdf?${query({ publication: 'true', lang: 'en' })}`,
      adminCookie,
    )
    const text = (await pdfText(bytes)).text.replace(/\s+/g, ' ')
    expect(text).toContain('SIP statistics')
    expect(text).toContain('All organisations and municipalities')
    expect(text).toContain('Prepared for publication: counts under 5 are shown as “< 5”')
    expect(text).toMatch(/Follow-up meetings < 5 – /)
    expect(text).toMatch(/Meetings held 6 100%/)
  })
})

describe('statistics: a bad query is refused, naming the parameter', () => {
  it('ST22: 400 with the field – from, to (before from, too long), organisation, principal, municipality, publication, table, lang', async () => {
    await grant()
    const cases: [string, string][] = [
      ['/api/statistics?to=2026-05-31', 'from'],
      ['/api/statistics?from=2026-03-01&to=31%2F5', 'to'],
      ['/api/statistics?from=2026-05-01&to=2026-04-30', 'to'],
      ['/api/statistics?from=2020-01-01&to=2026-01-01', 'to'],
      [`/api/statistics?${query({ organisation: 'polisen' })}`, 'organisation'],
      [`/api/statistics?${query({ principal: 'kommun' })}`, 'principal'],
      [`/api/statistics?${query({ publication: 'kanske' })}`, 'publication'],
      [`/api/statistics?${query({ municipality: 'x'.repeat(MAX_SHORT_TEXT_CHARS + 1) })}`, 'municipality'],
      [`/api/statistics.csv?${query()}`, 'table'],
      [`/api/statistics.csv?${query({ table: 'names' })}`, 'table'],
      [`/api/statistics.pdf?${query({ lang: 'de' })}`, 'lang'],
    ]
    for (const [path, field] of cases) {
      const response = await api<{ error: string; field: string }>(fixture.server, 'GET', path, {
        cookie: adminCookie,
      })
      expect([path, response.status, response.body.error, response.body.field]).toEqual([
        path,
        400,
        'validation',
        field,
      ])
    }
    // In words the page can show, in the asker's language.
    const reversed = await api<{ message: string }>(
      fixture.server,
      'GET',
      '/api/statistics?from=2026-05-01&to=2026-04-30',
      { cookie: adminCookie },
    )
    expect(reversed.body.message).toBe('Slutdatumet kan inte vara före startdatumet.')
    const tooLong = await api<{ message: string }>(
      fixture.server,
      'GET',
      '/api/statistics?from=2020-01-01&to=2026-01-01',
      { cookie: adminCookie, headers: { 'Accept-Language': 'en' } },
    )
    expect(tooLong.body.message).toBe('The period can be at most three years.')
    expect(await statisticsAudit()).toEqual([])
  })
})

describe('accounts: organisation, function, municipality and the statistics permission', () => {
  it('an administrator’s PATCH of organisation, function and municipality is audited and shows in the list', async () => {
    const sam = (await fixture.server.app.stores.users.byEmail('sam@skolan.se'))!
    const patched = await api<{ organisation: string; function: string; municipality: string }>(
      fixture.server,
      'PATCH',
      `/api/users/${sam.id}`,
      {
        cookie: adminCookie,
        body: { organisation: 'elevhalsa', function: ' kurator ', municipality: 'Uppsala' },
      },
    )
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({
      organisation: 'elevhalsa',
      function: 'kurator',
      municipality: 'Uppsala',
    })
    const list = await api<{ id: string; organisation: string; function: string; municipality: string }[]>(
      fixture.server,
      'GET',
      '/api/users',
      { cookie: adminCookie },
    )
    expect(list.body.find((u) => u.id === sam.id)).toMatchObject({
      organisation: 'elevhalsa',
      function: 'kurator',
      municipality: 'Uppsala',
      statistics: false,
    })
    const audit = await testRows(
      fixture.server.app,
      "SELECT actor, subject FROM audit_log WHERE action = 'user.updated'",
    )
    expect(audit).toEqual([{ actor: `staff:${admin.id}`, subject: `staff:${sam.id}` }])
    // The municipality is now one the report offers.
    await grant()
    const report = await api<{ municipalities: string[] }>(
      fixture.server,
      'GET',
      `/api/statistics?${query()}`,
      {
        cookie: adminCookie,
      },
    )
    expect(report.body.municipalities).toEqual(['Enköping', 'Uppsala'])
  })

  it('400 names a bad organisation, and nothing changes; staff may not PATCH', async () => {
    const sam = (await fixture.server.app.stores.users.byEmail('sam@skolan.se'))!
    const bad = await api<{ error: string; field: string }>(fixture.server, 'PATCH', `/api/users/${sam.id}`, {
      cookie: adminCookie,
      body: { organisation: 'polisen', municipality: 'Uppsala' },
    })
    expect([bad.status, bad.body.error, bad.body.field]).toEqual([400, 'validation', 'organisation'])
    const forbidden = await api(fixture.server, 'PATCH', `/api/users/${sam.id}`, {
      cookie: staffCookie,
      body: { statistics: true },
    })
    expect(forbidden.status).toBe(403)
    expect(await fixture.server.app.stores.users.byId(sam.id)).toMatchObject({
      organisation: '',
      municipality: '',
      statistics: false,
    })
    expect(
      await testValue(fixture.server.app, "SELECT count(*) FROM audit_log WHERE action = 'user.updated'"),
    ).toBe(0)
  })
  it('ST22: granting and withdrawing the permission are audited as such, and a withdrawal holds at once', async () => {
    const sam = (await fixture.server.app.stores.users.byEmail('sam@skolan.se'))!
    const patch = (body: unknown) =>
      api(fixture.server, 'PATCH', `/api/users/${sam.id}`, { cookie: adminCookie, body })
    const report = () => api(fixture.server, 'GET', `/api/statistics?${query()}`, { cookie: staffCookie })
    expect((await patch({})).status).toBe(400)
    expect((await report()).status).toBe(403)
    expect((await patch({ statistics: true })).status).toBe(200)
    expect((await report()).status).toBe(200)
    // Sam's session did not change: the permission is read again on every request.
    expect((await patch({ statistics: false })).status).toBe(200)
    expect((await report()).status).toBe(403)
    expect(
      await testRows(
        fixture.server.app,
        "SELECT action, actor, subject FROM audit_log WHERE action LIKE 'user.%' ORDER BY id",
      ),
    ).toEqual([
      { action: 'user.statistics-granted', actor: `staff:${admin.id}`, subject: `staff:${sam.id}` },
      { action: 'user.statistics-withdrawn', actor: `staff:${admin.id}`, subject: `staff:${sam.id}` },
    ])
  })
})
