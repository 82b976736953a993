import type { ReactNode } from 'react'

/** A button that stays pressed (aria-pressed), with a check mark a screen reader does not say twice. */
export function ToggleButton({
  pressed,
  onToggle,
  children,
}: {
  pressed: boolean
  onToggle: () => void
  children: ReactNode
}) {
  return (
    <button type="button" aria-pressed={pressed} onClick={onToggle}>
      {pressed ? <span aria-hidden="true">✓ </span> : null}
      {children}
    </button>
  )
}
