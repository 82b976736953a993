/**
 * Who a participant is in the meeting; decides what their connection may do. Without zod: a
 * participant's page reads this (the schema is RoleSchema in schemas/meeting.ts).
 */
export const ROLES = ['chair', 'notetaker', 'participant', 'child', 'guardian'] as const
export type Role = (typeof ROLES)[number]

/** Roles whose connections may change the plan document. Everyone else reads. */
const WRITER_ROLES: ReadonlySet<Role> = new Set(['chair', 'notetaker'])

export function canWrite(role: Role): boolean {
  return WRITER_ROLES.has(role)
}
