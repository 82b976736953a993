import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { endpoints } from './api/endpoints'
import { checkable, matches } from './json-schema'
import { ApiErrorSchema, type SessionResponse } from './schemas/session'
import type { MeetingState } from './schemas/signoff'

const SESSION: SessionResponse = {
  meetingId: 'm1',
  participantId: 'p1',
  role: 'guardian',
  name: 'Sara',
  meeting: {
    title: 'SIP-möte för Elsa',
    type: 'first',
    status: 'planned',
    childName: 'Elsa',
    startsAt: '2026-12-01T09:00:00+01:00',
    durationMinutes: 90,
    place: 'Skolan',
    remoteAllowed: true,
    videoUrl: '',
    purpose: 'Att skola och BUP stödjer Elsa',
    questions: '',
  },
  rsvp: null,
  satisfactionAnswered: false,
  closure: null,
  previousMeeting: null,
}

const CHAIR: SessionResponse = {
  ...SESSION,
  role: 'chair',
  previousMeeting: { startsAt: '2026-06-01T09:00:00Z' },
  chairBriefing: {
    convenerName: 'Maja Lind',
    consent: {
      givenBy: [{ name: 'Sara', relation: 'guardian' }],
      givenAt: '2026-11-20',
      scope: 'Skola och BUP',
      notShared: '',
      recordedAt: '2026-11-20T10:00:00+01:00',
      recordedBy: 'Maja Lind',
    },
  },
}

const HASH = 'a'.repeat(64)
const LOCKED: MeetingState = {
  meetingId: 'm1',
  status: 'locked',
  version: {
    number: 1,
    hash: HASH,
    code: '3KF2A-91B0E',
    lockedAt: '2026-12-01T10:20:00+01:00',
    skipped: [{ part: 'goals', index: 2, problem: 'not-a-map' }],
  },
  required: ['p1', 'p2'],
  signatures: [
    {
      participantId: 'p1',
      name: 'Sara',
      versionNumber: 1,
      method: 'own-device',
      signedAt: '2026-12-01T10:25:00+01:00',
      drawn: false,
      void: false,
    },
  ],
  missing: [],
  finalizedAt: null,
  versions: [
    {
      number: 1,
      hash: HASH,
      code: '3KF2A-91B0E',
      lockedAt: '2026-12-01T10:20:00+01:00',
      voidedAt: null,
      voidReason: null,
    },
  ],
}

/** A copy of `value` with one thing changed at `path` (undefined: left out). */
function changed<T>(value: T, path: (string | number)[], to: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (to === undefined) delete node[last]
  else node[last] = to
  return copy
}

const cases = {
  session: [
    SESSION,
    CHAIR,
    { ...SESSION, rsvp: 'coming', closure: { closedOn: '2027-01-10', reason: 'no-new-needs' } },
    // Keys the schema does not know pass, as zod's strip lets them.
    { ...SESSION, somethingNew: 1 },
    changed(SESSION, ['role'], 'teacher'),
    changed(SESSION, ['name'], undefined),
    changed(SESSION, ['name'], null),
    changed(SESSION, ['meeting', 'startsAt'], '2026-12-01 09:00'),
    changed(SESSION, ['meeting', 'startsAt'], '2026-02-30T09:00:00Z'),
    changed(SESSION, ['meeting', 'durationMinutes'], '90'),
    changed(SESSION, ['rsvp'], 'maybe'),
    changed(SESSION, ['closure'], { closedOn: '2027-01-10', reason: 'bored' }),
    changed(CHAIR, ['chairBriefing', 'consent', 'givenBy'], []),
    changed(CHAIR, ['chairBriefing', 'consent', 'givenAt'], '20 nov'),
    changed(CHAIR, ['chairBriefing', 'consent', 'scope'], ''),
    null,
    [],
  ],
  planState: [
    LOCKED,
    { ...LOCKED, status: 'open', version: null, signatures: [], versions: [] },
    changed(LOCKED, ['status'], 'signed'),
    changed(LOCKED, ['version', 'hash'], 'A'.repeat(64)),
    changed(LOCKED, ['version', 'number'], 1.5),
    changed(LOCKED, ['version', 'skipped', 0, 'problem'], 'odd'),
    changed(LOCKED, ['signatures', 0, 'method'], 'fax'),
    changed(LOCKED, ['signatures', 0, 'drawn'], 'no'),
    changed(LOCKED, ['required'], [1]),
    changed(LOCKED, ['versions', 0, 'voidedAt'], 'yesterday'),
    changed(LOCKED, ['finalizedAt'], undefined),
  ],
  join: [
    { meetingId: 'm1', participantId: 'p1', session: SESSION },
    { meetingId: 'm1', participantId: 'p1', session: CHAIR },
    // The session the join answers is checked like GET /api/session's.
    { meetingId: 'm1', participantId: 'p1' },
    { meetingId: 'm1', participantId: 'p1', session: changed(SESSION, ['role'], 'teacher') },
    { meetingId: 'm1', session: SESSION },
    { meetingId: 1, participantId: 'p1', session: SESSION },
  ],
} as const

describe('an answer checked against the JSON Schema of its zod schema', () => {
  for (const [name, samples] of Object.entries(cases) as [keyof typeof cases, readonly unknown[]][]) {
    it(`${name}: accepts and refuses what zod accepts and refuses`, () => {
      const schema = endpoints[name].response
      const json = checkable(z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>)
      const verdicts = samples.map((sample) => [matches(json, sample), schema.safeParse(sample).success])
      expect(verdicts.map(([ours]) => ours)).toEqual(verdicts.map(([, zods]) => zods))
      // Both verdicts occur: the samples test something.
      expect(new Set(verdicts.map(([ours]) => ours))).toEqual(new Set([true, false]))
    })
  }

  it('the error body: issues are checked, and a body without a code is not an error body', () => {
    const json = checkable(z.toJSONSchema(ApiErrorSchema, { io: 'output' }) as Record<string, unknown>)
    expect(
      matches(json, { error: 'validation', issues: [{ field: 'name', code: 'required', message: 'x' }] }),
    ).toBe(true)
    expect(matches(json, { error: 'validation', issues: [{ field: 'name' }] })).toBe(false)
    expect(matches(json, { message: 'no code' })).toBe(false)
  })

  it('a schema with a keyword the checker does not check stops the build', () => {
    expect(() => checkable(z.toJSONSchema(z.object({ a: z.string() }).strict()) as never)).not.toThrow()
    expect(() =>
      checkable(z.toJSONSchema(z.union([z.string(), z.number()]).and(z.string())) as never),
    ).toThrow(/allOf is not checked/)
  })
})
