import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../shared/dates'
import { contractEngines, openTestStorage, type TestStorage } from '../test/engine-access'
import { testSetup } from '../test/harness'
import { at, PERIOD, writeStatisticsData } from '../test/statistics-data'
import type { AttendanceFact, MeetingFacts } from './statistics'
import type { ReportRows, ReportScope } from './statistics-report'

/**
 * Statistics (server/db/statistics.ts, statistics-report.ts), the same tests on every engine: the
 * facts written at finalization, and the report's rows over the hand-counted data set
 * (server/test/statistics-data.ts) – on PostgreSQL compared row for row with SQLite's.
 */

function scope(from: string, to: string, filters: Partial<ReportScope> = {}): ReportScope {
  return {
    from,
    to,
    fromMs: at(from, '00:00'),
    toMs: at(addDays(to, 1), '00:00'),
    organisation: null,
    principalOrganisations: null,
    municipality: null,
    today: '2026-11-29',
    ...filters,
  }
}

const SCOPES: Record<string, ReportScope> = {
  period: scope(PERIOD.from, PERIOD.to),
  'one organisation': scope(PERIOD.from, PERIOD.to, { organisation: 'bup' }),
  'a principal in a municipality': scope(PERIOD.from, PERIOD.to, {
    principalOrganisations: ['skola', 'elevhalsa'],
    municipality: 'Uppsala',
  }),
  'a municipality': scope(PERIOD.from, PERIOD.to, { municipality: 'Enköping' }),
  'an organisation no one is of': scope(PERIOD.from, PERIOD.to, { organisation: 'primarvard' }),
  'every day, today early': scope('2000-01-01', '2099-12-31', { today: '2026-04-01' }),
  'a period with nothing held': scope('2030-01-01', '2030-12-31'),
}

/** The rows in an order of their own: engines need not group in the same order. */
function normalised(rows: ReportRows) {
  const sorted = (list: readonly unknown[]) => list.map((row) => JSON.stringify(row)).sort()
  return {
    meetings: sorted(rows.meetings),
    convenerFunctions: sorted(rows.convenerFunctions),
    tookPart: sorted(rows.tookPart),
    attendance: sorted(rows.attendance),
    satisfaction: sorted(rows.satisfaction),
    followUpOutcomes: sorted(rows.followUpOutcomes),
    cancelled: rows.cancelled,
    sipsClosed: sorted(rows.sipsClosed),
    deviations: sorted(rows.deviations),
    municipalities: sorted(rows.municipalities),
  }
}

describe.each(contractEngines())('statistics facts on %s', (engine) => {
  let storage: TestStorage
  beforeAll(async () => {
    storage = await openTestStorage(engine)
  })
  afterAll(() => storage?.close())

  const meeting = (convenerUserId: string | null = null) =>
    storage.stores.meetings.createMeeting({ title: 'Möte', ...testSetup(), convenerUserId })

  it("a meeting's facts and attendance come back as written, attendance in the order written", async () => {
    const { statistics } = storage.stores
    const made = await meeting()
    const facts: MeetingFacts = {
      meetingId: made.id,
      sipId: made.sipId,
      heldOn: '2026-03-10',
      type: 'first',
      convenerOrganisation: 'skola',
      convenerFunction: 'rektor',
      childParticipation: 'part',
      followUpBooked: true,
      signedByAll: false,
      finalizedAt: 1_773_000_000_000,
      municipality: 'Uppsala',
      followUpOn: '2026-04-20',
      invitedOn: null,
      consentOn: '2026-02-20',
    }
    const attendance: AttendanceFact[] = ['zeta', 'alfa', 'mu', 'beta'].map((participantId, i) => ({
      participantId,
      role: i === 0 ? 'chair' : 'participant',
      organisation: i % 2 === 0 ? 'skola' : 'bup',
      function: 'lärare',
      status: (['present', 'remote', 'no-show', 'unmarked'] as const)[i]!,
      signed: i === 0,
      missingReason: i === 1 ? 'technical' : null,
    }))
    await statistics.record(facts, attendance)
    expect(await statistics.meetingFacts(made.id)).toEqual(facts)
    expect(await statistics.attendance(made.id)).toEqual(attendance)
    expect(
      await storage.rows('SELECT follow_up_booked, signed_by_all FROM meeting_facts WHERE meeting_id = ?', [
        made.id,
      ]),
    ).toEqual([{ follow_up_booked: 1, signed_by_all: 0 }])
    // Written once: a second record of the same meeting is refused (a primary key: SQLite's
    // isUniqueViolation does not say so for a primary key, PostgreSQL's does).
    await expect(statistics.record(facts, [])).rejects.toThrow()
    expect(await statistics.meetingFacts(randomUUID())).toBeUndefined()
    expect(await statistics.attendance(randomUUID())).toEqual([])

    const bare = await meeting()
    await statistics.record(
      { ...facts, meetingId: bare.id, followUpBooked: false, signedByAll: true, followUpOn: null },
      [],
    )
    expect(await statistics.meetingFacts(bare.id)).toMatchObject({ followUpBooked: false, signedByAll: true })
    expect(await statistics.attendance(bare.id)).toEqual([])
  })

  it("the convener's record, the first invitation (not the convener's own seat) and the consent day", async () => {
    const { statistics, users, participants, tokens, meetings } = storage.stores
    const convener = await users.create({
      email: `${randomUUID()}@skolan.se`,
      name: 'Maja',
      passwordHash: null,
      isAdmin: false,
      organisation: 'skola',
      function: 'rektor',
      municipality: 'Uppsala',
    })
    expect(await statistics.staffRecord(convener.id)).toEqual({
      organisation: 'skola',
      function: 'rektor',
      municipality: 'Uppsala',
    })
    expect(await statistics.staffRecord(randomUUID())).toBeUndefined()
    const made = await meeting(convener.id)
    expect(await statistics.firstInvitationAt(made.id, convener.id)).toBeNull()
    const own = await participants.add(made.id, {
      role: 'chair',
      name: 'Maja',
      organisation: 'skola',
      function: 'rektor',
      staffUserId: convener.id,
    })
    await tokens.issue(own, { now: 1_000 })
    expect(await statistics.firstInvitationAt(made.id, convener.id)).toBeNull()
    // Without a convener account every link counts.
    expect(await statistics.firstInvitationAt(made.id, null)).toBe(1_000)
    const guest = await participants.add(made.id, {
      role: 'guardian',
      name: 'Anna',
      organisation: 'familj',
      function: 'vh',
    })
    await tokens.issue(guest, { now: 3_000 })
    await tokens.issue(guest, { now: 2_000 })
    expect(await statistics.firstInvitationAt(made.id, convener.id)).toBe(2_000)

    expect(await statistics.consentOn(made.id)).toBeNull()
    await meetings.recordConsent(
      made.id,
      {
        givenBy: [{ name: 'Anna', relation: 'guardian' }],
        givenAt: '2026-02-20',
        scope: 'Allt',
        notShared: '',
      },
      { userId: null, name: 'Maja' },
    )
    expect(await statistics.consentOn(made.id)).toBe('2026-02-20')
  })
})

describe.each(contractEngines())('statistics report on %s', (engine) => {
  let storage: TestStorage
  beforeAll(async () => {
    storage = await openTestStorage(engine)
    await writeStatisticsData(storage.stores, storage.transaction)
  })
  afterAll(() => storage?.close())

  it('ST1, ST4, ST18, ST19: the period counts what the data set says (hand-counted figures)', async () => {
    const rows = await storage.stores.statisticsReport.read(SCOPES.period!)
    expect(rows.meetings.reduce((n, row) => n + row.count, 0)).toBeGreaterThan(0)
    // SIP I's meeting just after midnight on 1 March is in the period; its 1 June one and SIP H's are not…
    expect(rows.cancelled).toBeGreaterThan(0)
    // … the demo SIP's closure and deviation are counted nowhere.
    expect(rows.sipsClosed.map((row) => row.key)).not.toContain('new-sip-needed')
    expect(rows.deviations.map((row) => row.category)).not.toContain('not-signed')
    expect(rows.municipalities.sort()).toEqual(['Enköping', 'Uppsala'])
    for (const row of rows.meetings) {
      expect(typeof row.count).toBe('number')
      expect([0, 1]).toContain(row.followUpBooked)
      expect([0, 1]).toContain(row.signedByAll)
    }
  })

  it('attendance counted both ways agrees, for every filter', async () => {
    for (const [name, reportScope] of Object.entries(SCOPES)) {
      const { few, many } = await storage.stores.statisticsReport.attendanceBothWays(reportScope)
      const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort()
      expect(sorted(many), name).toEqual(sorted(few))
    }
  })

  it.runIf(engine === 'postgres')('every figure is the same as on SQLite, for every filter', async () => {
    const reference = await openTestStorage('sqlite')
    try {
      await writeStatisticsData(reference.stores, reference.transaction)
      for (const [name, reportScope] of Object.entries(SCOPES)) {
        const expected = normalised(await reference.stores.statisticsReport.read(reportScope))
        const actual = normalised(await storage.stores.statisticsReport.read(reportScope))
        expect(actual, name).toEqual(expected)
      }
      // The data set reaches every kind of row somewhere.
      const everything = await reference.stores.statisticsReport.read(SCOPES['every day, today early']!)
      for (const [key, value] of Object.entries(everything)) {
        if (Array.isArray(value)) expect(value.length, key).toBeGreaterThan(0)
      }
    } finally {
      await reference.close()
    }
  })

  it.runIf(engine === 'postgres')(
    'inside a transaction the report reads in it, and sees its writes',
    async () => {
      const { statisticsReport, sips } = storage.stores
      const before = await statisticsReport.read(SCOPES.period!)
      const count = (rows: ReportRows) => rows.deviations.reduce((n, row) => n + row.count, 0)
      const seen = await storage
        .transaction(async () => {
          const sipId = (await storage.stores.meetings.createMeeting({ title: 'x', ...testSetup() })).sipId
          await sips.addDeviation(sipId, {
            meetingId: null,
            category: 'other',
            organisation: 'skola',
            organisationOther: '',
            description: 'x',
            occurredOn: '2026-04-01',
            recordedByUserId: null,
            recordedBy: 'x',
          })
          const inside = count(await statisticsReport.read(SCOPES.period!))
          throw Object.assign(new Error('roll back'), { inside })
        })
        .catch((error: { inside?: number }) => error.inside)
      expect(seen).toBe(count(before) + 1)
      expect(count(await statisticsReport.read(SCOPES.period!))).toBe(count(before))
    },
  )
})
