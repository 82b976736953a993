import { beforeEach } from 'vitest'
import type { Role } from '../../shared/roles'
import type { MeetingState } from '../../shared/schemas/signoff'
import { integrationFixture } from './fixture'
import { api, createMeeting, type ServerOptions, type TestMeeting } from './harness'

/**
 * A fresh server and one meeting with its roster written, before each test: what the sign-off and
 * protocol tests start from. `auth(role)` is that participant's link as a bearer token;
 * `post(action, role)` is a sign-off action (`/plan/lock`, `/plan/sign`, …) asked by them.
 * `options` are the server's (e.g. looser load guards for a test that draws many PDFs).
 */
export function planMeetingFixture(options: ServerOptions = {}) {
  const fixture = integrationFixture(options)
  let current: TestMeeting | undefined

  beforeEach(async () => {
    const server = await fixture.start()
    current = await createMeeting(server.app)
    await server.app.meetingService.writeRoster(current.id)
  })

  const meeting = (): TestMeeting => {
    if (!current) throw new Error('the meeting is made before each test')
    return current
  }
  const auth = (role: Role) => ({ headers: { Authorization: `Bearer ${meeting().people[role].token}` } })
  const post = (action: string, role: Role, body: unknown = {}) =>
    api<MeetingState>(fixture.server, 'POST', `/api/meetings/${meeting().id}/plan/${action}`, {
      ...auth(role),
      body,
    })
  return { fixture, meeting, auth, post }
}
