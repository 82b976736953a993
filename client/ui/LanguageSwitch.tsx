import { useState } from 'react'
import { currentLanguage, setLanguage, useTranslation } from '../i18n'

/** Switches between Swedish and English; the button is labelled in the language it switches to. */
export function LanguageSwitch() {
  const { t } = useTranslation()
  const [failed, setFailed] = useState(false)
  const next = currentLanguage() === 'sv' ? 'en' : 'sv'
  const choose = () => {
    setFailed(false)
    setLanguage(next).catch(() => setFailed(true))
  }
  return (
    <>
      <button
        type="button"
        className="language-switch"
        lang={next}
        aria-label={t('language.switchToLabel')}
        onClick={choose}
      >
        {t('language.switchTo')}
      </button>
      {failed ? (
        <span className="language-switch__error" role="alert">
          {t('language.unavailable')}
        </span>
      ) : null}
    </>
  )
}
