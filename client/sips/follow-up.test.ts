import { describe, expect, it, vi } from 'vitest'
import type { FollowUpDraft } from '../../shared/schemas/sip'
import { fieldId } from '../ui/fields'
import { validate } from '../ui/useSchemaForm'
import {
  followUpInputFrom,
  followUpSchemaAt,
  followUpTargetOf,
  followUpValuesFrom,
  setupErrors,
} from './follow-up'

vi.hoisted(() => {
  // The app's i18n (reached through the form helpers) marks the page's language when it loads;
  // these tests run in Node, with no page.
  Object.assign(globalThis, { document: { documentElement: {} } })
})

/** What GET /api/sips/:id/follow-up answers after Elsa's first meeting. */
const DRAFT: FollowUpDraft = {
  previousMeetingId: 'm-1',
  setup: {
    type: 'followup',
    startsAt: '2027-02-10T13:30:00.000Z',
    durationMinutes: 60,
    place: 'Solbackaskolan, konferensrummet',
    remoteAllowed: true,
    videoUrl: '',
    childName: 'Elsa',
    childAge: '11 år',
    purpose: 'Följa upp Elsas plan.',
    questions: '',
    childWords: '',
    childParticipation: 'part',
    childParticipationNote: '',
  },
  calledBy: 'Amir Haddad, kurator',
  participants: [
    {
      previousParticipantId: 'p-chair',
      role: 'chair',
      organisation: 'skola',
      organisationOther: '',
      function: 'biträdande rektor',
      name: 'Maja Lind',
      isMe: true,
    },
    {
      previousParticipantId: 'p-karin',
      role: 'participant',
      organisation: 'bup',
      organisationOther: '',
      function: 'psykolog',
      name: '',
      isMe: false,
    },
    {
      previousParticipantId: 'p-sara',
      role: 'guardian',
      organisation: 'familj',
      organisationOther: '',
      function: 'vårdnadshavare',
      name: 'Sara Lind',
      isMe: false,
    },
  ],
}

const NOW = Date.parse('2026-12-01T10:00:00Z')
const id = (field: string) => fieldId('followup', field)

describe('P5: the booking form, prefilled from the draft', () => {
  it('P5: starts from the last plan’s follow-up and everyone of the last meeting, all invited', () => {
    const values = followUpValuesFrom(DRAFT)
    expect(values.setup).toMatchObject({
      type: 'followup',
      durationMinutes: '60',
      place: 'Solbackaskolan, konferensrummet',
      remoteAllowed: true,
      purpose: 'Följa upp Elsas plan.',
      childParticipation: 'part',
    })
    // The start as the browser's local date and time, as the native fields take it.
    const start = new Date(DRAFT.setup.startsAt)
    expect(values.setup.date).toBe(
      `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`,
    )
    expect(values.setup.time).toBe(
      `${String(start.getHours()).padStart(2, '0')}:${String(start.getMinutes()).padStart(2, '0')}`,
    )
    expect(values.rows.map((row) => [row.include, row.isNew, row.participant.function])).toEqual([
      [true, false, 'biträdande rektor'],
      [true, false, 'psykolog'],
      [true, false, 'vårdnadshavare'],
    ])
  })

  it('P5: sends the set-up as a follow-up and only the people left checked, without their old seats', () => {
    const values = followUpValuesFrom(DRAFT)
    values.rows[1]!.include = false
    values.rows.push({
      key: 'new-1',
      include: true,
      isNew: true,
      participant: {
        role: 'participant',
        organisation: 'socialtjanst',
        organisationOther: '',
        function: 'socialsekreterare',
        name: 'Lena Berg',
        isMe: false,
      },
    })
    const checked = validate(followUpSchemaAt(NOW), followUpInputFrom(values))
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    expect(checked.data.setup.type).toBe('followup')
    expect(Date.parse(checked.data.setup.startsAt)).toBe(Date.parse(DRAFT.setup.startsAt))
    expect(checked.data.setup.durationMinutes).toBe(60)
    expect(checked.data.participants.map((p) => p.name || p.function)).toEqual([
      'Maja Lind',
      'Sara Lind',
      'Lena Berg',
    ])
    expect(checked.data.participants[0]).not.toHaveProperty('previousParticipantId')
  })

  it('P5: a draft without a date (the last plan booked none) is refused at the date, before anything is sent', () => {
    const values = followUpValuesFrom({ ...DRAFT, setup: { ...DRAFT.setup, startsAt: '' } })
    expect(values.setup.date).toBe('')
    const checked = validate(followUpSchemaAt(NOW), followUpInputFrom(values))
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(Object.keys(checked.errors)).toEqual(['setup.startsAt'])
    // Shown at the set-up's own date field, as on the meeting's form.
    expect(setupErrors(checked.errors)).toEqual({ startsAt: checked.errors['setup.startsAt'] })
    expect(followUpTargetOf(id, values.rows)('setup.startsAt')).toBe('followup-date')
  })

  it('P5: a start in the past is refused as the server refuses it', () => {
    const values = followUpValuesFrom(DRAFT)
    const checked = validate(followUpSchemaAt(Date.parse('2027-03-01T00:00:00Z')), followUpInputFrom(values))
    expect(checked.ok ? [] : Object.keys(checked.errors)).toEqual(['setup.startsAt'])
  })

  it('P5: a server error on the n-th participant sent leads to that person’s checkbox, skipping those left out', () => {
    const values = followUpValuesFrom(DRAFT)
    values.rows[0]!.include = false
    const target = followUpTargetOf(id, values.rows)
    // Sent: Karin (0), Sara (1).
    expect(target('participants.1.function')).toBe('followup-row-previous-p-sara')
    expect(target('participants.0.name')).toBe('followup-row-previous-p-karin')
    expect(target('participants')).toBe('followup-participants')
    expect(target('setup.place')).toBe('followup-place')
  })

  it('P5: the server’s own check of the start (a path without `setup.`) is shown at the date too', () => {
    const values = followUpValuesFrom(DRAFT)
    expect(setupErrors({ startsAt: 'Datum och tid har redan passerat.' })).toEqual({
      startsAt: 'Datum och tid har redan passerat.',
    })
    expect(followUpTargetOf(id, values.rows)('startsAt')).toBe('followup-date')
  })
})
