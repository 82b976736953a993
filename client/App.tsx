import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SyncParams } from '../shared/protocol'
import type { SessionResponse } from '../shared/schemas/session'
import { AuditLogPage } from './admin/AuditLogPage'
import { UsersPage } from './admin/UsersPage'
import { api } from './api'
import { MeetingListPage } from './convener/MeetingListPage'
import { MeetingSetupPage, NewMeetingPage } from './convener/MeetingSetupPage'
import { JoinPage } from './join/JoinPage'
import { MeetingPage } from './meeting/MeetingPage'
import { useLocation } from './router/router'
import { FirstAdminPage } from './staff/FirstAdminPage'
import { SignInPage } from './staff/SignInPage'
import { StaffArea } from './staff/StaffArea'
import { type LinkProblem, LinkProblemPage } from './start/LinkProblemPage'
import { StartPage } from './start/StartPage'
import { PageHeader } from './ui/PageHeader'

/** Meeting and participant ids are UUIDs today, but any URL-safe id is accepted. */
const ID = '([A-Za-z0-9_-]{1,64})'
const MEETING_PATH = new RegExp(`^/m/${ID}/?$`)
const SETUP_PATH = new RegExp(`^/moten/${ID}/?$`)
const AUDIT_PATH = new RegExp(`^/admin/moten/${ID}/logg/?$`)

export function meetingIdFromPath(pathname: string): string | null {
  return MEETING_PATH.exec(pathname)?.[1] ?? null
}

/** Every screen by its address (Swedish paths: they are what people see and say). */
export function App() {
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

  switch (path) {
    case '/j':
      return <JoinPage />
    case '/logga-in':
      return <SignInPage />
    case '/forsta-start':
      return <FirstAdminPage />
    case '/moten':
      return (
        <StaffArea>
          <MeetingListPage />
        </StaffArea>
      )
    case '/moten/ny':
      return (
        <StaffArea>
          <NewMeetingPage />
        </StaffArea>
      )
    case '/admin/anvandare':
      return (
        <StaffArea adminOnly>
          <UsersPage />
        </StaffArea>
      )
  }

  const setupId = SETUP_PATH.exec(path)?.[1]
  if (setupId) {
    return (
      <StaffArea>
        <MeetingSetupPage key={setupId} meetingId={setupId} />
      </StaffArea>
    )
  }
  const auditId = AUDIT_PATH.exec(path)?.[1]
  if (auditId) {
    return (
      <StaffArea adminOnly>
        <AuditLogPage key={auditId} meetingId={auditId} />
      </StaffArea>
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

  if (state.status === 'loading') {
    return (
      <>
        <PageHeader />
        <main className="page page--narrow" id="main">
          <p role="status">{t('status.connecting')}</p>
        </main>
      </>
    )
  }
  if (state.status !== 'ok') return <LinkProblemPage reason={state.status} />
  return (
    <MeetingPage session={state.session} onSessionChange={(session) => setState({ status: 'ok', session })} />
  )
}
