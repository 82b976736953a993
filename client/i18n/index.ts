import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../shared/languages'
import { sv } from './sv'
import { type TFunction, Translator, useTranslationOf } from './translator'

/** Only the chosen language is remembered (not personal data); Swedish unless the user switched. */
const STORAGE_KEY = 'sip-live:language'

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isLanguage(value) ? value : DEFAULT_LANGUAGE
  } catch {
    return DEFAULT_LANGUAGE
  }
}

const remembered = storedLanguage()

/** The app's texts: Swedish is bundled; English is downloaded by those who choose it (setLanguage). */
const i18n = new Translator({ sv }, DEFAULT_LANGUAGE)

i18n.subscribe((language) => {
  document.documentElement.lang = language
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Storage can be disabled; the choice then lasts for this page only.
  }
})

async function loadEnglish(): Promise<void> {
  if (i18n.hasCatalogue('en')) return
  const { en } = await import('./en')
  i18n.addCatalogue('en', en)
}

/** How long the first render waits for a remembered English catalogue. */
const LANGUAGE_WAIT_MS = 3_000

/** The latest choice: a slower earlier download must not switch the page back afterwards. */
let wanted: Language = remembered

/**
 * Switches the language, downloading the English catalogue first when needed. If it cannot be
 * downloaded the page stays in Swedish (the promise rejects for the caller to say so).
 */
export async function setLanguage(language: Language): Promise<void> {
  wanted = language
  if (language === 'en') await loadEnglish()
  if (wanted === language) await i18n.changeLanguage(language)
}

/**
 * Settled when the remembered language is ready: the first render waits for it (main.tsx), so
 * someone who chose English never sees a Swedish flash. A failed download leaves Swedish.
 */
export const languageReady: Promise<void> =
  remembered === 'en'
    ? Promise.race([
        setLanguage('en').catch(() => undefined),
        // A download that hangs must not keep the page blank: Swedish first, English when it comes.
        new Promise<void>((resolve) => setTimeout(resolve, LANGUAGE_WAIT_MS)),
      ])
    : Promise.resolve()

export function currentLanguage(): Language {
  return i18n.language
}

/** The texts in the language chosen, for a component: it renders again when the language changes. */
export function useTranslation(): { t: TFunction; i18n: Translator } {
  return useTranslationOf(i18n)
}

export type { TFunction, TranslationKey } from './translator'
export { i18n }
