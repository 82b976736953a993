import { beforeEach, describe, expect, it } from 'vitest'
import { stockholmDay } from '../../shared/dates'
import type { Role } from '../../shared/roles'
import { type ClosureNotice, ClosureNoticeSchema } from '../../shared/schemas/closure-notice'
import { type SessionResponse, SessionResponseSchema } from '../../shared/schemas/session'
import type { CloseReason } from '../../shared/schemas/sip'
import { integrationFixture } from '../test/fixture'
import {
  api,
  createMeeting,
  createUser,
  signIn,
  type TestMeeting,
  type TestServer,
  testRows,
} from '../test/harness'
import { pdfText } from '../test/pdf-text'
import { convenedMeeting } from '../test/sip-meetings'

/**
 * P9, P10: once a SIP is closed, every participant's link opens the closure notice – the blocks
 * the screen shows and the same words as a PDF – with the installation's text and who was
 * huvudansvarig. Before that there is no notice (409 `sip-active`). Each read is audited (P12).
 */

const fixture = integrationFixture()
let server: TestServer
let meeting: TestMeeting

beforeEach(async () => {
  server = await fixture.start()
  meeting = await createMeeting(server.app)
})

const bearer = (role: Role) => ({ headers: { Authorization: `Bearer ${meeting.people[role].token}` } })

/** Closes the meeting's SIP through the store, as the close route will (its own tests are the lead's). */
async function closeSip(reason: CloseReason = 'consent-withdrawn', closedOn = '2027-05-12'): Promise<void> {
  const { sips } = server.app.stores
  await server.app.storage.transaction(async () => {
    await sips.addResponsible(
      meeting.id,
      {
        organisation: 'elevhalsa',
        organisationOther: '',
        function: 'kurator',
        name: 'Amir Haddad',
        userId: null,
        fromDate: '2026-12-14',
        meetingId: null,
      },
      { userId: null, name: 'Test' },
    )
    await sips.close(
      meeting.id,
      { closedOn, reason, note: 'Intern anteckning om avslutet' },
      { userId: null, name: 'Test' },
    )
  })
}

async function noticeReads(): Promise<{ actor: string; meetingId: string; sipId: string }[]> {
  return (await testRows(
    server.app,
    `SELECT actor, meeting_id AS "meetingId", sip_id AS "sipId" FROM audit_log WHERE action = 'closure-notice.read'`,
  )) as { actor: string; meetingId: string; sipId: string }[]
}

const words = (blocks: ClosureNotice['blocks']) => blocks.map((b) => b.text).join('\n')

describe('P9: the participant link of a closed SIP', () => {
  it('P9: GET /api/session says the SIP is closed – from when and why – and is null while it is active', async () => {
    const before = await api<SessionResponse>(server, 'GET', '/api/session', bearer('guardian'))
    expect(before.body.closure).toBeNull()
    await closeSip('no-joint-support', '2027-05-12')
    for (const role of ['guardian', 'child', 'participant', 'chair'] as const) {
      const after = await api<SessionResponse>(server, 'GET', '/api/session', bearer(role))
      expect(SessionResponseSchema.parse(after.body).closure).toEqual({
        closedOn: '2027-05-12',
        reason: 'no-joint-support',
      })
    }
  })

  it('P9: while the SIP is active there is no notice: 409 sip-active, for the blocks and the PDF, and nothing is audited', async () => {
    for (const path of ['/api/session/closure-notice', '/api/session/closure-notice.pdf']) {
      const refused = await api<{ error: string }>(server, 'GET', path, bearer('guardian'))
      expect(refused.status).toBe(409)
      expect(refused.body.error).toBe('sip-active')
    }
    expect(await noticeReads()).toEqual([])
  })

  it('P10: the guardian, the child and a professional each read the notice in plain Swedish – with the installation’s text and who was huvudansvarig', async () => {
    const admin = await createUser(server, { email: 'admin@notice.test', isAdmin: true })
    const cookie = await signIn(server, admin.email)
    const help = {
      sv: 'Ring elevhälsan på 08-123 45 67.',
      en: 'Call the student health team on 08-123 45 67.',
    }
    expect((await api(server, 'PUT', '/api/settings/closure-help', { cookie, body: help })).status).toBe(200)
    await closeSip()
    for (const role of ['guardian', 'child', 'participant'] as const) {
      const read = await api<ClosureNotice>(server, 'GET', '/api/session/closure-notice', bearer(role))
      expect(read.status).toBe(200)
      const notice = ClosureNoticeSchema.parse(read.body)
      expect(notice.title).toBe('SIP:en för Elsa är avslutad')
      const text = words(notice.blocks)
      expect(text).toContain(
        'Från och med 12 maj 2027 gäller inte längre den samordnade individuella planen (SIP) för Elsa.',
      )
      expect(text).toContain('Ni har tagit tillbaka ert samtycke till samordningen.')
      expect(text).toContain('Ring elevhälsan på 08-123 45 67.')
      expect(text).toContain('Amir Haddad (kurator, Elevhälsa)')
      // The closure's free-text note is the staff's, not the family's.
      expect(text).not.toContain('Intern anteckning')
    }
    const english = await api<ClosureNotice>(
      server,
      'GET',
      '/api/session/closure-notice?lang=en',
      bearer('guardian'),
    )
    expect(english.body.title).toBe('The SIP for Elsa has ended')
    expect(words(english.body.blocks)).toContain('Call the student health team on 08-123 45 67.')
    expect(words(english.body.blocks)).toContain('(kurator, Student health)')
  })

  it('P10: the PDF says the same words, as an attachment named by the date only', async () => {
    await closeSip()
    const response = await fetch(`${server.url}/api/session/closure-notice.pdf?lang=sv`, bearer('guardian'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="SIP-avslut-2027-05-12.pdf"',
    )
    const { text } = await pdfText(new Uint8Array(await response.arrayBuffer()))
    const read = text.replace(/\s+/g, ' ')
    expect(read).toContain('SIP:en för Elsa är avslutad')
    expect(read).toContain('Från och med 12 maj 2027 gäller inte längre')
    expect(read).toContain('Alla kan ta initiativ till en ny SIP.')
    const english = await fetch(`${server.url}/api/session/closure-notice.pdf?lang=en`, bearer('child'))
    expect(english.headers.get('content-disposition')).toBe(
      'attachment; filename="SIP-closure-2027-05-12.pdf"',
    )
    expect((await pdfText(new Uint8Array(await english.arrayBuffer()))).text).toContain(
      'The SIP for Elsa has ended',
    )
  })

  it('P12: each read – on screen or as PDF – is audited as closure-notice.read with the meeting, the SIP and the reader', async () => {
    await closeSip()
    await api(server, 'GET', '/api/session/closure-notice', bearer('guardian'))
    await fetch(`${server.url}/api/session/closure-notice.pdf`, bearer('child'))
    expect(await noticeReads()).toEqual([
      { actor: `participant:${meeting.people.guardian.id}`, meetingId: meeting.id, sipId: meeting.id },
      { actor: `participant:${meeting.people.child.id}`, meetingId: meeting.id, sipId: meeting.id },
    ])
  })

  it('P9: no link, or a language the notice is not written in: refused before anything is read', async () => {
    await closeSip()
    expect((await api(server, 'GET', '/api/session/closure-notice')).status).toBe(401)
    expect((await api(server, 'GET', '/api/session/closure-notice.pdf')).status).toBe(401)
    const wrong = await api<{ error: string; field: string }>(
      server,
      'GET',
      '/api/session/closure-notice?lang=de',
      bearer('guardian'),
    )
    expect({ status: wrong.status, field: wrong.body.field }).toEqual({ status: 400, field: 'lang' })
    expect(await noticeReads()).toEqual([])
  })

  it('P10: a SIP closed without a huvudansvarig leaves that part out', async () => {
    await server.app.storage.transaction(() =>
      server.app.stores.sips.close(
        meeting.id,
        { closedOn: '2027-05-12', reason: 'no-new-needs', note: '' },
        { userId: null, name: 'Test' },
      ),
    )
    const read = await api<ClosureNotice>(server, 'GET', '/api/session/closure-notice', bearer('guardian'))
    expect(read.body.blocks.map((b) => b.text)).not.toContain('Huvudansvarig')
    expect(words(read.body.blocks)).toContain('Vi som har arbetat med SIP:en tror inte att Elsa')
  })
})

describe('P9: closed through the close route', () => {
  it('P9: consent withdrawn: the meeting not held is cancelled, and the guardian’s link opens the notice saying so', async () => {
    await createUser(server, { email: 'amir@notice.test', name: 'Amir Haddad' })
    const amir = await signIn(server, 'amir@notice.test')
    const convened = await convenedMeeting(server, amir)
    const today = stockholmDay(Date.now())
    const closed = await api(server, 'POST', `/api/sips/${convened.sipId}/close`, {
      cookie: amir,
      body: { reason: 'consent-withdrawn', closedOn: today, withdrawnBy: 'Sara' },
    })
    expect(closed.status).toBe(200)

    const guardian = { headers: { Authorization: `Bearer ${convened.people.guardian.token}` } }
    const session = SessionResponseSchema.parse((await api(server, 'GET', '/api/session', guardian)).body)
    expect(session.closure).toEqual({ closedOn: today, reason: 'consent-withdrawn' })
    expect(session.meeting.status).toBe('cancelled')
    const notice = await api<ClosureNotice>(server, 'GET', '/api/session/closure-notice', guardian)
    expect(notice.status).toBe(200)
    expect(words(notice.body.blocks)).toContain('Ni har tagit tillbaka ert samtycke till samordningen.')
    const pdf = await fetch(`${server.url}/api/session/closure-notice.pdf`, guardian)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="SIP-avslut-${today}.pdf"`)
  })
})
