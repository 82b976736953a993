import { ORGANISATIONS } from '../../shared/schemas/meeting'
import { THREE_WEEKS_DAYS } from '../../shared/statistics/tables'
import type { Db } from './connection'

/**
 * The statistics report's reads (issue 14; docs/statistics.md): every figure counted by SQL over
 * the facts tables – GROUP BY, never a row per meeting or per person into JavaScript. Rows only;
 * server/statistics/report.ts turns them into the report's tables. The indexes they read by are
 * migration 12's (docs/statistics.md "How it is counted fast").
 */

/** Which meetings a report counts: a period (Stockholm days, inclusive) and its filters. */
export interface ReportScope {
  from: string
  to: string
  /** The period as instants, [fromMs, toMs): the first day's start and the start of the day after the last. */
  fromMs: number
  toMs: number
  /** Only meetings this organisation took part in or convened (ST2). */
  organisation: string | null
  /** Only meetings one of these organisations (a principal's) took part in or convened (ST2). */
  principalOrganisations: readonly string[] | null
  /** Only meetings convened by staff of this municipality (ST2); null: every one. */
  municipality: string | null
  /** The Stockholm day of "now", for overdue follow-ups (ST15). */
  today: string
}

/** Held meetings grouped by everything counted once per meeting (ST4, ST5, ST11–ST14, ST16). */
export interface MeetingGroupRow {
  type: string
  convenerOrganisation: string
  childParticipation: string
  followUpBooked: number
  signedByAll: number
  /** 'within-three-weeks' | 'later' | 'no-consent' (ST12). */
  consent: string
  /** 'three-weeks-or-more' | 'less-than-three-weeks' | 'no-invitation' (ST13). */
  invitation: string
  count: number
}

export interface ConvenerFunctionRow {
  organisation: string
  function: string
  count: number
}

/**
 * Held meetings by the set of organisations that took part – a bitmask of ORGANISATION_BIT (ST7,
 * ST8). Meetings where no one took part have no row: they are the held meetings not counted here.
 */
export interface TookPartRow {
  mask: number
  count: number
}

/**
 * Invited people of held meetings by organisation, role, status, missing-signature reason and
 * function as recorded (ST9, ST10, ST11, ST16) – one GROUP BY for all four tables. A function
 * vocabulary is a few dozen words, so this is a few hundred rows whatever the volume.
 */
export interface AttendanceRow {
  organisation: string
  role: string
  status: string
  missingReason: string | null
  function: string
  count: number
}

export interface KeyCountRow {
  key: string
  count: number
}

export interface DeviationCountRow {
  category: string
  organisation: string
  count: number
}

export interface ReportRows {
  meetings: MeetingGroupRow[]
  convenerFunctions: ConvenerFunctionRow[]
  tookPart: TookPartRow[]
  attendance: AttendanceRow[]
  /** Answers by score, '1' … '5' (ST17). */
  satisfaction: KeyCountRow[]
  /** Held meetings with a follow-up booked, by outcome (ST15). */
  followUpOutcomes: KeyCountRow[]
  cancelled: number
  /** SIPs closed in the period, by reason (ST18). */
  sipsClosed: KeyCountRow[]
  deviations: DeviationCountRow[]
  municipalities: string[]
}

/** The bit of each organisation in TookPartRow.mask: ORGANISATIONS[i] is 1 << i. */
export const ORGANISATION_BIT: Readonly<Record<string, number>> = Object.fromEntries(
  ORGANISATIONS.map((organisation, i) => [organisation, 1 << i]),
)

/**
 * Above this share of all finalized meetings, attendance is counted in one pass over the index
 * attendance_facts_group (already in GROUP BY order) rather than by sorting the held meetings' rows:
 * the pass costs the same whatever the period, the sort grows faster than the rows it sorts.
 */
const WHOLE_INDEX_SHARE = 1 / 6

// Constants only – never input – are written into the SQL text.
const TOOK_PART_MASK = ORGANISATIONS.map(
  (organisation, i) => `${1 << i} * max(a.organisation = '${organisation}')`,
).join(' + ')

/**
 * ST2 on a meeting's facts row `f`: the organisation or principal took part in it (any status) or
 * convened it; the convener's municipality. A filter not asked for is NULL and lets all through.
 */
const FILTER = `
  (@organisation IS NULL OR f.convener_organisation = @organisation
    OR EXISTS (SELECT 1 FROM attendance_facts a WHERE a.meeting_id = f.meeting_id AND a.organisation = @organisation))
  AND (@principal IS NULL OR f.convener_organisation IN (SELECT value FROM json_each(@principal))
    OR EXISTS (SELECT 1 FROM attendance_facts a WHERE a.meeting_id = f.meeting_id
                 AND a.organisation IN (SELECT value FROM json_each(@principal))))
  AND (@municipality IS NULL OR f.municipality = @municipality)`

/**
 * ST1: the meetings held – finalized (a facts row), their day in the period, of a SIP that is not
 * a demo (the few demo SIPs as a list, not a join per meeting) – and ST2.
 */
const HELD = `held AS (
  SELECT f.* FROM meeting_facts f
  WHERE f.held_on BETWEEN @from AND @to
    AND f.sip_id NOT IN (SELECT id FROM sips WHERE is_demo = 1)
    AND ${FILTER})`

const ATTENDANCE_COLUMNS = `a.organisation, a.role, a.status, a.missing_reason AS missingReason, a.function,
  count(*) AS count`

export function statisticsReportStore(db: Db) {
  const meetings = db.prepare(
    `WITH ${HELD}
     SELECT type, convener_organisation AS convenerOrganisation, child_participation AS childParticipation,
       follow_up_on IS NOT NULL AS followUpBooked, signed_by_all AS signedByAll,
       CASE WHEN consent_on IS NULL THEN 'no-consent'
            WHEN julianday(held_on) - julianday(consent_on) <= ${THREE_WEEKS_DAYS} THEN 'within-three-weeks'
            ELSE 'later' END AS consent,
       CASE WHEN invited_on IS NULL THEN 'no-invitation'
            WHEN julianday(held_on) - julianday(invited_on) >= ${THREE_WEEKS_DAYS} THEN 'three-weeks-or-more'
            ELSE 'less-than-three-weeks' END AS invitation,
       count(*) AS count
     FROM held GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  )
  const convenerFunctions = db.prepare(
    `WITH ${HELD}
     SELECT convener_organisation AS organisation, convener_function AS function, count(*) AS count
     FROM held GROUP BY 1, 2`,
  )
  // Per meeting (in meeting order, from attendance_facts_took: no sort) the organisations present
  // or remote as a bitmask, then the meetings per mask – a few dozen rows whatever the volume.
  const tookPart = db.prepare(
    `WITH ${HELD}
     SELECT mask, count(*) AS count FROM (
       SELECT ${TOOK_PART_MASK} AS mask
       FROM attendance_facts a INDEXED BY attendance_facts_took
       WHERE a.meeting_id IN (SELECT meeting_id FROM held) AND a.status IN ('present', 'remote')
       GROUP BY a.meeting_id)
     GROUP BY mask`,
  )
  const attendanceOfFew = db.prepare(
    `WITH ${HELD}
     SELECT ${ATTENDANCE_COLUMNS}
     FROM held h JOIN attendance_facts a ON a.meeting_id = h.meeting_id
     GROUP BY 1, 2, 3, 4, 5`,
  )
  const attendanceOfMany = db.prepare(
    `WITH ${HELD}
     SELECT ${ATTENDANCE_COLUMNS}
     FROM attendance_facts a INDEXED BY attendance_facts_group
     WHERE a.meeting_id IN (SELECT meeting_id FROM held)
     GROUP BY 1, 2, 3, 4, 5`,
  )
  const finalized = db.prepare('SELECT count(*) FROM meeting_facts').pluck()
  const satisfaction = db.prepare(
    `WITH ${HELD}
     SELECT CAST(sa.score AS TEXT) AS key, count(*) AS count
     FROM held h JOIN satisfaction_answers sa ON sa.meeting_id = h.meeting_id
     GROUP BY sa.score`,
  )
  // ST15: the next meeting is the one that names this one as its previous (one at most, P5).
  const followUpOutcomes = db.prepare(
    `WITH ${HELD}
     SELECT CASE WHEN nf.meeting_id IS NOT NULL AND nf.held_on <= h.follow_up_on THEN 'on-time'
                 WHEN nf.meeting_id IS NOT NULL THEN 'late'
                 WHEN h.sip_id IN (SELECT id FROM sips WHERE status = 'closed') THEN 'sip-closed'
                 WHEN h.follow_up_on < @today THEN 'overdue'
                 ELSE 'not-yet-due' END AS key,
            count(*) AS count
     FROM held h
       LEFT JOIN meetings n ON n.previous_meeting_id = h.meeting_id
       LEFT JOIN meeting_facts nf ON nf.meeting_id = n.id
     WHERE h.follow_up_on IS NOT NULL
     GROUP BY 1`,
  )
  // ST4: cancelled meetings by the Stockholm day of their start; the filters through the invited
  // participants and the convener's account.
  const cancelled = db
    .prepare(
      `SELECT count(*) FROM meetings m
       WHERE m.cancelled_at IS NOT NULL AND m.starts_at >= @fromMs AND m.starts_at < @toMs
         AND m.sip_id NOT IN (SELECT id FROM sips WHERE is_demo = 1)
         AND (@organisation IS NULL
           OR EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.organisation = @organisation))
         AND (@principal IS NULL
           OR EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id
                        AND p.organisation IN (SELECT value FROM json_each(@principal))))
         AND (@municipality IS NULL
           OR EXISTS (SELECT 1 FROM users u WHERE u.id = m.convener_user_id AND u.municipality = @municipality))`,
    )
    .pluck()
  // ST18: with a filter, the SIP has a meeting (facts, any day) the filter lets through.
  const sipsClosed = db.prepare(
    `SELECT s.close_reason AS key, count(*) AS count FROM sips s
     WHERE s.status = 'closed' AND s.closed_on BETWEEN @from AND @to AND s.is_demo = 0
       AND (@anyFilter = 0 OR EXISTS (SELECT 1 FROM meeting_facts f WHERE f.sip_id = s.id AND ${FILTER}))
     GROUP BY 1`,
  )
  // ST19: the deviation's own organisation; the municipality through the SIP's meetings (facts).
  const deviations = db.prepare(
    `SELECT d.category, d.organisation, count(*) AS count
     FROM deviations d
     WHERE d.occurred_on BETWEEN @from AND @to
       AND d.sip_id NOT IN (SELECT id FROM sips WHERE is_demo = 1)
       AND (@organisation IS NULL OR d.organisation = @organisation)
       AND (@principal IS NULL OR d.organisation IN (SELECT value FROM json_each(@principal)))
       AND (@municipality IS NULL
         OR EXISTS (SELECT 1 FROM meeting_facts f WHERE f.sip_id = d.sip_id AND f.municipality = @municipality))
     GROUP BY 1, 2`,
  )
  const municipalities = db
    // The accounts' municipalities now, and those the facts recorded (an account may have moved).
    .prepare(
      `SELECT trim(municipality) FROM users WHERE trim(municipality) <> ''
       UNION SELECT municipality FROM meeting_facts WHERE municipality <> ''`,
    )
    .pluck()

  return {
    /** Every figure's rows, read in one transaction: the tables agree with each other. */
    read(scope: ReportScope): ReportRows {
      const filters = {
        organisation: scope.organisation,
        principal: scope.principalOrganisations ? JSON.stringify(scope.principalOrganisations) : null,
        municipality: scope.municipality,
      }
      const params = { from: scope.from, to: scope.to, ...filters }
      const anyFilter = Object.values(filters).some((value) => value !== null)
      return db.transaction(() => {
        const meetingRows = meetings.all(params) as MeetingGroupRow[]
        const held = meetingRows.reduce((total, row) => total + row.count, 0)
        const attendance =
          held > WHOLE_INDEX_SHARE * (finalized.get() as number) ? attendanceOfMany : attendanceOfFew
        return {
          meetings: meetingRows,
          convenerFunctions: convenerFunctions.all(params) as ConvenerFunctionRow[],
          tookPart: held === 0 ? [] : (tookPart.all(params) as TookPartRow[]),
          attendance: held === 0 ? [] : (attendance.all(params) as AttendanceRow[]),
          satisfaction: held === 0 ? [] : (satisfaction.all(params) as KeyCountRow[]),
          followUpOutcomes:
            held === 0 ? [] : (followUpOutcomes.all({ ...params, today: scope.today }) as KeyCountRow[]),
          cancelled: cancelled.get({ fromMs: scope.fromMs, toMs: scope.toMs, ...filters }) as number,
          sipsClosed: sipsClosed.all({ ...params, anyFilter: anyFilter ? 1 : 0 }) as KeyCountRow[],
          deviations: deviations.all(params) as DeviationCountRow[],
          municipalities: municipalities.all() as string[],
        }
      })()
    },

    /** Attendance counted both ways (the sort and the index pass): tests check they agree. */
    attendanceBothWays(scope: ReportScope): { few: AttendanceRow[]; many: AttendanceRow[] } {
      const params = {
        from: scope.from,
        to: scope.to,
        organisation: scope.organisation,
        principal: scope.principalOrganisations ? JSON.stringify(scope.principalOrganisations) : null,
        municipality: scope.municipality,
      }
      return {
        few: attendanceOfFew.all(params) as AttendanceRow[],
        many: attendanceOfMany.all(params) as AttendanceRow[],
      }
    },
  }
}

export type StatisticsReportStore = ReturnType<typeof statisticsReportStore>
