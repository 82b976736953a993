import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import type { Role } from '../../shared/roles'
import { type MinutesBlock, type MinutesDocument, MinutesDocumentSchema } from '../../shared/schemas/minutes'
import { type MeetingState, MeetingStateSchema } from '../../shared/schemas/signoff'
import type { ParticipantRow } from '../db/participants'
import { followUpPlanUpdate, previousPlanOf } from '../plan/carry-over'
import {
  api,
  createMeeting,
  createUser,
  loadStoredDoc,
  signIn,
  synced,
  type TestMeeting,
  type TestParticipant,
  testSetup,
  waitFor,
} from '../test/harness'
import { pdfText } from '../test/pdf-text'
import { TEST_PEOPLE } from '../test/people'
import { planMeetingFixture } from '../test/plan-meeting'

/**
 * The SIP over time in the protocol: a first meeting written, locked, signed and finalized over
 * real sockets and HTTP; a follow-up booked into its SIP whose first plan the server writes from
 * that version (P6); the note-taker assesses the carried goals and supports (P7), ends one, adds
 * one; the follow-up's protocol lists what changed (P13); and the previous protocol can be read
 * through the follow-up's links (P8).
 */

// Several PDFs are drawn and read one after another in this process: on a busy machine they can
// hold the event loop long enough for the pressure guard to refuse the next request (A15, proved
// in hardening.integration.test.ts and server/pressure.test.ts – not under test here). 0: the event
// loop delay is not checked.
const {
  fixture,
  meeting: current,
  auth,
  post,
} = planMeetingFixture({
  loadGuards: { maxEventLoopDelayMs: 0 },
})
let first: TestMeeting

beforeEach(() => {
  first = current()
})

const GOAL_SCHOOL = 'Elsa går till skolan fyra dagar i veckan'
const GOAL_THRIVE = 'Elsa trivs i skolan'
const GOAL_NEW = 'Elsa äter lunch i skolan'
const EFFECT = 'Elsa kommer i tid; skjutsen behövs inte längre'

function entry<T extends string | boolean>(fields: Record<string, T>): Y.Map<T> {
  const map = new Y.Map<T>()
  for (const [k, v] of Object.entries(fields)) map.set(k, v)
  return map
}

async function storedLength(meetingId: string, part: 'goals' | 'supports', length: number): Promise<void> {
  await waitFor(
    async () => planParts(await loadStoredDoc(fixture.server.app, meetingId))[part].length === length,
    `${part} stored`,
  )
}

/** The first meeting: two goals, three supports, huvudansvarig; the chair signs; finalized. */
async function finalizeFirstMeeting(): Promise<MeetingState> {
  const writer = fixture.client(first.id, first.people.notetaker.token)
  await synced(writer)
  const parts = planParts(writer.doc)
  writer.doc.transact(() => {
    parts.attendance.set(first.people.chair.id, 'present')
    parts.goals.push([
      entry<string | boolean>({
        id: 'g1',
        kind: 'short',
        what: GOAL_SCHOOL,
        byWhen: '2027-03-01',
        agreed: true,
      }),
      entry<string | boolean>({ id: 'g2', kind: 'long', what: GOAL_THRIVE, agreed: true }),
    ])
    parts.supports.push([
      entry({ id: 's1', party: 'agency', what: 'Skolskjuts', organisation: 'skola', goalId: 'g1' }),
      entry({ id: 's2', party: 'agency', what: 'Läxhjälp', responsible: 'Mentor', start: '2026-12-01' }),
      entry({ id: 's3', party: 'family', what: 'Väckning', responsible: 'Sara' }),
    ])
    parts.responsible.set('name', 'Amir Haddad')
  })
  await storedLength(first.id, 'supports', 3)
  const locked = MeetingStateSchema.parse((await post('lock', 'chair')).body)
  const hash = locked.version!.hash
  expect(
    (await post('sign', 'chair', { versionHash: hash, confirm: true, typedName: 'Maja Lind' })).status,
  ).toBe(201)
  const finalized = await post('finalize', 'chair', { missing: [] })
  expect(finalized.status).toBe(200)
  return MeetingStateSchema.parse(finalized.body)
}

/**
 * A follow-up booked into the first meeting's SIP as the booking service does it: the meeting,
 * one participant of each role with a link, and its first plan written once from the previous
 * version (P6).
 */
async function bookFollowUp(previous: string, convenerUserId: string | null = null): Promise<TestMeeting> {
  const { stores } = fixture.server.app
  const before = (await stores.meetings.getMeeting(previous))!
  const meeting = await stores.meetings.createMeeting({
    ...testSetup(),
    type: 'followup',
    title: 'Uppföljning för Elsa',
    sipId: before.sipId,
    previousMeetingId: before.id,
    convenerUserId,
  })
  const people = {} as Record<Role, TestParticipant>
  const rows: ParticipantRow[] = []
  for (const role of Object.keys(TEST_PEOPLE) as Role[]) {
    const row = await stores.participants.add(meeting.id, { role, ...TEST_PEOPLE[role] })
    const { token, tokenId } = await stores.tokens.issue(row)
    people[role] = { id: row.id, role, name: TEST_PEOPLE[role].name, token, tokenId }
    rows.push(row)
  }
  const plan = await previousPlanOf(stores, meeting)
  if (plan)
    await stores.documents.append([{ meetingId: meeting.id, data: followUpPlanUpdate(meeting, rows, plan) }])
  return { id: meeting.id, people }
}

const bearer = (participant: TestParticipant) => ({
  headers: { Authorization: `Bearer ${participant.token}` },
})

function postTo(meeting: TestMeeting, action: string, role: Role, body: unknown = {}) {
  return api<MeetingState>(fixture.server, 'POST', `/api/meetings/${meeting.id}/plan/${action}`, {
    ...bearer(meeting.people[role]),
    body,
  })
}

/** At the follow-up the note-taker assesses what was carried, ends a support and adds a goal and a support. */
async function holdFollowUp(followUp: TestMeeting): Promise<void> {
  const writer = fixture.client(followUp.id, followUp.people.notetaker.token)
  await synced(writer)
  const parts = planParts(writer.doc)
  // P6: the plan the note-taker finds is the one signed last time.
  expect(parts.goals.toArray().map((g) => g.get('what'))).toEqual([GOAL_SCHOOL, GOAL_THRIVE])
  const goals = new Map(parts.goals.toArray().map((g) => [g.get('id'), g]))
  const supports = new Map(parts.supports.toArray().map((s) => [s.get('id'), s]))
  writer.doc.transact(() => {
    parts.attendance.set(followUp.people.chair.id, 'present')
    goals.get('g1')?.set('outcome', 'achieved')
    goals.get('g1')?.set('outcomeComment', 'Fyra dagar i veckan sedan januari')
    goals.get('g2')?.set('outcome', 'partly')
    supports.get('s1')?.set('status', 'ended')
    supports.get('s1')?.set('effect', EFFECT)
    supports.get('s2')?.set('status', 'ongoing')
    parts.goals.push([entry<string | boolean>({ id: 'g3', kind: 'short', what: GOAL_NEW })])
    parts.supports.push([
      entry({ id: 's4', party: 'agency', what: 'Lunch i lugn miljö', organisation: 'skola' }),
    ])
  })
  await storedLength(followUp.id, 'supports', 4)
}

function protocolOf(meeting: TestMeeting, role: Role, lang: 'sv' | 'en' = 'sv') {
  return api<MinutesDocument>(
    fixture.server,
    'GET',
    `/api/meetings/${meeting.id}/plan/protocol?lang=${lang}`,
    bearer(meeting.people[role]),
  )
}

function previousProtocolPdf(meeting: TestMeeting, holder: TestParticipant, lang = 'sv'): Promise<Response> {
  return fetch(
    `${fixture.server.url}/api/meetings/${meeting.id}/plan/previous-protocol.pdf?lang=${lang}`,
    bearer(holder),
  )
}

async function textOf(response: Response): Promise<string> {
  const { text } = await pdfText(new Uint8Array(await response.arrayBuffer()))
  return text.replace(/\s+/g, ' ')
}

const headingsOf = (blocks: MinutesBlock[]) => blocks.filter((b) => b.kind === 'heading').map((b) => b.text)

describe('P6, P7, P13: the follow-up’s protocol', () => {
  it('P6/P7/P13: the follow-up starts from the signed plan, and its protocol lists what changed and how each goal and support went', async () => {
    const firstState = await finalizeFirstMeeting()
    const followUp = await bookFollowUp(first.id)
    await holdFollowUp(followUp)
    const locked = await postTo(followUp, 'lock', 'chair')
    expect(locked.status).toBe(201)

    const doc = MinutesDocumentSchema.parse((await protocolOf(followUp, 'guardian')).body)
    // P13: near the top, right after what the meeting is, before consent and attendance.
    expect(headingsOf(doc.blocks).slice(0, 3)).toEqual([
      'Om mötet',
      'Förändringar sedan förra mötet',
      'Samtycke',
    ])
    const at = doc.blocks.findIndex(
      (b) => b.kind === 'heading' && b.text === 'Förändringar sedan förra mötet',
    )
    expect(doc.blocks[at + 1]).toEqual({
      kind: 'paragraph',
      text: `Jämfört med planen från förra mötet (kontrollkod ${firstState.version!.code}).`,
    })
    expect(doc.blocks[at + 2]).toEqual({
      kind: 'list',
      ordered: false,
      items: [
        `Målet ”${GOAL_SCHOOL}” är uppnått`,
        `Målet ”${GOAL_THRIVE}” är delvis uppnått`,
        `Nytt mål: ${GOAL_NEW}`,
        'Insatsen ”Skolskjuts” är avslutad',
        'Insatsen ”Läxhjälp” pågår',
        'Ny insats: Lunch i lugn miljö',
      ],
    })
    // P7: each carried goal's outcome and comment, each carried support's status and effect.
    const fields = doc.blocks.filter((b) => b.kind === 'fields')
    expect(fields).toContainEqual({
      kind: 'fields',
      title: 'Mål 1',
      rows: [
        { label: 'Målet', value: GOAL_SCHOOL },
        { label: 'Till när', value: '2027-03-01' },
        { label: 'Överens med barnet och vårdnadshavarna', value: 'Ja' },
        { label: 'Resultat vid uppföljningen', value: 'Uppnått' },
        { label: 'Kommentar', value: 'Fyra dagar i veckan sedan januari' },
      ],
    })
    expect(fields).toContainEqual({
      kind: 'fields',
      title: 'Skolskjuts',
      rows: [
        { label: 'Läge', value: 'Avslutad' },
        { label: 'Effekt', value: EFFECT },
      ],
    })
    expect(fields).toContainEqual({
      kind: 'fields',
      title: 'Läxhjälp',
      rows: [{ label: 'Läge', value: 'Pågår' }],
    })
    // The new goal has no follow-up fields: nothing about an outcome is said of it.
    const newGoal = fields.find((b) => b.kind === 'fields' && b.rows.some((r) => r.value === GOAL_NEW))
    expect(newGoal?.kind === 'fields' && newGoal.rows.map((r) => r.label)).toEqual([
      'Målet',
      'Överens med barnet och vårdnadshavarna',
    ])

    const pdf = await fetch(
      `${fixture.server.url}/api/meetings/${followUp.id}/plan/protocol.pdf`,
      bearer(followUp.people.guardian),
    )
    expect(pdf.status).toBe(200)
    const text = await textOf(pdf)
    for (const expected of [
      'Förändringar sedan förra mötet',
      `Jämfört med planen från förra mötet (kontrollkod ${firstState.version!.code}).`,
      `Målet ”${GOAL_SCHOOL}” är uppnått`,
      'Insatsen ”Skolskjuts” är avslutad',
      'Ny insats: Lunch i lugn miljö',
      'Resultat vid uppföljningen: Uppnått',
      'Hur det har gått',
      'Läge: Avslutad',
      `Effekt: ${EFFECT}`,
      'Uppföljningsmöte',
    ])
      expect(text).toContain(expected)

    const english = JSON.stringify((await protocolOf(followUp, 'child', 'en')).body)
    for (const expected of [
      'Changes since the last meeting',
      `The goal “${GOAL_THRIVE}” is partly achieved`,
      'The support “Skolskjuts” has ended',
      'Partly achieved',
      'Ongoing',
    ])
      expect(english).toContain(expected)
  })

  it('P13: a first meeting’s protocol has no changes section, and is what it was before the follow-up', async () => {
    await finalizeFirstMeeting()
    const before = (await protocolOf(first, 'guardian')).body
    expect(headingsOf(before.blocks)).not.toContain('Förändringar sedan förra mötet')
    expect(JSON.stringify(before)).not.toContain('Resultat vid uppföljningen')
    const followUp = await bookFollowUp(first.id)
    await holdFollowUp(followUp)
    await postTo(followUp, 'lock', 'chair')
    expect((await protocolOf(first, 'guardian')).body).toEqual(before)
  })

  it('P13: a follow-up where nothing was set or added says so in one line', async () => {
    await finalizeFirstMeeting()
    const followUp = await bookFollowUp(first.id)
    expect((await postTo(followUp, 'lock', 'chair')).status).toBe(201)
    const doc = (await protocolOf(followUp, 'guardian')).body
    expect(doc.blocks).toContainEqual({
      kind: 'paragraph',
      text: 'Inga mål eller insatser har ändrats sedan förra mötet.',
    })
  })
})

describe('P8: the previous protocol at a follow-up', () => {
  it('P8: every participant of the follow-up gets the previous meeting’s protocol through their own link, audited', async () => {
    const firstState = await finalizeFirstMeeting()
    const followUp = await bookFollowUp(first.id)
    for (const role of ['guardian', 'child', 'participant'] as const) {
      const response = await previousProtocolPdf(followUp, followUp.people[role])
      expect(response.status, role).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/pdf')
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('content-disposition')).toBe(
        `inline; filename="SIP-protokoll-${firstState.version!.code}.pdf"`,
      )
      const text = await textOf(response)
      expect(text).toContain(GOAL_SCHOOL)
      expect(text).toContain(`Kontrollkod ${firstState.version!.code} – sida 1 av`)
      expect(text).toContain('Planen är slutförd och kan inte ändras.')
    }
    const english = await textOf(await previousProtocolPdf(followUp, followUp.people.guardian, 'en'))
    expect(english).toContain('Coordinated individual plan (SIP) – record')

    const reads = (await fixture.server.app.stores.audit.forMeeting(followUp.id)).filter(
      (e) => e.action === 'protocol.read',
    )
    expect(reads).toHaveLength(4)
    expect(reads.at(-1)).toMatchObject({
      actor: `participant:${followUp.people.guardian.id}`,
      actorName: 'Sara',
      meetingId: followUp.id,
      sipId: first.id,
      subject: `meeting:${first.id}`,
    })
  })

  it('P8: links are per meeting – the first meeting’s links read neither the follow-up’s protocol nor its previous one', async () => {
    await finalizeFirstMeeting()
    const followUp = await bookFollowUp(first.id)
    await postTo(followUp, 'lock', 'chair')
    const oldLink = first.people.guardian
    expect((await previousProtocolPdf(followUp, oldLink)).status).toBe(403)
    const ownOfFollowUp = await fetch(
      `${fixture.server.url}/api/meetings/${followUp.id}/plan/protocol.pdf`,
      bearer(oldLink),
    )
    expect(ownOfFollowUp.status).toBe(403)
    // The old link still opens its own meeting's protocol.
    const own = await fetch(
      `${fixture.server.url}/api/meetings/${first.id}/plan/protocol.pdf`,
      auth('guardian'),
    )
    expect(own.status).toBe(200)
    const anonymous = await fetch(
      `${fixture.server.url}/api/meetings/${followUp.id}/plan/previous-protocol.pdf`,
    )
    expect(anonymous.status).toBe(401)
    expect(
      (await fixture.server.app.stores.audit.forMeeting(followUp.id)).filter(
        (e) => e.action === 'protocol.read',
      ),
    ).toEqual([])
  })

  it('P8: 404 no-previous for a first meeting, and for a follow-up whose previous meeting has no locked version', async () => {
    const response = await previousProtocolPdf(first, first.people.guardian)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: 'no-previous' })

    const open = await createMeeting(fixture.server.app)
    const followUp = await bookFollowUp(open.id)
    const none = await previousProtocolPdf(followUp, followUp.people.guardian)
    expect(none.status).toBe(404)
    expect(await none.json()).toMatchObject({ error: 'no-previous' })
    const wrong = await fetch(
      `${fixture.server.url}/api/meetings/${followUp.id}/plan/previous-protocol.pdf?lang=fi`,
      bearer(followUp.people.guardian),
    )
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ field: 'lang' })
  })

  it('P8: the follow-up’s convener signed in reads it too (the staff’s copy), audited as them', async () => {
    const firstState = await finalizeFirstMeeting()
    const user = await createUser(fixture.server, { email: 'amir@kommun.se', name: 'Amir Haddad' })
    const cookie = await signIn(fixture.server, 'amir@kommun.se')
    const followUp = await bookFollowUp(first.id, user.id)
    const response = await fetch(
      `${fixture.server.url}/api/meetings/${followUp.id}/plan/previous-protocol.pdf`,
      {
        headers: { Cookie: cookie },
      },
    )
    expect(response.status).toBe(200)
    const text = await textOf(response)
    expect(text).toContain('För personal: teknisk kontroll')
    expect(text).toContain(firstState.version!.hash.slice(0, 20))
    // Staff who neither convened nor chair the follow-up get nothing.
    await createUser(fixture.server, { email: 'other@kommun.se' })
    const other = await fetch(
      `${fixture.server.url}/api/meetings/${followUp.id}/plan/previous-protocol.pdf`,
      {
        headers: { Cookie: await signIn(fixture.server, 'other@kommun.se') },
      },
    )
    expect(other.status).toBe(404)
    const reads = (await fixture.server.app.stores.audit.forMeeting(followUp.id)).filter(
      (e) => e.action === 'protocol.read',
    )
    expect(reads).toEqual([
      expect.objectContaining({
        actor: `staff:${user.id}`,
        actorName: 'Amir Haddad',
        subject: `meeting:${first.id}`,
      }),
    ])
  })
})
