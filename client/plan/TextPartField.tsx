import { Component, lazy, type ReactNode, Suspense } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { planParts, type TextPart } from '../../shared/plan/layout'
import { useTranslation } from '../i18n'
import { caretColor } from '../sync/presence'
import { Heading, type HeadingLevel } from './Heading'
import { useTextIsEmpty } from './hooks'
import { RichTextView } from './RichTextView'

/**
 * If the editor's code cannot be downloaded (the server was updated and the page is older than
 * its files, or the network dropped), the part stays readable and says how to write again,
 * instead of taking the whole page down.
 */
class EditorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children
  }
}

/** The editor (Tiptap, ProseMirror) is downloaded only by someone who writes. */
const PlanEditor = lazy(() =>
  import('../editor/PlanEditor').then((module) => ({ default: module.PlanEditor })),
)

/**
 * One rich-text part of the plan under its heading, which is also the text field's label. Read
 * only, an empty part says so in words instead of showing an empty box.
 */
export function TextPartField({
  doc,
  provider,
  part,
  editable,
  level,
  name,
  describedBy,
}: {
  doc: Y.Doc
  provider: WebsocketProvider
  part: TextPart
  editable: boolean
  level: HeadingLevel
  name: string
  describedBy?: string | undefined
}) {
  const { t } = useTranslation()
  const empty = useTextIsEmpty(planParts(doc).text(part))
  const titleId = `plan-text-${part}-title`
  const label = t(`plan.text.${part}`)
  // The part read only: for readers, and for writers until (or unless) the editor has loaded.
  const readOnly = <RichTextView fragment={planParts(doc).text(part)} labelledBy={titleId} label={label} />
  return (
    <div className="plan-part">
      <Heading level={level} id={titleId} className="plan-part__title">
        {label}
      </Heading>
      {!editable && empty ? (
        <p className="plan-empty">{t('plan.text.empty')}</p>
      ) : !editable ? (
        readOnly
      ) : (
        <EditorBoundary
          fallback={
            <>
              {readOnly}
              <p className="notice notice--warning" role="alert">
                {t('plan.editorUnavailable')}
              </p>
            </>
          }
        >
          <Suspense fallback={readOnly}>
            <PlanEditor
              doc={doc}
              provider={provider}
              fragment={part}
              label={label}
              labelledBy={titleId}
              describedBy={editable ? describedBy : undefined}
              editable={editable}
              color={caretColor(doc.clientID)}
              name={name}
            />
          </Suspense>
        </EditorBoundary>
      )}
    </div>
  )
}
