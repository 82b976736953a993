import { z } from 'zod'

/** Who a participant is in the meeting; decides what their connection may do. */
export const ROLES = ['chair', 'notetaker', 'participant', 'child', 'guardian'] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

/** Roles whose connections may change the plan document. Everyone else reads. */
const WRITER_ROLES: ReadonlySet<Role> = new Set(['chair', 'notetaker'])

export function canWrite(role: Role): boolean {
  return WRITER_ROLES.has(role)
}
