import { api } from '../api'
import { useTranslation } from '../i18n'
import { Link } from '../router/Link'
import { navigate } from '../router/router'
import { routes } from '../router/routes'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'

/** Shown at `/` and any unknown address: how participants and staff get in. */
export function StartPage() {
  const { t } = useTranslation()

  // A new installation has no account yet: the first visitor creates the administrator.
  useLoad('setup-status', async (signal) => {
    const result = await api.setupStatus(signal)
    if (result.ok && result.data.needsFirstAdmin) navigate(routes.firstAdmin(), { replace: true })
    return result
  })

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
            <Link href={routes.signIn()} className="button-link">
              {t('start.signIn')}
            </Link>
          </p>
        </section>
      </main>
    </>
  )
}
