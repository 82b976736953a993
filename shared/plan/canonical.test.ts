import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canonicalPlanJson, canonicalStringify, planToObject } from './canonical'
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
