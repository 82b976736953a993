import { useEffect, useRef } from 'react'
import { useTranslation } from '../i18n'

let firstScreen = true

/**
 * The page's h1, and the document title. After an in-app navigation it takes focus, so a screen
 * reader announces the new screen the way it would after a page load; the first screen does not.
 */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    document.title = `${children} – ${t('app.name')}`
  }, [children, t])

  useEffect(() => {
    if (firstScreen) {
      firstScreen = false
      return
    }
    ref.current?.focus()
  }, [])

  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  )
}
