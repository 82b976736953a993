import { describe, expect, it } from 'vitest'
import { matchRoute, routes } from './routes'

const MEETING = '0b6f2a3c-8d1e-4f5a-9b7c-2e4d6f8a0c1e'
const PARTICIPANT = '7c9e1f3a-5b2d-4e6f-8a0c-1d3f5b7e9a2c'

describe('the route table', () => {
  it('builds every address the screens link to', () => {
    expect(routes.start()).toBe('/')
    expect(routes.signIn()).toBe('/logga-in')
    expect(routes.firstAdmin()).toBe('/forsta-start')
    expect(routes.meetings()).toBe('/moten')
    expect(routes.newMeeting()).toBe('/moten/ny')
    expect(routes.meetingSetup({ meetingId: MEETING })).toBe(`/moten/${MEETING}`)
    expect(routes.sips()).toBe('/sip')
    expect(routes.sip({ sipId: MEETING })).toBe(`/sip/${MEETING}`)
    expect(routes.bookFollowUp({ sipId: MEETING })).toBe(`/sip/${MEETING}/uppfoljning`)
    expect(routes.closeSip({ sipId: MEETING, orsak: null })).toBe(`/sip/${MEETING}/avsluta`)
    expect(routes.closeSip({ sipId: MEETING, orsak: 'consent-withdrawn' })).toBe(
      `/sip/${MEETING}/avsluta?orsak=consent-withdrawn`,
    )
    const noFilter = {
      fran: null,
      till: null,
      verksamhet: null,
      huvudman: null,
      kommun: null,
      publicering: null,
    }
    expect(routes.statistics(noFilter)).toBe('/statistik')
    expect(
      routes.statistics({
        ...noFilter,
        fran: '2026-03-01',
        till: '2026-05-31',
        kommun: 'Lund',
        publicering: 'ja',
      }),
    ).toBe('/statistik?fran=2026-03-01&till=2026-05-31&kommun=Lund&publicering=ja')
    expect(routes.users()).toBe('/admin/anvandare')
    expect(routes.deviations()).toBe('/admin/avvikelser')
    expect(routes.auditLog({ meetingId: MEETING })).toBe(`/admin/moten/${MEETING}/logg`)
    expect(routes.join()).toBe('/j')
    expect(routes.meeting({ meetingId: MEETING, as: PARTICIPANT })).toBe(`/m/${MEETING}?as=${PARTICIPANT}`)
    expect(routes.coaching({ meetingId: MEETING, as: PARTICIPANT })).toBe(
      `/m/${MEETING}/ledarstod?as=${PARTICIPANT}`,
    )
    expect(routes.minutes({ meetingId: MEETING, as: PARTICIPANT })).toBe(
      `/m/${MEETING}/protokoll?as=${PARTICIPANT}`,
    )
    // Staff who convened the meeting open its protocol without `as`.
    expect(routes.minutes({ meetingId: MEETING, as: null })).toBe(`/m/${MEETING}/protokoll`)
  })

  it('matches each built address back to its route and params', () => {
    const cases = [
      [routes.start(), 'start', {}],
      [routes.signIn(), 'signIn', {}],
      [routes.firstAdmin(), 'firstAdmin', {}],
      [routes.meetings(), 'meetings', {}],
      [routes.newMeeting(), 'newMeeting', {}],
      [routes.meetingSetup({ meetingId: MEETING }), 'meetingSetup', { meetingId: MEETING }],
      [routes.sips(), 'sips', {}],
      [routes.sip({ sipId: MEETING }), 'sip', { sipId: MEETING }],
      [routes.bookFollowUp({ sipId: MEETING }), 'bookFollowUp', { sipId: MEETING }],
      [
        routes.closeSip({ sipId: MEETING, orsak: 'consent-withdrawn' }),
        'closeSip',
        { sipId: MEETING, orsak: 'consent-withdrawn' },
      ],
      [
        '/statistik?fran=2026-03-01&till=2026-05-31&verksamhet=bup&kommun=V%C3%A4xj%C3%B6',
        'statistics',
        {
          fran: '2026-03-01',
          till: '2026-05-31',
          verksamhet: 'bup',
          huvudman: null,
          kommun: 'Växjö',
          publicering: null,
        },
      ],
      [routes.users(), 'users', {}],
      [routes.deviations(), 'deviations', {}],
      [routes.auditLog({ meetingId: MEETING }), 'auditLog', { meetingId: MEETING }],
      [routes.join(), 'join', {}],
      [
        routes.meeting({ meetingId: MEETING, as: PARTICIPANT }),
        'meeting',
        { meetingId: MEETING, as: PARTICIPANT },
      ],
      [
        routes.coaching({ meetingId: MEETING, as: PARTICIPANT }),
        'coaching',
        { meetingId: MEETING, as: PARTICIPANT },
      ],
      [routes.minutes({ meetingId: MEETING, as: null }), 'minutes', { meetingId: MEETING, as: null }],
    ] as const
    for (const [address, name, params] of cases) {
      const url = new URL(address, 'https://sip.example')
      expect(matchRoute(url.pathname, url.search), address).toEqual({ name, params })
    }
  })

  it('reads `as` from the query, null when it is left out', () => {
    expect(matchRoute(`/m/${MEETING}`, '')).toEqual({
      name: 'meeting',
      params: { meetingId: MEETING, as: null },
    })
    expect(matchRoute(`/m/${MEETING}`, `?lang=sv&as=${PARTICIPANT}`)?.params).toEqual({
      meetingId: MEETING,
      as: PARTICIPANT,
    })
  })

  it('allows one trailing slash, as links typed by hand often have', () => {
    expect(matchRoute('/moten/')?.name).toBe('meetings')
    expect(matchRoute(`/m/${MEETING}/`)?.name).toBe('meeting')
    expect(matchRoute('/j/')?.name).toBe('join')
    expect(matchRoute(`/m/${MEETING}//`)).toBeNull()
  })

  it('takes `/moten/ny` for the new meeting, not for a meeting with the id "ny"', () => {
    expect(matchRoute('/moten/ny')).toEqual({ name: 'newMeeting', params: {} })
    expect(matchRoute('/moten/ny2')).toEqual({ name: 'meetingSetup', params: { meetingId: 'ny2' } })
  })

  it('answers null for unknown addresses and ids that are not URL-safe', () => {
    for (const pathname of [
      '/admin',
      '/moten/a/b',
      '/m',
      '/m/',
      '/m/a%20b',
      '/m/..',
      `/m/${'a'.repeat(65)}`,
      '/M/abc',
      `/m/${MEETING}/protokoll/extra`,
      `/m/${MEETING}/ledarstod/extra`,
      '/index.html',
    ]) {
      expect(matchRoute(pathname), pathname).toBeNull()
    }
    expect(matchRoute(`/m/${'a'.repeat(64)}`)?.name).toBe('meeting')
  })
})
