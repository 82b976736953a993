import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from './i18n'
import { JoinPage } from './join/JoinPage'
import { takeJoinedSession } from './join/joining'
import { loadedMeetingPage, loadMeetingPage } from './meeting/load-page'
import type { MeetingView } from './meeting/room'
import { roomApi } from './room-api'
import { useLocation } from './router/router'
import { matchRoute } from './router/routes'
import { LinkProblemPage } from './start/LinkProblemPage'
import { LoadingPage } from './ui/LoadingPage'
import { useLoad } from './ui/useLoad'

/*
 * The participant's screens are in the first download; the meeting page (the editor, Yjs and the
 * socket), the minutes' print view and the staff screens each come as a chunk of their own when
 * their address is opened.
 */
const MeetingPage = lazy(() => loadMeetingPage().then((module) => ({ default: module.MeetingPage })))
const MinutesPage = lazy(() =>
  import('./minutes/MinutesPage').then((module) => ({ default: module.MinutesPage })),
)
// The start page asks whether the installation has an administrator yet: a staff matter, so it
// comes with the staff screens' endpoint table rather than in a participant's first download.
const StartPage = lazy(() => import('./start/StartPage').then((module) => ({ default: module.StartPage })))
const StaffRoutes = lazy(() =>
  import('./staff/StaffRoutes').then((module) => ({ default: module.StaffRoutes })),
)

/** Every screen by its address (router/routes.ts); staff/StaffRoutes.tsx has the staff screens. */
export function App() {
  const { t } = useTranslation()
  const { pathname, search } = useLocation()
  const route = matchRoute(pathname, search)

  const start = (
    <Suspense fallback={<LoadingPage text={t('common.loading')} />}>
      <StartPage />
    </Suspense>
  )
  if (!route) return start
  switch (route.name) {
    case 'start':
      return start
    case 'join':
      return <JoinPage />
    case 'meeting':
    case 'coaching': {
      const { meetingId, as } = route.params
      if (!as) return <LinkProblemPage reason="missing" />
      const view = route.name === 'coaching' ? 'coaching' : 'room'
      return (
        <MeetingRoute
          key={`${meetingId}/${as}/${view}`}
          meetingId={meetingId}
          participantId={as}
          view={view}
        />
      )
    }
    case 'minutes':
      // The server checks the participant's cookie (or the convener's sign-in) for every request.
      return (
        <Suspense fallback={<LoadingPage text={t('signoff.minutes.loading')} />}>
          <MinutesPage meetingId={route.params.meetingId} participantId={route.params.as} />
        </Suspense>
      )
    default:
      return (
        <Suspense fallback={<LoadingPage text={t('common.loading')} />}>
          <StaffRoutes route={route} />
        </Suspense>
      )
  }
}

/**
 * `/m/<meetingId>?as=<participantId>` (and the chair's coaching window, `/m/<meetingId>/ledarstod?as=…`):
 * the participant's cookie (set by /api/join or, for staff,
 * /api/meetings/:id/open) says who this is; `as` says which of this browser's participants.
 */
function MeetingRoute({
  meetingId,
  participantId,
  view,
}: {
  meetingId: string
  participantId: string
  view: MeetingView
}) {
  const { t } = useTranslation()
  // The meeting page downloads while the server says who this is.
  useEffect(() => {
    loadMeetingPage().catch(() => {})
  }, [])
  // Opened from a personal link: the join answered with the session already (join/joining.ts), so
  // it is not asked for again.
  const [joined, setJoined] = useState(() => takeJoinedSession(participantId))
  const loaded = useLoad(joined ? null : participantId, (signal) => roomApi.session(participantId, signal))
  const session = joined ? { status: 'ok' as const, data: joined, set: setJoined } : loaded
  // Chosen once: a page that is in already renders at once (a personal link fetched it during the
  // join); switching later would start the page – and its connection – over.
  const [Page] = useState(() => loadedMeetingPage()?.MeetingPage ?? MeetingPage)

  const connecting = <LoadingPage text={t('status.connecting')} />
  if (session.status === 'loading') return connecting
  if (session.status === 'failed') {
    const { status } = session.failure
    const denied = status === 401 || status === 403 || status === 404
    return <LinkProblemPage reason={denied ? 'invalid-link' : 'unavailable'} />
  }
  if (session.data.meetingId !== meetingId) return <LinkProblemPage reason="invalid-link" />
  return (
    <Suspense fallback={connecting}>
      <Page session={session.data} onSessionChange={session.set} view={view} />
    </Suspense>
  )
}
