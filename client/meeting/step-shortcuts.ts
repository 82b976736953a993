import { useEffect, useRef } from 'react'

/**
 * The chair's keyboard shortcuts for the circle: Alt+Page Down / Alt+Page Up. Alt+arrows are the
 * browser's back and forward, and Ctrl+Alt+arrows switch desktops on many systems; Page Up/Down
 * with Alt are free in every browser we support and lie under one hand next to the arrows.
 */
export const STEP_SHORTCUTS = {
  next: { key: 'PageDown', aria: 'Alt+PageDown' },
  previous: { key: 'PageUp', aria: 'Alt+PageUp' },
} as const

export type StepDirection = keyof typeof STEP_SHORTCUTS

interface KeyLike {
  key: string
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
}

export function stepShortcut(event: KeyLike): StepDirection | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null
  if (event.key === STEP_SHORTCUTS.next.key) return 'next'
  if (event.key === STEP_SHORTCUTS.previous.key) return 'previous'
  return null
}

interface TargetLike {
  tagName?: string
  isContentEditable?: boolean
  closest?: (selector: string) => unknown
}

const FIELD_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT'])

/**
 * Whether a key pressed here belongs to someone writing: a form field or a rich-text editor.
 * Keys typed there are never taken for the circle, whatever the modifier.
 */
export function isEditingTarget(target: TargetLike | null): boolean {
  if (!target) return false
  if (target.tagName && FIELD_TAGS.has(target.tagName)) return true
  if (target.isContentEditable) return true
  return Boolean(target.closest?.('[contenteditable="true"], [role="textbox"], [role="combobox"]'))
}

/** Listens for the shortcuts on the whole page while `enabled`. */
export function useStepShortcuts(enabled: boolean, onStep: (direction: StepDirection) => void): void {
  const handler = useRef(onStep)
  useEffect(() => {
    handler.current = onStep
  })
  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (event: KeyboardEvent): void => {
      // A held key would race through the circle; one press, one step.
      if (event.defaultPrevented || event.isComposing || event.repeat) return
      const direction = stepShortcut(event)
      if (!direction || isEditingTarget(event.target as TargetLike | null)) return
      event.preventDefault()
      handler.current(direction)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [enabled])
}
