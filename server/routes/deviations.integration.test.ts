import { beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { MAX_DEVIATION_CHARS } from '../../shared/limits'
import { MeetingSchema } from '../../shared/schemas/meeting'
import { DeviationSchema, InstallationDeviationSchema } from '../../shared/schemas/sip'
import { integrationFixture } from '../test/fixture'
import { api, createUser, meetingInput, signIn, testRows, testValue } from '../test/harness'

const fixture = integrationFixture()
let eva: string
let evaId: string
let amir: string
let amirId: string
let admin: string
beforeEach(async () => {
  const server = await fixture.start()
  evaId = (await createUser(server, { email: 'eva@kommun.se', name: 'Eva Ek' })).id
  amirId = (await createUser(server, { email: 'amir@kommun.se', name: 'Amir Haddad' })).id
  await createUser(server, { email: 'ada@kommun.se', name: 'Ada Admin', isAdmin: true })
  eva = await signIn(server, 'eva@kommun.se')
  amir = await signIn(server, 'amir@kommun.se')
  admin = await signIn(server, 'ada@kommun.se')
})

/** A first meeting convened by `cookie`: its id is also its SIP's (P1). */
async function createSip(cookie: string, overrides: Record<string, unknown> = {}) {
  const response = await api(fixture.server, 'POST', '/api/meetings', {
    cookie,
    body: meetingInput(overrides),
  })
  expect(response.status).toBe(201)
  const meeting = MeetingSchema.extend({ sipId: z.string() }).parse(response.body)
  return { sipId: meeting.sipId, meetingId: meeting.id, startsAt: meeting.startsAt }
}

const DEVIATION = {
  category: 'actor-absent',
  organisation: 'bup',
  organisationOther: '',
  description: 'BUP var kallade men kom inte och hade inte meddelat förhinder.',
  occurredOn: '2026-11-20',
  meetingId: '',
}

function record(cookie: string, sipId: string, body: Record<string, unknown>) {
  return api(fixture.server, 'POST', `/api/sips/${sipId}/deviations`, { cookie, body })
}

async function counts() {
  const count = async (table: string) =>
    (await testValue(fixture.server.app, `SELECT count(*) FROM ${table}`)) as number
  return { deviations: await count('deviations'), audit: await count('audit_log') }
}

interface AuditRow {
  action: string
  actor: string
  actorName: string | null
  meetingId: string | null
  sipId: string | null
}

/** The audit rows of `action`, oldest first. */
async function auditRows(action: string): Promise<AuditRow[]> {
  return (await testRows(
    fixture.server.app,
    `SELECT action, actor, actor_name AS "actorName", meeting_id AS "meetingId", sip_id AS "sipId"
       FROM audit_log WHERE action = ? ORDER BY id`,
    [action],
  )) as AuditRow[]
}

/** A file download: the raw bytes, not JSON. */
async function download(path: string, cookie?: string) {
  const response = await fetch(`${fixture.server.url}${path}`, {
    headers: cookie ? { Cookie: cookie } : {},
  })
  const bytes = Buffer.from(await response.arrayBuffer())
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') }
}

/** The CSV's rows (after the BOM), split on CRLF; quoted fields here hold no line break. */
function csvRows(text: string): string[] {
  return text.slice(1).split('\r\n')
}

describe('P11: recording a deviation on a SIP', () => {
  it('P11: the convener records one on the SIP and one on its meeting; who and when are the server’s', async () => {
    const { sipId, meetingId } = await createSip(eva)
    const before = Date.now()
    const onSip = await record(eva, sipId, DEVIATION)
    expect(onSip.status).toBe(201)
    const deviation = DeviationSchema.parse(onSip.body)
    expect(deviation).toMatchObject({
      sipId,
      meetingId: null,
      category: 'actor-absent',
      organisation: 'bup',
      description: DEVIATION.description,
      occurredOn: '2026-11-20',
      recordedBy: 'Eva Ek',
    })
    expect(Date.parse(deviation.recordedAt)).toBeGreaterThanOrEqual(before)

    // Whatever a client says about who recorded it is not read.
    const onMeeting = await record(eva, sipId, {
      ...DEVIATION,
      category: 'late-invitation',
      organisation: 'annan',
      organisationOther: 'Fritidsgården',
      description: '  Kallelsen skickades två veckor före mötet.  ',
      occurredOn: '2026-11-21',
      meetingId,
      recordedBy: 'Någon annan',
    })
    expect(onMeeting.status).toBe(201)
    expect(onMeeting.body).toMatchObject({
      meetingId,
      organisationOther: 'Fritidsgården',
      description: 'Kallelsen skickades två veckor före mötet.',
      recordedBy: 'Eva Ek',
    })
    const stored = await testRows(
      fixture.server.app,
      'SELECT recorded_by_user_id AS "userId", recorded_by_name AS name FROM deviations',
    )
    expect(stored).toEqual([
      { userId: evaId, name: 'Eva Ek' },
      { userId: evaId, name: 'Eva Ek' },
    ])

    const listed = await api<unknown[]>(fixture.server, 'GET', `/api/sips/${sipId}/deviations`, {
      cookie: eva,
    })
    expect(listed.status).toBe(200)
    const list = z.array(DeviationSchema).parse(listed.body)
    // Newest date first.
    expect(list.map((d) => d.category)).toEqual(['late-invitation', 'actor-absent'])
  })

  it('P4: the SIP’s current huvudansvarig with an account records too, without having convened it', async () => {
    const { sipId } = await createSip(eva)
    await fixture.server.app.stores.sips.addResponsible(
      sipId,
      {
        organisation: 'elevhalsa',
        organisationOther: '',
        function: 'kurator',
        name: 'Amir Haddad',
        userId: amirId,
        fromDate: '2026-11-01',
        meetingId: null,
      },
      { userId: evaId, name: 'Eva Ek' },
    )
    const response = await record(amir, sipId, DEVIATION)
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ recordedBy: 'Amir Haddad' })
  })

  it('P11: a closed SIP still takes deviations – they are often noticed afterwards', async () => {
    const { sipId } = await createSip(eva)
    const closed = await fixture.server.app.stores.sips.close(
      sipId,
      { closedOn: '2026-11-28', reason: 'no-new-needs', note: '' },
      { userId: evaId, name: 'Eva Ek' },
    )
    expect(closed).toBe(true)
    const response = await record(eva, sipId, { ...DEVIATION, category: 'not-signed' })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ sipId, category: 'not-signed' })
  })

  it('P11: bad input is 400 naming the field in Swedish, and nothing is written', async () => {
    const { sipId } = await createSip(eva)
    const other = await createSip(eva, { childName: 'Noah' })
    const nextYear = `${new Date().getUTCFullYear() + 1}-01-01`
    const before = await counts()
    const cases: [Record<string, unknown>, string, string][] = [
      [{ category: undefined }, 'category', 'Kategori måste fyllas i.'],
      [{ category: 'late' }, 'category', 'Kategori har ett värde som inte finns i listan.'],
      [{ organisation: undefined }, 'organisation', 'Verksamhet måste fyllas i.'],
      [{ organisation: 'annan' }, 'organisationOther', 'Verksamhet (fritext) måste fyllas i.'],
      [{ description: '' }, 'description', 'Beskrivning måste fyllas i.'],
      [{ description: '   ' }, 'description', 'Beskrivning måste fyllas i.'],
      [
        { description: 'x'.repeat(MAX_DEVIATION_CHARS + 1) },
        'description',
        `Beskrivning är för lång (högst ${MAX_DEVIATION_CHARS} tecken).`,
      ],
      [{ occurredOn: undefined }, 'occurredOn', 'Datum måste fyllas i.'],
      [{ occurredOn: '20 november' }, 'occurredOn', 'Datum måste vara ett datum (ÅÅÅÅ-MM-DD).'],
      // Tomorrow has not come yet (an ISO date a year ahead is after today in every time zone).
      [{ occurredOn: nextYear }, 'occurredOn', 'Datum kan inte vara ett datum som inte har kommit än.'],
      [{ meetingId: 'no-such-meeting' }, 'meetingId', 'Möte har ett värde som inte finns i listan.'],
      // A meeting of another SIP, even one the same staff member convened.
      [{ meetingId: other.meetingId }, 'meetingId', 'Möte har ett värde som inte finns i listan.'],
    ]
    for (const [overrides, field, message] of cases) {
      const response = await record(eva, sipId, { ...DEVIATION, ...overrides })
      expect(response.status, JSON.stringify(overrides).slice(0, 80)).toBe(400)
      expect(response.body).toMatchObject({ error: 'validation', field, message })
    }
    // A description of exactly the limit is fine (below), and English is there for English screens.
    const english = await api(fixture.server, 'POST', `/api/sips/${sipId}/deviations`, {
      cookie: eva,
      body: { ...DEVIATION, category: undefined },
      headers: { 'Accept-Language': 'en' },
    })
    expect(english.body).toMatchObject({ field: 'category', message: 'Category is required.' })
    const empty = await api<{ field: string }>(fixture.server, 'POST', `/api/sips/${sipId}/deviations`, {
      cookie: eva,
    })
    expect(empty.status).toBe(400)
    expect(empty.body.field).toBe('category')
    expect(await counts()).toEqual(before)

    const longest = await record(eva, sipId, { ...DEVIATION, description: 'x'.repeat(MAX_DEVIATION_CHARS) })
    expect(longest.status).toBe(201)
  })
})

describe('P4: only staff who see the SIP reach its deviations', () => {
  it('P4: another staff member, an administrator included, gets 404 on every SIP route and nothing is written', async () => {
    const { sipId } = await createSip(eva)
    expect((await record(eva, sipId, DEVIATION)).status).toBe(201)
    const before = await counts()
    for (const cookie of [amir, admin]) {
      expect((await record(cookie, sipId, DEVIATION)).status).toBe(404)
      // Even bad input: who is asking comes first, so the answer tells nothing about the SIP.
      expect((await record(cookie, sipId, {})).status).toBe(404)
      const list = await api(fixture.server, 'GET', `/api/sips/${sipId}/deviations`, { cookie })
      expect(list.status).toBe(404)
      expect(list.body).toEqual({ error: 'not-found' })
      expect((await download(`/api/sips/${sipId}/deviations.csv`, cookie)).status).toBe(404)
    }
    // A SIP that does not exist answers the same.
    expect((await record(eva, 'no-such-sip', DEVIATION)).status).toBe(404)
    expect(await counts()).toEqual(before)

    // Without signing in: 401.
    expect((await record('', sipId, DEVIATION)).status).toBe(401)
    expect((await api(fixture.server, 'GET', `/api/sips/${sipId}/deviations`)).status).toBe(401)
    expect((await download(`/api/sips/${sipId}/deviations.csv`)).status).toBe(401)
  })
})

describe('P11: the CSV export', () => {
  it('P11: the SIP’s deviations as CSV – BOM, semicolons, CRLF, Swedish headers and words, a file to save', async () => {
    const { sipId, meetingId, startsAt } = await createSip(eva)
    await record(eva, sipId, { ...DEVIATION, occurredOn: '2026-11-20' })
    await record(eva, sipId, {
      ...DEVIATION,
      category: 'not-signed',
      organisation: 'socialtjanst',
      organisationOther: 'Barn och unga',
      description: '=HYPERLINK("http://x.example"); "två" rader\nandra raden',
      occurredOn: '2026-11-25',
      meetingId,
    })

    const before = Date.now()
    const response = await download(`/api/sips/${sipId}/deviations.csv`, eva)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const disposition = response.headers.get('content-disposition') ?? ''
    expect(disposition).toMatch(/^attachment; filename="avvikelser-\d{4}-\d{2}-\d{2}\.csv"$/)
    const dayOf = (ms: number) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(ms))
    // The day it was exported, in Swedish time (the request began on `before`, ended now).
    expect([dayOf(before), dayOf(Date.now())]).toContain(/avvikelser-([\d-]+)\.csv/.exec(disposition)?.[1])
    expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])

    const meetingDay = dayOf(Date.parse(startsAt))
    const [header, ...rows] = response.text.slice(1).split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    expect(header).toBe('Datum;Kategori;Organisation;Beskrivning;Möte;Registrerad av;Registrerad')
    expect(rows.at(-1)).toBe('')
    expect(rows).toHaveLength(3)
    // The last column is when it was recorded: "2026-11-29 14:05", Swedish time.
    expect(rows[0]!.slice(0, -16)).toBe(
      `2026-11-25;Protokollet skrevs inte under;Socialtjänst (Barn och unga);` +
        `"'=HYPERLINK(""http://x.example""); ""två"" rader\nandra raden";` +
        `Första möte ${meetingDay};Eva Ek;`,
    )
    expect(rows[0]!.slice(-16)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    expect(rows[1]).toMatch(
      /^2026-11-20;En kallad aktör kom inte;BUP;BUP var kallade men kom inte och hade inte meddelat förhinder\.;Hela SIP:en;Eva Ek;\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    )
    // Every row ends with CRLF; no bare LF outside a quoted field.
    expect(response.text.endsWith('\r\n')).toBe(true)
  })
})

describe('P11: every deviation of the installation, for administrators', () => {
  it('P11: administrators list and export every SIP’s deviations – the rows only, never the child', async () => {
    const elsa = await createSip(eva, { childName: 'Elsa' })
    const noah = await createSip(amir, { childName: 'Noah' })
    await record(eva, elsa.sipId, DEVIATION)
    await record(amir, noah.sipId, { ...DEVIATION, category: 'meeting-late', occurredOn: '2026-11-22' })

    const listed = await api(fixture.server, 'GET', '/api/deviations', { cookie: admin })
    expect(listed.status).toBe(200)
    const list = z.array(InstallationDeviationSchema.strict()).parse(listed.body)
    expect(list.map((d) => [d.category, d.recordedBy])).toEqual([
      ['meeting-late', 'Amir Haddad'],
      ['actor-absent', 'Eva Ek'],
    ])
    const json = JSON.stringify(listed.body)
    expect(json).not.toContain('Elsa')
    expect(json).not.toContain('Noah')
    // No SIP or meeting id: from those an administrator could reach the child (the meeting's
    // audit log names it).
    for (const row of listed.body as Record<string, unknown>[]) {
      expect(row).not.toHaveProperty('sipId')
      expect(row).not.toHaveProperty('meetingId')
    }

    const csv = await download('/api/deviations.csv', admin)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = csvRows(csv.text)
    expect(rows[0]).toBe('Datum;Kategori;Organisation;Beskrivning;Möte;Registrerad av;Registrerad')
    expect(rows.slice(1, 3).map((row) => row.split(';').slice(0, 2).join(';'))).toEqual([
      '2026-11-22;Mötet hölls inte inom tre veckor från att behovet blev känt',
      '2026-11-20;En kallad aktör kom inte',
    ])
    expect(csv.text).not.toContain('Elsa')
    expect(csv.text).not.toContain('Noah')
  })

  it('P11: staff who are not administrators get 403, without signing in 401', async () => {
    await record(eva, (await createSip(eva)).sipId, DEVIATION)
    const before = await counts()
    expect((await api(fixture.server, 'GET', '/api/deviations', { cookie: eva })).status).toBe(403)
    expect((await download('/api/deviations.csv', eva)).status).toBe(403)
    expect((await api(fixture.server, 'GET', '/api/deviations')).status).toBe(401)
    expect((await download('/api/deviations.csv')).status).toBe(401)
    expect(await counts()).toEqual(before)
  })
})

describe('P12: every read and write of deviations is audited', () => {
  it('P12: recorded (with the SIP and its meeting), read and exported, per SIP and for the installation', async () => {
    const { sipId, meetingId } = await createSip(eva)
    await record(eva, sipId, DEVIATION)
    await record(eva, sipId, { ...DEVIATION, meetingId })
    await api(fixture.server, 'GET', `/api/sips/${sipId}/deviations`, { cookie: eva })
    await download(`/api/sips/${sipId}/deviations.csv`, eva)
    await api(fixture.server, 'GET', '/api/deviations', { cookie: admin })
    await download('/api/deviations.csv', admin)

    const eve = { actor: `staff:${evaId}`, actorName: 'Eva Ek' }
    expect(await auditRows('deviation.recorded')).toEqual([
      { action: 'deviation.recorded', ...eve, sipId, meetingId: null },
      { action: 'deviation.recorded', ...eve, sipId, meetingId },
    ])
    const ada = { actorName: 'Ada Admin', sipId: null, meetingId: null }
    expect(await auditRows('deviations.read')).toEqual([
      { action: 'deviations.read', ...eve, sipId, meetingId: null },
      { action: 'deviations.read', actor: expect.stringMatching(/^staff:/), ...ada },
    ])
    expect(await auditRows('deviations.exported')).toEqual([
      { action: 'deviations.exported', ...eve, sipId, meetingId: null },
      { action: 'deviations.exported', actor: expect.stringMatching(/^staff:/), ...ada },
    ])
    // A deviation on a meeting, and one on its SIP as a whole, are in that meeting's audit log,
    // which administrators read.
    const log = await api<{ entries: { action: string }[] }>(
      fixture.server,
      'GET',
      `/api/meetings/${meetingId}/audit`,
      { cookie: admin },
    )
    expect(log.body.entries.filter((e) => e.action === 'deviation.recorded')).toHaveLength(2)
  })

  it('P12: refused requests write no audit row', async () => {
    const { sipId } = await createSip(eva)
    const before = await counts()
    await record(eva, sipId, { ...DEVIATION, category: undefined })
    await record(amir, sipId, DEVIATION)
    await api(fixture.server, 'GET', `/api/sips/${sipId}/deviations`, { cookie: amir })
    await api(fixture.server, 'GET', '/api/deviations', { cookie: eva })
    expect(await counts()).toEqual(before)
  })
})
