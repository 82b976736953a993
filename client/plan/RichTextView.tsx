import { Fragment, type ReactNode, useEffect, useState } from 'react'
import * as Y from 'yjs'

/**
 * A rich-text part of the plan, read only, rendered straight from its Y.XmlFragment – without
 * Tiptap and ProseMirror, which only people who write need to download (docs/performance.md:
 * participant view weight). Follows every change live. Knows the nodes and marks our editor
 * (StarterKit) writes; anything else shows its text.
 */
export interface RichTextViewProps {
  fragment: Y.XmlFragment
  /** Id of the visible label (the part's heading). */
  labelledBy?: string | undefined
  label: string
}

type Marks = Record<string, unknown>

/** Only links a person could follow safely; anything else is shown as text. */
function safeHref(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  return /^(https?:|mailto:)/i.test(value.trim()) ? value.trim() : undefined
}

function markedText(text: string, marks: Marks | undefined, key: number): ReactNode {
  let node: ReactNode = text
  if (!marks) return <Fragment key={key}>{node}</Fragment>
  if (marks.code) node = <code>{node}</code>
  if (marks.bold) node = <strong>{node}</strong>
  if (marks.italic) node = <em>{node}</em>
  if (marks.underline) node = <u>{node}</u>
  if (marks.strike) node = <s>{node}</s>
  const link = marks.link as { href?: unknown } | undefined
  const href = safeHref(link?.href)
  if (href) {
    node = (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {node}
      </a>
    )
  }
  return <Fragment key={key}>{node}</Fragment>
}

function renderText(text: Y.XmlText, key: number): ReactNode {
  const delta = text.toDelta() as { insert: unknown; attributes?: Marks }[]
  return (
    <Fragment key={key}>
      {delta.map((op, i) => (typeof op.insert === 'string' ? markedText(op.insert, op.attributes, i) : null))}
    </Fragment>
  )
}

function renderChildren(parent: Y.XmlElement | Y.XmlFragment): ReactNode[] {
  return parent.toArray().map((child, i) => renderNode(child as Y.XmlElement | Y.XmlText, i))
}

function renderNode(node: Y.XmlElement | Y.XmlText, key: number): ReactNode {
  if (node instanceof Y.XmlText) return renderText(node, key)
  const children = renderChildren(node)
  switch (node.nodeName) {
    case 'paragraph':
      return <p key={key}>{children.length > 0 ? children : <br />}</p>
    case 'heading':
      // Inside a part under its own heading: shown as a strong line, not a new level in the outline.
      return (
        <p key={key} className="plan-text__heading">
          <strong>{children}</strong>
        </p>
      )
    case 'bulletList':
      return <ul key={key}>{children}</ul>
    case 'orderedList': {
      const start = Number(node.getAttribute('start'))
      return (
        <ol key={key} start={Number.isInteger(start) && start > 1 ? start : undefined}>
          {children}
        </ol>
      )
    }
    case 'listItem':
      return <li key={key}>{children}</li>
    case 'blockquote':
      return <blockquote key={key}>{children}</blockquote>
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children}</code>
        </pre>
      )
    case 'hardBreak':
      return <br key={key} />
    case 'horizontalRule':
      return <hr key={key} />
    default:
      return <Fragment key={key}>{children}</Fragment>
  }
}

/** Re-renders on every change inside the fragment. */
function useFragmentVersion(fragment: Y.XmlFragment): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1)
    fragment.observeDeep(bump)
    return () => fragment.unobserveDeep(bump)
  }, [fragment])
  return version
}

/**
 * Same semantics as the read-only editor it replaces: a multi-line text field marked read only,
 * named by the part's heading, so assistive technology announces it the same way on every screen.
 */
export function RichTextView({ fragment, labelledBy, label }: RichTextViewProps) {
  useFragmentVersion(fragment)
  return (
    <div className="plan-editor">
      {/* biome-ignore lint/a11y/useSemanticElements: a textarea cannot hold lists and emphasis. */}
      <div
        role="textbox"
        // Read only, but reachable: keyboard and screen-reader users can stop on each part.
        tabIndex={0}
        aria-multiline="true"
        aria-readonly="true"
        aria-labelledby={labelledBy}
        aria-label={labelledBy ? undefined : label}
        className="plan-editor__content"
      >
        {renderChildren(fragment)}
      </div>
    </div>
  )
}
