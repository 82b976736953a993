import { describe, expect, it } from 'vitest'
import { addDays, stockholmDateTime, stockholmDay } from './dates'

describe('Stockholm dates', () => {
  it('a late evening in UTC is already the next day in Stockholm', () => {
    expect(stockholmDay(Date.parse('2027-01-14T23:30:00Z'))).toBe('2027-01-15')
    expect(stockholmDay(Date.parse('2027-07-14T21:59:00Z'))).toBe('2027-07-14')
  })

  it('local times carry winter and summer offsets', () => {
    expect(stockholmDateTime('2027-01-15', '09:00')).toBe('2027-01-15T09:00:00+01:00')
    expect(stockholmDateTime('2027-06-15', '09:00')).toBe('2027-06-15T09:00:00+02:00')
    expect(stockholmDateTime('2027-06-15', '9')).toBeUndefined()
    expect(stockholmDateTime('', '09:00')).toBeUndefined()
  })

  it('adds calendar days across months', () => {
    expect(addDays('2027-01-30', 14)).toBe('2027-02-13')
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28')
  })
})
