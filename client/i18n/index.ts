import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './en'
import { type Catalogue, sv } from './sv'

export const LANGUAGES = ['sv', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

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
    return value === 'en' ? 'en' : 'sv'
  } catch {
    return 'sv'
  }
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Storage can be disabled; the choice then lasts for this page only.
  }
})

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'sv',
  supportedLngs: LANGUAGES,
  // Resources are bundled, so initialise synchronously: the first render already has its texts.
  initAsync: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
})

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'sv'
}

export { i18n }
