import type { JSX } from 'react'
import { AuditLogPage } from '../admin/AuditLogPage'
import { DeviationsPage } from '../admin/DeviationsPage'
import { UsersPage } from '../admin/UsersPage'
import { MeetingListPage } from '../convener/MeetingListPage'
import { MeetingSetupPage, NewMeetingPage } from '../convener/MeetingSetupPage'
import type { RouteMatch } from '../router/routes'
import { CloseSipPage } from '../sips/CloseSipForm'
import { FollowUpPage } from '../sips/FollowUpForm'
import { MySipsPage } from '../sips/MySipsPage'
import { SipPage } from '../sips/SipPage'
import { StatisticsPage } from '../statistics/StatisticsPage'
import { FirstAdminPage } from './FirstAdminPage'
import { SignInPage } from './SignInPage'
import { StaffArea } from './StaffArea'

/** The staff screens' routes: every route the participant's screens (App.tsx) leave to this chunk. */
export type StaffRoute = Exclude<RouteMatch, { name: 'start' | 'join' | 'meeting' | 'coaching' | 'minutes' }>

/**
 * Every staff screen by its route (a route without a case here does not compile). Loaded on its
 * own (App.tsx) so that a participant opening a personal link never downloads these screens.
 */
export function StaffRoutes({ route }: { route: StaffRoute }): JSX.Element {
  switch (route.name) {
    case 'signIn':
      return <SignInPage />
    case 'firstAdmin':
      return <FirstAdminPage />
    case 'meetings':
      return (
        <StaffArea>
          <MeetingListPage />
        </StaffArea>
      )
    case 'newMeeting':
      return (
        <StaffArea>
          <NewMeetingPage />
        </StaffArea>
      )
    case 'meetingSetup':
      return (
        <StaffArea>
          <MeetingSetupPage key={route.params.meetingId} meetingId={route.params.meetingId} />
        </StaffArea>
      )
    case 'sips':
      return (
        <StaffArea>
          <MySipsPage />
        </StaffArea>
      )
    case 'sip':
      return (
        <StaffArea>
          <SipPage key={route.params.sipId} sipId={route.params.sipId} />
        </StaffArea>
      )
    case 'bookFollowUp':
      return (
        <StaffArea>
          <FollowUpPage key={route.params.sipId} sipId={route.params.sipId} />
        </StaffArea>
      )
    case 'closeSip':
      return (
        <StaffArea>
          <CloseSipPage
            key={`${route.params.sipId}/${route.params.orsak}`}
            sipId={route.params.sipId}
            reason={route.params.orsak}
          />
        </StaffArea>
      )
    case 'statistics':
      return (
        <StaffArea>
          <StatisticsPage params={route.params} />
        </StaffArea>
      )
    case 'users':
      return (
        <StaffArea adminOnly>
          <UsersPage />
        </StaffArea>
      )
    case 'deviations':
      return (
        <StaffArea adminOnly>
          <DeviationsPage />
        </StaffArea>
      )
    case 'auditLog':
      return (
        <StaffArea adminOnly>
          <AuditLogPage key={route.params.meetingId} meetingId={route.params.meetingId} />
        </StaffArea>
      )
  }
}
