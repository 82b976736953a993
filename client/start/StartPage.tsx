import { useTranslation } from 'react-i18next'
import { PageHeader } from '../ui/PageHeader'

/** Shown for any address that is not a meeting: how to get in. */
export function StartPage() {
  const { t } = useTranslation()
  return (
    <>
      <PageHeader />
      <main className="page page--narrow">
        <h1>{t('start.title')}</h1>
        <p>{t('start.intro')}</p>
        <p>{t('start.howToOpen')}</p>
        <p>{t('start.noAccount')}</p>
      </main>
    </>
  )
}
