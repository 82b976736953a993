import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planToObject } from '../../shared/plan/canonical'
import { planParts } from '../../shared/plan/layout'
import {
  addGoal,
  addSupport,
  removeGoal,
  removeSupport,
  setAttendance,
  setFollowUp,
  setResponsible,
  updateGoalField,
  updateSupportField,
} from './actions'
import { isBlankGoal, isBlankSupport, toGoal, toSupport } from './model'

/** A plan with the roster the server would have written (actions never write it). */
function planWithRoster(): Y.Doc {
  const doc = new Y.Doc()
  const participants = planParts(doc).participants
  for (const [id, name] of [
    ['p-amir', 'Amir Haddad'],
    ['p-sara', 'Sara'],
  ] as const) {
    participants.set(
      id,
      new Y.Map<string>(Object.entries({ name, role: 'guardian', organisation: 'familj', function: '' })),
    )
  }
  return doc
}

/** Counts the transactions (one update each) that `change` makes. */
function updatesOf(doc: Y.Doc, change: () => void): number {
  let count = 0
  const onUpdate = (): void => {
    count++
  }
  doc.on('update', onUpdate)
  change()
  doc.off('update', onUpdate)
  return count
}

describe('plan actions', () => {
  it('add a goal with every field, in one transaction, and canonical JSON shows it', () => {
    const doc = planWithRoster()
    let id = ''
    expect(updatesOf(doc, () => (id = addGoal(doc, 'long')))).toBe(1)
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(updatesOf(doc, () => updateGoalField(doc, id, 'what', 'Elsa går i skolan hela dagar'))).toBe(1)
    updateGoalField(doc, id, 'byWhen', '2027-06-01')
    updateGoalField(doc, id, 'agreed', true)

    const written = {
      id,
      kind: 'long',
      what: 'Elsa går i skolan hela dagar',
      measure: '',
      byWhen: '2027-06-01',
      agreed: true,
    }
    expect(planParts(doc).goals.get(0).toJSON()).toEqual(written)
    expect(planToObject(doc).goals).toEqual([written])
  })

  it('add a goal with agreement not decided: no `agreed` field, null in the model and the canonical form', () => {
    const doc = planWithRoster()
    const id = addGoal(doc, 'short', { what: 'Kompis i klassen' })
    const map = planParts(doc).goals.get(0)
    expect(map.has('agreed')).toBe(false)
    expect(toGoal({ id, fields: map.toJSON() }).agreed).toBeNull()
    expect((planToObject(doc).goals as { agreed: unknown }[])[0]!.agreed).toBeNull()

    updateGoalField(doc, id, 'agreed', false)
    expect(map.get('agreed')).toBe(false)
    expect(toGoal({ id, fields: map.toJSON() }).agreed).toBe(false)
    updateGoalField(doc, id, 'agreed', true)
    expect(toGoal({ id, fields: map.toJSON() }).agreed).toBe(true)
    // "Inte bestämt än" again: the field is gone, in one update; a second time costs nothing.
    expect(updatesOf(doc, () => updateGoalField(doc, id, 'agreed', null))).toBe(1)
    expect(map.has('agreed')).toBe(false)
    expect(updatesOf(doc, () => updateGoalField(doc, id, 'agreed', null))).toBe(0)
    // A value another writer put there that is not a boolean is not an answer either.
    expect(toGoal({ id, fields: { agreed: 'ja' } }).agreed).toBeNull()
  })

  it('tell a blank new row from one someone has begun, so Enter fills it instead of adding another', () => {
    const doc = planWithRoster()
    const goal = addGoal(doc, 'long')
    const support = addSupport(doc, 'family')
    const goalOf = () => toGoal({ id: goal, fields: planParts(doc).goals.get(0).toJSON() })
    const supportOf = () => toSupport({ id: support, fields: planParts(doc).supports.get(0).toJSON() })
    expect(isBlankGoal(goalOf())).toBe(true)
    expect(isBlankSupport(supportOf())).toBe(true)
    updateGoalField(doc, goal, 'agreed', true)
    updateSupportField(doc, support, 'frequency', 'varje vecka')
    expect(isBlankGoal(goalOf())).toBe(false)
    expect(isBlankSupport(supportOf())).toBe(false)
    updateSupportField(doc, support, 'frequency', '  ')
    expect(isBlankSupport(supportOf())).toBe(true)
  })

  it('write nothing when a field already has the value', () => {
    const doc = planWithRoster()
    const id = addGoal(doc, 'short', { what: 'Kompis i klassen' })
    expect(updatesOf(doc, () => updateGoalField(doc, id, 'what', 'Kompis i klassen'))).toBe(0)
    expect(updatesOf(doc, () => setResponsible(doc, 'name', ''))).toBe(1)
    expect(updatesOf(doc, () => setResponsible(doc, 'name', ''))).toBe(0)
  })

  it('find entries by id, not by position, so a concurrent insert does not redirect an edit', () => {
    const doc = planWithRoster()
    const first = addGoal(doc, 'short')
    const second = addGoal(doc, 'short')
    // Someone else inserts a goal at the top meanwhile.
    planParts(doc).goals.insert(0, [
      new Y.Map<string | boolean>([
        ['id', 'other'],
        ['kind', 'long'],
      ]),
    ])
    updateGoalField(doc, second, 'measure', 'närvaro i procent')
    const goals = planToObject(doc).goals as { id: string; measure: string | null }[]
    expect(goals.map((g) => g.id)).toEqual(['other', first, second])
    expect(goals[2]!.measure).toBe('närvaro i procent')
    expect(goals[1]!.measure).toBe('')
  })

  it('answer false for an entry someone else removed, and change nothing', () => {
    const doc = planWithRoster()
    const id = addSupport(doc, 'agency')
    expect(removeSupport(doc, id)).toBe(true)
    const before = Y.encodeStateVector(doc)
    expect(updateSupportField(doc, id, 'what', 'Samtal')).toBe(false)
    expect(updateGoalField(doc, 'nope', 'what', 'x')).toBe(false)
    expect(removeGoal(doc, 'nope')).toBe(false)
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('add a support linked to a goal; removing the goal keeps the support and clears the link', () => {
    const doc = planWithRoster()
    const goalId = addGoal(doc, 'short', { what: 'Komma till skolan på måndagar' })
    const family = addSupport(doc, 'family', { what: 'Sara följer Elsa till skolan', responsible: 'Sara' })
    const agency = addSupport(doc, 'agency')
    updateSupportField(doc, agency, 'what', 'Samtal med kurator')
    updateSupportField(doc, agency, 'organisation', 'Elevhälsa')
    updateSupportField(doc, agency, 'frequency', 'varje måndag morgon')
    updateSupportField(doc, agency, 'goalId', goalId)
    updateSupportField(doc, family, 'goalId', goalId)

    const supports = () => planToObject(doc).supports as Record<string, unknown>[]
    expect(supports()[1]).toEqual({
      id: agency,
      party: 'agency',
      what: 'Samtal med kurator',
      organisation: 'Elevhälsa',
      responsible: '',
      frequency: 'varje måndag morgon',
      where: '',
      start: '',
      end: '',
      goalId,
    })
    expect(updatesOf(doc, () => removeGoal(doc, goalId))).toBe(1)
    expect(planToObject(doc).goals).toEqual([])
    expect(supports().map((s) => [s.what, s.goalId])).toEqual([
      ['Sara följer Elsa till skolan', ''],
      ['Samtal med kurator', ''],
    ])
  })

  it('mark attendance only for people on the roster, and clear it again', () => {
    const doc = planWithRoster()
    expect(setAttendance(doc, 'p-sara', 'present')).toBe(true)
    expect(setAttendance(doc, 'p-amir', 'remote')).toBe(true)
    expect(setAttendance(doc, 'p-unknown', 'present')).toBe(false)
    expect(planToObject(doc).attendance).toEqual({ 'p-amir': 'remote', 'p-sara': 'present' })
    setAttendance(doc, 'p-amir', 'no-show')
    setAttendance(doc, 'p-sara', null)
    expect(planToObject(doc).attendance).toEqual({ 'p-amir': 'no-show' })
  })

  it('set huvudansvarig and the follow-up meeting field by field', () => {
    const doc = planWithRoster()
    setResponsible(doc, 'organisation', 'Elevhälsa')
    setResponsible(doc, 'function', 'kurator')
    setResponsible(doc, 'name', 'Amir Haddad')
    setFollowUp(doc, 'date', '2027-02-01')
    setFollowUp(doc, 'time', '09:00')
    setFollowUp(doc, 'place', 'Skolan, konferensrum 2')
    setFollowUp(doc, 'calledBy', 'Amir Haddad')
    const plan = planToObject(doc)
    expect(plan.responsible).toEqual({ organisation: 'Elevhälsa', function: 'kurator', name: 'Amir Haddad' })
    expect(plan.followUp).toEqual({
      date: '2027-02-01',
      time: '09:00',
      place: 'Skolan, konferensrum 2',
      calledBy: 'Amir Haddad',
    })
  })

  it('never write the server-owned set-up or roster', () => {
    const doc = planWithRoster()
    const setup = planParts(doc).setup
    const participants = planParts(doc).participants
    const touched: string[] = []
    setup.observeDeep(() => touched.push('setup'))
    participants.observeDeep(() => touched.push('participants'))
    const goal = addGoal(doc, 'long')
    const support = addSupport(doc, 'agency')
    updateGoalField(doc, goal, 'what', 'x')
    updateSupportField(doc, support, 'responsible', 'y')
    setAttendance(doc, 'p-sara', 'present')
    setResponsible(doc, 'name', 'z')
    setFollowUp(doc, 'place', 'w')
    removeGoal(doc, goal)
    removeSupport(doc, support)
    expect(touched).toEqual([])
  })

  it('merge two people editing two fields of the same support', () => {
    const a = planWithRoster()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const id = addSupport(a, 'agency')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    updateSupportField(a, id, 'what', 'Familjestöd i hemmet')
    updateSupportField(b, id, 'responsible', 'Lena Berg')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const supportOf = (doc: Y.Doc) => (planToObject(doc).supports as Record<string, unknown>[])[0]
    expect(supportOf(a)).toMatchObject({ what: 'Familjestöd i hemmet', responsible: 'Lena Berg' })
    expect(supportOf(b)).toEqual(supportOf(a))
  })
})
