import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '../../shared/languages'
import { type Catalogue, sv } from './sv'

/** Only the chosen language is remembered (not personal data); Swedish unless the user switched. */
const STORAGE_KEY = 'sip-live:language'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Catalogue }
  }
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isLanguage(value) ? value : DEFAULT_LANGUAGE
  } catch {
    return DEFAULT_LANGUAGE
  }
}

/** Read before init: initialising in Swedish fires languageChanged, which stores 'sv'. */
const remembered = storedLanguage()

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Storage can be disabled; the choice then lasts for this page only.
  }
})

void i18n.use(initReactI18next).init({
  // Swedish is bundled; English is downloaded by those who choose it (setLanguage).
  resources: { sv: { translation: sv } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES,
  // Resources are bundled, so initialise synchronously: the first render already has its texts.
  initAsync: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
})

async function loadEnglish(): Promise<void> {
  if (i18n.hasResourceBundle('en', 'translation')) return
  const { en } = await import('./en')
  i18n.addResourceBundle('en', 'translation', en)
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
  const language = i18n.resolvedLanguage
  return isLanguage(language) ? language : DEFAULT_LANGUAGE
}

export { i18n }
