import { Fragment, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import { useTranslation } from '../i18n'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { fieldId } from '../ui/fields'
import { Heading, type HeadingLevel } from './Heading'
import { type RowKey, rowKeyAction } from './row-keys'

/**
 * A list of structured entries – goals, supports – each one a Y.Map in a Y.Array of the plan:
 * writers get compact rows, one labelled group per entry, that a keyboard fills without detours
 * (row-keys.ts: Enter or Alt+N gives the next row, with the cursor in its first field); everyone
 * else reads the entries as text. Removing asks first, says that it happened, and gives the
 * keyboard back to the add button.
 */

/** Any entry has an id and a "what", which names it in the remove dialog. */
interface Entry {
  id: string
  what: string
}

/** One list of the section: the goals of one kind, or all the supports. */
export interface EntryGroup<E extends Entry> {
  key: string
  /** The id of the heading that names the list. */
  titleId: string
  /** A group heading of its own (goals on long and short term); without it the section's names it. */
  heading?: { level: HeadingLevel; text: string } | undefined
  entries: readonly E[]
  empty: string
  addLabel: string
  /** Adds an empty entry and answers its id, so its first field can get the cursor. */
  add: () => string
}

export function EntryList<E extends Entry>({
  editable,
  groups,
  layout,
  columns,
  isBlank,
  formId,
  legend,
  fields,
  text,
  entryClass,
  removeLabel,
  removeTitle,
  removeText,
  removed,
  remove,
}: {
  editable: boolean
  groups: readonly EntryGroup<E>[]
  /** The row's grid in plan.css: `goal` or `support`. */
  layout: 'goal' | 'support'
  /** The column headers of a row's main line, in order (seen on a wide screen; each input keeps its own label). */
  columns: readonly string[]
  /** Nothing written in the entry yet: a new row goes there instead of adding another empty one. */
  isBlank: (entry: E) => boolean
  /** The entry form's id, prefix of its fields' ids (fieldId). */
  formId: (entry: E) => string
  /** "Insats 2": the group's name, also said after "Ta bort". */
  legend: (entry: E, number: number) => string
  /** The cells of one entry (RowFields.tsx); the first is `fieldId(form, 'what')`. */
  fields: (entry: E, form: string) => ReactNode
  /** One entry, read-only. */
  text: (entry: E) => ReactNode
  /**
   * Classes of an entry's row or card beyond the usual: at a follow-up, what was carried over from
   * the previous plan and what was ended there (follow-up.css).
   */
  entryClass?: ((entry: E) => string) | undefined
  removeLabel: string
  removeTitle: string
  removeText: string
  /** Said (role="status") once an entry is removed. */
  removed: string
  remove: (id: string) => void
}) {
  const { t } = useTranslation()
  const [justAdded, setJustAdded] = useState<string | null>(null)
  const [removing, setRemoving] = useState<{ entry: E; group: string } | null>(null)
  const [status, setStatus] = useState('')
  const addButtons = useRef<Record<string, HTMLButtonElement | null>>({})

  /** The next row of a list: a new one, or the empty last one if there is one already. */
  const nextRow = (group: EntryGroup<E>): void => {
    setStatus('')
    const last = group.entries.at(-1)
    if (last && isBlank(last)) {
      document.getElementById(fieldId(formId(last), 'what'))?.focus()
      return
    }
    setJustAdded(group.add())
  }

  const list = (group: EntryGroup<E>): ReactNode => (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keys of the rows inside (row-keys.ts), not a control of its own
    <div
      className={`plan-rows plan-rows--${layout}`}
      onKeyDown={
        editable
          ? (event) => {
              if (rowKeyAction(rowKey(event)) !== 'newRow') return
              event.preventDefault()
              nextRow(group)
            }
          : undefined
      }
    >
      {group.entries.length === 0 ? (
        <p className="plan-empty">{group.empty}</p>
      ) : (
        <>
          {editable ? (
            <div className="plan-rows__head" aria-hidden="true">
              {columns.map((column) => (
                <span key={column}>{column}</span>
              ))}
            </div>
          ) : null}
          <ol className={editable ? 'plan-rows__list' : 'plan-entries'} aria-labelledby={group.titleId}>
            {group.entries.map((entry, index) => (
              <li
                key={entry.id}
                className={classes(
                  editable ? 'plan-rows__item' : 'plan-entry',
                  !editable && entryClass?.(entry),
                )}
              >
                {editable ? (
                  <EntryRow
                    className={entryClass?.(entry)}
                    form={formId(entry)}
                    legend={legend(entry, index + 1)}
                    removeLabel={removeLabel}
                    autoFocus={justAdded === entry.id}
                    onFocused={() => setJustAdded(null)}
                    onRemove={() => setRemoving({ entry, group: group.key })}
                  >
                    {fields(entry, formId(entry))}
                  </EntryRow>
                ) : (
                  text(entry)
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {editable ? (
        <button
          type="button"
          className="plan-add"
          aria-keyshortcuts="Alt+N Control+Enter"
          ref={(element) => {
            addButtons.current[group.key] = element
          }}
          onClick={() => nextRow(group)}
        >
          {group.addLabel}
        </button>
      ) : null}
    </div>
  )

  return (
    <>
      {groups.map((group) =>
        group.heading ? (
          <section key={group.key} className="plan-group" aria-labelledby={group.titleId}>
            <Heading level={group.heading.level} id={group.titleId}>
              {group.heading.text}
            </Heading>
            {list(group)}
          </section>
        ) : (
          <Fragment key={group.key}>{list(group)}</Fragment>
        ),
      )}
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {editable ? (
        <ConfirmDialog
          open={removing !== null}
          title={removeTitle}
          confirmLabel={t('plan.removeConfirm')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            if (!removing) return
            remove(removing.entry.id)
            setRemoving(null)
            setStatus(removed)
            addButtons.current[removing.group]?.focus()
          }}
        >
          {removing?.entry.what.trim() ? (
            <p>
              <strong>{removing.entry.what.trim()}</strong>
            </p>
          ) : null}
          <p>{removeText}</p>
        </ConfirmDialog>
      ) : null}
    </>
  )
}

function classes(...names: (string | false | undefined)[]): string {
  return names.filter(Boolean).join(' ')
}

function rowKey(event: KeyboardEvent<HTMLElement>): RowKey {
  const target = event.target as HTMLElement & { type?: string }
  return {
    key: event.key,
    code: event.code,
    altKey: event.altKey,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    shiftKey: event.shiftKey,
    isComposing: event.nativeEvent.isComposing,
    target: { tagName: target.tagName, type: typeof target.type === 'string' ? target.type : undefined },
  }
}

/** One entry's row: a group named by its legend ("Insats 2"); "Ta bort" says which entry it removes. */
function EntryRow({
  className,
  form,
  legend,
  removeLabel,
  autoFocus,
  onFocused,
  onRemove,
  children,
}: {
  className: string | undefined
  form: string
  legend: string
  removeLabel: string
  autoFocus: boolean
  onFocused: () => void
  onRemove: () => void
  children: ReactNode
}) {
  // An entry just added by this user: put the cursor in its first field (they asked for it).
  useEffect(() => {
    if (!autoFocus) return
    document.getElementById(fieldId(form, 'what'))?.focus()
    onFocused()
  }, [autoFocus, form, onFocused])

  return (
    <fieldset className={classes('plan-row', className)}>
      <legend className="plan-row__legend">{legend}</legend>
      {children}
      <div className="plan-cell plan-cell--remove">
        <button type="button" className="button--danger plan-row__remove" onClick={onRemove}>
          {removeLabel}
          <span className="visually-hidden"> ({legend})</span>
        </button>
      </div>
    </fieldset>
  )
}

/** The fields of an entry an input binds to: not its id, nor its follow-up (FollowUpFields.tsx). */
type BoundField<E> = Exclude<keyof E, 'id' | 'carried'>

/** The id, value and onChange of an input bound to one field of an entry's Y.Map. */
export function entryFields<E extends { id: string }>(
  form: string,
  entry: E,
  update: <F extends BoundField<E>>(field: F, value: E[F]) => void,
) {
  return <F extends BoundField<E> & string>(field: F) => ({
    id: fieldId(form, field),
    value: entry[field],
    onChange: (value: E[F]) => update(field, value),
  })
}
