import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RichTextView } from './RichTextView'

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}) {
  const node = new Y.XmlElement(name)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  node.insert(0, children)
  return node
}

function text(value: string, format?: Record<string, unknown>): Y.XmlText {
  const node = new Y.XmlText()
  node.insert(0, value, format)
  return node
}

function render(fragment: Y.XmlFragment): string {
  return renderToStaticMarkup(createElement(RichTextView, { fragment, labelledBy: 'title', label: 'Behov' }))
}

describe('RichTextView: the plan read without the editor', () => {
  it('renders what the editor writes: paragraphs, marks, lists, headings – as a read-only text field', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('needs')
    const bold = text('Stöd')
    bold.format(0, 4, { bold: true })
    fragment.insert(0, [
      element('heading', [text('Skolan')], { level: '2' }),
      element('paragraph', [bold]),
      element('bulletList', [element('listItem', [element('paragraph', [text('väckning')])])]),
      element('orderedList', [element('listItem', [element('paragraph', [text('ett')])])], { start: '3' }),
      element('paragraph', []),
    ])
    expect(render(fragment)).toBe(
      '<div class="plan-editor"><div role="textbox" tabindex="0" aria-multiline="true" aria-readonly="true" ' +
        'aria-labelledby="title" class="plan-editor__content">' +
        '<p class="plan-text__heading"><strong>Skolan</strong></p><p><strong>Stöd</strong></p>' +
        '<ul><li><p>väckning</p></li></ul><ol start="3"><li><p>ett</p></li></ol><p><br/></p></div></div>',
    )
  })

  it('links only to web and mail addresses; anything else stays text', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('needs')
    fragment.insert(0, [
      element('paragraph', [
        text('bra', { link: { href: 'https://www.1177.se' } }),
        text(' och ', {}),
        text('farlig', { link: { href: 'javascript:alert(1)' } }),
      ]),
    ])
    const html = render(fragment)
    expect(html).toContain(
      '<a href="https://www.1177.se" target="_blank" rel="noopener noreferrer nofollow">bra</a>',
    )
    expect(html).not.toContain('javascript:')
    expect(html).toContain('farlig')
  })
})
