import { createElement } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { User } from '../../shared/schemas/staff'
import { render, t, text } from '../test/render'
import { knownMunicipalities, profilePatch, profileSummary, UserProfileForm } from './UserProfileForm'
import { UsersPage } from './UsersPage'

vi.hoisted(() => {
  // The app's i18n marks the page's language when it loads, and the router reads the address;
  // these tests run in Node, with no page.
  Object.assign(globalThis, {
    document: { documentElement: {} },
    window: {
      history: { state: null },
      location: { pathname: '/admin/anvandare', search: '' },
      addEventListener() {},
    },
  })
})

const EVA: User = {
  id: 'u1',
  email: 'eva@example.se',
  name: 'Eva Ek',
  isAdmin: false,
  disabled: false,
  createdAt: '2026-01-01T08:00:00.000Z',
  organisation: 'skola',
  function: 'biträdande rektor',
  municipality: 'Lund',
  statistics: false,
}
const PROFILE = {
  organisation: 'skola',
  function: 'biträdande rektor',
  municipality: 'Lund',
  statistics: false,
} as const

describe('issue 14: an account’s organisation, function, municipality and statistics permission', () => {
  it('saving sends only the fields that changed, nothing when none did', () => {
    expect(profilePatch(EVA, PROFILE)).toEqual({})
    expect(profilePatch(EVA, { ...PROFILE, statistics: true })).toEqual({ statistics: true })
    expect(profilePatch(EVA, { ...PROFILE, organisation: '', municipality: 'Växjö' })).toEqual({
      organisation: '',
      municipality: 'Växjö',
    })
    expect(
      profilePatch(EVA, {
        organisation: 'elevhalsa',
        function: 'kurator',
        municipality: '',
        statistics: true,
      }),
    ).toEqual({
      organisation: 'elevhalsa',
      function: 'kurator',
      municipality: '',
      statistics: true,
    })
  })

  it('the form shows what the account records: organisation (or "Inte angiven"), function, municipality, permission', () => {
    const html = render(
      createElement(UserProfileForm, {
        user: { ...EVA, organisation: '', statistics: true },
        municipalities: ['Lund', 'Växjö'],
        onSaved: () => {},
        onUnchanged: () => {},
      }),
    )
    expect(html).toMatch(
      /<label class="field__label" for="user-u1-organisation">Verksamhet<span class="field__optional"> \(valfritt\)<\/span><\/label>/,
    )
    expect(html).toMatch(/<option value="" selected="">Inte angiven<\/option>/)
    expect(html).toMatch(/<input id="user-u1-function"[^>]*value="biträdande rektor"/)
    expect(html).toMatch(
      /<input id="user-u1-municipality"[^>]*list="user-u1-municipality-list"[^>]*value="Lund"/,
    )
    expect(html).toContain(
      '<datalist id="user-u1-municipality-list"><option value="Lund"></option><option value="Växjö"></option></datalist>',
    )
    expect(html).toMatch(/<input id="user-u1-statistics" type="checkbox"[^>]*checked=""/)
    expect(text(html)).toContain('Får se statistik')
    // The save button names whose details it saves.
    expect(text(html)).toContain('Spara : Eva Ek')
  })

  it('the list says who may read the statistics and where each works', () => {
    expect(profileSummary(t, EVA)).toBe('Skola – biträdande rektor · Kommun: Lund')
    expect(profileSummary(t, { ...EVA, organisation: '', function: '', municipality: '' })).toBe('')
    expect(profileSummary(t, { ...EVA, function: '' })).toBe('Skola · Kommun: Lund')
    expect(
      knownMunicipalities([
        { municipality: ' Växjö' },
        { municipality: 'Lund' },
        { municipality: '' },
        { municipality: 'Växjö' },
      ]),
    ).toEqual(['Lund', 'Växjö'])
  })

  it('a new account gets the same fields, the permission off', () => {
    const html = render(createElement(UsersPage))
    expect(html).toMatch(
      /<select id="new-user-organisation"[^>]*><option value="" selected="">Inte angiven<\/option>/,
    )
    expect(html).toMatch(/<input id="new-user-function"/)
    expect(html).toMatch(/<input id="new-user-municipality"/)
    expect(html).toMatch(/<input id="new-user-statistics" type="checkbox"/)
    expect(html).not.toMatch(/<input id="new-user-statistics"[^>]*checked/)
  })
})
