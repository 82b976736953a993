import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canonicalPlanJson, canonicalStringify, planToObject, readPlan } from './canonical'
import { currentStep, planParts, TEXT_PARTS } from './layout'

function paragraph(text: string, bold = false): Y.XmlElement {
  const p = new Y.XmlElement('paragraph')
  const t = new Y.XmlText()
  t.insert(0, text, bold ? { bold: true } : undefined)
  p.insert(0, [t])
  return p
}

function goal(doc: Y.Doc, fields: Record<string, string | boolean>): void {
  const map = new Y.Map<string | boolean>()
  planParts(doc).goals.push([map])
  for (const [k, v] of Object.entries(fields)) map.set(k, v)
}

describe('plan layout', () => {
  it('has every part on an empty document, and step 1 before the chair moves on', () => {
    const doc = new Y.Doc()
    const plan = planToObject(doc)
    expect(Object.keys(plan).sort()).toEqual([
      'attendance',
      'followUp',
      'goals',
      'participants',
      'responsible',
      'setup',
      'supports',
      'text',
    ])
    expect(Object.keys(plan.text as object).sort()).toEqual([...TEXT_PARTS].sort())
    expect(plan.responsible).toEqual({ function: null, name: null, organisation: null })
    expect(currentStep(doc)).toBe(1)
    planParts(doc).meeting.set('step', 3)
    expect(currentStep(doc)).toBe(3)
    planParts(doc).meeting.set('step', 9)
    expect(currentStep(doc)).toBe(1)
  })
})

describe('canonical JSON of a plan', () => {
  it('is the same bytes for the same plan, whatever order the fields were written in', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    planParts(a).responsible.set('name', 'Amir')
    planParts(a).responsible.set('organisation', 'Elevhälsa')
    planParts(b).responsible.set('organisation', 'Elevhälsa')
    planParts(b).responsible.set('name', 'Amir')
    goal(a, {
      id: 'g1',
      kind: 'long',
      what: 'Elsa går i skolan hela dagar',
      measure: 'närvaro',
      byWhen: '2027-06-01',
      agreed: true,
    })
    goal(b, {
      agreed: true,
      byWhen: '2027-06-01',
      measure: 'närvaro',
      what: 'Elsa går i skolan hela dagar',
      kind: 'long',
      id: 'g1',
    })
    expect(canonicalPlanJson(a)).toBe(canonicalPlanJson(b))
  })

  it('is identical on two replicas after they sync', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    planParts(a)
      .text('needs')
      .insert(0, [paragraph('Stöd varje måndag')])
    planParts(b).attendance.set('p1', 'present')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(canonicalPlanJson(a)).toBe(canonicalPlanJson(b))
  })

  it('keeps rich-text structure and marks, and sorts keys at every level', () => {
    const doc = new Y.Doc()
    planParts(doc)
      .text('summary')
      .insert(0, [paragraph('Viktigt', true)])
    const json = canonicalPlanJson(doc)
    expect(json).toContain(
      '"summary":[{"content":[{"marks":[{"type":"bold"}],"text":"Viktigt","type":"text"}],"type":"paragraph"}]',
    )
    expect(canonicalStringify({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    )
  })

  it('changes when a single character of the plan changes, and ignores the live meeting state', () => {
    const doc = new Y.Doc()
    planParts(doc).followUp.set('place', 'Rum 2')
    const before = canonicalPlanJson(doc)
    planParts(doc).meeting.set('step', 4)
    planParts(doc).speakingRound.set('4:p1', Date.now())
    expect(canonicalPlanJson(doc)).toBe(before)
    planParts(doc).followUp.set('place', 'Rum 3')
    expect(canonicalPlanJson(doc)).not.toBe(before)
  })

  it('drops attendance values that are not statuses', () => {
    const doc = new Y.Doc()
    planParts(doc).attendance.set('p1', 'present')
    planParts(doc).attendance.set('p2', 'kanske' as never)
    expect(planToObject(doc).attendance).toEqual({ p1: 'present' })
  })
})

describe('P7: follow-up fields in the canonical plan', () => {
  /** A goal and a support as a first meeting writes them; `followUp` adds P7's fields to both. */
  function plan(followUp?: {
    outcome: string
    outcomeComment: string
    status: string
    effect: string
  }): Y.Doc {
    const doc = new Y.Doc()
    const parts = planParts(doc)
    goal(doc, { id: 'g1', kind: 'short', what: 'Gå till skolan', agreed: true })
    const support = new Y.Map<string>()
    parts.supports.push([support])
    for (const [k, v] of Object.entries({ id: 's1', party: 'agency', what: 'Skolskjuts', goalId: 'g1' }))
      support.set(k, v)
    parts.responsible.set('name', 'Amir')
    if (followUp) {
      parts.goals.get(0).set('outcome', followUp.outcome)
      parts.goals.get(0).set('outcomeComment', followUp.outcomeComment)
      support.set('status', followUp.status)
      support.set('effect', followUp.effect)
    }
    return doc
  }

  it('P7: a plan without follow-up fields has the same canonical JSON, byte for byte, as before P7 (G9)', () => {
    // Written by the code before P7, for this very plan.
    expect(canonicalPlanJson(plan())).toBe(
      '{"attendance":{},"followUp":{"calledBy":null,"date":null,"place":null,"time":null},' +
        '"goals":[{"agreed":true,"byWhen":null,"id":"g1","kind":"short","measure":null,"what":"Gå till skolan"}],' +
        '"participants":{},"responsible":{"function":null,"name":"Amir","organisation":null},' +
        '"setup":{"childName":null,"place":null,"purpose":null,"questions":null,"startsAt":null,"type":null},' +
        '"supports":[{"end":null,"frequency":null,"goalId":"g1","id":"s1","organisation":null,"party":"agency",' +
        '"responsible":null,"start":null,"what":"Skolskjuts","where":null}],' +
        '"text":{"childWords":[],"disagreements":[],"needs":[],"opening":[],"situation":[],"summary":[]}}',
    )
  })

  it('P7: a carried goal and support sign their follow-up fields, empty ones too; a new entry has none', () => {
    const empty = planToObject(plan({ outcome: '', outcomeComment: '', status: '', effect: '' }))
    expect(empty.goals).toEqual([
      {
        id: 'g1',
        kind: 'short',
        what: 'Gå till skolan',
        measure: null,
        byWhen: null,
        agreed: true,
        outcome: '',
        outcomeComment: '',
      },
    ])
    expect((empty.supports as object[])[0]).toMatchObject({ id: 's1', status: '', effect: '' })

    const doc = plan({
      outcome: 'partly',
      outcomeComment: 'Tre dagar av fyra',
      status: 'ended',
      effect: 'Elsa kommer i tid',
    })
    goal(doc, { id: 'g2', kind: 'long', what: 'Ett nytt mål' })
    const json = canonicalPlanJson(doc)
    expect(json).toContain(
      '{"agreed":true,"byWhen":null,"id":"g1","kind":"short","measure":null,"outcome":"partly",' +
        '"outcomeComment":"Tre dagar av fyra","what":"Gå till skolan"}',
    )
    expect(json).toContain('"effect":"Elsa kommer i tid","end":null')
    expect(json).toContain('"status":"ended","what":"Skolskjuts"')
    expect(json).toContain(
      '{"agreed":null,"byWhen":null,"id":"g2","kind":"long","measure":null,"what":"Ett nytt mål"}',
    )
  })

  it('P7: a follow-up field of the wrong type reads as null and is reported (G13); a legacy read has none', () => {
    const doc = plan({ outcome: '', outcomeComment: '', status: '', effect: '' })
    planParts(doc).goals.get(0).set('outcome', true)
    const { plan: read, skipped } = readPlan(doc)
    expect((read.goals as { outcome: unknown }[])[0]?.outcome).toBeNull()
    expect(skipped).toEqual([{ part: 'goals', index: 0, field: 'outcome', problem: 'wrong-type' }])
    expect(canonicalStringify(readPlan(doc, { legacy: true }).plan)).toBe(canonicalPlanJson(plan()))
  })
})
