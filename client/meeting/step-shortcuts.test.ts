import { describe, expect, it } from 'vitest'
import { isEditingTarget, stepShortcut } from './step-shortcuts'

const key = (
  k: string,
  mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {},
) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
})

describe("the chair's step shortcuts", () => {
  it('are Alt+Page Down and Alt+Page Up, and nothing else', () => {
    expect(stepShortcut(key('PageDown', { altKey: true }))).toBe('next')
    expect(stepShortcut(key('PageUp', { altKey: true }))).toBe('previous')
    expect(stepShortcut(key('PageDown'))).toBeNull()
    expect(stepShortcut(key('PageDown', { altKey: true, ctrlKey: true }))).toBeNull()
    expect(stepShortcut(key('PageDown', { altKey: true, shiftKey: true }))).toBeNull()
    expect(stepShortcut(key('ArrowRight', { altKey: true }))).toBeNull()
  })

  it('never take keys from form fields or editors', () => {
    expect(isEditingTarget({ tagName: 'INPUT' })).toBe(true)
    expect(isEditingTarget({ tagName: 'TEXTAREA' })).toBe(true)
    expect(isEditingTarget({ tagName: 'SELECT' })).toBe(true)
    expect(isEditingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true)
    expect(
      isEditingTarget({ tagName: 'P', closest: (s) => (s.includes('contenteditable') ? {} : null) }),
    ).toBe(true)
    expect(isEditingTarget({ tagName: 'BUTTON', closest: () => null })).toBe(false)
    expect(isEditingTarget({ tagName: 'BODY', closest: () => null })).toBe(false)
    expect(isEditingTarget(null)).toBe(false)
  })
})
