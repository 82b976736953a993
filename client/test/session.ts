import type { SessionResponse } from '../../shared/schemas/session'

export const TEST_MEETING = '0b6f2a3c-8d1e-4f5a-9b7c-2e4d6f8a0c1e'
export const TEST_GUARDIAN = '7c9e1f3a-5b2d-4e6f-8a0c-1d3f5b7e9a2c'

/**
 * What GET /api/session answers for Elsa's guardian Sara (or, as `child`, Elsa herself) in the
 * client's tests: a planned first meeting, nothing answered yet, the SIP open.
 */
export function testSession(
  changes: Partial<Omit<SessionResponse, 'meeting'>> & { meeting?: Partial<SessionResponse['meeting']> } = {},
): SessionResponse {
  const { meeting, ...rest } = changes
  const role = rest.role ?? 'guardian'
  return {
    meetingId: TEST_MEETING,
    participantId: TEST_GUARDIAN,
    role,
    name: role === 'child' ? 'Elsa' : 'Sara',
    meeting: {
      title: 'SIP-möte för Elsa',
      type: 'first',
      status: 'planned',
      childName: 'Elsa',
      startsAt: '2027-03-01T08:00:00.000Z',
      durationMinutes: 60,
      place: 'Skolan',
      remoteAllowed: false,
      videoUrl: '',
      purpose: '',
      questions: '',
      ...meeting,
    },
    rsvp: null,
    satisfactionAnswered: false,
    closure: null,
    previousMeeting: null,
    ...rest,
  }
}
