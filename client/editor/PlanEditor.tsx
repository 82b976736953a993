import { Extension } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import type { EditorView } from '@tiptap/pm/view'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { TextPart } from '../../shared/plan/layout'

export interface PlanEditorProps {
  doc: Y.Doc
  provider: WebsocketProvider
  /** The rich-text part of the plan (shared/plan/layout.ts TEXT_PARTS) this editor writes. */
  fragment: TextPart
  /** Accessible name of the text field; used when no visible label is named by `labelledBy`. */
  label: string
  /** Id of the visible label (e.g. the part's heading); preferred over `label`. */
  labelledBy?: string | undefined
  /** Ids of hints that describe the field (e.g. the keyboard hint). */
  describedBy?: string | undefined
  editable: boolean
  /** Our caret colour (6-digit hex). */
  color: string
  /** Our name next to our caret. The server pins the name it knows for everyone else to see. */
  name?: string | undefined
}

/**
 * Tab and Shift+Tab always leave the editor, as in any other form field: the plan is a long form
 * and a keyboard user must be able to move through it (WCAG 2.1.2). ProseMirror would otherwise
 * indent list items on Tab. Returning true from a DOM handler makes ProseMirror ignore the event
 * without preventing the browser's default, which is to move focus.
 */
function letTabMoveFocus(_view: EditorView, event: KeyboardEvent): boolean {
  return event.key === 'Tab' && !event.ctrlKey && !event.metaKey && !event.altKey
}

/** List indentation without Tab: Ctrl+] and Ctrl+[ (Cmd on a Mac), as in many editors. */
const ListIndentKeys = Extension.create({
  name: 'listIndentKeys',
  addKeyboardShortcuts() {
    return {
      'Mod-]': () => this.editor.commands.sinkListItem('listItem'),
      'Mod-[': () => this.editor.commands.liftListItem('listItem'),
    }
  },
})

/**
 * One collaborative rich-text field bound to one Y.XmlFragment of the plan; a page has one editor
 * per part. The document is the only source of content: never pass `content` here, or every
 * client that opens the page would insert it again.
 */
export function PlanEditor({
  doc,
  provider,
  fragment,
  label,
  labelledBy,
  describedBy,
  editable,
  color,
  name,
}: PlanEditorProps) {
  const attributes = textboxAttributes({ label, labelledBy, describedBy, editable })
  const editor = useEditor(
    {
      editable,
      // Base styles live in styles.css: an injected <style> element would need 'unsafe-inline' in a CSP.
      injectCSS: false,
      extensions: [
        // Yjs has its own undo (per user, in the Collaboration extension); ProseMirror's would fight it.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment: doc.getXmlFragment(fragment) }),
        // Several editors share one awareness: each publishes our caret only while it has focus,
        // and draws only the carets that are inside its own fragment.
        CollaborationCaret.configure({ provider, user: { color, name: name ?? '' } }),
        ListIndentKeys,
      ],
      editorProps: { attributes, handleDOMEvents: { keydown: letTabMoveFocus } },
    },
    [doc, provider, fragment],
  )

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable, false)
    // setOptions hands the props to ProseMirror, which updates the attributes of the text field.
    editor.setOptions({
      editorProps: {
        attributes: textboxAttributes({ label, labelledBy, describedBy, editable }),
        handleDOMEvents: { keydown: letTabMoveFocus },
      },
    })
  }, [editor, label, labelledBy, describedBy, editable])

  useEffect(() => {
    editor.commands.updateUser({ color, name: name ?? '' })
  }, [editor, color, name])

  return <EditorContent editor={editor} className="plan-editor" />
}

function textboxAttributes({
  label,
  labelledBy,
  describedBy,
  editable,
}: Pick<PlanEditorProps, 'label' | 'labelledBy' | 'describedBy' | 'editable'>): Record<string, string> {
  const attributes: Record<string, string> = {
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-readonly': String(!editable),
    class: 'plan-editor__content',
  }
  if (labelledBy) attributes['aria-labelledby'] = labelledBy
  else attributes['aria-label'] = label
  if (describedBy) attributes['aria-describedby'] = describedBy
  return attributes
}
