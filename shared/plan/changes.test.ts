import { describe, expect, it } from 'vitest'
import { planChanges } from './changes'

const previous = {
  goals: [
    { id: 'g1', kind: 'long', what: 'Elsa trivs i skolan' },
    { id: 'g2', kind: 'short', what: 'Fyra dagar i veckan' },
    { id: 'g3', kind: 'short', what: 'Sova hela nätter' },
  ],
  supports: [
    { id: 's1', what: 'Skolskjuts' },
    { id: 's2', what: 'Samtal med kurator' },
    { id: 's3', what: 'Läxhjälp' },
    { id: 's4', what: 'Väckning' },
    // Ended last time, so not carried over: not "removed" now.
    { id: 's5', what: 'Utredning', status: 'ended' },
  ],
}

describe('P13: what changed since the previous version', () => {
  it('P13: nothing changed when the follow-up carried everything and set nothing', () => {
    const carried = {
      goals: previous.goals.map((g) => ({ ...g, outcome: '', outcomeComment: '' })),
      supports: previous.supports.slice(0, 4).map((s) => ({ ...s, status: '', effect: '' })),
    }
    expect(planChanges(previous, carried)).toEqual([])
  })

  it('P13: goals added, removed and assessed; supports added, removed, ended and given a status', () => {
    const current = {
      goals: [
        { id: 'g1', what: 'Elsa trivs i skolan', outcome: 'achieved', outcomeComment: 'Hon säger det' },
        { id: 'g2', what: 'Fyra dagar i veckan', outcome: '', outcomeComment: '' },
        { id: 'g4', what: 'Elsa äter lunch i skolan' },
      ],
      supports: [
        { id: 's1', what: 'Skolskjuts', status: 'ended', effect: 'Hon kommer i tid' },
        { id: 's2', what: 'Samtal med kurator', status: 'ongoing', effect: '' },
        { id: 's4', what: 'Väckning', status: 'not-started', effect: '' },
        { id: 's6', what: 'Lunch i lugn miljö' },
      ],
    }
    expect(planChanges(previous, current)).toEqual([
      { kind: 'goal-outcome', id: 'g1', what: 'Elsa trivs i skolan', outcome: 'achieved' },
      { kind: 'goal-added', id: 'g4', what: 'Elsa äter lunch i skolan' },
      { kind: 'goal-removed', id: 'g3', what: 'Sova hela nätter' },
      { kind: 'support-ended', id: 's1', what: 'Skolskjuts' },
      { kind: 'support-status', id: 's2', what: 'Samtal med kurator', status: 'ongoing' },
      { kind: 'support-status', id: 's4', what: 'Väckning', status: 'not-started' },
      { kind: 'support-added', id: 's6', what: 'Lunch i lugn miljö' },
      { kind: 'support-removed', id: 's3', what: 'Läxhjälp' },
    ])
  })

  it('P13: plans of the wrong shape, and entries without an id, are no changes and never throw', () => {
    expect(planChanges(undefined, null)).toEqual([])
    expect(planChanges({ goals: 'g1' }, { goals: [null, 3, [], { what: 'Utan id' }] })).toEqual([])
    expect(planChanges({}, { supports: [{ id: 's1', what: 7 }] })).toEqual([
      { kind: 'support-added', id: 's1', what: '' },
    ])
  })
})
