import { describe, expect, it } from 'vitest'
import { type RowKey, rowKeyAction } from './row-keys'

function press(key: string, init: Partial<RowKey> = {}): RowKey {
  return {
    key,
    code: key.length === 1 ? `Key${key.toUpperCase()}` : key,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    isComposing: false,
    target: { tagName: 'INPUT', type: 'text' },
    ...init,
  }
}

describe('keys of the compact rows', () => {
  it('add a row on Enter in a text, a date or a multi-line text, and on Alt+N or Ctrl+Enter anywhere', () => {
    expect(rowKeyAction(press('Enter'))).toBe('newRow')
    expect(rowKeyAction(press('Enter', { target: { tagName: 'INPUT', type: 'date' } }))).toBe('newRow')
    expect(rowKeyAction(press('Enter', { target: { tagName: 'TEXTAREA' } }))).toBe('newRow')
    // Alt+N on a Mac types "˜": the physical key decides.
    expect(rowKeyAction(press('˜', { code: 'KeyN', altKey: true }))).toBe('newRow')
    expect(rowKeyAction(press('Enter', { ctrlKey: true, target: { tagName: 'SELECT' } }))).toBe('newRow')
    expect(rowKeyAction(press('Enter', { metaKey: true, target: { tagName: 'BUTTON' } }))).toBe('newRow')
  })

  it('leave Shift+Enter, buttons, list boxes, typing and an input method alone', () => {
    expect(rowKeyAction(press('Enter', { shiftKey: true, target: { tagName: 'TEXTAREA' } }))).toBeNull()
    expect(rowKeyAction(press('Enter', { target: { tagName: 'BUTTON', type: 'button' } }))).toBeNull()
    expect(rowKeyAction(press('Enter', { target: { tagName: 'SELECT' } }))).toBeNull()
    expect(rowKeyAction(press('Enter', { target: { tagName: 'INPUT', type: 'checkbox' } }))).toBeNull()
    expect(rowKeyAction(press('n'))).toBeNull()
    expect(rowKeyAction(press('n', { ctrlKey: true }))).toBeNull()
    expect(rowKeyAction(press('Enter', { isComposing: true }))).toBeNull()
    expect(rowKeyAction(press('Enter', { altKey: true }))).toBeNull()
  })
})
