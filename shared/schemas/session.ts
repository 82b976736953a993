import { z } from 'zod'
import {
  ConsentSchema,
  DateTimeSchema,
  MeetingStatusSchema,
  MeetingTypeSchema,
  RoleSchema,
  RsvpAnswerSchema,
} from './meeting'
import { SessionClosureSchema } from './sip'

/**
 * What the chair reads out in step 1 (Inledning): the consent as it was recorded – who gave it,
 * when, what it covers, what must not be shared – and who convened the meeting. Only the chair's
 * session carries it: consent details are not for every participant's screen.
 */
export const ChairBriefingSchema = z.object({
  /** null: no consent is recorded, and the meeting cannot start (409 `no-consent`). */
  consent: ConsentSchema.nullable(),
  /** The convener's name; '' when nobody is recorded (demo meetings). */
  convenerName: z.string(),
})
export type ChairBriefing = z.infer<typeof ChairBriefingSchema>

/**
 * GET /api/session: who the holder of a personal link is, and the invitation they were sent
 * (time, place, purpose, questions – nothing more personal than needed).
 */
export const SessionResponseSchema = z.object({
  meetingId: z.string(),
  participantId: z.string(),
  role: RoleSchema,
  /** The name if known, else the function and organisation ("psykolog, BUP"). */
  name: z.string(),
  meeting: z.object({
    title: z.string(),
    type: MeetingTypeSchema,
    status: MeetingStatusSchema,
    childName: z.string(),
    startsAt: DateTimeSchema,
    durationMinutes: z.number(),
    place: z.string(),
    remoteAllowed: z.boolean(),
    /** The organisation's own video meeting for those taking part remotely; '' for none. */
    videoUrl: z.string(),
    purpose: z.string(),
    questions: z.string(),
  }),
  rsvp: RsvpAnswerSchema.nullable(),
  /** "Är du nöjd med mötet?" answered already (the answer itself is stored without the answerer). */
  satisfactionAnswered: z.boolean(),
  /**
   * The SIP was closed (docs/process.md P9): the link now opens only the closure notice and the
   * meeting's protocol, read-only. null while the SIP is active.
   */
  closure: SessionClosureSchema.nullable(),
  /** A follow-up's previous meeting, whose protocol is read out in step 1 (P8); null otherwise. */
  previousMeeting: z.object({ startsAt: DateTimeSchema }).nullable(),
  /** The chair's only (ChairBriefingSchema); absent for every other role. */
  chairBriefing: ChairBriefingSchema.optional(),
})
export type SessionResponse = z.infer<typeof SessionResponseSchema>

/** Every error body the API sends: a stable code, and the field it concerns where there is one. */
export const ApiErrorSchema = z.object({
  error: z.string(),
  field: z.string().optional(),
  message: z.string().optional(),
  /** On 400 validation errors: every problem, as shared/validation.ts describes it. */
  issues: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
})
export type ApiError = z.infer<typeof ApiErrorSchema>

/** POST /api/join: a personal link's token, exchanged for an HttpOnly session cookie. */
export const JoinInputSchema = z.object({ token: z.string().min(16).max(256) })
/**
 * The seat the cookie is for, and what GET /api/session answers for it: the meeting page opening
 * next needs no request of its own before it can show the room (issue 15: one round trip less on
 * a phone).
 */
export const JoinResponseSchema = z.object({
  meetingId: z.string(),
  participantId: z.string(),
  session: SessionResponseSchema,
})

export const RsvpInputSchema = z.object({ answer: RsvpAnswerSchema })
