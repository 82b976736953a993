import type { ReactNode } from 'react'
import { useTranslation } from '../i18n'
import { LanguageSwitch } from './LanguageSwitch'

/** The bar at the top of every page: product name, then whatever the page adds, then language. */
export function PageHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <header className="page-header">
      <p className="page-header__name">{t('app.name')}</p>
      {children}
      <LanguageSwitch />
    </header>
  )
}
