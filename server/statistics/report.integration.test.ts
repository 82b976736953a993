import { beforeEach, describe, expect, it } from 'vitest'
import type { StatisticsReport, StatisticsTable } from '../../shared/schemas/statistics'
import { StatisticsReportSchema } from '../../shared/schemas/statistics'
import type { TableId } from '../../shared/statistics/tables'
import { STATISTICS_TABLES } from '../../shared/statistics/tables'
import { integrationFixture } from '../test/fixture'
import { api, createUser, signIn } from '../test/harness'
import { PERIOD, type StatisticsDataSet, writeStatisticsData } from '../test/statistics-data'
import { computeStatistics } from './report'

/**
 * The statistics report's figures (docs/statistics.md ST1–ST21), over a hand-counted data set
 * (server/test/statistics-data.ts) in a real SQLite file, read through GET /api/statistics as the
 * page reads them. Every expected number below is counted from that file's comments.
 */

const fixture = integrationFixture()
let cookie: string
let data: StatisticsDataSet

beforeEach(async () => {
  await fixture.start()
  const { app } = fixture.server
  data = await writeStatisticsData(app.stores, app.storage.transaction)
  const reader = await createUser(fixture.server, { email: 'statistik@region.se', name: 'Stina Statistik' })
  await app.stores.users.setProfile(reader.id, { ...reader, statistics: true })
  cookie = await signIn(fixture.server, 'statistik@region.se')
})

async function report(query: Record<string, string> = {}): Promise<StatisticsReport> {
  const params = new URLSearchParams({ ...PERIOD, ...query })
  const response = await api<StatisticsReport>(fixture.server, 'GET', `/api/statistics?${params}`, { cookie })
  expect(response.status).toBe(200)
  return StatisticsReportSchema.parse(response.body)
}

function table(r: StatisticsReport, id: TableId): StatisticsTable {
  const found = r.tables.find((t) => t.id === id)
  if (!found) throw new Error(`no table ${id}`)
  return found
}

/** A count-and-per-cent table as [key, count, percent] rows. */
function counts(r: StatisticsReport, id: TableId): [string, unknown, unknown][] {
  return table(r, id).rows.map((row) => [row.key, row.values.count, row.values.percent])
}

/** One column of a table, by row key. */
function column(r: StatisticsReport, id: TableId, name: string): Record<string, unknown> {
  return Object.fromEntries(table(r, id).rows.map((row) => [row.key, row.values[name]]))
}

describe('the statistics report over a hand-counted data set', () => {
  it('ST1, ST3, ST4: meetings held in the period – finalized, not a demo – first and follow-up; cancelled by the Stockholm day', async () => {
    const r = await report()
    // M1, M2, M3, M4, M5, M7: not M6 (June), M8 (28 February) or the demo G.
    expect(counts(r, 'meetings')).toEqual([
      ['held', 6, 100],
      ['first', 5, 83],
      ['followup', 1, 17],
      // M4b, H's and I1 (00:30 on 1 March in Stockholm); not I2 (00:30 on 1 June).
      ['cancelled', 3, null],
    ])
    expect(table(r, 'meetings').base).toBe(6)
    // Every table, in the spec's order.
    expect(r.tables.map((t) => t.id)).toEqual(STATISTICS_TABLES.map((t) => t.id))
    expect(r).toMatchObject({ query: { ...PERIOD, publication: false }, threshold: 5 })
  })

  it('ST5: who convened, by principal and organisation, from the facts', async () => {
    const r = await report()
    expect(counts(r, 'convener-principal')).toEqual([
      ['school', 4, 67],
      ['social', 0, 0],
      ['region', 1, 17],
      ['other', 0, 0],
      ['unknown', 1, 17],
    ])
    expect(column(r, 'convener-organisation', 'count')).toEqual({
      skola: 4,
      elevhalsa: 0,
      socialtjanst: 0,
      bup: 1,
      habilitering: 0,
      primarvard: 0,
      ungdomsmottagning: 0,
      annan: 0,
      unknown: 1,
    })
  })

  it('ST6: convening functions – one row per organisation and function (trimmed, lower case), most first', async () => {
    const r = await report()
    expect(table(r, 'convener-function').rows).toEqual([
      { key: 'skola:biträdande rektor', label: 'biträdande rektor', values: { count: 2, percent: 33 } },
      { key: 'skola:rektor', label: 'rektor', values: { count: 2, percent: 33 } },
      { key: 'bup:psykolog', label: 'psykolog', values: { count: 1, percent: 17 } },
      { key: 'unknown:', label: '', values: { count: 1, percent: 17 } },
    ])
  })

  it('ST7, ST8: participation – present or remote – per principal, per organisation, in combination', async () => {
    const r = await report()
    expect(counts(r, 'participation-principal')).toEqual([
      ['school', 4, 67],
      ['social', 1, 17],
      ['region', 3, 50],
    ])
    expect(column(r, 'participation-organisation', 'count')).toEqual({
      skola: 4,
      elevhalsa: 1,
      socialtjanst: 1,
      bup: 2,
      habilitering: 1,
      primarvard: 1,
      ungdomsmottagning: 0,
      annan: 1,
    })
    expect(counts(r, 'principal-combinations')).toEqual([
      ['all-three', 1, 17],
      ['school-social', 0, 0],
      ['school-region', 1, 17],
      ['social-region', 0, 0],
      ['school-only', 2, 33],
      ['social-only', 0, 0],
      ['region-only', 1, 17],
      ['none', 1, 17],
    ])
    expect(counts(r, 'principal-count')).toEqual([
      ['three', 1, 17],
      ['two', 1, 17],
      ['one', 3, 50],
      ['none', 1, 17],
    ])
  })

  it('ST9: attendance of every invited person, per principal and per organisation', async () => {
    const r = await report()
    const statuses = (id: TableId) =>
      table(r, id).rows.map((row) => [
        row.key,
        row.values.present,
        row.values.remote,
        row.values.cancelled,
        row.values['no-show'],
        row.values.unmarked,
        row.values.total,
      ])
    expect(statuses('attendance-principal')).toEqual([
      ['school', 5, 0, 0, 1, 0, 6],
      ['social', 0, 1, 0, 0, 1, 2],
      ['region', 3, 1, 1, 2, 0, 7],
      ['family', 3, 0, 1, 1, 1, 6],
      ['other', 1, 0, 0, 0, 0, 1],
    ])
    expect(statuses('attendance-organisation')).toEqual([
      ['skola', 4, 0, 0, 1, 0, 5],
      ['elevhalsa', 1, 0, 0, 0, 0, 1],
      ['socialtjanst', 0, 1, 0, 0, 1, 2],
      ['bup', 2, 0, 0, 1, 0, 3],
      ['habilitering', 0, 1, 1, 0, 0, 2],
      ['primarvard', 1, 0, 0, 0, 0, 1],
      ['ungdomsmottagning', 0, 0, 0, 1, 0, 1],
      ['familj', 3, 0, 1, 1, 1, 6],
      ['annan', 1, 0, 0, 0, 0, 1],
    ])
    expect(table(r, 'attendance-principal').base).toBe(22)
    expect(table(r, 'attendance-organisation').base).toBe(22)
  })

  it('ST10: professionals without a function – empty, or only a name such as "BUP", "HAB", "Skolan"', async () => {
    const r = await report()
    expect(
      table(r, 'without-function').rows.map((row) => [
        row.key,
        row.values.without,
        row.values.total,
        row.values.percent,
      ]),
    ).toEqual([
      ['skola', 1, 5, 20],
      ['elevhalsa', 0, 1, 0],
      ['socialtjanst', 0, 2, 0],
      ['bup', 2, 3, 67],
      ['habilitering', 1, 2, 50],
      ['primarvard', 1, 1, 100],
      ['ungdomsmottagning', 0, 1, 0],
      ['annan', 0, 1, 0],
    ])
    expect(table(r, 'without-function').base).toBe(16)
  })

  it('ST11: how the child took part, and the guardians’ attendance', async () => {
    const r = await report()
    expect(counts(r, 'child-participation')).toEqual([
      ['whole', 2, 33],
      ['part', 1, 17],
      ['remote', 1, 17],
      ['trusted-person', 1, 17],
      ['not-at-all', 1, 17],
    ])
    expect(counts(r, 'guardian-attendance')).toEqual([
      ['present', 3, 60],
      ['remote', 0, 0],
      ['cancelled', 1, 20],
      ['no-show', 1, 20],
      ['unmarked', 0, 0],
    ])
    expect(table(r, 'guardian-attendance').base).toBe(5)
  })

  it('ST12, ST13: consent to first meeting within 21 days (negative counts as within); invitations 21 days ahead', async () => {
    const r = await report()
    // M1 18 days, M4 exactly 21, M5 −5: within; M3 34: later; M7 none.
    expect(counts(r, 'consent-to-first')).toEqual([
      ['within-three-weeks', 3, 60],
      ['later', 1, 20],
      ['no-consent', 1, 20],
    ])
    expect(table(r, 'consent-to-first').base).toBe(5)
    // M1 28 days and M4 exactly 21: in time; M2 and M5 14; M3 and M7 none.
    expect(counts(r, 'invitation-notice')).toEqual([
      ['three-weeks-or-more', 2, 33],
      ['less-than-three-weeks', 2, 33],
      ['no-invitation', 2, 33],
    ])
  })

  it('ST14, ST15: follow-ups booked, and what became of them: on time, late, SIP closed, overdue, not yet due', async () => {
    const r = await report()
    expect(counts(r, 'follow-up-booked')).toEqual([
      ['booked', 5, 83],
      ['not-booked', 1, 17],
    ])
    // M1 → M2 before the day; M3 → M6 after it (outside the period, still counted); M4's SIP was
    // closed; M5's day passed with no meeting; M7's day is in 2099.
    expect(counts(r, 'follow-up-outcome')).toEqual([
      ['on-time', 1, 20],
      ['late', 1, 20],
      ['overdue', 1, 20],
      ['not-yet-due', 1, 20],
      ['sip-closed', 1, 20],
    ])
    expect(table(r, 'follow-up-outcome').base).toBe(5)
  })

  it('ST15: "overdue" and "not yet due" turn on the Stockholm day of now', async () => {
    const { stores } = fixture.server.app
    const query = { ...PERIOD, publication: false }
    const outcome = async (now: string) =>
      (await computeStatistics(stores.statisticsReport, query, { now: Date.parse(now), threshold: 5 })).tables
        .find((t) => t.id === 'follow-up-outcome')!
        .rows.map((row) => [row.key, row.values.count])
    // M5's follow-up was booked for 1 April: overdue from the next day in Stockholm, which begins
    // at 22:00 UTC (summer time).
    expect(await outcome('2026-03-31T21:30:00Z')).toContainEqual(['overdue', 0])
    expect(await outcome('2026-04-01T21:30:00Z')).toContainEqual(['overdue', 0])
    expect(await outcome('2026-04-01T22:30:00Z')).toContainEqual(['overdue', 1])
  })

  it('ST16: plans signed by everyone present, and why signatures are missing', async () => {
    const r = await report()
    expect(counts(r, 'signatures')).toEqual([
      ['signed-by-all', 4, 67],
      ['missing', 2, 33],
    ])
    expect(counts(r, 'missing-signature-reasons')).toEqual([
      ['left-early', 1, 50],
      ['technical', 0, 0],
      ['declined', 1, 50],
      ['other', 0, 0],
    ])
  })

  it('ST17: satisfaction answers of the meetings held, never who gave them', async () => {
    const r = await report()
    expect(counts(r, 'satisfaction')).toEqual([
      ['score-5', 2, 50],
      ['score-4', 1, 25],
      ['score-3', 0, 0],
      ['score-2', 0, 0],
      ['score-1', 1, 25],
    ])
    // No comment reaches the report.
    expect(JSON.stringify(r)).not.toMatch(/Maja|Bra möte|Stina|rektor@/)
  })

  it('ST18, ST19: SIPs closed in the period by reason; deviations by category and organisation (no demos)', async () => {
    const r = await report()
    expect(counts(r, 'sips-closed')).toEqual([
      ['new-sip-needed', 0, 0],
      ['no-joint-support', 0, 0],
      ['no-new-needs', 1, 50],
      ['consent-withdrawn', 1, 50],
    ])
    expect(counts(r, 'deviations-category')).toEqual([
      ['actor-absent', 2, 67],
      ['late-invitation', 1, 33],
      ['meeting-late', 0, 0],
      ['not-signed', 0, 0],
      ['other', 0, 0],
    ])
    expect(column(r, 'deviations-organisation', 'count')).toMatchObject({ skola: 2, habilitering: 1, bup: 0 })
    expect(table(r, 'deviations-organisation').base).toBe(3)
  })

  it('ST2: an organisation filter – it took part (any status) or convened; cancelled meetings by their participants', async () => {
    const r = await report({ organisation: 'bup' })
    // M1 (present), M2 (did not come), M3 (convened).
    expect(counts(r, 'meetings')).toEqual([
      ['held', 3, 100],
      ['first', 2, 67],
      ['followup', 1, 33],
      ['cancelled', 1, null],
    ])
    // Of those meetings, everyone counts: the school's people too.
    expect(column(r, 'attendance-organisation', 'total')).toMatchObject({ skola: 3, bup: 3, familj: 5 })
    // No SIP of those three meetings was closed; no deviation names BUP in the period.
    expect(table(r, 'sips-closed').base).toBe(0)
    expect(table(r, 'deviations-category').base).toBe(0)
    expect(r.query).toEqual({ ...PERIOD, organisation: 'bup', publication: false })
  })

  it('ST2: a principal filter – any of its organisations; deviations of its organisations', async () => {
    const r = await report({ principal: 'region' })
    // M1, M2 (BUP, HAB), M3, M5 (primary care, youth clinic).
    expect(table(r, 'meetings').rows[0]!.values.count).toBe(4)
    expect(table(r, 'meetings').rows[3]!.values.count).toBe(1)
    expect(column(r, 'deviations-organisation', 'count')).toMatchObject({ habilitering: 1, skola: 0 })
  })

  it('ST2: a municipality filter – the convener’s municipality in the facts, the account’s for cancelled meetings', async () => {
    const enkoping = await report({ municipality: ' Enköping ' })
    // M3 and M4; cancelled: H and M4b, both by conveners of Enköping; SIP C closed.
    expect(counts(enkoping, 'meetings').map(([key, count]) => [key, count])).toEqual([
      ['held', 2],
      ['first', 2],
      ['followup', 0],
      ['cancelled', 2],
    ])
    expect(column(enkoping, 'sips-closed', 'count')).toMatchObject({
      'no-new-needs': 1,
      'consent-withdrawn': 0,
    })
    expect(enkoping.query.municipality).toBe('Enköping')
    const uppsala = await report({ municipality: 'Uppsala' })
    expect(table(uppsala, 'meetings').rows.map((row) => row.values.count)).toEqual([4, 3, 1, 1])
    // An empty municipality is no filter.
    expect(table(await report({ municipality: '' }), 'meetings').base).toBe(6)
  })

  it('ST3: a period with nothing in it – zeros, every row present, per cents null', async () => {
    const r = await report({ from: '2020-01-01', to: '2020-12-31' })
    expect(counts(r, 'convener-principal')).toEqual([
      ['school', 0, null],
      ['social', 0, null],
      ['region', 0, null],
      ['other', 0, null],
      ['unknown', 0, null],
    ])
    expect(table(r, 'convener-function').rows).toEqual([])
    expect(table(r, 'principal-combinations').rows.every((row) => row.values.count === 0)).toBe(true)
  })

  it('ST20: for publication counts from 1 to 4 and their per cents are hidden; 0, 5 and more are not', async () => {
    const r = await report({ publication: 'true' })
    expect(r.query.publication).toBe(true)
    expect(counts(r, 'meetings')).toEqual([
      ['held', 6, 100],
      ['first', 5, 83],
      ['followup', 'suppressed', 'suppressed'],
      ['cancelled', 'suppressed', null],
    ])
    expect(counts(r, 'convener-principal')).toEqual([
      ['school', 'suppressed', 'suppressed'],
      ['social', 0, 0],
      ['region', 'suppressed', 'suppressed'],
      ['other', 0, 0],
      ['unknown', 'suppressed', 'suppressed'],
    ])
    // Bases under the threshold too.
    expect(table(r, 'missing-signature-reasons').base).toBe('suppressed')
    expect(table(r, 'attendance-organisation').base).toBe(22)
    expect(column(r, 'attendance-organisation', 'total')).toMatchObject({
      skola: 5,
      familj: 6,
      bup: 'suppressed',
    })
    expect(column(r, 'without-function', 'percent')).toMatchObject({ skola: 'suppressed', elevhalsa: 0 })
  })

  it('ST20: the threshold is the installation’s (SIP_STATISTICS_THRESHOLD)', async () => {
    await fixture.restart({ statisticsThreshold: 3 })
    cookie = await signIn(fixture.server, 'statistik@region.se')
    const r = await report({ publication: 'true' })
    expect(r.threshold).toBe(3)
    expect(counts(r, 'convener-principal')[0]).toEqual(['school', 4, 67])
    expect(counts(r, 'convener-principal')[2]).toEqual(['region', 'suppressed', 'suppressed'])
    expect(counts(r, 'meetings')[3]).toEqual(['cancelled', 3, null])
  })

  it('ST21: the municipalities of the accounts, for the filter, in Swedish order', async () => {
    const { users } = fixture.server.app.stores
    for (const [email, municipality] of [
      ['a@x.se', 'Ängelholm'],
      ['b@x.se', 'Åre'],
      ['c@x.se', 'Östhammar'],
      ['d@x.se', '  '],
    ] as const) {
      await users.create({ email, name: email, passwordHash: null, isAdmin: false, municipality })
    }
    expect((await report()).municipalities).toEqual(['Enköping', 'Uppsala', 'Åre', 'Ängelholm', 'Östhammar'])
  })

  it('attendance counted by sorting and by one pass over its index agree, for every filter', async () => {
    const store = fixture.server.app.stores.statisticsReport
    const scope = {
      ...PERIOD,
      fromMs: 0,
      toMs: 0,
      organisation: null,
      principalOrganisations: null,
      municipality: null,
      today: '2026-11-29',
    }
    const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort()
    for (const filter of [
      {},
      { organisation: 'bup' },
      { principalOrganisations: ['skola', 'elevhalsa'], municipality: 'Uppsala' },
    ]) {
      const { few, many } = await store.attendanceBothWays({ ...scope, ...filter })
      expect(few.length).toBeGreaterThan(0)
      expect(sorted(many)).toEqual(sorted(few))
    }
    expect(data.meetings.M1).toBeDefined()
  })
})
