import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { Link } from '../router/Link'
import { navigate } from '../router/router'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'

/** Shown at `/` and any unknown address: how participants and staff get in. */
export function StartPage() {
  const { t } = useTranslation()

  useEffect(() => {
    const abort = new AbortController()
    // A new installation has no account yet: the first visitor creates the administrator.
    api.setupStatus(abort.signal).then(
      (result) => {
        if (result.ok && result.data.needsFirstAdmin) navigate('/forsta-start', { replace: true })
      },
      () => {},
    )
    return () => abort.abort()
  }, [])

  return (
    <>
      <PageHeader />
      <main className="page page--narrow" id="main">
        <PageTitle>{t('start.title')}</PageTitle>
        <p>{t('start.intro')}</p>
        <section aria-labelledby="start-participants">
          <h2 id="start-participants">{t('start.participantsTitle')}</h2>
          <p>{t('start.howToOpen')}</p>
          <p>{t('start.noAccount')}</p>
        </section>
        <section aria-labelledby="start-staff">
          <h2 id="start-staff">{t('start.staffTitle')}</h2>
          <p>{t('start.staffText')}</p>
          <p>
            <Link href="/logga-in" className="button-link">
              {t('start.signIn')}
            </Link>
          </p>
        </section>
      </main>
    </>
  )
}
