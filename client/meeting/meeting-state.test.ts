import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import {
  formatElapsed,
  goToStep,
  hasSpoken,
  nextStep,
  previousStep,
  readProgress,
  readRoster,
  setSpoken,
  speakingCount,
  startMeeting,
} from './meeting-state'

function docWithRoster(): Y.Doc {
  const doc = new Y.Doc()
  const { participants } = planParts(doc)
  const add = (id: string, name: string, role: string) => {
    const entry = new Y.Map<string>()
    participants.set(id, entry)
    entry.set('name', name)
    entry.set('role', role)
    entry.set('organisation', 'skola')
    entry.set('function', 'x')
  }
  add('p-chair', 'Maja Lind', 'chair')
  add('p-bup', 'psykolog, BUP', 'participant')
  add('p-child', 'Elsa', 'child')
  add('p-sara', 'Sara', 'guardian')
  add('p-amir', 'Amir Haddad', 'notetaker')
  return doc
}

describe('the meeting circle in the plan document', () => {
  it('starts once, at step 1, and a second start changes nothing', () => {
    const doc = new Y.Doc()
    expect(readProgress(doc)).toEqual({ step: 1, stepStartedAt: undefined, startedAt: undefined })
    startMeeting(doc, 1000)
    expect(readProgress(doc)).toEqual({ step: 1, stepStartedAt: 1000, startedAt: 1000 })
    goToStep(doc, 2, 2000)
    startMeeting(doc, 3000)
    expect(readProgress(doc)).toEqual({ step: 2, stepStartedAt: 2000, startedAt: 1000 })
  })

  it('changes step and step start in one update, so no screen sees one without the other', () => {
    const doc = new Y.Doc()
    startMeeting(doc, 1000)
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    goToStep(doc, 3, 5000)
    expect(updates).toHaveLength(1)

    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    expect(readProgress(other)).toEqual({ step: 3, stepStartedAt: 5000, startedAt: 1000 })
  })

  it('moving before the start starts the meeting', () => {
    const doc = new Y.Doc()
    goToStep(doc, 2, 4000)
    expect(readProgress(doc)).toEqual({ step: 2, stepStartedAt: 4000, startedAt: 4000 })
  })

  it('knows the steps around each step, and none beyond the circle', () => {
    expect(nextStep(1)).toBe(2)
    expect(nextStep(5)).toBeNull()
    expect(previousStep(1)).toBeNull()
    expect(previousStep(3)).toBe(2)
  })

  it('marks the speaking round per step, and counts only those expected to speak', () => {
    const doc = docWithRoster()
    setSpoken(doc, 2, 'p-sara', true, 10)
    setSpoken(doc, 2, 'p-child', true, 11)
    setSpoken(doc, 3, 'p-bup', true, 12)
    expect(hasSpoken(doc, 2, 'p-sara')).toBe(true)
    expect(hasSpoken(doc, 3, 'p-sara')).toBe(false)
    expect(planParts(doc).speakingRound.get('2:p-sara')).toBe(10)

    // Marking again keeps the first time; unmarking removes the key.
    setSpoken(doc, 2, 'p-sara', true, 99)
    expect(planParts(doc).speakingRound.get('2:p-sara')).toBe(10)
    setSpoken(doc, 2, 'p-child', false)
    expect(planParts(doc).speakingRound.has('2:p-child')).toBe(false)

    expect(speakingCount(doc, 2, readRoster(doc))).toEqual({ spoken: 1, total: 5 })
    planParts(doc).attendance.set('p-bup', 'no-show')
    expect(speakingCount(doc, 2, readRoster(doc))).toEqual({ spoken: 1, total: 4 })
  })

  it('lists the child first, then family, then staff, with attendance', () => {
    const doc = docWithRoster()
    planParts(doc).attendance.set('p-sara', 'remote')
    const roster = readRoster(doc)
    expect(roster.map((entry) => entry.participantId)).toEqual([
      'p-child',
      'p-sara',
      'p-bup',
      'p-amir',
      'p-chair',
    ])
    expect(roster[1]).toMatchObject({ name: 'Sara', role: 'guardian', attendance: 'remote' })
    expect(roster[0]?.attendance).toBeNull()
  })

  it('shows time in the step as mm:ss, never negative (clocks differ between screens)', () => {
    expect(formatElapsed(0)).toBe('00:00')
    expect(formatElapsed(61_999)).toBe('01:01')
    expect(formatElapsed(75 * 60_000 + 3_000)).toBe('75:03')
    expect(formatElapsed(-5_000)).toBe('00:00')
  })
})
