import { type ComponentType, lazy, Suspense, useEffect, useState } from 'react'
import type { Role } from '../../shared/roles'
import { canWrite } from '../../shared/roles'
import type { SessionResponse } from '../../shared/schemas/session'
import { useTranslation } from '../i18n'
import { type Connection, createConnection } from '../sync/connection'
import { useConnectionState } from '../sync/useConnectionState'
import { PageHeader } from '../ui/PageHeader'
import { ChildConnectionStatus, ChildRoomView } from './ChildRoomView'
import { ParticipantView } from './ParticipantView'
import type { MeetingView, RoomProps } from './room'
import { SyncStatus } from './SyncStatus'
import { useMeetingState } from './useMeetingState'

/*
 * The participants' and the child's screens come with this page; the chair's, the note-taker's and
 * a closed SIP's are downloaded by those who open them (issue 15: a participant's phone loads only
 * what it shows).
 */
// Those who write need the editor too (plan/TextPartField.tsx loads it): fetched beside their
// screen rather than after it, so that it is there before a network that drops right after the
// room opened (an import that failed is not tried again).
const withEditor = <T,>(screen: Promise<T>): Promise<T> => {
  import('../editor/PlanEditor').catch(() => {})
  return screen
}
const ChairView = lazy(() =>
  withEditor(import('./ChairView')).then((module) => ({ default: module.ChairView })),
)
const ChairCoachingView = lazy(() =>
  import('./ChairCoachingView').then((module) => ({ default: module.ChairCoachingView })),
)
const NotetakerView = lazy(() =>
  withEditor(import('./NotetakerView')).then((module) => ({ default: module.NotetakerView })),
)
const ClosedSipView = lazy(() =>
  import('./ClosedSipView').then((module) => ({ default: module.ClosedSipView })),
)

interface MeetingPageProps {
  session: SessionResponse
  onSessionChange: (session: SessionResponse) => void
  view?: MeetingView
}

/**
 * What a personal link opens, once the server has said who this participant is (`session`): the
 * live meeting, or – once the SIP is closed (docs/process.md P9) – the closure notice and the
 * protocol, read-only, without a sync socket.
 */
export function MeetingPage(props: MeetingPageProps) {
  if (props.session.closure)
    return (
      <Suspense fallback={null}>
        <ClosedSipView session={props.session} />
      </Suspense>
    )
  return <LiveMeetingPage {...props} />
}

/** A connection opened before the page was shown (connectEarly), until the page takes it. */
let early: { meetingId: string; participantId: string; connection: Connection } | null = null

const earlyConnection = (meetingId: string, participantId: string): Connection | null =>
  early?.meetingId === meetingId && early.participantId === participantId ? early.connection : null

/**
 * How long a personal link's join waits for its early socket to open before the room is shown
 * anyway (a network that cannot open it holds nothing up; the status line then says so).
 */
const EARLY_OPEN_WAIT_MS = 500

/**
 * Opens the meeting's socket before its page is rendered: a personal link's join does, as soon as
 * the server has set the cookie and this code is in (join/joining.ts). Settles once the socket is
 * open (and has asked for the plan), or closed, or after EARLY_OPEN_WAIT_MS: rendering the room
 * takes the main thread for most of a second on a slow phone, and a socket still opening would
 * wait for it, so the plan arrives while the room renders instead of after (issue 15). The page
 * takes the connection over; until then it is the only one.
 */
export function connectEarly(meetingId: string, participantId: string): Promise<void> {
  early ??= { meetingId, participantId, connection: createConnection(meetingId, participantId) }
  const { provider } = early.connection
  if (provider.wsconnected) return Promise.resolve()
  return new Promise((resolve) => {
    const done = (): void => {
      window.clearTimeout(timer)
      provider.off('status', onStatus)
      provider.off('connection-close', done)
      resolve()
    }
    const onStatus = ({ status }: { status: string }): void => {
      if (status === 'connected') done()
    }
    const timer = window.setTimeout(done, EARLY_OPEN_WAIT_MS)
    provider.on('status', onStatus)
    provider.on('connection-close', done)
  })
}

/** The live meeting: its sync connection, and the role's screen. */
function LiveMeetingPage({ session, onSessionChange, view = 'room' }: MeetingPageProps) {
  const { meetingId, participantId } = session
  const [connection, setConnection] = useState(() => earlyConnection(meetingId, participantId))

  useEffect(() => {
    // The page owns the connection from here, the early one included: closed when it closes.
    const created = earlyConnection(meetingId, participantId) ?? createConnection(meetingId, participantId)
    if (early?.connection === created) early = null
    setConnection(created)
    return () => created.destroy()
  }, [meetingId, participantId])

  // Without an early connection the first render has none; the effect above creates it right after.
  if (!connection) return null
  return (
    <Meeting
      key={connection.doc.guid}
      connection={connection}
      me={session}
      onSessionChange={onSessionChange}
      view={view}
    />
  )
}

/** Each role's screen of the meeting room. The server decides what a link may do; this only follows. */
const SCREENS: Record<Role, ComponentType<RoomProps>> = {
  chair: ChairView,
  notetaker: NotetakerView,
  participant: ParticipantView,
  guardian: ParticipantView,
  child: ChildRoomView,
}

function Meeting({
  connection,
  me,
  onSessionChange,
  view,
}: {
  connection: Connection
  me: SessionResponse
  onSessionChange: (session: SessionResponse) => void
  view: MeetingView
}) {
  const { t } = useTranslation()
  const state = useConnectionState(connection)
  const { role } = me
  const signoff = useMeetingState(connection, me.meetingId, me.participantId)
  const locked = signoff.state !== null && signoff.state.status !== 'open'
  // The server enforces this on the socket too; the screen only follows what it said.
  const editable = canWrite(role) && !state.writeDenied && state.status !== 'closed' && !locked

  // G2: an edit that reached a frozen room closed the socket with 4423; P9: the SIP was closed
  // (4410). The close sentence shows (SyncStatus); then the page reloads – to the frozen version
  // instead of the refused local edit, or to the closure notice.
  const reloadAfterClose =
    state.status === 'closed' && (state.closeReason === 'planLocked' || state.closeReason === 'sipClosed')
  useEffect(() => {
    if (!reloadAfterClose) return
    const timer = window.setTimeout(() => window.location.reload(), 2000)
    return () => window.clearTimeout(timer)
  }, [reloadAfterClose])
  const Screen = view === 'coaching' && role === 'chair' ? ChairCoachingView : SCREENS[role]

  return (
    <>
      <PageHeader>
        {/* The child is greeted by name, in plain words; everyone else sees their name and role. */}
        {role === 'child' ? (
          <>
            <p className="page-header__role">{t('child.hello', { name: me.name })}</p>
            <ChildConnectionStatus state={state} />
          </>
        ) : (
          <>
            <p className="page-header__role">
              {t('meeting.youAre', {
                role: t('meeting.youAreNamed', { name: me.name, role: t(`roles.${role}`) }),
              })}
            </p>
            <SyncStatus state={state} />
          </>
        )}
      </PageHeader>
      {/* A screen still on its way (the chair's, the note-taker's) says so below the header. */}
      <Suspense
        fallback={
          <main className="page page--narrow" id="main">
            <p role="status">{t('common.loading')}</p>
          </main>
        }
      >
        <Screen
          connection={connection}
          me={me}
          state={state}
          editable={editable}
          onSessionChange={onSessionChange}
          signoff={signoff.state}
          applySignoff={signoff.apply}
        />
      </Suspense>
    </>
  )
}
