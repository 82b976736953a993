import { describe, expect, it } from 'vitest'
import { type Goal, type Support, toGoal, toSupport } from './model'
import { goalIssues, supportIssues } from './validation'

// Read through the model, as the screens read them: every field not named is empty.
const goal: Goal = toGoal({ id: 'g', fields: { kind: 'short', what: 'Kompis' } })
const support: Support = toSupport({ id: 's', fields: { party: 'agency', what: 'Samtal' } })

describe('what a plan entry still lacks', () => {
  it('a goal needs a date by when', () => {
    expect(goalIssues(goal)).toEqual(['goalNeedsByWhen'])
    expect(goalIssues({ ...goal, byWhen: '2027-06-01' })).toEqual([])
  })

  it('a support needs an owner: a responsible person or function, or an organisation', () => {
    expect(supportIssues(support)).toEqual(['supportNeedsOwner'])
    expect(supportIssues({ ...support, responsible: '  ' })).toEqual(['supportNeedsOwner'])
    expect(supportIssues({ ...support, responsible: 'Lena Berg' })).toEqual([])
    expect(supportIssues({ ...support, organisation: 'Socialtjänst' })).toEqual([])
  })

  it('a support cannot end before it starts', () => {
    const owned = { ...support, organisation: 'BUP' }
    expect(supportIssues({ ...owned, start: '2027-02-01', end: '2027-01-31' })).toEqual([
      'supportEndsBeforeStart',
    ])
    expect(supportIssues({ ...owned, start: '2027-02-01', end: '2027-02-01' })).toEqual([])
    expect(supportIssues({ ...owned, end: '2027-01-31' })).toEqual([])
  })
})
