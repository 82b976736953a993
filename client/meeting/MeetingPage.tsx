import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { canWrite } from '../../shared/roles'
import type { SessionResponse } from '../../shared/schemas/session'
import { Fragments } from '../editor/fragments'
import { PlanEditor } from '../editor/PlanEditor'
import { type Connection, createConnection } from '../sync/connection'
import { caretColor } from '../sync/presence'
import { useConnectionState } from '../sync/useConnectionState'
import { PageHeader } from '../ui/PageHeader'
import { PageTitle } from '../ui/PageTitle'
import { InvitationPanel } from './InvitationPanel'
import { PresenceList } from './PresenceList'
import { SyncStatus } from './SyncStatus'

/** The live meeting, once the server has said who this participant is (`session`). */
export function MeetingPage({
  session,
  onSessionChange,
}: {
  session: SessionResponse
  onSessionChange: (session: SessionResponse) => void
}) {
  const [connection, setConnection] = useState<Connection | null>(null)
  const { meetingId, participantId } = session

  useEffect(() => {
    const created = createConnection(meetingId, participantId)
    setConnection(created)
    return () => created.destroy()
  }, [meetingId, participantId])

  // The first render has no connection yet; the effect above creates it right after.
  if (!connection) return null
  return (
    <Meeting
      key={connection.doc.guid}
      connection={connection}
      me={session}
      onSessionChange={onSessionChange}
    />
  )
}

function Meeting({
  connection,
  me,
  onSessionChange,
}: {
  connection: Connection
  me: SessionResponse
  onSessionChange: (session: SessionResponse) => void
}) {
  const { t } = useTranslation()
  const state = useConnectionState(connection)
  const { role } = me
  // The server enforces this on the socket too; the screen only follows what it said.
  const writer = canWrite(role) && !state.writeDenied
  const editable = writer && state.status !== 'closed'

  return (
    <>
      <PageHeader>
        <p className="page-header__role">
          {t('meeting.youAre', {
            role: t('meeting.youAreNamed', { name: me.name, role: t(`roles.${role}`) }),
          })}
        </p>
        <SyncStatus state={state} />
      </PageHeader>
      <main className="page meeting" id="main">
        <div className="meeting__main">
          <PageTitle>{me.meeting.title}</PageTitle>
          {me.meeting.status === 'planned' ? (
            <InvitationPanel session={me} onAnswered={onSessionChange} />
          ) : null}
          <h2 id="notes-title">{t('editor.label')}</h2>
          {state.writeDenied ? (
            <p className="notice notice--warning">{t('meeting.writeDenied')}</p>
          ) : (
            !writer && <p className="notice">{t('meeting.readOnly')}</p>
          )}
          <PlanEditor
            doc={connection.doc}
            provider={connection.provider}
            fragment={Fragments.notes}
            label={t('editor.label')}
            editable={editable}
            color={caretColor(connection.doc.clientID)}
          />
        </div>
        <aside className="meeting__side">
          <PresenceList awareness={connection.provider.awareness} me={me} />
        </aside>
      </main>
    </>
  )
}
