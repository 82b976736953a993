import { z } from 'zod'
import { MAX_SHORT_TEXT_CHARS } from '../limits'
import { PRINCIPALS, TABLE_IDS } from '../statistics/tables'
import { DateSchema, DateTimeSchema, OrganisationSchema } from './meeting'

/**
 * The statistics report (issue 14): what is asked (a period and filters, as query parameters) and
 * what comes back – tables of counts, never a name, a free text or anything about a child but how
 * it took part. The tables' rows and columns are shared/statistics/tables.ts.
 */

export const PrincipalSchema = z.enum(PRINCIPALS)
export const TableIdSchema = z.enum(TABLE_IDS)

/** The longest period one report covers. */
export const MAX_STATISTICS_DAYS = 3 * 366 + 1

const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000

/** GET /api/statistics (and .csv, .pdf): all counts by the meeting's day, from and to inclusive. */
export const StatisticsQuerySchema = z
  .object({
    from: DateSchema,
    to: DateSchema,
    /** Only meetings this organisation was invited to or convened. */
    organisation: OrganisationSchema.optional(),
    /** Only meetings this principal was invited to or convened. */
    principal: PrincipalSchema.optional(),
    /** Only meetings convened by staff of this municipality ('' or absent: every one). */
    municipality: z.string().trim().max(MAX_SHORT_TEXT_CHARS).optional(),
    /** For publication: counts under the threshold are shown as "< 5" (STATISTICS_THRESHOLD). */
    publication: z.stringbool().default(false),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], error: 'toBeforeFrom' })
  .refine((q) => dayNumber(q.to) - dayNumber(q.from) < MAX_STATISTICS_DAYS, {
    path: ['to'],
    error: 'periodTooLong',
  })
export type StatisticsQuery = z.infer<typeof StatisticsQuerySchema>

/** GET /api/statistics.csv: the same, and which table. */
export const StatisticsCsvQuerySchema = StatisticsQuerySchema.and(z.object({ table: TableIdSchema }))
export type StatisticsCsvQuery = z.infer<typeof StatisticsCsvQuerySchema>

/**
 * A figure: a number (a count, a per cent rounded to a whole number, or days), 'suppressed' when a
 * report for publication hides a count under the threshold (and any per cent of it), or null where
 * the figure does not apply (the per cent of a table with nothing to count).
 */
export const StatisticsCellSchema = z.union([z.number(), z.literal('suppressed'), z.null()])
export type StatisticsCell = z.infer<typeof StatisticsCellSchema>

export const StatisticsRowSchema = z.object({
  /** A row key of the table's spec, or for 'dynamic' rows "<organisation>:<function>". */
  key: z.string(),
  /** For 'dynamic' rows: the function as recorded (lower case), '' for none. */
  label: z.string().optional(),
  /** One figure per column of the table's spec. */
  values: z.record(z.string(), StatisticsCellSchema),
})
export type StatisticsRow = z.infer<typeof StatisticsRowSchema>

export const StatisticsTableSchema = z.object({
  id: TableIdSchema,
  /** What the per cents are of (meetings held, first meetings, people, answers …). */
  base: StatisticsCellSchema,
  rows: z.array(StatisticsRowSchema),
})
export type StatisticsTable = z.infer<typeof StatisticsTableSchema>

export const StatisticsReportSchema = z.object({
  query: z.object({
    from: DateSchema,
    to: DateSchema,
    organisation: OrganisationSchema.optional(),
    principal: PrincipalSchema.optional(),
    municipality: z.string().optional(),
    publication: z.boolean(),
  }),
  /** Counts from 1 to threshold − 1 are hidden in a report for publication. */
  threshold: z.number().int(),
  generatedAt: DateTimeSchema,
  /** The municipalities the installation's accounts name, for the filter. */
  municipalities: z.array(z.string()),
  /** Every table of STATISTICS_TABLES, in that order. */
  tables: z.array(StatisticsTableSchema),
})
export type StatisticsReport = z.infer<typeof StatisticsReportSchema>
