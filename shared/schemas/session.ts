import { z } from 'zod'
import { RoleSchema } from '../roles'

/** GET /api/session: who the bearer of a link token is, as the server knows them. */
export const SessionResponseSchema = z.object({
  meetingId: z.string(),
  participantId: z.string(),
  role: RoleSchema,
  /** The name if known, else the function and organisation ("psykolog, BUP"). */
  name: z.string(),
  meeting: z.object({
    title: z.string(),
  }),
})
export type SessionResponse = z.infer<typeof SessionResponseSchema>

/** Every error body the API sends: a stable code, and the field it concerns where there is one. */
export const ApiErrorSchema = z.object({
  error: z.string(),
  field: z.string().optional(),
  message: z.string().optional(),
})
export type ApiError = z.infer<typeof ApiErrorSchema>
