import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchSession, type SessionResult } from './api'
import { MeetingPage } from './meeting/MeetingPage'
import { takeLinkToken } from './session/token'
import { LinkProblemPage } from './start/LinkProblemPage'
import { StartPage } from './start/StartPage'
import { PageHeader } from './ui/PageHeader'

/** `/m/<meetingId>`; ids are UUIDs today, but any URL-safe id is accepted. */
const MEETING_PATH = /^\/m\/([A-Za-z0-9_-]{1,64})\/?$/

export function meetingIdFromPath(pathname: string): string | null {
  return MEETING_PATH.exec(pathname)?.[1] ?? null
}

export function App() {
  const meetingId = meetingIdFromPath(window.location.pathname)
  if (!meetingId) return <StartPage />
  return <MeetingRoute meetingId={meetingId} />
}

function MeetingRoute({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation()
  // Read once per page: taking the token also removes it from the address bar.
  const [link] = useState(() => takeLinkToken(meetingId))
  const [result, setResult] = useState<SessionResult | null>(null)

  useEffect(() => {
    if (!link) return
    const abort = new AbortController()
    fetchSession(link.token, abort.signal).then(setResult, () => {})
    return () => abort.abort()
  }, [link])

  if (!link) return <LinkProblemPage reason="missing" />
  if (!result) {
    return (
      <>
        <PageHeader />
        <main className="page page--narrow">
          <p role="status">{t('status.connecting')}</p>
        </main>
      </>
    )
  }
  if (!result.ok) return <LinkProblemPage reason={result.reason} />
  if (result.session.meetingId !== meetingId) return <LinkProblemPage reason="invalid-link" />
  return <MeetingPage token={link.token} me={result.session} />
}
