import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import type { Role } from '../../shared/roles'
import { ConsentInputSchema } from '../../shared/schemas/meeting'
import { type MinutesDocument, MinutesDocumentSchema } from '../../shared/schemas/minutes'
import { MeetingStateSchema } from '../../shared/schemas/signoff'
import {
  api,
  CONSENT,
  createUser,
  loadStoredDoc,
  signIn,
  synced,
  type TestMeeting,
  testRows,
  waitFor,
} from '../test/harness'
import { pdfArchive, pdfStructure, pdfText } from '../test/pdf-text'
import { planMeetingFixture } from '../test/plan-meeting'

/**
 * G12: a protocol a municipality files without edits – the SIP form's order (header with the
 * convener, chair and note-taker; consent; attendance; needs; goals; supports as a table; the
 * family's own part; huvudansvarig; follow-up; disagreements; the summary; signatures with who
 * witnessed what), nothing "not filled in", the check code in plain words for the family and the
 * technical check for staff only, as PDF/A-2a with its structure tree.
 */

const { fixture, meeting: current, auth, post } = planMeetingFixture()
let meeting: TestMeeting

beforeEach(() => {
  meeting = current()
})

/** Eva Ek, a staff account, made the meeting's convener and signed in: her Cookie header. */
async function convener(): Promise<string> {
  const user = await createUser(fixture.server, { email: 'eva@kommun.se', name: 'Eva Ek' })
  await testRows(fixture.server.app, 'UPDATE meetings SET convener_user_id = ? WHERE id = ?', [
    user.id,
    meeting.id,
  ])
  return signIn(fixture.server, 'eva@kommun.se')
}

async function recordConsent(): Promise<void> {
  await fixture.server.app.stores.meetings.recordConsent(meeting.id, ConsentInputSchema.parse(CONSENT), {
    userId: null,
    name: 'Eva Ek',
  })
}

/** The protocol as JSON and as the PDF's text (whitespace folded) for a participant's link or staff. */
async function protocol(who: Role | { cookie: string }): Promise<{ doc: MinutesDocument; pdf: Uint8Array }> {
  const options = typeof who === 'string' ? auth(who) : { headers: { Cookie: who.cookie } }
  const base = `${fixture.server.url}/api/meetings/${meeting.id}/plan`
  const json = await fetch(`${base}/protocol`, options)
  expect(json.status).toBe(200)
  const pdf = await fetch(`${base}/protocol.pdf`, options)
  expect(pdf.status).toBe(200)
  return {
    doc: MinutesDocumentSchema.parse(await json.json()),
    pdf: new Uint8Array(await pdf.arrayBuffer()),
  }
}

async function flatText(pdf: Uint8Array): Promise<string> {
  return (await pdfText(pdf)).text.replace(/\s+/g, ' ')
}

/** Index of each string in `text`, failing on the first that is missing. */
function positions(text: string, parts: readonly string[]): number[] {
  return parts.map((part) => {
    const at = text.indexOf(part)
    expect(at, `"${part}" in the protocol`).toBeGreaterThanOrEqual(0)
    return at
  })
}

const LONG_GOAL = 'Elsa trivs i skolan och har en kompis i klassen'
const SHORT_GOAL = 'Elsa går till skolan fyra dagar i veckan'
const SUMMARY = 'Skolan ordnar skolskjuts och socialtjänsten erbjuder familjestöd.'

/** The note-taker writes the plan: needs, a summary, two goals (one agreement unset), supports. */
async function writePlan(): Promise<void> {
  const writer = fixture.client(meeting.id, meeting.people.notetaker.token)
  await synced(writer)
  const parts = planParts(writer.doc)
  const map = <T extends string | boolean>(entries: Record<string, T>) => {
    const m = new Y.Map<T>()
    for (const [k, v] of Object.entries(entries)) m.set(k, v)
    return m
  }
  const paragraph = (text: string) => {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(text)])
    return p
  }
  writer.doc.transact(() => {
    for (const role of ['chair', 'notetaker', 'guardian', 'child', 'participant'] as const)
      parts.attendance.set(meeting.people[role].id, 'present')
    parts.text('needs').insert(0, [paragraph('Stöd på morgnarna.')])
    parts.text('summary').insert(0, [paragraph(SUMMARY)])
    parts.goals.push([
      map({
        id: 'g1',
        kind: 'long',
        what: LONG_GOAL,
        measure: 'Elsa berättar',
        byWhen: '2027-06-01',
        agreed: true,
      }),
      // The agreement is not set: it reads "Inte bestämt", never "Nej".
      map<string | boolean>({
        id: 'g2',
        kind: 'short',
        what: SHORT_GOAL,
        measure: 'Närvaron',
        byWhen: '2027-03-01',
      }),
    ])
    parts.supports.push([
      map({
        id: 's1',
        party: 'agency',
        what: 'Skolskjuts',
        organisation: 'skola',
        responsible: 'Rektor',
        frequency: 'Varje skoldag',
        start: '2026-12-07',
        end: '2027-06-11',
        goalId: 'g2',
      }),
      map({
        id: 's2',
        party: 'family',
        what: 'Väcka Elsa kvart i sju',
        responsible: 'Sara',
        frequency: 'Varje skoldag',
      }),
    ])
    parts.responsible.set('name', 'Amir Haddad')
    parts.responsible.set('organisation', 'elevhalsa')
    parts.followUp.set('date', '2027-02-10')
  })
  await waitFor(
    async () => planParts(await loadStoredDoc(fixture.server.app, meeting.id)).supports.length === 2,
    'plan stored',
  )
}

/** Locked; the guardian signs on her phone, the child and the chair herself on the chair's device. */
async function lockAndSign(): Promise<void> {
  const locked = MeetingStateSchema.parse((await post('lock', 'chair')).body)
  const versionHash = locked.version!.hash
  const drawing = 'M10 100 L40 60 L80 120 L120 70'
  expect((await post('sign', 'guardian', { versionHash, confirm: true, typedName: 'Sara' })).status).toBe(201)
  for (const role of ['child', 'chair'] as const) {
    const signed = await post('sign-in-room', 'chair', {
      versionHash,
      confirm: true,
      typedName: meeting.people[role].name,
      participantId: meeting.people[role].id,
      drawing,
    })
    expect(signed.status, role).toBe(201)
  }
}

describe('G12: a protocol a municipality files without edits', () => {
  it('G12: the PDF reads in the SIP form’s order: header with convener, chair and note-taker, consent, goals before the summary, supports as a table', async () => {
    await convener()
    await recordConsent()
    await writePlan()
    await lockAndSign()
    const { doc, pdf } = await protocol('guardian')
    const text = await flatText(pdf)

    // The header names who called, who led and who wrote.
    expect(text).toContain('Sammankallande: Eva Ek')
    expect(text).toContain('Mötesledare: Maja Lind')
    expect(text).toContain('Sekreterare: Amir Haddad')
    // The consent as recorded: who gave it, when, its scope, and what must not be shared.
    expect(text).toContain('Samtycke Lämnat av: Sara (vårdnadshavare) Datum: 2026-01-10')
    expect(text).toContain(`Omfattning: ${CONSENT.scope}`)
    expect(text).toContain(`Får inte delas: ${CONSENT.notShared}`)

    // The form's order, goals before the summary and the signatures last.
    const order = positions(text, [
      'Om mötet',
      'Samtycke',
      'Närvaro',
      'Behov',
      'Mål på lång sikt',
      LONG_GOAL,
      SHORT_GOAL,
      'Insatser',
      'Familjens egen del',
      'Huvudansvarig',
      'Uppföljning',
      'Det vi inte är överens om',
      SUMMARY,
      'Underskrifter',
      'Protokollet har en kontrollkod',
    ])
    expect([...order].sort((a, b) => a - b)).toEqual(order)

    // Supports as a table: the header row, then each row's cells in order (compared without spaces:
    // a cell may wrap anywhere).
    const cells = (...parts: string[]) => parts.join('').replace(/ /g, '')
    const compact = text.replace(/ /g, '')
    const header = ['Insats', 'Vem', 'Hur ofta och var', 'Från–till', 'Mål']
    expect(compact).toContain(
      cells(
        ...header,
        'Skolskjuts',
        'Rektor, Skola',
        'Varje skoldag',
        '2026-12-07–2027-06-11',
        'Kort sikt 1',
      ),
    )
    expect(compact).toContain(
      cells(
        'Familjens egen del',
        ...header,
        'Väcka Elsa kvart i sju',
        'Sara',
        'Varje skoldag',
        'Huvudansvarig',
      ),
    )
    const { roles } = await pdfStructure(pdf)
    // Attendance, the agencies' supports and the family's part: three tables with header cells.
    expect(roles.Table).toBe(3)
    expect(roles.TH).toBe(4 + 5 + 5)

    // An unset agreement is "Inte bestämt", a set one "Ja"; nothing is "Inte ifyllt".
    expect(text).toContain('Överens med barnet och vårdnadshavarna: Ja')
    expect(text).toContain('Överens med barnet och vårdnadshavarna: Inte bestämt')
    expect(text).not.toContain('Nej')
    expect(text).not.toContain('Inte ifyllt')
    expect(JSON.stringify(doc)).not.toContain('Inte ifyllt')
    // Empty optional fields are left out: no time or place for the follow-up, no label for them.
    expect(text).toContain('Uppföljning Datum: 2027-02-10')
    expect(text).not.toContain('Tid:')
  })

  it('G12: each signature says who witnessed it; the chair signing on her own device is not her own witness; the mark is beside its name', async () => {
    await writePlan()
    await lockAndSign()
    const { doc, pdf } = await protocol('guardian')
    const signatures = doc.blocks.filter((b) => b.kind === 'signature')
    expect(signatures.map((s) => [s.name, s.how])).toEqual([
      ['Sara', 'Signerad på egen enhet'],
      ['Elsa', 'Signerad i rummet, bevittnad av Maja Lind'],
      ['Maja Lind', 'Signerad i rummet'],
    ])
    const text = await flatText(pdf)
    expect(text).toContain('Elsa Huvudperson, ')
    expect(text).toContain('Signerad i rummet, bevittnad av Maja Lind')
    expect(text.match(/bevittnad av/g)).toHaveLength(1)
    // Each drawn mark is a figure named after its signer.
    expect((await pdfStructure(pdf)).roles.Figure).toBe(2)
  })

  it('G12: the family’s copy explains the check code in plain words; only the signed-in staff’s copy has the hash, the address and the command', async () => {
    const cookie = await convener()
    await writePlan()
    await lockAndSign()
    const family = await protocol('guardian')
    const code = family.doc.versionCode
    const familyText = await flatText(family.pdf)
    expect(familyText).toContain(
      `Protokollet har en kontrollkod: ${code}. Koden räknas fram ur planens innehåll så som det låstes för underskrift;`,
    )
    expect(familyText).toContain('kan be den som kallade till mötet (Eva Ek) att kontrollera koden.')
    const hash = (await fixture.server.app.stores.signoff.active(meeting.id))!.hash
    for (const technical of [hash, '/plan/verify', 'npm run cli', 'SHA-256', 'För personal']) {
      expect(familyText).not.toContain(technical)
      expect(JSON.stringify(family.doc)).not.toContain(technical)
    }
    // Every participant link gets the family's copy, a professional's too.
    expect(JSON.stringify((await protocol('participant')).doc)).not.toContain(hash)

    const staff = await protocol({ cookie })
    const staffText = await flatText(staff.pdf)
    expect(staffText).toContain('För personal: teknisk kontroll')
    expect(staffText).toContain(hash)
    // The address and the command may wrap at any character: compared without spaces.
    const joined = staffText.replace(/ /g, '')
    expect(joined).toContain(`/api/meetings/${meeting.id}/plan/verify?version=1`)
    expect(joined).toContain(`npmruncli--verify--meeting${meeting.id}--version1`)
    // The family's explanation is in the staff's copy too, before the technical part.
    expect(staffText.indexOf('Protokollet har en kontrollkod')).toBeLessThan(staffText.indexOf(hash))
  })

  it('G12: the PDF is PDF/A-2a with its structure tree kept', async () => {
    await writePlan()
    await lockAndSign()
    const { pdf } = await protocol('child')
    expect(await pdfArchive(pdf)).toEqual({ part: '2', conformance: 'A', structTree: true, version: '1.7' })
    const { marked, roles } = await pdfStructure(pdf)
    expect(marked).toBe(true)
    expect(roles.H1).toBe(1)
    expect(roles.H2).toBeGreaterThanOrEqual(12)
  })

  it('G12: without recorded consent or follow-up the protocol says so in one short line each; in English as in Swedish', async () => {
    await lockAndSign()
    const { doc, pdf } = await protocol('guardian')
    const text = await flatText(pdf)
    expect(text).toContain('Samtycke Inget samtycke är registrerat för mötet. Närvaro')
    expect(text).toContain('Uppföljning Ingen tid för uppföljning bestämdes.')
    expect(text).toContain('Mål Inga mål sattes.')
    expect(text).not.toContain('Inte ifyllt')
    // No convener is named, and the sentence still reads.
    expect(text).toContain('kan be den som kallade till mötet att kontrollera koden.')

    const english = MinutesDocumentSchema.parse(
      (
        await api(
          fixture.server,
          'GET',
          `/api/meetings/${meeting.id}/plan/protocol?lang=en`,
          auth('guardian'),
        )
      ).body,
    )
    // The same sections in the same order, in English.
    const headings = (d: MinutesDocument) => d.blocks.filter((b) => b.kind === 'heading').length
    expect(headings(english)).toBe(headings(doc))
    expect(english.blocks.map((b) => b.kind)).toEqual(doc.blocks.map((b) => b.kind))
    expect(JSON.stringify(english)).toContain('No consent is recorded for the meeting.')
    expect(JSON.stringify(english)).toContain('Signed in the room, witnessed by Maja Lind')
  })
})
