import { describe, expect, it } from 'vitest'
import { GENERIC_FUNCTIONS, isWithoutFunction } from './functions'

describe('participants without a function (docs/statistics.md ST10)', () => {
  it('ST10: empty, the organisation’s own key or name, or a bare name is no function', () => {
    expect(isWithoutFunction('bup', '')).toBe(true)
    expect(isWithoutFunction('bup', '   ')).toBe(true)
    expect(isWithoutFunction('bup', 'BUP')).toBe(true)
    expect(isWithoutFunction('habilitering', ' Habilitering ')).toBe(true)
    expect(isWithoutFunction('habilitering', 'HAB')).toBe(true)
    expect(isWithoutFunction('skola', 'School')).toBe(true)
    expect(isWithoutFunction('elevhalsa', 'ELEVHÄLSAN')).toBe(true)
    expect(isWithoutFunction('primarvard', 'Primärvård')).toBe(true)
    expect(isWithoutFunction('annan', 'annan verksamhet')).toBe(true)
    for (const name of GENERIC_FUNCTIONS)
      expect(isWithoutFunction('socialtjanst', name.toUpperCase())).toBe(true)
  })

  it('ST10: a profession is a function, and so is another organisation’s name', () => {
    expect(isWithoutFunction('bup', 'psykolog')).toBe(false)
    expect(isWithoutFunction('habilitering', 'Logoped')).toBe(false)
    expect(isWithoutFunction('skola', 'biträdande rektor')).toBe(false)
    // "Handläggare" and "mobila teamet" are unclear (seed 000) but not a bare organisation name.
    expect(isWithoutFunction('bup', 'handläggare')).toBe(false)
    // Only the organisation's own name: "Habilitering" written for a BUP participant says something.
    expect(isWithoutFunction('bup', 'habilitering')).toBe(false)
  })
})
