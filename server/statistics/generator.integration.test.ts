import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stockholmDay } from '../../shared/dates'
import { ORGANISATIONS, type Organisation } from '../../shared/schemas/meeting'
import { MISSING_SIGNATURE_REASONS } from '../../shared/schemas/signoff'
import { CLOSE_REASONS, DEVIATION_CATEGORIES } from '../../shared/schemas/sip'
import type { StatisticsCell, StatisticsQuery, StatisticsReport } from '../../shared/schemas/statistics'
import {
  ATTENDANCE_STATUSES,
  type AttendanceStatusKey,
  PRINCIPAL_OF,
  PRINCIPALS,
  PROFESSIONAL_ORGANISATIONS,
  type Principal,
  type TableId,
} from '../../shared/statistics/tables'
import { TERMS } from '../../shared/terms'
import { type Db, openDatabase } from '../db/connection'
import { sqliteStorage } from '../db/sqlite-storage'
import { createDemoMeetings } from '../demo'
import { verifyVersion, versionToVerify } from '../signoff/versions'
import { tempDataDir } from '../test/harness'
import { judgementNow, RealMeetingsPresentError, type SeedResult, seedStatistics } from './generator'
import {
  apportion,
  COMBINATIONS,
  type Combination,
  SEED_000_SHAPE,
  scaleShape,
  shapeProblems,
} from './generator-shape'
import { computeStatistics } from './report'

/**
 * The statistics generator (issue 14) and the report over what it makes. A set shaped like seed
 * 000 – 152 meetings in March–May 2026 – is generated into a real SQLite file; the report's
 * figures must be exactly the shape's. The expected numbers are worked out here from the shape
 * (and, where the shape leaves the spread to the generator, from the plain records: participants
 * and the signed versions' attendance) – never from the facts tables the report reads, nor by the
 * report's own algorithm.
 */

const shape = SEED_000_SHAPE
const THRESHOLD = 5
const dirs: string[] = []
type SqliteStorage = ReturnType<typeof sqliteStorage>
const storages: SqliteStorage[] = []

function freshStorage(): SqliteStorage {
  const dir = tempDataDir()
  dirs.push(dir)
  const storage = sqliteStorage(openDatabase({ file: path.join(dir, 'sip-live.db'), synchronous: 'normal' }))
  storages.push(storage)
  return storage
}

let storage: SqliteStorage
let db: Db
let result: SeedResult
beforeAll(async () => {
  storage = freshStorage()
  db = storage.db
  result = await seedStatistics(storage, { seed: 14 })
}, 120_000)
afterAll(() => {
  for (const s of storages) s.db.close()
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

const sum = (values: Iterable<number>) => {
  let total = 0
  for (const v of values) total += v
  return total
}
const percent = (count: number, base: number) => (base === 0 ? null : Math.round((100 * count) / base))
const principalOf = (organisation: string): Principal | null =>
  PRINCIPAL_OF[organisation as Organisation] ?? null

/** The brief's rule for "without a function", written out here on its own. */
const BARE_NAMES = [
  'skolan',
  'hab',
  'bup',
  'soc',
  'socialtjänsten',
  'elevhälsan',
  'regionen',
  'vården',
  'primärvården',
]
function withoutFunction(organisation: Organisation, fn: string): boolean {
  const f = fn.trim().toLowerCase()
  return (
    f === '' ||
    f === organisation ||
    f === TERMS.sv.organisations[organisation].toLowerCase() ||
    f === TERMS.en.organisations[organisation].toLowerCase() ||
    BARE_NAMES.includes(f)
  )
}

// ---- What the shape says, worked out row by row -------------------------------------------

const first = shape.meetings - shape.followUps
const convenedBy = (organisation: string) =>
  sum(shape.conveners.filter((c) => c.organisation === organisation).map((c) => c.meetings))
const convenedByPrincipal = (principal: Principal) =>
  sum(shape.conveners.filter((c) => principalOf(c.organisation) === principal).map((c) => c.meetings))
const combinationsWith = (principal: Principal) =>
  sum(
    (Object.keys(COMBINATIONS) as Combination[])
      .filter((c) => (COMBINATIONS[c] as readonly string[]).includes(principal))
      .map((c) => shape.combinations[c]),
  )

type StatusCounts = Record<AttendanceStatusKey, number>
const noStatuses = (): StatusCounts => ({ present: 0, remote: 0, cancelled: 0, 'no-show': 0, unmarked: 0 })

/** Every attendance row of the period's meetings, by organisation and status, from the shape. */
function expectedAttendance(): Record<Organisation, StatusCounts> {
  const rows = Object.fromEntries(ORGANISATIONS.map((o) => [o, noStatuses()])) as Record<
    Organisation,
    StatusCounts
  >
  // The conveners' own seats: present.
  for (const c of shape.conveners) rows[c.organisation].present += c.meetings
  for (const p of shape.professionals) rows[p.organisation][p.status] += p.count
  // The family: guardians; the child (whole, part: present; remote; otherwise unmarked); a trusted person.
  for (const status of ATTENDANCE_STATUSES) rows.familj[status] += shape.guardians[status]
  rows.familj.present += shape.child.whole + shape.child.part + shape.child['trusted-person']
  rows.familj.remote += shape.child.remote
  rows.familj.unmarked += shape.child['trusted-person'] + shape.child['not-at-all']
  return rows
}

/** Professionals (seats included) per organisation: without a function, and all. */
function expectedWithoutFunction(): Record<string, { without: number; total: number }> {
  const rows: Record<string, { without: number; total: number }> = {}
  for (const o of PROFESSIONAL_ORGANISATIONS) rows[o] = { without: 0, total: 0 }
  for (const c of shape.conveners) {
    rows[c.organisation]!.total += c.meetings
    if (withoutFunction(c.organisation, c.function)) rows[c.organisation]!.without += c.meetings
  }
  for (const p of shape.professionals) {
    rows[p.organisation]!.total += p.count
    if (withoutFunction(p.organisation, p.function)) rows[p.organisation]!.without += p.count
  }
  return rows
}

// ---- What the plain records say ---------------------------------------------------------

interface HeldMeeting {
  id: string
  convener: string
  /** Organisation of each invited participant, and their status in the signed version. */
  people: { organisation: string; status: string }[]
}

/**
 * The period's held meetings from meetings, participants, the convener's account and the signed
 * version's attendance (its canonical JSON) – not from the facts.
 */
function heldFromRecords(database: Db, municipality?: string): HeldMeeting[] {
  const meetings = database
    .prepare(
      `SELECT m.id, m.starts_at AS startsAt, u.organisation AS convener, u.municipality, v.canonical_json AS json
       FROM meetings m JOIN sips s ON s.id = m.sip_id JOIN users u ON u.id = m.convener_user_id
       JOIN plan_versions v ON v.meeting_id = m.id AND v.voided_at IS NULL
       WHERE m.status = 'finalized' AND s.is_demo = 0`,
    )
    .all() as { id: string; startsAt: number; convener: string; municipality: string; json: string }[]
  const participants = database.prepare('SELECT id, organisation FROM participants WHERE meeting_id = ?')
  return meetings
    .filter((m) => {
      const day = stockholmDay(m.startsAt)
      return (
        day >= shape.from &&
        day <= shape.to &&
        (municipality === undefined || m.municipality === municipality)
      )
    })
    .map((m) => {
      const attendance = (JSON.parse(m.json) as { attendance: Record<string, string> }).attendance
      const people = (participants.all(m.id) as { id: string; organisation: string }[]).map((p) => ({
        organisation: p.organisation,
        status: attendance[p.id] ?? 'unmarked',
      }))
      return { id: m.id, convener: m.convener, people }
    })
}

const tookPart = (status: string) => status === 'present' || status === 'remote'

// ---- Reading the report -----------------------------------------------------------------

function table(report: StatisticsReport, id: TableId) {
  const found = report.tables.find((t) => t.id === id)
  if (!found) throw new Error(`no table ${id}`)
  return found
}
function cell(
  report: StatisticsReport,
  id: TableId,
  row: string,
  column = 'count',
): StatisticsCell | undefined {
  return table(report, id).rows.find((r) => r.key === row)?.values[column]
}
/** A table's rows as key → count, in the report's order. */
function counts(report: StatisticsReport, id: TableId): [string, StatisticsCell | undefined][] {
  return table(report, id).rows.map((r) => [r.key, r.values.count])
}
/** Rows with their count and per cent of `base`, in this order. */
function countRows(rows: [string, number][], base: number): [string, number, number | null][] {
  return rows.map(([key, count]) => [key, count, percent(count, base)])
}
function countPercent(
  report: StatisticsReport,
  id: TableId,
): [string, StatisticsCell | undefined, StatisticsCell | undefined][] {
  return table(report, id).rows.map((r) => [r.key, r.values.count, r.values.percent])
}

const query = (extra: Partial<StatisticsQuery> = {}): StatisticsQuery => ({
  from: shape.from,
  to: shape.to,
  publication: false,
  ...extra,
})
const report = (extra: Partial<StatisticsQuery> = {}) =>
  computeStatistics(storage.stores.statisticsReport, query(extra), {
    now: judgementNow(shape),
    threshold: THRESHOLD,
  })

describe('the statistics generator', () => {
  it('makes what the shape says: every meeting held is finalized with its facts, every locked version verifies (G9)', async () => {
    expect(result.meetings).toEqual({
      held: 152,
      first: 145,
      followUps: 7,
      // The meetings before the period that follow-ups follow, and those after it that follow-ups booked.
      outside:
        shape.followUpsOfEarlier +
        (shape.followUp.onTime + shape.followUp.late - (shape.followUps - shape.followUpsOfEarlier)),
      cancelled: shape.cancelled,
    })
    const meetings = db
      .prepare('SELECT id, status, cancelled_at AS cancelledAt, is_demo AS isDemo FROM meetings')
      .all() as { id: string; status: string; cancelledAt: number | null; isDemo: number }[]
    expect(meetings).toHaveLength(152 + result.meetings.outside + result.meetings.cancelled)
    expect(meetings.every((m) => m.isDemo === 0)).toBe(true)
    const cancelled = meetings.filter((m) => m.cancelledAt !== null)
    expect(cancelled).toHaveLength(shape.cancelled)
    expect(cancelled.every((m) => m.status === 'planned')).toBe(true)

    const { signoff } = storage.stores
    const facts = db.prepare('SELECT count(*) FROM meeting_facts WHERE meeting_id = ?').pluck()
    const invited = db.prepare('SELECT count(*) FROM participants WHERE meeting_id = ?').pluck()
    const attendance = db.prepare('SELECT count(*) FROM attendance_facts WHERE meeting_id = ?').pluck()
    for (const m of meetings.filter((x) => x.cancelledAt === null)) {
      expect(m.status).toBe('finalized')
      expect(facts.get(m.id)).toBe(1)
      expect(attendance.get(m.id)).toBe(invited.get(m.id))
      // The version as GET /api/meetings/:id/plan/verify checks it: hash of the JSON, JSON of the snapshot.
      const version = (await versionToVerify(signoff, m.id))!
      expect(verifyVersion(version, m.id)).toMatchObject({
        ok: true,
        bound: true,
        jsonMatches: true,
        snapshotMatches: true,
      })
    }
    // Everyone present or remote signed the version, but one person in each meeting with a missing signature.
    const unsigned = db
      .prepare(`SELECT count(*) FROM attendance_facts WHERE status IN ('present', 'remote') AND signed = 0`)
      .pluck()
      .get()
    expect(unsigned).toBe(sum(Object.values(shape.missingSignatures)))
  })

  it('is deterministic: the same seed makes the same meetings, another seed other ones', async () => {
    const digest = (database: Db) =>
      JSON.stringify(
        database
          .prepare(
            `SELECT f.held_on, f.type, f.convener_organisation, f.convener_function, f.child_participation,
                    f.follow_up_on, f.invited_on, f.consent_on, f.signed_by_all, f.municipality,
                    (SELECT group_concat(x, '|') FROM (
                       SELECT a.role || ':' || a.organisation || ':' || a.function || ':' || a.status || ':' ||
                              a.signed || ':' || coalesce(a.missing_reason, '') AS x
                       FROM attendance_facts a WHERE a.meeting_id = f.meeting_id ORDER BY x)) AS people
             FROM meeting_facts f ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`,
          )
          .all(),
      )
    const again = freshStorage()
    await seedStatistics(again, { seed: 14 })
    const other = freshStorage()
    await seedStatistics(other, { seed: 15 })
    expect(digest(again.db)).toBe(digest(db))
    expect(digest(other.db)).not.toBe(digest(db))
  }, 120_000)

  it('refuses a database that holds meetings that are not demo meetings, writing nothing, unless told to', async () => {
    const small = scaleShape(shape, 20)
    const before = db.prepare('SELECT count(*) FROM meetings').pluck().get() as number
    await expect(seedStatistics(storage, { shape: small, seed: 2 })).rejects.toThrow(RealMeetingsPresentError)
    expect(db.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(before)

    // Demo meetings are not real ones: the generator writes beside them.
    const demoOnly = freshStorage()
    await createDemoMeetings(demoOnly, 'http://127.0.0.1:9999', 2)
    expect((await seedStatistics(demoOnly, { shape: small, seed: 2 })).meetings.held).toBe(20)
    expect(
      (await seedStatistics(demoOnly, { shape: small, seed: 3, intoExisting: true })).meetings.held,
    ).toBe(20)
    expect(
      demoOnly.db
        .prepare(`SELECT count(*) FROM meeting_facts WHERE held_on BETWEEN ? AND ?`)
        .pluck()
        .get(shape.from, shape.to),
    ).toBe(40)
  }, 60_000)

  it('scales a shape by largest remainders, keeping every group that sums to the meetings', () => {
    expect(apportion([1, 1, 1], 2)).toEqual([1, 1, 0])
    expect(apportion([116, 17, 19], 1000)).toEqual([763, 112, 125])
    expect(scaleShape(shape, shape.meetings)).toEqual(shape)
    for (const n of [10_000, 100_000]) {
      const scaled = scaleShape(shape, n, { from: '2023-01-01', to: '2025-12-31' })
      expect(shapeProblems(scaled)).toEqual([])
      expect(sum(scaled.conveners.map((c) => c.meetings))).toBe(n)
      expect(sum(Object.values(scaled.combinations))).toBe(n)
      expect(sum(Object.values(scaled.followUp))).toBe(n)
      expect(sum(Object.values(scaled.consent))).toBe(n - scaled.followUps)
      // School still convenes about three in four.
      expect(
        Math.round(
          (100 *
            sum(
              scaled.conveners
                .filter((c) => c.organisation === 'skola' || c.organisation === 'elevhalsa')
                .map((c) => c.meetings),
            )) /
            n,
        ),
      ).toBe(76)
    }
    expect(
      shapeProblems({ ...shape, combinations: { ...shape.combinations, 'all-three': 0, none: 55 } }),
    ).toContain('conveners do not fit the combinations')
  })
})

describe('the report over a set shaped like seed 000 (computeStatistics)', () => {
  let full: StatisticsReport
  beforeAll(async () => {
    full = await report()
  })

  it('meetings held, first meetings, follow-ups and meetings cancelled', () => {
    expect(table(full, 'meetings').base).toBe(152)
    expect(countPercent(full, 'meetings')).toEqual([
      ['held', 152, 100],
      ['first', first, percent(first, 152)],
      ['followup', 7, percent(7, 152)],
      ['cancelled', shape.cancelled, null],
    ])
  })

  it('who convened: school 116 (76 %), region 19, by organisation and by function', () => {
    expect(cell(full, 'convener-principal', 'school')).toBe(116)
    expect(cell(full, 'convener-principal', 'school', 'percent')).toBe(76)
    expect(countPercent(full, 'convener-principal')).toEqual(
      countRows(
        [
          ['school', convenedByPrincipal('school')],
          ['social', convenedByPrincipal('social')],
          ['region', 19],
          ['other', 0],
          ['unknown', 0],
        ],
        152,
      ),
    )
    expect(countPercent(full, 'convener-organisation')).toEqual(
      countRows(
        [...PROFESSIONAL_ORGANISATIONS.map((o): [string, number] => [o, convenedBy(o)]), ['unknown', 0]],
        152,
      ),
    )
    // Functions: one row per organisation and function that convened, most first, then by key.
    const functions = new Map<string, number>()
    for (const c of shape.conveners) {
      const key = `${c.organisation}:${c.function}`
      functions.set(key, (functions.get(key) ?? 0) + c.meetings)
    }
    const expected = [...functions]
      .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .map(([key, count]) => ({ key, label: key.split(':')[1], count, percent: percent(count, 152) }))
    expect(
      table(full, 'convener-function').rows.map((r) => ({
        key: r.key,
        label: r.label,
        count: r.values.count,
        percent: r.values.percent,
      })),
    ).toEqual(expected)
    expect(expected.slice(0, 3).map((r) => [r.key, r.count])).toEqual([
      ['skola:skolan', 53],
      ['skola:biträdande rektor', 31],
      ['skola:rektor', 25],
    ])
  })

  it('participation: the region in 111, all three in 55, school and social services without the region in 5', () => {
    expect(countPercent(full, 'participation-principal')).toEqual(
      countRows(
        PRINCIPALS.map((p): [string, number] => [p, combinationsWith(p)]),
        152,
      ),
    )
    expect(cell(full, 'participation-principal', 'region')).toBe(111)
    expect(cell(full, 'participation-principal', 'region', 'percent')).toBe(73)
    expect(countPercent(full, 'principal-combinations')).toEqual(
      countRows(
        (Object.keys(COMBINATIONS) as Combination[]).map((c): [string, number] => [c, shape.combinations[c]]),
        152,
      ),
    )
    expect(cell(full, 'principal-combinations', 'all-three')).toBe(55)
    expect(cell(full, 'principal-combinations', 'school-social')).toBe(5)
    const c = shape.combinations
    expect(counts(full, 'principal-count')).toEqual([
      ['three', c['all-three']],
      ['two', c['school-social'] + c['school-region'] + c['social-region']],
      ['one', c['school-only'] + c['social-only'] + c['region-only']],
      ['none', c.none],
    ])
    // Per organisation the spread is the generator's: counted here from the records.
    const held = heldFromRecords(db)
    expect(held).toHaveLength(152)
    expect(countPercent(full, 'participation-organisation')).toEqual(
      countRows(
        PROFESSIONAL_ORGANISATIONS.map((o): [string, number] => [
          o,
          held.filter((m) => m.people.some((p) => p.organisation === o && tookPart(p.status))).length,
        ]),
        152,
      ),
    )
  })

  it('attendance per principal and organisation: the region cancelled or did not come 10 times, social services once', () => {
    const rows = expectedAttendance()
    const total = sum(ORGANISATIONS.map((o) => sum(Object.values(rows[o]))))
    const line = (r: StatusCounts) => ({ ...r, total: sum(Object.values(r)) })
    const attendance = table(full, 'attendance-organisation')
    expect(attendance.base).toBe(total)
    expect(attendance.rows.map((r) => [r.key, r.values])).toEqual(
      ORGANISATIONS.map((o) => [o, line(rows[o])]),
    )
    const byPrincipal = (group: 'school' | 'social' | 'region' | 'family' | 'other'): StatusCounts => {
      const out = noStatuses()
      for (const o of ORGANISATIONS) {
        const belongs =
          group === 'family' ? o === 'familj' : group === 'other' ? o === 'annan' : principalOf(o) === group
        if (!belongs) continue
        for (const s of ATTENDANCE_STATUSES) out[s] += rows[o][s]
      }
      return out
    }
    const principal = table(full, 'attendance-principal')
    expect(principal.base).toBe(total)
    expect(principal.rows.map((r) => [r.key, r.values])).toEqual(
      (['school', 'social', 'region', 'family', 'other'] as const).map((g) => [g, line(byPrincipal(g))]),
    )
    expect(
      Number(cell(full, 'attendance-principal', 'region', 'cancelled')) +
        Number(cell(full, 'attendance-principal', 'region', 'no-show')),
    ).toBe(10)
    expect(cell(full, 'attendance-principal', 'region', 'cancelled')).toBe(6)
    expect(cell(full, 'attendance-principal', 'social', 'no-show')).toBe(1)
    expect(cell(full, 'attendance-principal', 'social', 'cancelled')).toBe(0)
    // Guardians: every attendance row with the role.
    const guardians = sum(Object.values(shape.guardians))
    expect(table(full, 'guardian-attendance').base).toBe(guardians)
    expect(countPercent(full, 'guardian-attendance')).toEqual(
      countRows(
        ATTENDANCE_STATUSES.map((s): [string, number] => [s, shape.guardians[s]]),
        guardians,
      ),
    )
  })

  it('professionals without a function: the region 45 (only "HAB" or "BUP")', () => {
    const rows = expectedWithoutFunction()
    const region = PROFESSIONAL_ORGANISATIONS.filter((o) => principalOf(o) === 'region')
    expect(sum(region.map((o) => rows[o]!.without))).toBe(45)
    const without = table(full, 'without-function')
    expect(without.base).toBe(sum(PROFESSIONAL_ORGANISATIONS.map((o) => rows[o]!.total)))
    expect(without.rows.map((r) => [r.key, r.values])).toEqual(
      PROFESSIONAL_ORGANISATIONS.map((o) => [
        o,
        {
          without: rows[o]!.without,
          total: rows[o]!.total,
          percent: percent(rows[o]!.without, rows[o]!.total),
        },
      ]),
    )
    expect(sum(region.map((o) => Number(cell(full, 'without-function', o, 'without'))))).toBe(45)
  })

  it("the child's participation, consent to the first meeting, invitations", () => {
    expect(countPercent(full, 'child-participation')).toEqual(
      countRows(
        (Object.keys(shape.child) as (keyof typeof shape.child)[]).map((k): [string, number] => [
          k,
          shape.child[k],
        ]),
        152,
      ),
    )
    expect(table(full, 'consent-to-first').base).toBe(first)
    expect(countPercent(full, 'consent-to-first')).toEqual(
      countRows(
        [
          ['within-three-weeks', shape.consent.within],
          ['later', shape.consent.later],
          ['no-consent', shape.consent.none],
        ],
        first,
      ),
    )
    expect(countPercent(full, 'invitation-notice')).toEqual(
      countRows(
        [
          ['three-weeks-or-more', shape.invitation.threeWeeksOrMore],
          ['less-than-three-weeks', shape.invitation.lessThanThreeWeeks],
          ['no-invitation', shape.invitation.none],
        ],
        152,
      ),
    )
  })

  it('follow-ups booked at the meeting, and what became of them', () => {
    const f = shape.followUp
    const booked = 152 - f.notBooked
    expect(countPercent(full, 'follow-up-booked')).toEqual(
      countRows(
        [
          ['booked', booked],
          ['not-booked', f.notBooked],
        ],
        152,
      ),
    )
    expect(table(full, 'follow-up-outcome').base).toBe(booked)
    expect(countPercent(full, 'follow-up-outcome')).toEqual(
      countRows(
        [
          ['on-time', f.onTime],
          ['late', f.late],
          ['overdue', f.overdue],
          ['not-yet-due', f.notYetDue],
          ['sip-closed', f.sipClosed],
        ],
        booked,
      ),
    )
  })

  it('signatures, satisfaction, SIPs closed and deviations', () => {
    const missing = sum(Object.values(shape.missingSignatures))
    expect(countPercent(full, 'signatures')).toEqual(
      countRows(
        [
          ['signed-by-all', 152 - missing],
          ['missing', missing],
        ],
        152,
      ),
    )
    expect(countPercent(full, 'missing-signature-reasons')).toEqual(
      countRows(
        MISSING_SIGNATURE_REASONS.map((r): [string, number] => [r, shape.missingSignatures[r]]),
        missing,
      ),
    )
    const answers = sum(Object.values(shape.satisfaction))
    expect(countPercent(full, 'satisfaction')).toEqual(
      countRows(
        ([5, 4, 3, 2, 1] as const).map((s): [string, number] => [`score-${s}`, shape.satisfaction[s]]),
        answers,
      ),
    )
    const closed = sum(Object.values(shape.sipsClosed))
    expect(countPercent(full, 'sips-closed')).toEqual(
      countRows(
        CLOSE_REASONS.map((r): [string, number] => [r, shape.sipsClosed[r]]),
        closed,
      ),
    )
    const deviations = sum(shape.deviations.map((d) => d.count))
    expect(countPercent(full, 'deviations-category')).toEqual(
      countRows(
        DEVIATION_CATEGORIES.map((c): [string, number] => [
          c,
          sum(shape.deviations.filter((d) => d.category === c).map((d) => d.count)),
        ]),
        deviations,
      ),
    )
    expect(countPercent(full, 'deviations-organisation')).toEqual(
      countRows(
        ORGANISATIONS.map((o): [string, number] => [
          o,
          sum(shape.deviations.filter((d) => d.organisation === o).map((d) => d.count)),
        ]),
        deviations,
      ),
    )
  })

  it('for publication, counts from 1 to 4 and their per cents read "suppressed"; 0 stays 0', async () => {
    const published = await report({ publication: true })
    expect(published.threshold).toBe(THRESHOLD)
    const hidden = (count: number): StatisticsCell => (count >= 1 && count < THRESHOLD ? 'suppressed' : count)
    const organisation = table(published, 'convener-organisation')
    expect(organisation.base).toBe(152)
    expect(organisation.rows.map((r) => [r.key, r.values.count, r.values.percent])).toEqual(
      [...PROFESSIONAL_ORGANISATIONS, 'unknown'].map((o) => {
        const count = o === 'unknown' ? 0 : convenedBy(o)
        return [o, hidden(count), hidden(count) === 'suppressed' ? 'suppressed' : percent(count, 152)]
      }),
    )
    expect(cell(published, 'convener-organisation', 'primarvard')).toBe('suppressed')
    expect(cell(published, 'convener-organisation', 'annan')).toBe(0)
    // The same report for use inside the tool shows the exact counts.
    expect(cell(full, 'convener-organisation', 'primarvard')).toBe(2)
  })

  it('filters: a municipality, an organisation, a principal', async () => {
    expect([...full.municipalities].sort()).toEqual(Object.keys(shape.municipalities).sort())
    for (const [municipality, meetings] of Object.entries(shape.municipalities)) {
      const filtered = await report({ municipality })
      expect(cell(filtered, 'meetings', 'held')).toBe(meetings)
      expect(heldFromRecords(db, municipality)).toHaveLength(meetings)
    }
    // Invited (any status) or convened.
    const held = heldFromRecords(db)
    const invitedOrConvened = (test: (organisation: string) => boolean) =>
      held.filter((m) => test(m.convener) || m.people.some((p) => test(p.organisation))).length
    expect(cell(await report({ organisation: 'socialtjanst' }), 'meetings', 'held')).toBe(
      invitedOrConvened((o) => o === 'socialtjanst'),
    )
    expect(cell(await report({ principal: 'region' }), 'meetings', 'held')).toBe(
      invitedOrConvened((o) => principalOf(o) === 'region'),
    )
  })
})
