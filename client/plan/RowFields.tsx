import type { ReactNode } from 'react'

/**
 * The cells of a compact row (a goal, a support): one labelled control each. On a wide screen the
 * labels of the row's main line are hidden visually – a column header above the rows shows them –
 * and stay the controls' accessible names; in a narrow column every row is a card with its labels
 * visible (plan.css, container queries).
 */

interface CellProps {
  id: string
  label: string
  /** Where the cell sits in the row (plan.css): `what`, `who`, `date`, … */
  cell: string
  /** In the row's main line, under a column header: the label is hidden there on a wide screen. */
  headed?: boolean
  required?: boolean
  /** Ids of a note of the row that describes this control (what is still missing). */
  describedBy?: string | undefined
  invalid?: boolean
}

function Cell({ id, label, cell, headed = false, children }: CellProps & { children: ReactNode }) {
  return (
    <div className={`plan-cell plan-cell--${cell}`}>
      <label className={`plan-cell__label${headed ? ' plan-cell__label--headed' : ''}`} htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  )
}

function aria({ required, describedBy, invalid }: CellProps) {
  return {
    'aria-required': required ? true : undefined,
    'aria-describedby': describedBy,
    'aria-invalid': invalid ? true : undefined,
  }
}

export function RowInput({
  value,
  onChange,
  type = 'text',
  ...cell
}: CellProps & { value: string; onChange: (value: string) => void; type?: 'text' | 'date' }) {
  return (
    <Cell {...cell}>
      <input
        id={cell.id}
        className="field__input plan-cell__input"
        type={type}
        value={value}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
        {...aria(cell)}
      />
    </Cell>
  )
}

/** A text that may run over more than one line: it grows with what is written (Shift+Enter breaks). */
export function RowText({
  value,
  onChange,
  ...cell
}: CellProps & { value: string; onChange: (value: string) => void }) {
  return (
    <Cell {...cell}>
      <textarea
        id={cell.id}
        className="field__input plan-cell__input plan-cell__text"
        rows={1}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...aria(cell)}
      />
    </Cell>
  )
}

export function RowSelect<V extends string>({
  value,
  onChange,
  options,
  ...cell
}: CellProps & {
  value: V | ''
  onChange: (value: V | '') => void
  options: readonly { value: V | ''; label: string }[]
}) {
  return (
    <Cell {...cell}>
      <select
        id={cell.id}
        className="field__input plan-cell__input"
        value={value}
        onChange={(event) => onChange(event.target.value as V | '')}
        {...aria(cell)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Cell>
  )
}
