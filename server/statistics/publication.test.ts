import { describe, expect, it } from 'vitest'
import type { StatisticsReport } from '../../shared/schemas/statistics'
import { forPublication } from './publication'

const exact: StatisticsReport = {
  query: { from: '2026-03-01', to: '2026-05-31', publication: false },
  threshold: 5,
  generatedAt: '2026-06-01T08:00:00.000Z',
  municipalities: ['Uppsala'],
  tables: [
    {
      id: 'meetings',
      base: 152,
      rows: [
        { key: 'held', values: { count: 152, percent: 100 } },
        { key: 'first', values: { count: 148, percent: 97 } },
        { key: 'followup', values: { count: 4, percent: 3 } },
        { key: 'cancelled', values: { count: 1, percent: null } },
      ],
    },
    {
      id: 'without-function',
      base: 4,
      rows: [
        { key: 'skola', values: { without: 0, total: 3, percent: 0 } },
        { key: 'bup', values: { without: 1, total: 1, percent: 100 } },
        { key: 'elevhalsa', values: { without: 0, total: 0, percent: null } },
      ],
    },
    {
      id: 'attendance-principal',
      base: 9,
      rows: [
        {
          key: 'region',
          values: { present: 5, remote: 0, cancelled: 1, 'no-show': 3, unmarked: 0, total: 9 },
        },
      ],
    },
    {
      id: 'convener-function',
      base: 7,
      rows: [{ key: 'skola:rektor', label: 'rektor', values: { count: 4, percent: 57 } }],
    },
  ],
}

describe('forPublication (docs/statistics.md ST20)', () => {
  it('ST20: hides counts and bases from 1 to threshold − 1 and the per cents of hidden counts', () => {
    const published = forPublication(exact, 5)
    expect(published.query.publication).toBe(true)
    const [meetings, without, attendance, functions] = published.tables
    expect(meetings!.base).toBe(152)
    expect(meetings!.rows.map((r) => r.values)).toEqual([
      { count: 152, percent: 100 },
      { count: 148, percent: 97 },
      { count: 'suppressed', percent: 'suppressed' },
      // Nothing to hide where there is no per cent.
      { count: 'suppressed', percent: null },
    ])
    // The per cent of "without" is hidden with it; a total of 1 is hidden, a 0 shown.
    expect(without!.base).toBe('suppressed')
    expect(without!.rows.map((r) => r.values)).toEqual([
      { without: 0, total: 'suppressed', percent: 0 },
      { without: 'suppressed', total: 'suppressed', percent: 'suppressed' },
      { without: 0, total: 0, percent: null },
    ])
    expect(attendance!.rows[0]!.values).toEqual({
      present: 5,
      remote: 0,
      cancelled: 'suppressed',
      'no-show': 'suppressed',
      unmarked: 0,
      total: 9,
    })
    // A dynamic row keeps its key and label.
    expect(functions!.rows[0]).toEqual({
      key: 'skola:rektor',
      label: 'rektor',
      values: { count: 'suppressed', percent: 'suppressed' },
    })
  })

  it('ST20: the threshold is the one given: with 2 only ones are hidden', () => {
    const published = forPublication(exact, 2)
    expect(published.threshold).toBe(2)
    expect(published.tables[0]!.rows.map((r) => r.values.count)).toEqual([152, 148, 4, 'suppressed'])
  })

  it('leaves the exact report as it was', () => {
    const before = JSON.stringify(exact)
    forPublication(exact, 5)
    expect(JSON.stringify(exact)).toBe(before)
  })
})
