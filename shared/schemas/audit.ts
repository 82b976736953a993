import { z } from 'zod'
import { DateTimeSchema, RoleSchema } from './meeting'
import { AuditEntrySchema } from './staff'

/**
 * A meeting's audit log as an administrator reads it: people by name and role, the meeting by its
 * title and date – never the raw ids of the stored rows, never a token or plan content.
 */

/** Who did something, or whom it concerned. */
export const AuditPersonSchema = z.object({
  /**
   * `staff`: a user; `participant`: a seat of the meeting; `anonymous`: someone holding a link that
   * no longer works (not known to be its participant); `system`: the operator CLI.
   */
  kind: z.enum(['staff', 'participant', 'anonymous', 'system']),
  /** The user's name, or the participant's name or "function, organisation"; null when not known. */
  name: z.string().nullable(),
  /** A participant's role in the meeting; a staff member's role if they have a seat in it. */
  role: RoleSchema.nullable(),
  /** A staff member who convenes this meeting. */
  isConvener: z.boolean(),
  /** A participant since removed from the meeting (their name as the log last knew it). */
  removed: z.boolean(),
})
export type AuditPerson = z.infer<typeof AuditPersonSchema>

export const AuditLogEntrySchema = AuditEntrySchema.pick({
  id: true,
  at: true,
  action: true,
  sourceAddress: true,
  count: true,
  lastAt: true,
}).extend({
  actor: AuditPersonSchema,
  /** The participant or user the action concerned, if any. */
  subject: AuditPersonSchema.nullable(),
})
export type AuditLogEntry = z.infer<typeof AuditLogEntrySchema>

/** GET /api/meetings/:id/audit. */
export const MeetingAuditLogSchema = z.object({
  meeting: z.object({ id: z.string(), title: z.string(), startsAt: DateTimeSchema }),
  /** Newest first. */
  entries: z.array(AuditLogEntrySchema),
})
export type MeetingAuditLog = z.infer<typeof MeetingAuditLogSchema>
