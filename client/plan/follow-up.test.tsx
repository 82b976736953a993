import { createElement } from 'react'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import { i18n, render, t, text } from '../test/render'
import { addGoal, addSupport, updateGoalField, updateGoalOutcome, updateSupportFollowUp } from './actions'
import { ChildView } from './ChildView'
import { goalMark, helpLine, helpSpeech } from './child-lines'
import { GoalsSection } from './GoalsSection'
import { isBlankGoal, isBlankSupport, toGoal, toSupport } from './model'
import { SupportsSection } from './SupportsSection'

vi.hoisted(() => {
  // The app's i18n (reached through the date format) marks the page's language when it loads;
  // these tests run in Node, with no page.
  Object.assign(globalThis, { document: { documentElement: {} } })
})

/**
 * A follow-up's plan as the server writes it from the last signed version (P6): each goal and
 * support carried over has its follow-up fields, empty. The client never writes this itself.
 */
function followUpPlan(): Y.Doc {
  const doc = new Y.Doc()
  const parts = planParts(doc)
  doc.transact(() => {
    parts.setup.set('type', 'followup')
    parts.goals.push([
      new Y.Map<string | boolean>(
        Object.entries({
          id: 'g-friend',
          kind: 'short',
          what: 'Elsa har en kompis i klassen',
          measure: 'Elsa säger det själv',
          byWhen: '2027-03-01',
          agreed: true,
          outcome: '',
          outcomeComment: '',
        }),
      ),
    ])
    parts.supports.push([
      new Y.Map<string>(
        Object.entries({
          id: 's-talks',
          party: 'agency',
          what: 'Samtal om oro',
          organisation: 'bup',
          responsible: 'Anna',
          frequency: 'varje vecka',
          where: '',
          start: '',
          end: '',
          goalId: 'g-friend',
          status: '',
          effect: '',
        }),
      ),
    ])
  })
  return doc
}

const goalMap = (doc: Y.Doc, index: number) => planParts(doc).goals.get(index)
const supportMap = (doc: Y.Doc, index: number) => planParts(doc).supports.get(index)
const goalAt = (doc: Y.Doc, index: number) =>
  toGoal({ id: String(goalMap(doc, index).get('id')), fields: goalMap(doc, index).toJSON() })
const supportAt = (doc: Y.Doc, index: number) =>
  toSupport({ id: String(supportMap(doc, index).get('id')), fields: supportMap(doc, index).toJSON() })

describe('P7: the follow-up fields of carried goals and supports', () => {
  it('P7: an entry is carried exactly when its map has the field; one added at the follow-up has none', () => {
    const doc = followUpPlan()
    const goal = addGoal(doc, 'short', { what: 'Elsa läser en bok i månaden' })
    const support = addSupport(doc, 'family', { what: 'Läsa tillsammans' })

    expect(goalAt(doc, 0).carried).toEqual({ outcome: '', outcomeComment: '' })
    expect(supportAt(doc, 0).carried).toEqual({ status: '', effect: '' })
    expect(goalAt(doc, 1).carried).toBeNull()
    expect(supportAt(doc, 1).carried).toBeNull()
    expect([...goalMap(doc, 1).keys()]).not.toContain('outcome')
    expect([...supportMap(doc, 1).keys()]).not.toContain('status')
    expect(goalMap(doc, 1).get('id')).toBe(goal)
    expect(supportMap(doc, 1).get('id')).toBe(support)
    // A carried entry is last time's, waiting for its follow-up: never a blank row to fill.
    expect(isBlankGoal(goalAt(doc, 0))).toBe(false)
    expect(isBlankSupport(supportAt(doc, 0))).toBe(false)
    // A value no screen writes is read as not decided, never shown as a code.
    expect(toGoal({ id: 'x', fields: { outcome: 'done' } }).carried).toEqual({
      outcome: '',
      outcomeComment: '',
    })
    expect(toSupport({ id: 'x', fields: { status: 'achieved', effect: 7 } }).carried).toEqual({
      status: '',
      effect: '',
    })
  })

  it('P7: the note-taker sets a carried goal’s outcome and comment in its Y.Map, and can take the outcome back', () => {
    const doc = followUpPlan()
    expect(updateGoalOutcome(doc, 'g-friend', 'outcome', 'partly')).toBe(true)
    expect(updateGoalOutcome(doc, 'g-friend', 'outcomeComment', 'Har en kompis på rasterna')).toBe(true)
    expect(goalMap(doc, 0).get('outcome')).toBe('partly')
    expect(goalMap(doc, 0).get('outcomeComment')).toBe('Har en kompis på rasterna')
    expect(goalAt(doc, 0).carried).toEqual({ outcome: 'partly', outcomeComment: 'Har en kompis på rasterna' })

    // "Inte bedömt än" again: the field stays (the goal is still carried), empty.
    updateGoalOutcome(doc, 'g-friend', 'outcome', '')
    expect(goalMap(doc, 0).has('outcome')).toBe(true)
    expect(goalAt(doc, 0).carried?.outcome).toBe('')
    // The goal's own fields are untouched by its follow-up.
    expect(goalMap(doc, 0).get('what')).toBe('Elsa har en kompis i klassen')
  })

  it('P7: a status written to a carried support’s Y.Map; ending it keeps it in the list', () => {
    const doc = followUpPlan()
    expect(updateSupportFollowUp(doc, 's-talks', 'status', 'ended')).toBe(true)
    expect(updateSupportFollowUp(doc, 's-talks', 'effect', 'Elsa sover bättre')).toBe(true)
    expect(supportMap(doc, 0).toJSON()).toMatchObject({
      id: 's-talks',
      what: 'Samtal om oro',
      status: 'ended',
      effect: 'Elsa sover bättre',
    })
    expect(planParts(doc).supports.length).toBe(1)
  })

  it('P7: follow-up fields are never created on a goal or support added at the follow-up', () => {
    const doc = followUpPlan()
    const goal = addGoal(doc, 'long', { what: 'Elsa trivs i skolan' })
    const support = addSupport(doc, 'agency', { what: 'Läxhjälp' })
    const before = { goal: goalMap(doc, 1).toJSON(), support: supportMap(doc, 1).toJSON() }
    let updates = 0
    doc.on('update', () => updates++)

    expect(updateGoalOutcome(doc, goal, 'outcome', 'achieved')).toBe(false)
    expect(updateGoalOutcome(doc, goal, 'outcomeComment', 'Bra')).toBe(false)
    expect(updateSupportFollowUp(doc, support, 'status', 'done')).toBe(false)
    expect(updateSupportFollowUp(doc, support, 'effect', 'Bra')).toBe(false)
    // An id nobody has (removed meanwhile) is no different.
    expect(updateSupportFollowUp(doc, 'gone', 'status', 'done')).toBe(false)

    expect(goalMap(doc, 1).toJSON()).toEqual(before.goal)
    expect(supportMap(doc, 1).toJSON()).toEqual(before.support)
    expect(updates).toBe(0)
    // Editing a new goal's own fields does not make it carried either.
    updateGoalField(doc, goal, 'measure', 'Elsa säger det')
    expect(goalAt(doc, 1).carried).toBeNull()
  })
})

describe('P7: the note-taker’s rows at a follow-up', () => {
  it('P7: a carried goal’s row has the "Uppföljning" group – "Hur gick det?" as radios and a comment; a new goal’s has none', () => {
    const doc = followUpPlan()
    updateGoalOutcome(doc, 'g-friend', 'outcome', 'partly')
    addGoal(doc, 'short', { what: 'Elsa läser en bok i månaden' })
    const html = render(createElement(GoalsSection, { doc, editable: true, level: 4 }))

    // One follow-up group, a fieldset named by its legend, tagged as last time's.
    expect(html.match(/<fieldset class="plan-followup">/g)).toHaveLength(1)
    expect(text(html)).toContain('Uppföljning Från förra planen Hur gick det?')
    // The radio group is a fieldset with the question as its legend; "Delvis uppnått" is chosen.
    expect(html).toMatch(
      /<fieldset class="plan-followup__choice"><legend class="plan-followup__question">Hur gick det\?<\/legend>/,
    )
    for (const [value, label] of [
      ['achieved', 'Uppnått'],
      ['partly', 'Delvis uppnått'],
      ['not-achieved', 'Inte uppnått'],
      ['unset', 'Inte bedömt än'],
    ]) {
      expect(html).toContain(`<label for="plan-goal-g-friend-outcome-${value}">${label}</label>`)
    }
    expect(html).toMatch(/<input id="plan-goal-g-friend-outcome-partly" type="radio"[^>]*checked=""/)
    expect(html).not.toMatch(/<input id="plan-goal-g-friend-outcome-achieved"[^>]*checked=""/)
    expect(html).toContain(
      '<label class="plan-cell__label" for="plan-goal-g-friend-outcomeComment">Kommentar</label>',
    )
    // The carried row is marked as such; the new goal's row has no follow-up field.
    expect(html).toContain('<fieldset class="plan-row plan-carried">')
    expect(html.match(/-outcome-/g)?.length).toBe(8) // four ids and four labels, all of the carried goal
  })

  it('P7: a carried support’s row asks "Hur gick insatsen?" and its effect; an ended one is visibly ended', () => {
    const doc = followUpPlan()
    updateSupportFollowUp(doc, 's-talks', 'status', 'ended')
    addSupport(doc, 'agency', { what: 'Läxhjälp' })
    const html = render(createElement(SupportsSection, { doc, editable: true, level: 4 }))

    expect(text(html)).toContain('Uppföljning Från förra planen Avslutad Hur gick insatsen?')
    for (const label of ['Genomförd', 'Pågår', 'Inte påbörjad', 'Avslutad', 'Inte bedömt än']) {
      expect(html).toContain(`>${label}</label>`)
    }
    expect(html).toMatch(/<input id="plan-support-s-talks-status-ended" type="radio"[^>]*checked=""/)
    expect(html).toContain('for="plan-support-s-talks-effect">Effekt – vad blev resultatet?</label>')
    expect(html).toContain('<fieldset class="plan-row plan-carried plan-carried--ended">')
    // Still listed, with the new support after it; the new one has no follow-up group.
    expect(html.match(/<fieldset class="plan-followup">/g)).toHaveLength(1)
    expect(html.match(/<li class="plan-rows__item">/g)).toHaveLength(2)
  })
})

describe('P7: everyone else reads how it went, in words', () => {
  it('P7: outcome and status in words on the read-only plan (participants, the wall), never as codes', () => {
    const doc = followUpPlan()
    updateGoalOutcome(doc, 'g-friend', 'outcome', 'not-achieved')
    updateGoalOutcome(doc, 'g-friend', 'outcomeComment', 'Inte än, men nära')
    updateSupportFollowUp(doc, 's-talks', 'status', 'ended')
    updateSupportFollowUp(doc, 's-talks', 'effect', 'Elsa sover bättre')
    addGoal(doc, 'short', { what: 'Elsa läser en bok i månaden' })
    const goals = render(createElement(GoalsSection, { doc, editable: false, level: 4 }))
    const supports = render(createElement(SupportsSection, { doc, editable: false, level: 4 }))

    expect(text(goals)).toContain(
      'Från förra planen Elsa har en kompis i klassen Uppföljning Inte uppnått Kommentar Inte än, men nära',
    )
    expect(text(supports)).toContain(
      'Från förra planen Avslutad Samtal om oro Uppföljning Avslutad Effekt Elsa sover bättre',
    )
    expect(supports).toContain('<li class="plan-entry plan-carried plan-carried--ended">')
    // The goal added at this meeting has neither the tag nor a follow-up.
    expect(goals.match(/Från förra planen/g)).toHaveLength(1)
    expect(goals.match(/Uppföljning/g)).toHaveLength(1)
    for (const html of [goals, supports]) {
      expect(text(html)).not.toMatch(/not-achieved|ended|outcome|status/)
    }
  })

  it('P7: not yet assessed is said so, not left blank', () => {
    const doc = followUpPlan()
    const goals = text(render(createElement(GoalsSection, { doc, editable: false, level: 4 })))
    const supports = text(render(createElement(SupportsSection, { doc, editable: false, level: 4 })))
    expect(goals).toContain('Uppföljning Inte bedömt än')
    expect(supports).toContain('Uppföljning Inte bedömt än')
  })
})

describe('P7: the child reads how it went in plain words', () => {
  it('P7: every outcome and status has the child’s own words, in Swedish and English', () => {
    const goal = (outcome: string) => toGoal({ id: 'g', fields: { what: 'x', outcome } })
    const support = (status: string) => toSupport({ id: 's', fields: { what: 'Samtal', status } })
    expect(['achieved', 'partly', 'not-achieved', ''].map((outcome) => goalMark(t, goal(outcome)))).toEqual([
      'Klart!',
      'Delvis klart',
      'Inte än',
      '',
    ])
    expect(
      ['done', 'ongoing', 'not-started', 'ended', ''].map((status) => helpLine(t, support(status)).status),
    ).toEqual(['Har hänt', 'Pågår', 'Har inte börjat', 'Slut nu', ''])
    const english = i18n.getFixedT('en')
    expect(goalMark(english, goal('partly'))).toBe('Partly done')
    expect(helpLine(english, support('ended')).status).toBe('Over now')
    // Nothing for what was added at this meeting.
    expect(goalMark(t, toGoal({ id: 'g', fields: { what: 'x' } }))).toBe('')
    expect(helpLine(t, toSupport({ id: 's', fields: { what: 'x' } })).status).toBe('')
  })

  it('P7: read aloud, a support says how it is going after who helps and when', () => {
    const line = helpLine(
      t,
      toSupport({ id: 's', fields: { what: 'Samtal om oro', responsible: 'Anna', status: 'ongoing' } }),
    )
    expect(helpSpeech(line)).toBe('Samtal om oro. Vem hjälper dig: Anna. Pågår.')
  })

  it('P7, P8: the child view at a follow-up – how goals and help went, an ended support still there, the step’s own question', () => {
    const doc = followUpPlan()
    planParts(doc).meeting.set('step', 2)
    updateGoalOutcome(doc, 'g-friend', 'outcome', 'achieved')
    updateSupportFollowUp(doc, 's-talks', 'status', 'ended')
    const shown = text(render(createElement(ChildView, { doc })))

    expect(shown).toContain('Målet är att Elsa har en kompis i klassen, till den 1 mars 2027. Klart!')
    expect(shown).toContain('Samtal om oro Vem hjälper dig: Anna När: varje vecka Slut nu')
    expect(shown).toContain('Hur har det gått sedan sist? Har du fått den hjälp vi bestämde?')
    expect(shown).not.toMatch(/achieved|ended|Avslutad|Uppnått/)
  })
})
