import { AuditLogPage } from '../admin/AuditLogPage'
import { UsersPage } from '../admin/UsersPage'
import { MeetingListPage } from '../convener/MeetingListPage'
import { MeetingSetupPage, NewMeetingPage } from '../convener/MeetingSetupPage'
import { ID_SEGMENT } from '../router/router'
import { StartPage } from '../start/StartPage'
import { FirstAdminPage } from './FirstAdminPage'
import { SignInPage } from './SignInPage'
import { StaffArea } from './StaffArea'

const SETUP_PATH = new RegExp(`^/moten/${ID_SEGMENT}/?$`)
const AUDIT_PATH = new RegExp(`^/admin/moten/${ID_SEGMENT}/logg/?$`)

/**
 * Every staff screen by its address (`path` without a trailing slash). Loaded on its own (App.tsx)
 * so that a participant opening a personal link never downloads these screens.
 */
export function StaffRoutes({ path }: { path: string }) {
  switch (path) {
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
