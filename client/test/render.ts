import i18next, { type i18n as I18n } from 'i18next'
import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { en } from '../i18n/en'
import { sv } from '../i18n/sv'

/**
 * Component tests in Node: the app's catalogues in an i18next instance of the test file's own
 * (Swedish first), a component rendered to HTML with it, and the text a reader gets from that
 * HTML. A test file that needs a page's globals sets them in its own `vi.hoisted`.
 */
export const i18n: I18n = i18next.createInstance()
void i18n.init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: 'sv',
  initAsync: false,
  interpolation: { escapeValue: false },
})

export const t = i18n.t.bind(i18n)

export function render(element: ReactElement): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element))
}

/** The text a reader gets, without the markup. */
export function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
