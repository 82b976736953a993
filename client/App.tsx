import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SyncParams } from '../shared/protocol'
import type { SessionResponse } from '../shared/schemas/session'
import { api } from './api'
import { JoinPage } from './join/JoinPage'
import { PROTOCOL_PAGE_PATH } from './protocol/address'
import { ID_SEGMENT, useLocation } from './router/router'
import { type LinkProblem, LinkProblemPage } from './start/LinkProblemPage'
import { StartPage } from './start/StartPage'
import { LoadingPage } from './ui/LoadingPage'

/*
 * The participant's screens are in the first download; the meeting page (the editor, Yjs and the
 * socket), the protocol's print view and the staff screens each come as a chunk of their own when
 * their address is opened.
 */
const loadMeetingPage = () => import('./meeting/MeetingPage')
const MeetingPage = lazy(() => loadMeetingPage().then((module) => ({ default: module.MeetingPage })))
const ProtocolPage = lazy(() =>
  import('./protocol/ProtocolPage').then((module) => ({ default: module.ProtocolPage })),
)
const StaffRoutes = lazy(() =>
  import('./staff/StaffRoutes').then((module) => ({ default: module.StaffRoutes })),
)

const MEETING_PATH = new RegExp(`^/m/${ID_SEGMENT}/?$`)
/** Addresses of the staff screens (staff/StaffRoutes.tsx says which screen). */
const STAFF_PATH = /^\/(logga-in|forsta-start|moten|admin)(\/|$)/

export function meetingIdFromPath(pathname: string): string | null {
  return MEETING_PATH.exec(pathname)?.[1] ?? null
}

/** Every screen by its address (Swedish paths: they are what people see and say). */
export function App() {
  const { t } = useTranslation()
  const { pathname, search } = useLocation()
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname

  const meetingId = meetingIdFromPath(pathname)
  if (meetingId) {
    const participantId = new URLSearchParams(search).get(SyncParams.participant)
    return (
      <MeetingRoute
        key={`${meetingId}/${participantId}`}
        meetingId={meetingId}
        participantId={participantId}
      />
    )
  }
  const protocolMeetingId = PROTOCOL_PAGE_PATH.exec(pathname)?.[1]
  if (protocolMeetingId) {
    // The server checks the participant's cookie (or the convener's sign-in) for every request.
    return (
      <Suspense fallback={<LoadingPage text={t('signoff.protocol.loading')} />}>
        <ProtocolPage
          meetingId={protocolMeetingId}
          participantId={new URLSearchParams(search).get(SyncParams.participant)}
        />
      </Suspense>
    )
  }
  if (path === '/j') return <JoinPage />
  if (STAFF_PATH.test(path)) {
    return (
      <Suspense fallback={<LoadingPage text={t('common.loading')} />}>
        <StaffRoutes path={path} />
      </Suspense>
    )
  }
  return <StartPage />
}

type SessionState =
  | { status: 'loading' }
  | { status: 'ok'; session: SessionResponse }
  | { status: LinkProblem }

/**
 * `/m/<meetingId>?as=<participantId>`: the participant's cookie (set by /api/join or, for staff,
 * /api/meetings/:id/open) says who this is; `as` says which of this browser's participants.
 */
function MeetingRoute({ meetingId, participantId }: { meetingId: string; participantId: string | null }) {
  const { t } = useTranslation()
  const [state, setState] = useState<SessionState>(
    participantId ? { status: 'loading' } : { status: 'missing' },
  )

  useEffect(() => {
    if (!participantId) return
    // The meeting page downloads while the server says who this is.
    loadMeetingPage().catch(() => {})
    const abort = new AbortController()
    api.session(participantId, abort.signal).then(
      (result) => {
        if (result.ok) {
          const ok = result.data.meetingId === meetingId
          setState(ok ? { status: 'ok', session: result.data } : { status: 'invalid-link' })
          return
        }
        const { status } = result.failure
        setState({
          status: status === 401 || status === 403 || status === 404 ? 'invalid-link' : 'unavailable',
        })
      },
      () => {},
    )
    return () => abort.abort()
  }, [meetingId, participantId])

  const connecting = <LoadingPage text={t('status.connecting')} />
  if (state.status === 'loading') return connecting
  if (state.status !== 'ok') return <LinkProblemPage reason={state.status} />
  return (
    <Suspense fallback={connecting}>
      <MeetingPage
        session={state.session}
        onSessionChange={(session) => setState({ status: 'ok', session })}
      />
    </Suspense>
  )
}
