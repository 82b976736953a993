import { createContext, createElement, type ReactNode, useContext, useSyncExternalStore } from 'react'
import { DEFAULT_LANGUAGE, type Language } from '../../shared/languages'
import type { Catalogue } from './sv'

/*
 * The catalogues' texts by key, in the language chosen: what the screens used i18next for, in a page
 * of code (issue 15: i18next and react-i18next were 18 kB gzip of a participant's 190). It does what
 * our catalogues ask and no more – `{{name}}` filled in as it is (React escapes what it renders),
 * `_one`/`_other` chosen by `count` through Intl.PluralRules, Swedish where the other language has no
 * text, the key itself where neither has.
 */

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other'
type WithoutPlural<Key> = Key extends `${infer Base}_${PluralSuffix}` ? Base : Key

/** Every text's key, `section.name`; a plural's without its `_one`/`_other`. */
export type TranslationKey = WithoutPlural<Leaves<Catalogue>>

/** The values a text's `{{name}}`s are filled with; `count` also chooses a plural's form. */
export type TranslationValues = Record<string, unknown> & { count?: number }

export type TFunction = (key: TranslationKey, values?: TranslationValues) => string

type Tree = { readonly [key: string]: string | Tree }

function lookUp(catalogue: Tree | undefined, key: string): string | undefined {
  return catalogue && find(catalogue, key.split('.'), 0)
}

/**
 * The text at `parts[from..]` below `node`. A name may itself hold dots (`auditActions` has
 * `'plan.opened'`, named after the audit action), so the longest name that is there wins, as in
 * i18next.
 */
function find(node: Tree, parts: readonly string[], from: number): string | undefined {
  for (let to = parts.length; to > from; to--) {
    const child = node[parts.slice(from, to).join('.')]
    if (child === undefined) continue
    if (to === parts.length) return typeof child === 'string' ? child : undefined
    if (typeof child !== 'string') {
      const found = find(child, parts, to)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** The catalogues of an app (or a test), the language chosen, and who wants to hear of a change. */
export class Translator {
  private readonly catalogues: Partial<Record<Language, Tree>>
  private readonly listeners = new Set<(language: Language) => void>()
  language: Language
  /** A function of its own per language, so that a component given `t` renders again on a switch. */
  t: TFunction

  constructor(catalogues: Partial<Record<Language, Catalogue>>, language: Language = DEFAULT_LANGUAGE) {
    this.catalogues = { ...catalogues }
    this.language = language
    this.t = this.getFixedT(language)
  }

  /** i18next's name, kept: the language whose texts are shown. */
  get resolvedLanguage(): Language {
    return this.language
  }

  hasCatalogue(language: Language): boolean {
    return this.catalogues[language] !== undefined
  }

  addCatalogue(language: Language, catalogue: Catalogue): void {
    this.catalogues[language] = catalogue
  }

  /** A `t` that always answers in `language`, whatever is chosen later. */
  getFixedT(language: Language): TFunction {
    const plurals = new Intl.PluralRules(language)
    return (key, values) => {
      const texts = [this.catalogues[language], this.catalogues[DEFAULT_LANGUAGE]]
      const count = values?.count
      let text: string | undefined
      for (const catalogue of texts) {
        if (typeof count === 'number')
          text = lookUp(catalogue, `${key}_${plurals.select(count)}`) ?? lookUp(catalogue, `${key}_other`)
        text ??= lookUp(catalogue, key)
        if (text !== undefined) break
      }
      if (text === undefined) return key
      if (!values) return text
      return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
        name in values ? String(values[name]) : whole,
      )
    }
  }

  /** Shows `language` from now on; its catalogue must be there (index.ts downloads English first). */
  async changeLanguage(language: Language): Promise<void> {
    if (language === this.language) return
    this.language = language
    this.t = this.getFixedT(language)
    for (const listener of this.listeners) listener(language)
  }

  /** Called with the new language after every switch; answers the way to stop. */
  subscribe = (listener: (language: Language) => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

const TranslatorContext = createContext<Translator | null>(null)

/** Gives the components below a translator of their own (tests); the app's is used otherwise. */
export function TranslatorProvider({
  translator,
  children,
}: {
  translator: Translator
  children?: ReactNode
}) {
  return createElement(TranslatorContext.Provider, { value: translator }, children)
}

/**
 * The `t` of the translator in use and the translator itself (`i18n`, as react-i18next called it);
 * the component renders again when the language changes.
 */
export function useTranslationOf(fallback: Translator): { t: TFunction; i18n: Translator } {
  const translator = useContext(TranslatorContext) ?? fallback
  const t = useSyncExternalStore(
    translator.subscribe,
    () => translator.t,
    () => translator.t,
  )
  return { t, i18n: translator }
}
