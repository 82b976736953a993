import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import type { Role } from '../../shared/roles'
import { type MinutesDocument, MinutesDocumentSchema } from '../../shared/schemas/minutes'
import { type MeetingState, MeetingStateSchema } from '../../shared/schemas/signoff'
import {
  api,
  createMeeting,
  loadStoredDoc,
  synced,
  type TestClient,
  type TestMeeting,
  testRows,
  waitFor,
} from '../test/harness'
import { pdfStructure, pdfText } from '../test/pdf-text'
import { planMeetingFixture } from '../test/plan-meeting'

/**
 * G12: the protocol – the print view's blocks and the PDF – says what was signed: the version's
 * goals and parts, attendance with organisation and function, each signature with its time and
 * method, missing signatures with their reasons, the version code and how to verify it.
 */

const { fixture, meeting: current, auth, post } = planMeetingFixture()
let meeting: TestMeeting

beforeEach(() => {
  meeting = current()
})

function protocolJson(role: Role, query = '') {
  return api<MinutesDocument & { error?: string; field?: string }>(
    fixture.server,
    'GET',
    `/api/meetings/${meeting.id}/plan/protocol${query}`,
    auth(role),
  )
}

async function protocolPdf(role: Role, query = ''): Promise<Response> {
  return fetch(`${fixture.server.url}/api/meetings/${meeting.id}/plan/protocol.pdf${query}`, auth(role))
}

const GOAL = 'Elsa går till skolan fyra dagar i veckan – även på måndagar'
const NEEDS = 'Stöd på morgnarna: väckning, frukost och följe till skolan.'

/** The note-taker writes attendance, the needs (with å/ä/ö), a goal and a support. */
async function writePlan(): Promise<TestClient> {
  const writer = fixture.client(meeting.id, meeting.people.notetaker.token)
  await synced(writer)
  const parts = planParts(writer.doc)
  writer.doc.transact(() => {
    for (const role of ['chair', 'notetaker', 'guardian', 'child'] as const)
      parts.attendance.set(meeting.people[role].id, 'present')
    parts.attendance.set(meeting.people.participant.id, 'remote')
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(NEEDS)])
    parts.text('needs').insert(0, [paragraph])
    const goal = new Y.Map<string | boolean>()
    for (const [k, v] of Object.entries({
      id: 'g1',
      kind: 'short',
      what: GOAL,
      measure: 'Närvaron',
      byWhen: '2027-03-01',
      agreed: true,
    }))
      goal.set(k, v)
    parts.goals.push([goal])
    const support = new Y.Map<string>()
    for (const [k, v] of Object.entries({
      id: 's1',
      party: 'agency',
      what: 'Skolskjuts',
      organisation: 'skola',
      responsible: 'Rektor',
      goalId: 'g1',
    }))
      support.set(k, v)
    parts.supports.push([support])
  })
  await waitFor(
    async () => planParts(await loadStoredDoc(fixture.server.app, meeting.id)).supports.length === 1,
    'plan stored',
  )
  return writer
}

/** Locks; the guardian signs on their own device and the child in the room, with a drawn mark. */
async function lockAndSign(): Promise<MeetingState> {
  const locked = MeetingStateSchema.parse((await post('lock', 'chair')).body)
  const hash = locked.version!.hash
  expect(
    (await post('sign', 'guardian', { versionHash: hash, confirm: true, typedName: 'Sara Öberg' })).status,
  ).toBe(201)
  const inRoom = await post('sign-in-room', 'chair', {
    versionHash: hash,
    confirm: true,
    typedName: 'Elsa Å.',
    participantId: meeting.people.child.id,
    drawing: 'M10 100 L40 60 L80 120 L120 70 M150 90 L200 95',
  })
  expect(inRoom.status).toBe(201)
  return MeetingStateSchema.parse(inRoom.body)
}

describe('G12: the protocol', () => {
  it('G12: is refused while the plan is open, and for a language it does not have', async () => {
    const open = await protocolJson('guardian')
    expect(open.status).toBe(409)
    expect(open.body.error).toBe('not-locked')
    expect((await protocolPdf('guardian')).status).toBe(409)
    await post('lock', 'chair')
    const wrong = await protocolJson('guardian', '?lang=fi')
    expect(wrong.status).toBe(400)
    expect(wrong.body.field).toBe('lang')
  })

  it('G12: the print view and the PDF carry the same signed content, with Swedish characters', async () => {
    await writePlan()
    const state = await lockAndSign()
    const code = state.version!.code

    const response = await protocolJson('participant')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const doc = MinutesDocumentSchema.parse(response.body)
    expect(doc.versionCode).toBe(code)
    const json = JSON.stringify(doc)
    for (const expected of [
      GOAL,
      NEEDS,
      'Sara Öberg',
      'Elsa Å.',
      'socialsekreterare',
      'Socialtjänst',
      'Digitalt',
      code,
    ])
      expect(json).toContain(expected)
    const signatures = doc.blocks.filter((b) => b.kind === 'signature')
    expect(signatures.map((s) => s.name)).toEqual(['Sara Öberg', 'Elsa Å.'])
    expect(signatures[1]).toMatchObject({ drawing: 'M10 100 L40 60 L80 120 L120 70 M150 90 L200 95' })
    expect(signatures[0]?.how).toBe('Signerad på egen enhet')
    expect(signatures[1]?.detail).toMatch(/^Huvudperson, /)
    expect(signatures[1]?.how).toBe('Signerad i rummet, bevittnad av Maja Lind')
    // Not yet finalized: who has still to sign is listed as pending.
    expect(json).toContain('Lena Berg: har inte skrivit under ännu')

    const pdf = await protocolPdf('participant')
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="SIP-protokoll-${code}.pdf"`)
    const bytes = new Uint8Array(await pdf.arrayBuffer())
    const { text } = await pdfText(bytes)
    const flat = text.replace(/\s+/g, ' ')
    // Tagged for screen readers: a title, section headings, the tables (attendance, the supports,
    // the family's part) with header cells, paragraphs, and the drawn signature as a figure with
    // a text alternative.
    const { marked, roles } = await pdfStructure(bytes)
    expect(marked).toBe(true)
    expect(roles.H1).toBe(1)
    expect(roles.H2).toBeGreaterThanOrEqual(10)
    expect(roles.Table).toBe(2)
    expect(roles.TH).toBe(4 + 5)
    expect(roles.P).toBeGreaterThan(10)
    expect(roles.Figure).toBe(1)
    for (const expected of [
      'Samordnad individuell plan (SIP) – protokoll',
      GOAL,
      NEEDS,
      'Sara Öberg',
      'Elsa Å.',
      'Signerad på egen enhet',
      'Närvaro',
      'socialsekreterare',
      `Protokollet har en kontrollkod: ${code}.`,
      `Kontrollkod ${code} – sida 1 av`,
    ])
      expect(flat).toContain(expected)
    // A participant's copy has no hash: the technical check is the signed-in staff's.
    expect(flat).not.toContain(state.version!.hash)
    expect(flat).not.toContain('Inte ifyllt')
  })

  it('G12: after finalize the missing signatures carry their reasons; in English on request', async () => {
    await writePlan()
    await lockAndSign()
    const reasons = ['chair', 'notetaker', 'participant'].map((role) => ({
      participantId: meeting.people[role as Role].id,
      reason: 'gick före mötets slut',
    }))
    expect((await post('finalize', 'chair', { missing: reasons })).status).toBe(200)
    const { text } = await pdfText(new Uint8Array(await (await protocolPdf('child')).arrayBuffer()))
    const flat = text.replace(/\s+/g, ' ')
    expect(flat).toContain('Underskrifter som saknas')
    expect(flat).toContain('Lena Berg: gick före mötets slut')
    expect(flat).toContain('Planen är slutförd och kan inte ändras.')

    const english = MinutesDocumentSchema.parse((await protocolJson('guardian', '?lang=en')).body)
    expect(english.title).toBe('Coordinated individual plan (SIP) – record')
    expect(JSON.stringify(english)).toContain('Missing signatures')
  })

  it('G12: the protocol shows the version that was signed, not later edits; never another meeting or a dead link', async () => {
    const writer = await writePlan()
    await lockAndSign()
    await post('unlock', 'chair', { reason: 'Målet ändras.' })
    // Edited after the unlock, and locked again: the protocol is version 2, with no signatures.
    planParts(writer.doc).goals.get(0).set('what', 'Ett ändrat mål')
    await waitFor(
      async () =>
        planParts(await loadStoredDoc(fixture.server.app, meeting.id))
          .goals.get(0)
          ?.get('what') === 'Ett ändrat mål',
      'edit stored',
    )
    await post('lock', 'chair')
    const doc = MinutesDocumentSchema.parse((await protocolJson('guardian')).body)
    const json = JSON.stringify(doc)
    expect(json).toContain('Ett ändrat mål')
    expect(json).not.toContain(GOAL)
    expect(doc.blocks.filter((b) => b.kind === 'signature')).toHaveLength(0)

    const other = await createMeeting(fixture.server.app)
    const foreign = await fetch(`${fixture.server.url}/api/meetings/${meeting.id}/plan/protocol.pdf`, {
      headers: { Authorization: `Bearer ${other.people.guardian.token}` },
    })
    expect(foreign.status).toBe(403)
    const anonymous = await fetch(`${fixture.server.url}/api/meetings/${meeting.id}/plan/protocol.pdf`)
    expect(anonymous.status).toBe(401)
    // Through one's own link only while it lives: an expired link gets the protocol no more.
    await testRows(fixture.server.app, 'UPDATE access_tokens SET expires_at = 1 WHERE id = ?', [
      meeting.people.guardian.tokenId,
    ])
    const expired = await protocolPdf('guardian')
    expect(expired.status).toBe(401)
    expect(await expired.json()).toEqual({ error: 'expired' })
  })

  it('G12: a drawing that is not plain path data inside the box is refused and nothing is signed', async () => {
    const locked = MeetingStateSchema.parse((await post('lock', 'chair')).body)
    for (const drawing of [
      'M10 10 L700 10',
      'M10 10 C1 2 3 4 5 6',
      '<svg onload="x()"/>',
      'L10 10',
      'M1.5 2 L3 4',
    ]) {
      const response = await post('sign-in-room', 'chair', {
        versionHash: locked.version!.hash,
        confirm: true,
        typedName: 'Elsa',
        participantId: meeting.people.child.id,
        drawing,
      })
      expect(response.status, drawing).toBe(400)
      expect((response.body as unknown as { field: string }).field).toBe('drawing')
    }
    const state = MeetingStateSchema.parse(
      (await api(fixture.server, 'GET', `/api/meetings/${meeting.id}/plan/state`, auth('chair'))).body,
    )
    expect(state.signatures).toHaveLength(0)
  })
})
