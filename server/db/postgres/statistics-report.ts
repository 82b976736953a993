import { ORGANISATIONS } from '../../../shared/schemas/meeting'
import { THREE_WEEKS_DAYS } from '../../../shared/statistics/tables'
import type { Stores } from '../contract'
import type {
  AttendanceRow,
  ConvenerFunctionRow,
  DeviationCountRow,
  KeyCountRow,
  MeetingGroupRow,
  ReportScope,
  TookPartRow,
} from '../statistics-report'
import type { PostgresEngine } from './engine'

/**
 * server/db/statistics-report.ts on PostgreSQL: the same figures by the same GROUP BYs. What SQLite
 * says its own way: json_each over the principal's organisations → `= ANY($4::text[])`;
 * julianday(a) - julianday(b) of two days → `a::date - b::date` (whole days); max() of a
 * comparison (0/1 in SQLite) → max() of a CASE; comparisons that are booleans in PostgreSQL →
 * `::int`, as SQLite answers them. SQLite's INDEXED BY has no twin: the planner picks the index.
 *
 * Every query of a report takes its parameters in the order of `params` below – $1 from, $2 to,
 * $3 organisation, $4 principal organisations, $5 municipality – and extra ones after them.
 */

// Constants only – never input – are written into the SQL text.
const TOOK_PART_MASK = ORGANISATIONS.map(
  (organisation, i) => `${1 << i} * max(CASE WHEN a.organisation = '${organisation}' THEN 1 ELSE 0 END)`,
).join(' + ')

/**
 * ST2 on a meeting's facts row `f`: the organisation or principal took part in it (any status) or
 * convened it; the convener's municipality. A filter not asked for is NULL and lets all through.
 */
const FILTER = `
  ($3::text IS NULL OR f.convener_organisation = $3::text
    OR EXISTS (SELECT 1 FROM attendance_facts a WHERE a.meeting_id = f.meeting_id AND a.organisation = $3::text))
  AND ($4::text[] IS NULL OR f.convener_organisation = ANY($4::text[])
    OR EXISTS (SELECT 1 FROM attendance_facts a WHERE a.meeting_id = f.meeting_id
                 AND a.organisation = ANY($4::text[])))
  AND ($5::text IS NULL OR f.municipality = $5::text)`

/** ST1 and ST2: the meetings held (see server/db/statistics-report.ts). */
const HELD = `held AS (
  SELECT f.* FROM meeting_facts f
  WHERE f.held_on BETWEEN $1::text AND $2::text
    AND f.sip_id NOT IN (SELECT id FROM sips WHERE is_demo = 1)
    AND ${FILTER})`

const ATTENDANCE_COLUMNS = `a.organisation, a.role, a.status, a.missing_reason AS "missingReason", a.function,
  count(*) AS count`

const MEETINGS = `WITH ${HELD}
  SELECT type, convener_organisation AS "convenerOrganisation", child_participation AS "childParticipation",
    (follow_up_on IS NOT NULL)::int AS "followUpBooked", signed_by_all AS "signedByAll",
    CASE WHEN consent_on IS NULL THEN 'no-consent'
         WHEN held_on::date - consent_on::date <= ${THREE_WEEKS_DAYS} THEN 'within-three-weeks'
         ELSE 'later' END AS consent,
    CASE WHEN invited_on IS NULL THEN 'no-invitation'
         WHEN held_on::date - invited_on::date >= ${THREE_WEEKS_DAYS} THEN 'three-weeks-or-more'
         ELSE 'less-than-three-weeks' END AS invitation,
    count(*) AS count
  FROM held GROUP BY 1, 2, 3, 4, 5, 6, 7`

const CONVENER_FUNCTIONS = `WITH ${HELD}
  SELECT convener_organisation AS organisation, convener_function AS function, count(*) AS count
  FROM held GROUP BY 1, 2`

const TOOK_PART = `WITH ${HELD}
  SELECT mask, count(*) AS count FROM (
    SELECT ${TOOK_PART_MASK} AS mask
    FROM attendance_facts a
    WHERE a.meeting_id IN (SELECT meeting_id FROM held) AND a.status IN ('present', 'remote')
    GROUP BY a.meeting_id) per_meeting
  GROUP BY mask`

const ATTENDANCE_OF_FEW = `WITH ${HELD}
  SELECT ${ATTENDANCE_COLUMNS}
  FROM held h JOIN attendance_facts a ON a.meeting_id = h.meeting_id
  GROUP BY 1, 2, 3, 4, 5`

const ATTENDANCE_OF_MANY = `WITH ${HELD}
  SELECT ${ATTENDANCE_COLUMNS}
  FROM attendance_facts a
  WHERE a.meeting_id IN (SELECT meeting_id FROM held)
  GROUP BY 1, 2, 3, 4, 5`

const SATISFACTION = `WITH ${HELD}
  SELECT sa.score::text AS key, count(*) AS count
  FROM held h JOIN satisfaction_answers sa ON sa.meeting_id = h.meeting_id
  GROUP BY sa.score`

// ST15: the next meeting is the one that names this one as its previous (one at most, P5). $6: today.
const FOLLOW_UP_OUTCOMES = `WITH ${HELD}
  SELECT CASE WHEN nf.meeting_id IS NOT NULL AND nf.held_on <= h.follow_up_on THEN 'on-time'
              WHEN nf.meeting_id IS NOT NULL THEN 'late'
              WHEN h.sip_id IN (SELECT id FROM sips WHERE status = 'closed') THEN 'sip-closed'
              WHEN h.follow_up_on < $6::text THEN 'overdue'
              ELSE 'not-yet-due' END AS key,
         count(*) AS count
  FROM held h
    LEFT JOIN meetings n ON n.previous_meeting_id = h.meeting_id
    LEFT JOIN meeting_facts nf ON nf.meeting_id = n.id
  WHERE h.follow_up_on IS NOT NULL
  GROUP BY 1`

// ST4: $1 and $2 are the period as instants [fromMs, toMs) here.
const CANCELLED = `SELECT count(*) AS n FROM meetings m
  WHERE m.cancelled_at IS NOT NULL AND m.starts_at >= $1::bigint AND m.starts_at < $2::bigint
    AND m.sip_id NOT IN (SELECT id FROM sips WHERE is_demo = 1)
    AND ($3::text IS NULL
      OR EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.organisation = $3::text))
    AND ($4::text[] IS NULL
      OR EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.organisation = ANY($4::text[])))
    AND ($5::text IS NULL
      OR EXISTS (SELECT 1 FROM users u WHERE u.id = m.convener_user_id AND u.municipality = $5::text))`

// ST18: with a filter ($6), the SIP has a meeting (facts, any day) the filter lets through.
const SIPS_CLOSED = `SELECT s.close_reason AS key, count(*) AS count FROM sips s
  WHERE s.status = 'closed' AND s.closed_on BETWEEN $1::text AND $2::text AND s.is_demo = 0
    AND (NOT $6::boolean OR EXISTS (SELECT 1 FROM meeting_facts f WHERE f.sip_id = s.id AND ${FILTER}))
  GROUP BY 1`

// ST19: the deviation's own organisation; the municipality through the SIP's meetings (facts).
const DEVIATIONS = `SELECT d.category, d.organisation, count(*) AS count
  FROM deviations d
  WHERE d.occurred_on BETWEEN $1::text AND $2::text
    AND d.sip_id NOT IN (SELECT id FROM sips WHERE is_demo = 1)
    AND ($3::text IS NULL OR d.organisation = $3::text)
    AND ($4::text[] IS NULL OR d.organisation = ANY($4::text[]))
    AND ($5::text IS NULL
      OR EXISTS (SELECT 1 FROM meeting_facts f WHERE f.sip_id = d.sip_id AND f.municipality = $5::text))
  GROUP BY 1, 2`

// The accounts' municipalities now, and those the facts recorded (an account may have moved).
const MUNICIPALITIES = `SELECT trim(municipality) AS municipality FROM users WHERE trim(municipality) <> ''
  UNION SELECT municipality FROM meeting_facts WHERE municipality <> ''`

function parameters(scope: ReportScope) {
  const filters = [
    scope.organisation,
    scope.principalOrganisations ? [...scope.principalOrganisations] : null,
    scope.municipality,
  ] as const
  return {
    params: [scope.from, scope.to, ...filters],
    filters,
    anyFilter: filters.some((value) => value !== null),
  }
}

export function postgresStatisticsReportStore(db: PostgresEngine): Stores['statisticsReport'] {
  const rows = <R extends object>(sql: string, values: readonly unknown[]) => db.query<R>(sql, values)

  const readAll = async (scope: ReportScope) => {
    const { params, filters, anyFilter } = parameters(scope)
    const meetings = await rows<MeetingGroupRow>(MEETINGS, params)
    const held = meetings.reduce((total, row) => total + row.count, 0)
    return {
      meetings,
      convenerFunctions: await rows<ConvenerFunctionRow>(CONVENER_FUNCTIONS, params),
      tookPart: held === 0 ? [] : await rows<TookPartRow>(TOOK_PART, params),
      attendance: held === 0 ? [] : await rows<AttendanceRow>(ATTENDANCE_OF_FEW, params),
      satisfaction: held === 0 ? [] : await rows<KeyCountRow>(SATISFACTION, params),
      followUpOutcomes:
        held === 0 ? [] : await rows<KeyCountRow>(FOLLOW_UP_OUTCOMES, [...params, scope.today]),
      cancelled: (await rows<{ n: number }>(CANCELLED, [scope.fromMs, scope.toMs, ...filters]))[0]!.n,
      sipsClosed: await rows<KeyCountRow>(SIPS_CLOSED, [...params, anyFilter]),
      deviations: await rows<DeviationCountRow>(DEVIATIONS, params),
      municipalities: (await rows<{ municipality: string }>(MUNICIPALITIES, [])).map((r) => r.municipality),
    }
  }

  return {
    /** Every figure's rows from one snapshot of the data (REPEATABLE READ): the tables agree. */
    read(scope) {
      // Inside a caller's transaction: in it, at its isolation level (only a first statement may set one).
      if (db.inTransaction()) return readAll(scope)
      return db.transaction(async () => {
        await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
        return readAll(scope)
      })
    },

    async attendanceBothWays(scope) {
      const { params } = parameters(scope)
      return {
        few: await rows<AttendanceRow>(ATTENDANCE_OF_FEW, params),
        many: await rows<AttendanceRow>(ATTENDANCE_OF_MANY, params),
      }
    },
  }
}
