import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { FragmentName } from './fragments'

export interface PlanEditorProps {
  doc: Y.Doc
  provider: WebsocketProvider
  fragment: FragmentName
  /** Accessible name of the text field. */
  label: string
  editable: boolean
  /** Our caret colour; the server puts our name next to it for everyone else. */
  color: string
}

/**
 * One collaborative rich-text field bound to a Y.XmlFragment. The document is the only source of
 * content: never pass `content` here, or every client that opens the page would insert it again.
 */
export function PlanEditor({ doc, provider, fragment, label, editable, color }: PlanEditorProps) {
  const editor = useEditor(
    {
      editable,
      // Base styles live in styles.css: an injected <style> element would need 'unsafe-inline' in a CSP.
      injectCSS: false,
      extensions: [
        // Yjs has its own undo (per user, in the Collaboration extension); ProseMirror's would fight it.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment: doc.getXmlFragment(fragment) }),
        // Only the colour is ours to say; any name we sent would be replaced by the server.
        CollaborationCaret.configure({ provider, user: { color } }),
      ],
      editorProps: { attributes: textboxAttributes(label, editable) },
    },
    [doc, provider, fragment],
  )

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable, false)
    // setOptions hands the props to ProseMirror, which updates the attributes of the text field.
    editor.setOptions({ editorProps: { attributes: textboxAttributes(label, editable) } })
  }, [editor, label, editable])

  return <EditorContent editor={editor} className="plan-editor" />
}

function textboxAttributes(label: string, editable: boolean): Record<string, string> {
  return {
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    'aria-readonly': String(!editable),
    class: 'plan-editor__content',
  }
}
