/**
 * The keys of the compact rows (goals, supports): what a key press in a row asks for. Kept apart
 * from the components so the rule is tested alone.
 *
 * - Alt+N, or Ctrl+Enter (Cmd+Enter on a Mac), anywhere in a list: a new row.
 * - Enter in a row's text or date field: a new row – the row is saved as it is typed, so Enter
 *   only moves on. Shift+Enter keeps its meaning in a text: a line break.
 * - Anything else (Enter on a button or in a list box, typing): nothing of ours.
 */

export type RowKeyAction = 'newRow' | null

export interface RowKey {
  key: string
  /** The physical key: Alt+N types "˜" on a Mac keyboard, so N is recognised by its code. */
  code: string
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  /** An input method is composing a character (Enter confirms it there). */
  isComposing: boolean
  /** The element the key was pressed in. */
  target: { tagName: string; type?: string }
}

const ROW_INPUT_TYPES = new Set(['text', 'date', 'search', ''])

export function rowKeyAction(event: RowKey): RowKeyAction {
  if (event.isComposing) return null
  if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyN') return 'newRow'
  if (event.key !== 'Enter' || event.altKey) return null
  if (event.ctrlKey || event.metaKey) return 'newRow'
  if (event.shiftKey) return null
  const tag = event.target.tagName.toLowerCase()
  if (tag === 'textarea') return 'newRow'
  if (tag === 'input' && ROW_INPUT_TYPES.has((event.target.type ?? '').toLowerCase())) return 'newRow'
  return null
}
