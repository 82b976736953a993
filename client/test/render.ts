import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { en } from '../i18n/en'
import { sv } from '../i18n/sv'
import { Translator, TranslatorProvider } from '../i18n/translator'

/**
 * Component tests in Node: the app's catalogues in a translator of the test file's own
 * (Swedish first), a component rendered to HTML with it, and the text a reader gets from that
 * HTML. A test file that needs a page's globals sets them in its own `vi.hoisted`.
 */
export const i18n = new Translator({ sv, en }, 'sv')

export const t = i18n.t.bind(i18n)

export function render(element: ReactElement): string {
  return renderToStaticMarkup(createElement(TranslatorProvider, { translator: i18n }, element))
}

/** The text a reader gets, without the markup. */
export function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
