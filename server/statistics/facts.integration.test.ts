import { beforeEach, describe, expect, it } from 'vitest'
import { stockholmDay } from '../../shared/dates'
import { integrationFixture } from '../test/fixture'
import { api, CONSENT, createUser, meetingInput, signIn, testRows } from '../test/harness'
import { convenedMeeting, writePlan } from '../test/sip-meetings'

/**
 * Statistics facts (issue 14): when a meeting is finalized its facts are written once, from the
 * signed version and the records of the day – so the report counts without opening a plan, and
 * without a name or a free text.
 */

const fixture = integrationFixture()
let amir: string
let amirId: string
beforeEach(async () => {
  await fixture.start()
  amirId = (await createUser(fixture.server, { email: 'amir@skolan.se', name: 'Amir Haddad' })).id
  amir = await signIn(fixture.server, 'amir@skolan.se')
})

describe('statistics facts', () => {
  it('finalizing writes the meeting’s facts once: day, type, convener organisation, attendance per organisation, signatures, follow-up booked', async () => {
    await testRows(
      fixture.server.app,
      "UPDATE users SET organisation = 'elevhalsa', function = 'kurator', municipality = 'Alingsås' WHERE id = ?",
      [amirId],
    )
    const startsAt = meetingInput().startsAt as string
    const meeting = await convenedMeeting(fixture.server, amir)
    await writePlan(fixture.server, meeting, {
      supports: [{ id: 's1', party: 'agency', what: 'Skolskjuts', responsible: 'Rektor' }],
      attendance: { chair: 'present', notetaker: 'present', participant: 'no-show', guardian: 'remote' },
      followUp: { date: '2027-05-05' },
    })
    const chair = { headers: { Authorization: `Bearer ${meeting.people.chair.token}` } }
    await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/plan/lock`, { ...chair, body: {} })
    const state = await api<{ version: { hash: string } }>(
      fixture.server,
      'GET',
      `/api/meetings/${meeting.id}/plan/state`,
      chair,
    )
    await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/plan/sign`, {
      headers: { Authorization: `Bearer ${meeting.people.guardian.token}` },
      body: { versionHash: state.body.version.hash, confirm: true, typedName: 'Sara' },
    })
    const { statistics } = fixture.server.app.stores
    expect(await statistics.meetingFacts(meeting.id)).toBeUndefined()
    // The chair gives the note-taker's missing signature a category; the chair's own has none.
    const finalized = await api(fixture.server, 'POST', `/api/meetings/${meeting.id}/plan/finalize`, {
      ...chair,
      body: {
        missing: [
          { participantId: meeting.people.chair.id, reason: 'Skriver under på papper.' },
          { participantId: meeting.people.notetaker.id, category: 'left-early', reason: 'Gick före slutet.' },
        ],
      },
    })
    expect(finalized.status).toBe(200)

    expect(await statistics.meetingFacts(meeting.id)).toMatchObject({
      sipId: meeting.sipId,
      heldOn: stockholmDay(Date.parse(startsAt)),
      type: 'first',
      convenerOrganisation: 'elevhalsa',
      convenerFunction: 'kurator',
      childParticipation: 'whole',
      followUpBooked: true,
      // The chair and the note-taker were present and did not sign.
      signedByAll: false,
      // Schema 11: the convener account's municipality, the follow-up booked, the day the
      // invitations were issued (today), the SIP's consent date.
      municipality: 'Alingsås',
      followUpOn: '2027-05-05',
      invitedOn: stockholmDay(Date.now()),
      consentOn: CONSENT.givenAt,
    })
    expect(
      (await statistics.attendance(meeting.id)).map((f) => [
        f.role,
        f.organisation,
        f.function,
        f.status,
        f.signed,
        f.missingReason,
      ]),
    ).toEqual([
      ['chair', 'skola', 'biträdande rektor', 'present', false, 'other'],
      ['notetaker', 'elevhalsa', 'kurator', 'present', false, 'left-early'],
      ['participant', 'socialtjanst', 'socialsekreterare', 'no-show', false, null],
      ['guardian', 'familj', 'vårdnadshavare', 'remote', true, null],
      ['child', 'familj', 'huvudperson', 'unmarked', false, null],
    ])
    // The free-text reasons stay with the protocol, not in the facts.
    // No name and no free text of the plan reach the facts.
    const dump = JSON.stringify(await testRows(fixture.server.app, 'SELECT * FROM attendance_facts'))
    expect(dump).not.toMatch(/Maja|Amir|Sara|Elsa|Skolskjuts|papper|slutet/)
  })
})
