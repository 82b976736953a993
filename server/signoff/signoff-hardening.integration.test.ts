import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canonicalStringify } from '../../shared/plan/canonical'
import { planParts } from '../../shared/plan/layout'
import { CloseCodes } from '../../shared/protocol'
import type { Role } from '../../shared/roles'
import { type MinutesDocument, MinutesDocumentSchema } from '../../shared/schemas/minutes'
import { type MeetingState, MeetingStateSchema, type VerifyResult } from '../../shared/schemas/signoff'
import { testEngine } from '../test/engine-access'
import { integrationFixture } from '../test/fixture'
import {
  api,
  createMeeting,
  failInserts,
  loadStoredDoc,
  type ServerOptions,
  synced,
  type TestClient,
  type TestMeeting,
  testRows,
  waitFor,
} from '../test/harness'
import { pdfText } from '../test/pdf-text'
import { planHash } from './versions'

/**
 * Sign-off hardening (issue 10): a damaged plan still locks and says what it left out (G13); the
 * server's facts in a signed protocol are the server's (G14); a version is bound to its meeting and
 * number (G1, G4, G9).
 */

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../..')

const fixture = integrationFixture()
let meeting: TestMeeting

const PURPOSE = 'Att planera stödet i skolan tillsammans'

async function start(options: ServerOptions = {}): Promise<void> {
  const server = await fixture.start(options)
  meeting = await createMeeting(server.app)
  await testRows(server.app, 'UPDATE meetings SET purpose = ? WHERE id = ?', [PURPOSE, meeting.id])
  await server.app.meetingService.writeRoster(meeting.id)
}

beforeEach(() => start())

const auth = (m: TestMeeting, role: Role) => ({
  headers: { Authorization: `Bearer ${m.people[role].token}` },
})

function post(action: string, role: Role, body: unknown = {}) {
  return api<MeetingState & { error?: string; field?: string }>(
    fixture.server,
    'POST',
    `/api/meetings/${meeting.id}/plan/${action}`,
    { ...auth(meeting, role), body },
  )
}

async function verify(m: TestMeeting, version = 1): Promise<VerifyResult> {
  const response = await api<VerifyResult>(
    fixture.server,
    'GET',
    `/api/meetings/${m.id}/plan/verify?version=${version}`,
    auth(m, 'guardian'),
  )
  expect(response.status).toBe(200)
  return response.body
}

async function protocolJson(): Promise<MinutesDocument> {
  const response = await api(
    fixture.server,
    'GET',
    `/api/meetings/${meeting.id}/plan/protocol`,
    auth(meeting, 'guardian'),
  )
  expect(response.status).toBe(200)
  return MinutesDocumentSchema.parse(response.body)
}

async function protocolPdfText(): Promise<string> {
  const response = await fetch(
    `${fixture.server.url}/api/meetings/${meeting.id}/plan/protocol.pdf`,
    auth(meeting, 'guardian'),
  )
  expect(response.status).toBe(200)
  return (await pdfText(new Uint8Array(await response.arrayBuffer()))).text.replace(/\s+/g, ' ')
}

async function writer(role: Role = 'notetaker'): Promise<TestClient> {
  const c = fixture.client(meeting.id, meeting.people[role].token)
  await synced(c)
  return c
}

/** The plan as stored now: what is pending is stored first (on SQLite the store runs at the call). */
async function stored(): Promise<Y.Doc> {
  await fixture.server.app.sync.flush()
  return await loadStoredDoc(fixture.server.app, meeting.id)
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  return p
}

function goal(fields: Record<string, string | boolean>): Y.Map<string | boolean> {
  const map = new Y.Map<string | boolean>()
  for (const [k, v] of Object.entries(fields)) map.set(k, v)
  return map
}

describe('G13: a plan a writer damaged still locks, and says what it left out', () => {
  it('G13: wrong shapes in goals, participants, a field and a text part are skipped and listed for the chair; the version prints, verifies and unlocks', async () => {
    const notetaker = await writer()
    const parts = planParts(notetaker.doc)
    const badField = new Y.Map<string>()
    badField.set('x', 'y')
    notetaker.doc.transact(() => {
      parts.attendance.set(meeting.people.guardian.id, 'present')
      parts
        .text('needs')
        .insert(0, [paragraph('Stöd på morgnarna'), new Y.Map() as never, new Y.XmlHook('hook') as never])
      parts.goals.push([goal({ id: 'g1', kind: 'short', what: 'Elsa går till skolan', agreed: true })])
      parts.goals.push(['ett mål som text' as never])
      parts.goals.push([goal({ id: 'g3', kind: 'long', what: 'Elsa trivs', agreed: 'ja' as never })])
      parts.participants.set(meeting.people.child.id, 'bara text' as never)
      parts.participants.set('p-okänd', 7 as never)
      parts.responsible.set('name', badField as never)
      parts.followUp.set('place', 42 as never)
    })
    await waitFor(
      async () => planParts(await stored()).followUp.get('place') === (42 as never),
      'damage stored',
    )

    const locked = await post('lock', 'chair')
    expect(locked.status).toBe(201)
    const state = MeetingStateSchema.parse(locked.body)
    expect(state.status).toBe('locked')
    // The participants were the server's to write: they are repaired at lock, not skipped.
    expect(state.version?.skipped).toEqual([
      { part: 'needs', problem: 'not-rich-text' },
      { part: 'needs', problem: 'not-rich-text' },
      { part: 'goals', index: 1, problem: 'not-a-map' },
      { part: 'goals', index: 2, field: 'agreed', problem: 'wrong-type' },
      { part: 'responsible', field: 'name', problem: 'wrong-type' },
      { part: 'followUp', field: 'place', problem: 'wrong-type' },
    ])
    // Every connection (the chair's screen) gets the same list in the state.
    const fetched = await api<MeetingState>(
      fixture.server,
      'GET',
      `/api/meetings/${meeting.id}/plan/state`,
      auth(meeting, 'chair'),
    )
    expect(fetched.body.version?.skipped).toEqual(state.version?.skipped)

    const json = JSON.stringify(await protocolJson())
    expect(json).toContain('Stöd på morgnarna')
    expect(json).toContain('Elsa går till skolan')
    expect(json).toContain('Elsa trivs')
    const pdf = await protocolPdfText()
    expect(pdf).toContain('Elsa går till skolan')
    expect(await verify(meeting)).toMatchObject({ ok: true, jsonMatches: true, snapshotMatches: true })

    const unlocked = await post('unlock', 'chair', { reason: 'Rätta målen' })
    expect(unlocked.status).toBe(200)
    expect(unlocked.body.status).toBe('open')
    const chair = await writer('chair')
    planParts(chair.doc).followUp.set('place', 'Rum 4')
    await waitFor(
      async () => planParts(await stored()).followUp.get('place') === 'Rum 4',
      'edit stored after unlock',
    )
    expect(chair.closeEvents).toEqual([])
  })

  it('G1: a lock that fails after the room was frozen undoes itself: the room takes edits again and the next lock works', async () => {
    const notetaker = await writer()
    const failing = await failInserts(fixture.server.app, 'plan_versions', 'disk full')
    expect((await post('lock', 'chair')).status).toBe(500)
    const state = await api<MeetingState>(
      fixture.server,
      'GET',
      `/api/meetings/${meeting.id}/plan/state`,
      auth(meeting, 'chair'),
    )
    expect(state.body.status).toBe('open')
    planParts(notetaker.doc).responsible.set('name', 'Kurt Kvist')
    await waitFor(
      async () => planParts(await stored()).responsible.get('name') === 'Kurt Kvist',
      'edit stored',
    )
    expect(notetaker.closeEvents.some((e) => e.code === CloseCodes.planLocked.code)).toBe(false)
    await failing.release()
    expect((await post('lock', 'chair')).status).toBe(201)
  })
})

describe('G14: the set-up and the participants in a signed protocol are the server’s', () => {
  it('G14: a writer’s forged child name, purpose, guardian and organisation are replaced at lock; the protocol shows the real ones', async () => {
    // The live correction is switched off here, so the forgery is still in the plan at the lock.
    await start({ sync: { onRoomLoaded: () => {} } })
    const notetaker = await writer()
    const parts = planParts(notetaker.doc)
    await waitFor(() => parts.setup.get('childName') === 'Elsa', 'roster synced')
    notetaker.doc.transact(() => {
      parts.setup.set('childName', 'FALSKT')
      parts.setup.set('purpose', 'Ett falskt syfte')
      parts.setup.set('hemligt', 'främmande nyckel')
      const fake = new Y.Map<string>()
      for (const [k, v] of Object.entries({
        name: 'Falsk Förälder',
        role: 'guardian',
        organisation: 'familj',
      }))
        fake.set(k, v)
      parts.participants.set('p-falsk', fake)
      parts.participants.get(meeting.people.participant.id)!.set('organisation', 'Polisen')
      parts.participants.get(meeting.people.participant.id)!.set('extra', 'främmande')
      parts.attendance.set(meeting.people.guardian.id, 'present')
    })
    await waitFor(async () => planParts(await stored()).setup.get('childName') === 'FALSKT', 'forgery stored')

    expect((await post('lock', 'chair')).status).toBe(201)
    for (const text of [JSON.stringify(await protocolJson()), await protocolPdfText()]) {
      for (const forged of ['FALSKT', 'Ett falskt syfte', 'Falsk Förälder', 'Polisen'])
        expect(text).not.toContain(forged)
      expect(text).toContain(PURPOSE)
      expect(text).toContain('Lena Berg')
      expect(text).toContain('Sara')
    }
    const version = (await fixture.server.app.stores.signoff.active(meeting.id))!
    const plan = JSON.parse(version.canonicalJson)
    expect(plan.setup.childName).toBe('Elsa')
    expect(plan.participants['p-falsk']).toBeUndefined()
    expect(plan.participants[meeting.people.participant.id].organisation).toBe('socialtjanst')
    // What is stored is the repaired document: no foreign key survives in it either.
    const doc = await stored()
    expect(planParts(doc).setup.has('hemligt')).toBe(false)
    expect([...planParts(doc).participants.get(meeting.people.participant.id)!.keys()].sort()).toEqual([
      'function',
      'name',
      'organisation',
      'role',
    ])
    expect(await verify(meeting)).toMatchObject({ ok: true })
  })
})

describe('G14: the set-up and the participants stay the server’s while the plan is open', () => {
  it('G14: a writer’s change to them is undone from the database at once, for everyone', async () => {
    const notetaker = await writer()
    const guardian = await writer('guardian')
    const parts = planParts(notetaker.doc)
    const lena = meeting.people.participant.id
    await waitFor(() => parts.setup.get('childName') === 'Elsa', 'roster synced')
    notetaker.doc.transact(() => {
      parts.setup.set('childName', 'FALSKT')
      parts.setup.set('hemligt', 'främmande nyckel')
      parts.participants.set('p-falsk', new Y.Map<string>())
      parts.participants.get(lena)!.set('organisation', 'Polisen')
      parts.attendance.set(lena, 'present')
    })
    await waitFor(async () => planParts(await stored()).attendance.get(lena) === 'present', 'forgery arrived')
    // The correction is stored in the same flush as the forgery.
    const doc = planParts(await stored())
    expect(doc.setup.get('childName')).toBe('Elsa')
    expect(doc.setup.has('hemligt')).toBe(false)
    expect(doc.participants.has('p-falsk')).toBe(false)
    expect(doc.participants.get(lena)?.get('organisation')).toBe('socialtjanst')
    for (const screen of [notetaker, guardian]) {
      const plan = planParts(screen.doc)
      await waitFor(
        () =>
          plan.setup.get('childName') === 'Elsa' &&
          !plan.participants.has('p-falsk') &&
          plan.participants.get(lena)?.get('organisation') === 'socialtjanst',
        'forgery undone on every screen',
      )
    }
    // The server's own roster writes are not taken for a writer's.
    await testRows(fixture.server.app, "UPDATE meetings SET child_name = 'Elsa B.' WHERE id = ?", [
      meeting.id,
    ])
    await fixture.server.app.meetingService.writeRoster(meeting.id)
    await waitFor(() => planParts(guardian.doc).setup.get('childName') === 'Elsa B.', 'roster change')
  })
})

describe('G1, G4, G9: a version is bound to its meeting and its number', () => {
  it('G9: a version row copied from another meeting does not verify for the meeting it was copied into (API and CLI)', async () => {
    await writer()
    expect((await post('lock', 'chair')).status).toBe(201)
    expect(await verify(meeting)).toMatchObject({ ok: true, meetingId: meeting.id })

    const other = await createMeeting(fixture.server.app)
    await testRows(
      fixture.server.app,
      `INSERT INTO plan_versions (meeting_id, number, hash, canonical_json, snapshot, locked_at, locked_by)
       SELECT ?, number, hash, canonical_json, snapshot, locked_at, locked_by FROM plan_versions WHERE meeting_id = ?`,
      [other.id, meeting.id],
    )
    expect(await verify(other)).toMatchObject({ meetingId: other.id, snapshotMatches: false, ok: false })
    expect(await verify(meeting)).toMatchObject({ ok: true, bound: true })

    // The CLI works on the SQLite file of SIP_DATA_DIR: on PostgreSQL the API's answer is the check.
    if (testEngine() === 'postgres') return
    const cli = run(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', 'verify', '--meeting', other.id, '--json'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          SIP_DATA_DIR: fixture.server.dataDir,
          SIP_PUBLIC_URL: 'http://127.0.0.1:9999',
        },
      },
    )
    await expect(cli).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('"ok": false') })
  })

  it('G4: relocking an unchanged plan makes a new hash; a signing request for the void version gets 409', async () => {
    await writer()
    const first = MeetingStateSchema.parse((await post('lock', 'chair')).body)
    expect((await post('unlock', 'chair', { reason: 'Fel ordning' })).status).toBe(200)
    const second = MeetingStateSchema.parse((await post('lock', 'chair')).body)
    expect(second.version?.number).toBe(2)
    expect(second.version?.hash).not.toBe(first.version?.hash)
    const body = { versionHash: first.version!.hash, confirm: true, typedName: 'Sara' }
    const stale = await post('sign', 'guardian', body)
    expect(stale.status).toBe(409)
    expect(stale.body.error).toBe('version-not-current')
    expect((await post('sign', 'guardian', { ...body, versionHash: second.version!.hash })).status).toBe(201)
    expect(await verify(meeting, 1)).toMatchObject({ ok: true, bound: true })
    expect(await verify(meeting, 2)).toMatchObject({ ok: true, bound: true })
  })

  it('G9: a version locked before the binding (its JSON has no meetingId or version) still verifies, as not bound', async () => {
    const notetaker = await writer()
    // Before G13, a value of the wrong type was kept in the canonical JSON as it was.
    planParts(notetaker.doc).responsible.set('name', 42 as never)
    await waitFor(async () => planParts(await stored()).responsible.get('name') === (42 as never), 'stored')
    expect((await post('lock', 'chair')).status).toBe(201)
    const row = (await fixture.server.app.stores.signoff.active(meeting.id))!
    const { meetingId: _, version: __, ...plan } = JSON.parse(row.canonicalJson)
    plan.responsible.name = 42
    const legacy = canonicalStringify(plan)
    await testRows(fixture.server.app, 'UPDATE plan_versions SET canonical_json = ?, hash = ? WHERE id = ?', [
      legacy,
      planHash(legacy),
      row.id,
    ])
    expect(await verify(meeting)).toMatchObject({
      ok: true,
      jsonMatches: true,
      snapshotMatches: true,
      bound: false,
    })
  })
})
