import { describe, expect, it } from 'vitest'
import { endpointPath, endpoints } from './endpoints'

const MEETING = '0b6f2a3c-8d1e-4f5a-9b7c-2e4d6f8a0c1e'
const PARTICIPANT = '7c9e1f3a-5b2d-4e6f-8a0c-1d3f5b7e9a2c'

describe('the endpoint table', () => {
  it('builds the addresses the server answers: ids in the path, set query values in order', () => {
    expect(endpointPath(endpoints.me, {})).toBe('/api/auth/me')
    expect(endpointPath(endpoints.meeting, { params: { id: MEETING } })).toBe(`/api/meetings/${MEETING}`)
    expect(endpointPath(endpoints.newLink, { params: { id: MEETING, pid: PARTICIPANT } })).toBe(
      `/api/meetings/${MEETING}/participants/${PARTICIPANT}/link`,
    )
    expect(endpointPath(endpoints.session, { query: { as: PARTICIPANT } })).toBe(
      `/api/session?as=${PARTICIPANT}`,
    )
    expect(
      endpointPath(endpoints.minutesPdf, { params: { id: MEETING }, query: { as: PARTICIPANT, lang: 'en' } }),
    ).toBe(`/api/meetings/${MEETING}/plan/protocol.pdf?as=${PARTICIPANT}&lang=en`)
    // Staff leave out `as`: a value left undefined is left out of the address.
    expect(
      endpointPath(endpoints.minutes, { params: { id: MEETING }, query: { as: undefined, lang: 'sv' } }),
    ).toBe(`/api/meetings/${MEETING}/plan/protocol?lang=sv`)
    expect(endpointPath(endpoints.verifyPlan, { params: { id: MEETING }, query: { version: 2 } })).toBe(
      `/api/meetings/${MEETING}/plan/verify?version=2`,
    )
  })

  it('encodes what it puts into the path and the query', () => {
    expect(endpointPath(endpoints.updateUser, { params: { id: 'a/b?c' } })).toBe('/api/users/a%2Fb%3Fc')
    expect(endpointPath(endpoints.session, { query: { as: 'x&y=z' } })).toBe('/api/session?as=x%26y%3Dz')
  })

  it('refuses to build an address without one of its ids', () => {
    expect(() => endpointPath(endpoints.meeting, { params: {} } as never)).toThrow(':id')
  })

  it('names each method and path once', () => {
    const routes = Object.values(endpoints).map((e) => `${e.method} ${e.path}`)
    expect(new Set(routes).size).toBe(routes.length)
    for (const endpoint of Object.values(endpoints)) expect(endpoint.path).toMatch(/^\/api\/[a-z0-9/:.-]+$/)
  })
})

describe('the wire', () => {
  it('the paths are the ones clients and scripts already use (docs/api.md): changing one breaks them', () => {
    expect(
      Object.fromEntries(Object.entries(endpoints).map(([name, e]) => [name, `${e.method} ${e.path}`])),
    ).toEqual({
      setupStatus: 'GET /api/setup/status',
      createFirstAdmin: 'POST /api/setup/first-admin',
      login: 'POST /api/auth/login',
      logout: 'POST /api/auth/logout',
      me: 'GET /api/auth/me',
      refresh: 'POST /api/auth/refresh',
      users: 'GET /api/users',
      createUser: 'POST /api/users',
      updateUser: 'PATCH /api/users/:id',
      meetings: 'GET /api/meetings',
      createMeeting: 'POST /api/meetings',
      meeting: 'GET /api/meetings/:id',
      updateMeeting: 'PATCH /api/meetings/:id',
      recordConsent: 'PUT /api/meetings/:id/consent',
      startMeeting: 'POST /api/meetings/:id/start',
      openMeeting: 'POST /api/meetings/:id/open',
      auditLog: 'GET /api/meetings/:id/audit',
      sips: 'GET /api/sips',
      sip: 'GET /api/sips/:id',
      changeResponsible: 'POST /api/sips/:id/responsible',
      closeSip: 'POST /api/sips/:id/close',
      closureNoticePdf: 'GET /api/sips/:id/closure-notice.pdf',
      followUpDraft: 'GET /api/sips/:id/follow-up',
      bookFollowUp: 'POST /api/sips/:id/follow-ups',
      deviations: 'GET /api/sips/:id/deviations',
      recordDeviation: 'POST /api/sips/:id/deviations',
      deviationsCsv: 'GET /api/sips/:id/deviations.csv',
      allDeviations: 'GET /api/deviations',
      allDeviationsCsv: 'GET /api/deviations.csv',
      closureHelp: 'GET /api/settings/closure-help',
      updateClosureHelp: 'PUT /api/settings/closure-help',
      statistics: 'GET /api/statistics',
      statisticsCsv: 'GET /api/statistics.csv',
      statisticsPdf: 'GET /api/statistics.pdf',
      addParticipant: 'POST /api/meetings/:id/participants',
      updateParticipant: 'PATCH /api/meetings/:id/participants/:pid',
      removeParticipant: 'DELETE /api/meetings/:id/participants/:pid',
      newLink: 'POST /api/meetings/:id/participants/:pid/link',
      revokeLink: 'DELETE /api/meetings/:id/participants/:pid/link',
      newLinks: 'POST /api/meetings/:id/links',
      join: 'POST /api/join',
      session: 'GET /api/session',
      rsvp: 'POST /api/session/rsvp',
      startInRoom: 'POST /api/session/start',
      satisfaction: 'POST /api/session/satisfaction',
      planState: 'GET /api/meetings/:id/plan/state',
      lockPlan: 'POST /api/meetings/:id/plan/lock',
      unlockPlan: 'POST /api/meetings/:id/plan/unlock',
      signPlan: 'POST /api/meetings/:id/plan/sign',
      signPlanInRoom: 'POST /api/meetings/:id/plan/sign-in-room',
      finalizePlan: 'POST /api/meetings/:id/plan/finalize',
      verifyPlan: 'GET /api/meetings/:id/plan/verify',
      minutes: 'GET /api/meetings/:id/plan/protocol',
      previousMinutesPdf: 'GET /api/meetings/:id/plan/previous-protocol.pdf',
      sessionClosureNotice: 'GET /api/session/closure-notice',
      sessionClosureNoticePdf: 'GET /api/session/closure-notice.pdf',
      minutesPdf: 'GET /api/meetings/:id/plan/protocol.pdf',
    })
  })
})
