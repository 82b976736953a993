import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import { addGoal, removeGoal, updateGoalField } from './actions'
import { createTypeStore, fragmentBlocks, fragmentText, readList, readMap } from './hooks'
import { toGoal, toPeople } from './model'

function element(name: string, children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement {
  const node = new Y.XmlElement(name)
  node.insert(0, children)
  return node
}

describe('plan stores (what the hooks subscribe to)', () => {
  it('keep one snapshot until something inside the type changes, then a new one', () => {
    const doc = new Y.Doc()
    const goals = planParts(doc).goals
    const store = createTypeStore(goals, () => readList(goals))
    let notified = 0
    const unsubscribe = store.subscribe(() => notified++)
    const empty = store.getSnapshot()
    expect(store.getSnapshot()).toBe(empty)

    const id = addGoal(doc, 'short')
    expect(notified).toBe(1)
    const added = store.getSnapshot()
    expect(added).not.toBe(empty)
    expect(added.map(toGoal)).toEqual([
      { id, kind: 'short', what: '', measure: '', byWhen: '', agreed: null, carried: null },
    ])

    // A change inside one goal's map is a deep change of the list.
    updateGoalField(doc, id, 'byWhen', '2027-01-15')
    expect(notified).toBe(2)
    expect(toGoal(store.getSnapshot()[0]!).byWhen).toBe('2027-01-15')

    unsubscribe()
    updateGoalField(doc, id, 'what', 'x')
    expect(notified).toBe(2)
  })

  it('see a remote change arriving with a sync as well as a local one', () => {
    const local = new Y.Doc()
    const remote = new Y.Doc()
    const map = planParts(local).followUp
    const store = createTypeStore(map, () => readMap(map))
    let notified = 0
    store.subscribe(() => notified++)
    planParts(remote).followUp.set('place', 'Skolan')
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote))
    expect(notified).toBe(1)
    expect(store.getSnapshot()).toEqual({ place: 'Skolan' })
  })

  it('read the roster child first, then family, then staff, by name', () => {
    const doc = new Y.Doc()
    const participants = planParts(doc).participants
    const add = (id: string, name: string, role: string) =>
      participants.set(
        id,
        new Y.Map<string>(Object.entries({ name, role, organisation: 'x', function: 'y' })),
      )
    add('1', 'psykolog, BUP', 'participant')
    add('2', 'Maja Lind', 'chair')
    add('3', 'Sara', 'guardian')
    add('4', 'Elsa', 'child')
    add('5', 'Amir Haddad', 'notetaker')
    add('6', 'Johan', 'guardian')
    add('7', 'Okänd', 'janitor')
    expect(toPeople(readMap(participants)).map((p) => [p.name, p.role])).toEqual([
      ['Elsa', 'child'],
      ['Johan', 'guardian'],
      ['Sara', 'guardian'],
      ['Maja Lind', 'chair'],
      ['Amir Haddad', 'notetaker'],
      ['psykolog, BUP', 'participant'],
      ['Okänd', null],
    ])
  })

  it('turn a rich-text part into plain blocks for the child view and read-aloud', () => {
    const doc = new Y.Doc()
    const fragment = planParts(doc).text('childWords')
    expect(fragmentBlocks(fragment)).toEqual([])
    const bold = new Y.XmlText()
    bold.insert(0, 'ont i magen', { bold: true })
    fragment.insert(0, [
      element('paragraph', [new Y.XmlText('Att slippa '), bold, new Y.XmlText(' på morgonen.')]),
      element('paragraph', []),
      element('bulletList', [
        element('listItem', [element('paragraph', [new Y.XmlText('En kompis')])]),
        element('listItem', [element('paragraph', [new Y.XmlText('Lugn i klassen')])]),
      ]),
      element('paragraph', [new Y.XmlText('Rad ett'), element('hardBreak', []), new Y.XmlText('rad två')]),
    ])
    expect(fragmentBlocks(fragment)).toEqual([
      { kind: 'paragraph', text: 'Att slippa ont i magen på morgonen.' },
      { kind: 'list', ordered: false, items: ['En kompis', 'Lugn i klassen'] },
      { kind: 'paragraph', text: 'Rad ett\nrad två' },
    ])
    expect(fragmentText(fragment)).toContain('Lugn i klassen')
  })
})

describe('G13: a plan a writer damaged still shows', () => {
  it('G13: entries of the wrong shape in goals and supports are left out, and the others still change', () => {
    const doc = new Y.Doc()
    const { goals, supports } = planParts(doc)
    const id = addGoal(doc, 'long')
    ;(goals as unknown as Y.Array<unknown>).push(['inte en karta', 42, new Y.Text('x')])
    ;(supports as unknown as Y.Array<unknown>).insert(0, [null])
    expect(readList(goals).map((entry) => entry.id)).toEqual([id])
    expect(readList(supports)).toEqual([])
    updateGoalField(doc, id, 'what', 'Elsa går till skolan')
    expect(readList(goals).map(toGoal)[0]?.what).toBe('Elsa går till skolan')
    expect(removeGoal(doc, id)).toBe(true)
    expect(readList(goals)).toEqual([])
  })
})
