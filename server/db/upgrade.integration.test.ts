import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MeetingSchema } from '../../shared/schemas/meeting'
import { SessionResponseSchema } from '../../shared/schemas/session'
import { VerifyResultSchema } from '../../shared/schemas/signoff'
import { SipSchema, SipSummarySchema } from '../../shared/schemas/sip'
import { testEngine } from '../test/engine-access'
import { integrationFixture } from '../test/fixture'
import { api, signIn, tempDataDir } from '../test/harness'
import { pdfText } from '../test/pdf-text'
import { MIGRATIONS } from './migrations'

/**
 * P1: a database written by the code of schema 7 (server/test/fixtures/schema-v7, written through
 * the API at commit fd1cb10) upgrades and everything in it still works: sign-in, the meetings,
 * their consent, the signed version verifies, the protocol downloads, the links open.
 */

const FIXTURE = path.join(import.meta.dirname, '../test/fixtures/schema-v7')
const fixtureData = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'fixture.json'), 'utf8')) as {
  schemaVersion: number
  convener: { email: string; password: string }
  versionHash: string
  finalized: { id: string; people: Record<string, { id: string; token: string }> }
  planned: { id: string; people: Record<string, { id: string; token: string }> }
}

const fixture = integrationFixture()

async function upgraded() {
  const dataDir = tempDataDir()
  fs.copyFileSync(path.join(FIXTURE, 'sip-live.db'), path.join(dataDir, 'sip-live.db'))
  const server = await fixture.start(undefined, dataDir)
  const cookie = await signIn(server, fixtureData.convener.email, fixtureData.convener.password)
  return { server, cookie }
}

// SQLite only: the upgrade of an old SQLite file (PostgreSQL's migrations: server/db/postgres).
describe.skipIf(testEngine() === 'postgres')('P1: upgrading a schema-7 database', () => {
  it('P1: every meeting becomes the first meeting of a SIP of its own, consent and huvudansvarig with it', async () => {
    expect(fixtureData.schemaVersion).toBe(7)
    const { server, cookie } = await upgraded()
    expect(server.app.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)

    const list = await api<unknown[]>(server, 'GET', '/api/sips', { cookie })
    const sips = list.body.map((row) => SipSummarySchema.parse(row))
    expect(sips.map((s) => [s.id, s.childName, s.meetings]).sort()).toEqual(
      [
        [fixtureData.finalized.id, 'Elsa', 1],
        [fixtureData.planned.id, 'Noah', 1],
      ].sort(),
    )
    const elsa = SipSchema.parse(
      (await api(server, 'GET', `/api/sips/${fixtureData.finalized.id}`, { cookie })).body,
    )
    expect(elsa.consent).toMatchObject({ givenAt: '2026-01-10', withdrawal: null })
    expect(elsa.consent?.givenBy).toEqual([{ name: 'Sara', relation: 'guardian' }])
    expect(elsa.responsible).toMatchObject({
      name: 'Amir Haddad',
      function: 'kurator',
      fromDate: '2031-03-03',
    })
    expect(elsa.meetings).toMatchObject([
      { id: fixtureData.finalized.id, status: 'finalized', hasProtocol: true },
    ])
    expect(elsa.can.bookFollowUp).toBe(true)
    expect(elsa.nextFollowUp).toEqual({ date: '2031-05-05', meetingId: null })

    const noah = MeetingSchema.parse(
      (await api(server, 'GET', `/api/meetings/${fixtureData.planned.id}`, { cookie })).body,
    )
    expect(noah).toMatchObject({ sipId: fixtureData.planned.id, status: 'planned', previousMeetingId: null })
    expect(noah.consent?.scope).toBe('Samordning mellan skola och BUP.')
    expect(noah.participants).toHaveLength(5)
  })

  it('P1: the signed version still verifies, its protocol downloads, and the links still open their meetings', async () => {
    const { server } = await upgraded()
    const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } })
    const { finalized, planned } = fixtureData

    const verify = await api(
      server,
      'GET',
      `/api/meetings/${finalized.id}/plan/verify`,
      bearer(finalized.people.guardian!.token),
    )
    expect(verify.status).toBe(200)
    expect(VerifyResultSchema.parse(verify.body)).toMatchObject({
      hash: fixtureData.versionHash,
      jsonMatches: true,
      snapshotMatches: true,
    })

    const pdf = await fetch(
      `${server.url}/api/meetings/${finalized.id}/plan/protocol.pdf`,
      bearer(finalized.people.guardian!.token),
    )
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toContain('application/pdf')
    const { text } = await pdfText(new Uint8Array(await pdf.arrayBuffer()))
    expect(text).toContain('Elsa går till skolan fyra dagar i veckan')
    expect(text).toContain('Sara Öberg')
    // P2: the consent it was signed under, kept with the version by the upgrade.
    expect(text).toContain('Samordning mellan skola och BUP.')

    for (const [meeting, role] of [
      [finalized, 'guardian'],
      [planned, 'child'],
    ] as const) {
      const session = await api(server, 'GET', '/api/session', bearer(meeting.people[role]!.token))
      expect(session.status).toBe(200)
      expect(SessionResponseSchema.parse(session.body)).toMatchObject({
        meetingId: meeting.id,
        closure: null,
      })
    }
    // Schema 10: the finalized meeting's statistics facts, from its signed version.
    const { statistics } = server.app.stores
    expect(await statistics.meetingFacts(finalized.id)).toMatchObject({
      heldOn: '2031-03-03',
      type: 'first',
      followUpBooked: true,
      // The social worker took part remotely and did not sign.
      signedByAll: false,
      // Schema 11: the follow-up date, the first invitation's day and the consent date.
      followUpOn: '2031-05-05',
      // The day the fixture's invitations were issued, in Stockholm.
      invitedOn: '2026-11-29',
      consentOn: '2026-01-10',
    })
    expect(
      (await statistics.attendance(finalized.id)).map((f) => [
        f.organisation,
        f.status,
        f.signed,
        f.missingReason,
      ]),
    ).toEqual([
      ['skola', 'present', true, null],
      ['elevhalsa', 'present', true, null],
      // Schema 11: a missing signature finalized before reasons had categories counts as 'other'.
      ['socialtjanst', 'remote', false, 'other'],
      ['familj', 'present', true, null],
      ['familj', 'present', true, null],
    ])
    expect(await statistics.meetingFacts(planned.id)).toBeUndefined()

    const client = fixture.client(planned.id, planned.people.notetaker!.token)
    await new Promise<void>((resolve) => client.provider.once('sync', () => resolve()))
    expect(client.closeEvents).toEqual([])
  })
})
