import { addDays, stockholmDateTime, stockholmDay } from '../../shared/dates'
import { ORGANISATIONS } from '../../shared/schemas/meeting'
import type {
  StatisticsCell,
  StatisticsQuery,
  StatisticsReport,
  StatisticsRow,
  StatisticsTable,
} from '../../shared/schemas/statistics'
import { isWithoutFunction } from '../../shared/statistics/functions'
import {
  ATTENDANCE_STATUSES,
  PRINCIPAL_OF,
  PRINCIPALS,
  PROFESSIONAL_ORGANISATIONS,
  type Principal,
  STATISTICS_TABLES,
  type TableId,
  tableSpec,
} from '../../shared/statistics/tables'
import type { Stores } from '../db/contract'
import {
  type AttendanceRow,
  ORGANISATION_BIT,
  type ReportRows,
  type ReportScope,
} from '../db/statistics-report'
import { forPublication } from './publication'

export interface ReportOptions {
  /** "Today" for the follow-up outcome (overdue / not yet due); Date.now() when not given. */
  now?: number
  /** Counts from 1 to threshold − 1 are 'suppressed' when query.publication is true. */
  threshold: number
}

/**
 * The statistics report (issue 14) for a period and filters, from the facts tables and the SIP
 * records only – never a plan document. How each figure is counted: docs/statistics.md (ST1 …).
 * SQL counts (server/db/statistics-report.ts); this turns its rows into the tables of
 * shared/statistics/tables.ts, with their per cents, and hides small counts for publication.
 */
export async function computeStatistics(
  reportRows: Pick<Stores['statisticsReport'], 'read'>,
  query: StatisticsQuery,
  options: ReportOptions,
): Promise<StatisticsReport> {
  const now = options.now ?? Date.now()
  const municipality = query.municipality?.trim() ?? ''
  const scope: ReportScope = {
    from: query.from,
    to: query.to,
    fromMs: startOfDay(query.from),
    toMs: startOfDay(addDays(query.to, 1)),
    organisation: query.organisation ?? null,
    principalOrganisations: query.principal ? organisationsOf(query.principal) : null,
    municipality: municipality === '' ? null : municipality,
    today: stockholmDay(now),
  }
  const rows = await reportRows.read(scope)
  const report: StatisticsReport = {
    query: {
      from: query.from,
      to: query.to,
      ...(query.organisation ? { organisation: query.organisation } : {}),
      ...(query.principal ? { principal: query.principal } : {}),
      ...(municipality !== '' ? { municipality } : {}),
      publication: false,
    },
    threshold: options.threshold,
    generatedAt: new Date(now).toISOString(),
    municipalities: [...rows.municipalities].sort(new Intl.Collator('sv').compare),
    tables: buildTables(rows),
  }
  return query.publication ? forPublication(report, options.threshold) : report
}

/** The instant a Stockholm day begins (midnight exists on every day: the clocks change at 02:00/03:00). */
function startOfDay(day: string): number {
  return Date.parse(stockholmDateTime(day, '00:00') ?? `${day}T00:00:00Z`)
}

function organisationsOf(principal: Principal): string[] {
  return ORGANISATIONS.filter((organisation) => PRINCIPAL_OF[organisation] === principal)
}

const isOrganisation = (value: string): value is (typeof ORGANISATIONS)[number] =>
  (ORGANISATIONS as readonly string[]).includes(value)

/** ST3: a per cent rounded to a whole number; null when there is nothing to count. */
function percent(count: number, base: number): number | null {
  return base === 0 ? null : Math.round((100 * count) / base)
}

/** Adds `count` to `key` of a tally. */
function add(tally: Map<string, number>, key: string | undefined, count: number): void {
  if (key === undefined) return
  tally.set(key, (tally.get(key) ?? 0) + count)
}

function sum(tally: Map<string, number>): number {
  let total = 0
  for (const n of tally.values()) total += n
  return total
}

/** A count-and-per-cent table: every row of the spec in its order, zeros included (ST3). */
function countTable(id: TableId, tally: Map<string, number>, base: number): StatisticsTable {
  const spec = tableSpec(id)
  if (spec.rows === 'dynamic') throw new Error(`${id} has dynamic rows`)
  return {
    id,
    base,
    rows: spec.rows.map((key) => {
      const count = tally.get(key) ?? 0
      return { key, values: { count, percent: percent(count, base) } }
    }),
  }
}

/** ST4, ST5: the convener's principal – school, social, region; other for the family and 'annan'. */
function convenerPrincipal(organisation: string): string {
  if (!isOrganisation(organisation)) return 'unknown'
  return PRINCIPAL_OF[organisation] ?? 'other'
}

/** ST9: the attendance-principal row of an organisation. */
function attendancePrincipal(organisation: string): string | undefined {
  if (!isOrganisation(organisation)) return undefined
  return PRINCIPAL_OF[organisation] ?? (organisation === 'familj' ? 'family' : 'other')
}

/** ST8: the row of principal-combinations for the principals that took part. */
function combination(took: ReadonlySet<Principal>): string {
  if (took.size === 3) return 'all-three'
  if (took.size === 0) return 'none'
  const names = PRINCIPALS.filter((p) => took.has(p))
  return names.length === 2 ? names.join('-') : `${names[0]}-only`
}

const PRINCIPAL_COUNT = ['none', 'one', 'two', 'three'] as const

function buildTables(rows: ReportRows): StatisticsTable[] {
  const tables = new Map<TableId, StatisticsTable>()

  // Once per held meeting (ST4, ST5, ST11–ST14, ST16).
  const type = new Map<string, number>()
  const principal = new Map<string, number>()
  const organisation = new Map<string, number>()
  const child = new Map<string, number>()
  const consent = new Map<string, number>()
  const invitation = new Map<string, number>()
  const booked = new Map<string, number>()
  const signed = new Map<string, number>()
  for (const row of rows.meetings) {
    add(type, row.type, row.count)
    add(principal, convenerPrincipal(row.convenerOrganisation), row.count)
    const org = row.convenerOrganisation
    add(
      organisation,
      org === '' || !isOrganisation(org) ? 'unknown' : org === 'familj' ? undefined : org,
      row.count,
    )
    add(child, row.childParticipation, row.count)
    if (row.type === 'first') add(consent, row.consent, row.count)
    add(invitation, row.invitation, row.count)
    add(booked, row.followUpBooked ? 'booked' : 'not-booked', row.count)
    add(signed, row.signedByAll ? 'signed-by-all' : 'missing', row.count)
  }
  const held = sum(type)
  const first = type.get('first') ?? 0

  const meetings: StatisticsRow[] = [
    { key: 'held', values: { count: held, percent: percent(held, held) } },
    { key: 'first', values: { count: first, percent: percent(first, held) } },
    {
      key: 'followup',
      values: { count: type.get('followup') ?? 0, percent: percent(type.get('followup') ?? 0, held) },
    },
    // Not held, so not a share of the meetings held.
    { key: 'cancelled', values: { count: rows.cancelled, percent: null } },
  ]
  tables.set('meetings', { id: 'meetings', base: held, rows: meetings })
  tables.set('convener-principal', countTable('convener-principal', principal, held))
  tables.set('convener-organisation', countTable('convener-organisation', organisation, held))
  tables.set('convener-function', convenerFunctionTable(rows, held))

  // Who took part (ST7, ST8), from the meetings per set of organisations present or remote.
  const byPrincipal = new Map<string, number>()
  const byOrganisation = new Map<string, number>()
  const combinations = new Map<string, number>()
  const counts = new Map<string, number>()
  // Meetings where no one was present or remote have no row of their own: mask 0.
  const tookPart = [
    ...rows.tookPart,
    { mask: 0, count: held - rows.tookPart.reduce((n, r) => n + r.count, 0) },
  ]
  for (const { mask, count } of tookPart) {
    const took = new Set<Principal>()
    for (const org of ORGANISATIONS) {
      if ((mask & (ORGANISATION_BIT[org] ?? 0)) === 0) continue
      add(byOrganisation, org, count)
      const p = PRINCIPAL_OF[org]
      if (p) took.add(p)
    }
    for (const p of took) add(byPrincipal, p, count)
    add(combinations, combination(took), count)
    add(counts, PRINCIPAL_COUNT[took.size], count)
  }
  tables.set('participation-principal', countTable('participation-principal', byPrincipal, held))
  tables.set('participation-organisation', countTable('participation-organisation', byOrganisation, held))
  tables.set('principal-combinations', countTable('principal-combinations', combinations, held))
  tables.set('principal-count', countTable('principal-count', counts, held))

  // Per invited person (ST9, ST11, ST16).
  const statusByPrincipal = new Map<string, Map<string, number>>()
  const statusByOrganisation = new Map<string, Map<string, number>>()
  const guardians = new Map<string, number>()
  const reasons = new Map<string, number>()
  for (const row of rows.attendance) {
    const p = attendancePrincipal(row.organisation)
    if (p !== undefined) {
      add(tallyOf(statusByPrincipal, p), row.status, row.count)
      add(tallyOf(statusByOrganisation, row.organisation), row.status, row.count)
    }
    if (row.role === 'guardian') add(guardians, row.status, row.count)
    if (row.missingReason !== null) add(reasons, row.missingReason, row.count)
  }
  tables.set('attendance-principal', statusTable('attendance-principal', statusByPrincipal))
  tables.set('attendance-organisation', statusTable('attendance-organisation', statusByOrganisation))
  tables.set('without-function', withoutFunctionTable(rows.attendance))
  tables.set('child-participation', countTable('child-participation', child, held))
  tables.set(
    'guardian-attendance',
    countTable('guardian-attendance', guardians, countOfRows('guardian-attendance', guardians)),
  )

  // Timeliness, follow-up, signatures (ST12–ST16).
  tables.set('consent-to-first', countTable('consent-to-first', consent, first))
  tables.set('invitation-notice', countTable('invitation-notice', invitation, held))
  tables.set('follow-up-booked', countTable('follow-up-booked', booked, held))
  const outcomes = new Map(rows.followUpOutcomes.map((r) => [r.key, r.count]))
  tables.set('follow-up-outcome', countTable('follow-up-outcome', outcomes, sum(outcomes)))
  tables.set('signatures', countTable('signatures', signed, held))
  tables.set(
    'missing-signature-reasons',
    countTable('missing-signature-reasons', reasons, countOfRows('missing-signature-reasons', reasons)),
  )

  // ST17–ST19.
  const scores = new Map(rows.satisfaction.map((r) => [`score-${r.key}`, r.count]))
  tables.set('satisfaction', countTable('satisfaction', scores, countOfRows('satisfaction', scores)))
  const closed = new Map(rows.sipsClosed.map((r) => [r.key, r.count]))
  tables.set('sips-closed', countTable('sips-closed', closed, countOfRows('sips-closed', closed)))
  const categories = new Map<string, number>()
  const concerned = new Map<string, number>()
  for (const row of rows.deviations) {
    add(categories, row.category, row.count)
    add(concerned, row.organisation, row.count)
  }
  const deviations = sum(categories)
  tables.set('deviations-category', countTable('deviations-category', categories, deviations))
  tables.set('deviations-organisation', countTable('deviations-organisation', concerned, deviations))

  return STATISTICS_TABLES.map((spec) => {
    const table = tables.get(spec.id)
    if (!table) throw new Error(`statistics: no table ${spec.id}`)
    return table
  })
}

function tallyOf(tallies: Map<string, Map<string, number>>, key: string): Map<string, number> {
  let tally = tallies.get(key)
  if (!tally) {
    tally = new Map()
    tallies.set(key, tally)
  }
  return tally
}

/** The base of a table counted in its own rows: the sum of its rows (what the spec's rows cover). */
function countOfRows(id: TableId, tally: Map<string, number>): number {
  const spec = tableSpec(id)
  if (spec.rows === 'dynamic') return sum(tally)
  return spec.rows.reduce((total, key) => total + (tally.get(key) ?? 0), 0)
}

/** ST9: a count per attendance status and their total, per row; base: every person counted. */
function statusTable(id: TableId, tallies: Map<string, Map<string, number>>): StatisticsTable {
  const spec = tableSpec(id)
  if (spec.rows === 'dynamic') throw new Error(`${id} has dynamic rows`)
  let base = 0
  const rows = spec.rows.map((key) => {
    const tally = tallies.get(key) ?? new Map<string, number>()
    const values: Record<string, StatisticsCell> = {}
    let total = 0
    for (const status of ATTENDANCE_STATUSES) {
      const count = tally.get(status) ?? 0
      values[status] = count
      total += count
    }
    values.total = total
    base += total
    return { key, values }
  })
  return { id, base, rows }
}

/**
 * ST10: professionals – neither guardian nor child, nor of the family – per organisation, and those
 * of them recorded without a function.
 */
function withoutFunctionTable(rows: readonly AttendanceRow[]): StatisticsTable {
  const without = new Map<string, number>()
  const total = new Map<string, number>()
  for (const row of rows) {
    if (row.role === 'guardian' || row.role === 'child') continue
    if (!(PROFESSIONAL_ORGANISATIONS as readonly string[]).includes(row.organisation)) continue
    add(total, row.organisation, row.count)
    if (isWithoutFunction(row.organisation, row.function)) add(without, row.organisation, row.count)
  }
  return {
    id: 'without-function',
    base: sum(total),
    rows: PROFESSIONAL_ORGANISATIONS.map((key) => {
      const n = without.get(key) ?? 0
      const of = total.get(key) ?? 0
      return { key, values: { without: n, total: of, percent: percent(n, of) } }
    }),
  }
}

/**
 * ST6: who convened, by organisation and function as recorded (trimmed, lower case: "Rektor" and
 * "rektor" are one row); only rows with a meeting, most first, then by key.
 */
function convenerFunctionTable(rows: ReportRows, held: number): StatisticsTable {
  const tally = new Map<string, { label: string; count: number }>()
  for (const row of rows.convenerFunctions) {
    const label = row.function.trim().toLowerCase()
    const key = `${row.organisation === '' ? 'unknown' : row.organisation}:${label}`
    const entry = tally.get(key) ?? { label, count: 0 }
    entry.count += row.count
    tally.set(key, entry)
  }
  const sorted = [...tally.entries()]
    .filter(([, entry]) => entry.count > 0)
    .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0))
  return {
    id: 'convener-function',
    base: held,
    rows: sorted.map(([key, { label, count }]) => ({
      key,
      label,
      values: { count, percent: percent(count, held) },
    })),
  }
}
