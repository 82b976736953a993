import { useTranslation } from 'react-i18next'
import { currentLanguage, setLanguage } from '../i18n'

/** Switches between Swedish and English; the button is labelled in the language it switches to. */
export function LanguageSwitch() {
  const { t } = useTranslation()
  const next = currentLanguage() === 'sv' ? 'en' : 'sv'
  return (
    <button
      type="button"
      className="language-switch"
      lang={next}
      aria-label={t('language.switchToLabel')}
      onClick={() => void setLanguage(next)}
    >
      {t('language.switchTo')}
    </button>
  )
}
