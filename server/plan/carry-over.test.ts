import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canonicalPlanJson, readPlan } from '../../shared/plan/canonical'
import { planParts } from '../../shared/plan/layout'
import type { Role } from '../../shared/roles'
import type { MeetingRow } from '../db/meetings'
import type { ParticipantRow } from '../db/participants'
import { testSetup } from '../test/harness'
import { TEST_PEOPLE } from '../test/people'
import {
  createServiceMeeting,
  openTestServices,
  type ServiceMeeting,
  type TestServices,
} from '../test/services'
import { followUpPlanUpdate, type PlanObject, previousPlanOf } from './carry-over'

/**
 * P6: a follow-up's first plan, written by the server from the previous meeting's signed version.
 * The first meeting's plan is written and locked through the real services (a SQLite file, the
 * live plan in memory); the follow-up's plan is read back exactly as the room would read it.
 */

let services: TestServices
let first: ServiceMeeting

beforeEach(async () => {
  services = openTestServices()
  first = await createServiceMeeting(services)
})

afterEach(() => services.close())

function entry(fields: Record<string, string | boolean>): Y.Map<string | boolean> {
  const map = new Y.Map<string | boolean>()
  for (const [k, v] of Object.entries(fields)) map.set(k, v)
  return map
}

/** The first meeting's plan as the note-taker left it: two goals, three supports (one ended), notes. */
function writeFirstPlan(): void {
  const parts = planParts(services.plans.doc(first.id))
  parts.attendance.set(first.people.guardian.id, 'present')
  parts.goals.push([
    entry({
      id: 'g1',
      kind: 'long',
      what: 'Elsa trivs i skolan',
      measure: 'Hon säger det själv',
      byWhen: '2027-06-01',
      agreed: true,
    }),
    // Carried before and assessed then: its assessment is last time's, not this meeting's.
    entry({ id: 'g2', kind: 'short', what: 'Fyra dagar i veckan', agreed: false, outcome: 'partly' }),
  ])
  parts.supports.push([
    entry({
      id: 's1',
      party: 'agency',
      what: 'Skolskjuts',
      organisation: 'skola',
      responsible: 'Rektor',
      frequency: 'Varje dag',
      where: 'Hemmet',
      start: '2026-12-01',
      end: '2027-06-01',
      goalId: 'g2',
    }) as Y.Map<string>,
    entry({ id: 's2', party: 'agency', what: 'Samtal med kurator', status: 'ended' }) as Y.Map<string>,
    entry({
      id: 's3',
      party: 'family',
      what: 'Väckning',
      responsible: 'Sara',
      status: 'ongoing',
    }) as Y.Map<string>,
  ])
  parts.responsible.set('name', 'Amir Haddad')
  parts.responsible.set('organisation', 'elevhalsa')
  parts.responsible.set('function', 'kurator')
  parts.followUp.set('date', '2027-02-01')
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Elsa har ont i magen')])
  parts.text('needs').insert(0, [paragraph])
}

async function lockFirst(): Promise<void> {
  const chair = services.signoff.chair(await first.as('chair'))
  if (!chair.ok) throw new Error('the chair locks')
  const locked = await services.signoff.lock(chair.value, '192.0.2.7')
  if (!locked.ok) throw new Error(`lock refused: ${locked.error}`)
}

/** The follow-up booked into the first meeting's SIP, with two of its people invited again. */
async function bookFollowUp(): Promise<{ meeting: MeetingRow; participants: ParticipantRow[] }> {
  const previous = (await services.stores.meetings.getMeeting(first.id))!
  const meeting = await services.stores.meetings.createMeeting({
    ...testSetup(),
    type: 'followup',
    title: 'Uppföljning',
    childWords: 'Det går bättre nu',
    sipId: previous.sipId,
    previousMeetingId: previous.id,
  })
  const participants: ParticipantRow[] = []
  for (const role of ['chair', 'guardian'] as Role[])
    participants.push(await services.stores.participants.add(meeting.id, { role, ...TEST_PEOPLE[role] }))
  return { meeting, participants }
}

function planOf(update: Uint8Array) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return { doc, ...readPlan(doc) }
}

describe('P6: the follow-up’s first plan', () => {
  it('P6: carries the goals and the supports not ended with their ids, owners, dates and links, the huvudansvarig, and empty P7 fields', async () => {
    writeFirstPlan()
    await lockFirst()
    const { meeting, participants } = await bookFollowUp()
    const previous = await previousPlanOf(services.stores, meeting)
    expect(previous).toBeDefined()

    const { doc, plan, skipped } = planOf(followUpPlanUpdate(meeting, participants, previous!))
    expect(skipped).toEqual([])
    expect(plan.goals).toEqual([
      {
        id: 'g1',
        kind: 'long',
        what: 'Elsa trivs i skolan',
        measure: 'Hon säger det själv',
        byWhen: '2027-06-01',
        agreed: true,
        outcome: '',
        outcomeComment: '',
      },
      {
        id: 'g2',
        kind: 'short',
        what: 'Fyra dagar i veckan',
        measure: null,
        byWhen: null,
        agreed: false,
        outcome: '',
        outcomeComment: '',
      },
    ])
    // The support that ended last time is finished: not carried again.
    expect(plan.supports).toEqual([
      {
        id: 's1',
        party: 'agency',
        what: 'Skolskjuts',
        organisation: 'skola',
        responsible: 'Rektor',
        frequency: 'Varje dag',
        where: 'Hemmet',
        start: '2026-12-01',
        end: '2027-06-01',
        goalId: 'g2',
        status: '',
        effect: '',
      },
      {
        id: 's3',
        party: 'family',
        what: 'Väckning',
        organisation: null,
        responsible: 'Sara',
        frequency: null,
        where: null,
        start: null,
        end: null,
        goalId: null,
        status: '',
        effect: '',
      },
    ])
    expect(plan.responsible).toEqual({ name: 'Amir Haddad', organisation: 'elevhalsa', function: 'kurator' })
    // This meeting's own: its roster and set-up, no attendance, no booking, no notes but the child's words.
    expect(plan.followUp).toEqual({ date: null, time: null, place: null, calledBy: null })
    expect(plan.attendance).toEqual({})
    expect(Object.keys(plan.participants as object).sort()).toEqual(participants.map((p) => p.id).sort())
    expect((plan.setup as { type: string }).type).toBe('followup')
    expect(planParts(doc).text('needs').length).toBe(0)
    expect(planParts(doc).text('childWords').toString()).toContain('Det går bättre nu')
  })

  it('P6: is a pure function of its inputs: the same inputs write the same plan', async () => {
    writeFirstPlan()
    await lockFirst()
    const { meeting, participants } = await bookFollowUp()
    const previous = (await previousPlanOf(services.stores, meeting))!
    const a = planOf(followUpPlanUpdate(meeting, participants, previous)).doc
    const b = planOf(followUpPlanUpdate(meeting, participants, previous)).doc
    expect(canonicalPlanJson(a)).toBe(canonicalPlanJson(b))
  })

  it('P6: there is no previous plan for a first meeting, nor while the previous meeting has no locked version', async () => {
    writeFirstPlan()
    expect(
      await previousPlanOf(services.stores, (await services.stores.meetings.getMeeting(first.id))!),
    ).toBeUndefined()
    const { meeting } = await bookFollowUp()
    expect(await previousPlanOf(services.stores, meeting)).toBeUndefined()
    await lockFirst()
    const previous = await previousPlanOf(services.stores, meeting)
    // The plan without the version's binding: what a meeting's plan is.
    expect(previous).not.toHaveProperty('meetingId')
    expect(previous).not.toHaveProperty('version')
    expect(previous?.goals).toHaveLength(2)
  })

  it('P6: a damaged previous plan carries what is well-formed and nothing else', async () => {
    const { meeting, participants } = await bookFollowUp()
    const damaged: PlanObject = {
      goals: [null, 'g1', { id: 'g9', what: 7, agreed: 'yes', kind: 'long' }],
      supports: { s1: {} },
      responsible: ['Amir'],
    }
    const { plan, skipped } = planOf(followUpPlanUpdate(meeting, participants, damaged))
    expect(skipped).toEqual([])
    expect(plan.goals).toEqual([
      {
        id: 'g9',
        kind: 'long',
        what: null,
        measure: null,
        byWhen: null,
        agreed: null,
        outcome: '',
        outcomeComment: '',
      },
    ])
    expect(plan.supports).toEqual([])
    expect(plan.responsible).toEqual({ name: null, organisation: null, function: null })
  })
})
