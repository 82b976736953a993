import { type ReactNode, useEffect } from 'react'
import { api, setStaffUnauthorizedHandler } from '../api'
import { useTranslation } from '../i18n'
import { Link } from '../router/Link'
import { navigate, useLocation } from '../router/router'
import { routes } from '../router/routes'
import { statisticsHome } from '../statistics/query'
import { LoadingPage } from '../ui/LoadingPage'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'
import { useLoad } from '../ui/useLoad'
import { SessionWarning } from './SessionWarning'
import { endStaffSession, setStaffSession, useStaffState } from './session'

/**
 * Every staff screen: makes sure someone is signed in (else to the sign-in page), shows the header
 * with navigation and sign-out, and warns before the session ends.
 */
export function StaffArea({ children, adminOnly = false }: { children: ReactNode; adminOnly?: boolean }) {
  const { t } = useTranslation()
  const state = useStaffState()
  const location = useLocation()

  // No screen knows yet who is signed in: ask once. The answer goes to the session every staff
  // screen reads (a 401 here means nobody).
  useLoad(state.status === 'unknown' ? 'me' : null, async (signal) => {
    const result = await api.me(signal)
    if (!signal.aborted) setStaffSession(result.ok ? result.data : null)
    return result
  })

  useEffect(() => {
    if (state.status !== 'signed-out') return
    navigate(routes.signIn(), {
      replace: true,
      state: { signInReason: 'required', next: location.pathname + location.search },
    })
  }, [state.status, location.pathname, location.search])

  useEffect(() => {
    setStaffUnauthorizedHandler(() => endStaffSession('expired'))
    return () => setStaffUnauthorizedHandler(null)
  }, [])

  if (state.status !== 'signed-in') return <LoadingPage text={t('common.loading')} />

  const { user } = state.session
  return (
    <>
      <PageHeader>
        <nav className="staff-nav" aria-label={t('staff.navLabel')}>
          <ul>
            <li>
              <NavLink href={routes.meetings()}>{t('staff.myMeetings')}</NavLink>
            </li>
            <li>
              <NavLink href={routes.sips()}>{t('sips.nav')}</NavLink>
            </li>
            {user.statistics ? (
              <li>
                <NavLink href={statisticsHome()}>{t('statistics.nav')}</NavLink>
              </li>
            ) : null}
            {user.isAdmin ? (
              <>
                <li>
                  <NavLink href={routes.users()}>{t('staff.users')}</NavLink>
                </li>
                <li>
                  <NavLink href={routes.deviations()}>{t('deviations.admin.nav')}</NavLink>
                </li>
              </>
            ) : null}
          </ul>
        </nav>
        <p className="staff-nav__user">{t('staff.signedInAs', { name: user.name })}</p>
        <button type="button" onClick={() => void signOut()}>
          {t('staff.signOut')}
        </button>
      </PageHeader>
      <SessionWarning session={state.session} />
      {adminOnly && !user.isAdmin ? (
        <main className="page page--narrow" id="main">
          <PageTitle>{t('staff.notAllowedTitle')}</PageTitle>
          <p>{t('staff.notAllowedText')}</p>
        </main>
      ) : (
        children
      )}
    </>
  )
}

async function signOut(): Promise<void> {
  await api.logout()
  endStaffSession('signed-out')
}

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const { pathname } = useLocation()
  // The page itself, or a page within its section (a meeting under "Mina SIP-möten").
  const current = pathname === href ? 'page' : pathname.startsWith(`${href}/`) ? 'true' : undefined
  return (
    <Link href={href} aria-current={current}>
      {children}
    </Link>
  )
}
