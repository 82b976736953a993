import { z } from 'zod'
import { MAX_NAME_CHARS, MAX_PASSWORD_CHARS, MAX_SHORT_TEXT_CHARS, MIN_PASSWORD_CHARS } from '../limits'
import { DateTimeSchema, OrganisationSchema } from './meeting'

/** Staff accounts and sign-in. Authentication lives behind server/auth so OIDC can be added. */

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254))
export const PasswordSchema = z.string().min(MIN_PASSWORD_CHARS).max(MAX_PASSWORD_CHARS)

export const LoginInputSchema = z.object({
  email: EmailSchema,
  // Sign-in checks any length against the hash; only creation enforces the minimum.
  password: z.string().min(1).max(MAX_PASSWORD_CHARS),
})

/**
 * What an account says about where its holder works (issue 14): the organisation (a key of
 * ORGANISATIONS, '' when not set), the function ("biträdande rektor") and the municipality. The
 * statistics count "who convened" by them.
 */
export const StaffOrganisationSchema = OrganisationSchema.or(z.literal(''))
const profileText = z.string().trim().max(MAX_SHORT_TEXT_CHARS)

export const NewUserInputSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1).max(MAX_NAME_CHARS),
  password: PasswordSchema,
  isAdmin: z.boolean().default(false),
  organisation: StaffOrganisationSchema.default(''),
  function: profileText.default(''),
  municipality: profileText.default(''),
  /** May read the statistics (issue 14). */
  statistics: z.boolean().default(false),
})
export type NewUserInput = z.infer<typeof NewUserInputSchema>

/** PATCH /api/users/:id – any of these; at least one. */
export const UserPatchSchema = z
  .object({
    disabled: z.boolean(),
    organisation: StaffOrganisationSchema,
    function: profileText,
    municipality: profileText,
    statistics: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'empty' })
export type UserPatch = z.infer<typeof UserPatchSchema>

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  createdAt: DateTimeSchema,
  organisation: StaffOrganisationSchema,
  function: z.string(),
  municipality: z.string(),
  statistics: z.boolean(),
})
export type User = z.infer<typeof UserSchema>

/** GET /api/auth/me and the sign-in response: who is signed in and when the session ends. */
export const StaffSessionSchema = z.object({
  user: UserSchema,
  expiresAt: DateTimeSchema,
  /** Show the "your session is ending" warning from this moment. */
  warnAt: DateTimeSchema,
})
export type StaffSession = z.infer<typeof StaffSessionSchema>

export const SetupStatusSchema = z.object({ needsFirstAdmin: z.boolean() })

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login-failed',
  'auth.logout',
  'user.created',
  'user.disabled',
  'user.enabled',
  // An administrator changed an account's organisation, function or municipality …
  'user.updated',
  // … or gave or took away the permission to read the statistics (issue 14).
  'user.statistics-granted',
  'user.statistics-withdrawn',
  'meeting.created',
  'meeting.updated',
  'meeting.started',
  'consent.recorded',
  'participant.added',
  'participant.updated',
  'participant.removed',
  'link.created',
  'link.revoked',
  'link.opened',
  'link.refused',
  'rsvp.answered',
  'plan.opened',
  'plan.locked',
  'plan.unlocked',
  'plan.signed',
  'plan.finalized',
  'satisfaction.answered',
  // The SIP over time (docs/process.md P12): every read and write of its records.
  'sips.listed',
  'sip.viewed',
  'sip.responsible-changed',
  'sip.closed',
  'consent.withdrawn',
  'followup.booked',
  'deviation.recorded',
  'deviations.read',
  'deviations.exported',
  'closure-notice.read',
  'protocol.read',
  'settings.read',
  'settings.updated',
  // Issue 14: every view and export of the statistics (subject: the period, filter and format).
  'statistics.viewed',
  'statistics.exported',
] as const
export const AuditActionSchema = z.enum(AUDIT_ACTIONS)

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: DateTimeSchema,
  action: AuditActionSchema,
  /** "staff:<userId>", "participant:<participantId>", "anonymous" (failed sign-in, dead link) or "system". */
  actor: z.string(),
  actorName: z.string().nullable(),
  meetingId: z.string().nullable(),
  /** The SIP, for actions on a SIP as a whole (closure, huvudansvarig, deviations). */
  sipId: z.string().nullable(),
  /** Which participant or user the action concerned, if any. Never content, never tokens. */
  subject: z.string().nullable(),
  sourceAddress: z.string().nullable(),
  /** How often this happened: repeated socket opens of one seat within a window share a row. */
  count: z.number().int().min(1),
  /** When it last happened, if more than once. */
  lastAt: DateTimeSchema.nullable(),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>
