import { z } from 'zod'
import {
  MAX_CHILD_NAME_CHARS,
  MAX_NAME_CHARS,
  MAX_PARTICIPANTS,
  MAX_SHORT_TEXT_CHARS,
  MAX_TEXT_CHARS,
  MAX_VIDEO_URL_CHARS,
} from '../limits'
import { ROLES } from '../roles'
import { MEETING_TYPES, ORGANISATIONS } from '../values'

export { MEETING_TYPES, ORGANISATIONS }

/** A participant's role (roles.ts). */
export const RoleSchema = z.enum(ROLES)

/**
 * The meeting set-up: one schema used by the convener's form and by the route that stores it.
 * Error messages are keys (shared/validation.ts turns them into Swedish or English sentences).
 */

export const MeetingTypeSchema = z.enum(MEETING_TYPES)

/** How the child takes part (domain.md §3, Förbereda). */
export const CHILD_PARTICIPATION = ['whole', 'part', 'remote', 'trusted-person', 'not-at-all'] as const
export const ChildParticipationSchema = z.enum(CHILD_PARTICIPATION)

/** `cancelled`: the SIP was closed before the meeting was held (docs/process.md P9). */
export const MEETING_STATUSES = ['planned', 'started', 'finalized', 'cancelled'] as const
export const MeetingStatusSchema = z.enum(MEETING_STATUSES)

export const OrganisationSchema = z.enum(ORGANISATIONS)
export type Organisation = z.infer<typeof OrganisationSchema>

export const RSVP_ANSWERS = ['coming', 'not-coming'] as const
export const RsvpAnswerSchema = z.enum(RSVP_ANSWERS)

const text = (max: number) => z.string().trim().max(max)
const requiredText = (max: number) => z.string().trim().min(1).max(max)

/** Looks like a Swedish personal identity number (or a run of digits): never wanted here. */
const IDENTITY_NUMBER = /\d{6}/

export const ChildNameSchema = requiredText(MAX_CHILD_NAME_CHARS).refine((v) => !IDENTITY_NUMBER.test(v), {
  error: 'noIdentityNumber',
})

/** An ISO 8601 date-time with offset, e.g. 2026-12-14T09:00:00+01:00. */
export const DateTimeSchema = z.iso.datetime({ offset: true })
/** A calendar date, e.g. 2026-11-20. */
export const DateSchema = z.iso.date()

const HttpsUrlSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain })

/**
 * The organisation's own video meeting, for those who take part remotely: a https address or
 * nothing. SIP Live only shows the link; the video runs on the organisation's own platform.
 */
export const VideoUrlSchema = text(MAX_VIDEO_URL_CHARS).refine(
  (value) => value === '' || HttpsUrlSchema.safeParse(value).success,
  { error: 'httpsUrl' },
)

export const MeetingInputSchema = z
  .object({
    type: MeetingTypeSchema,
    startsAt: DateTimeSchema,
    durationMinutes: z.number().int().min(15).max(480),
    place: text(MAX_SHORT_TEXT_CHARS).default(''),
    remoteAllowed: z.boolean().default(false),
    videoUrl: VideoUrlSchema.default(''),
    childName: ChildNameSchema,
    childAge: text(MAX_SHORT_TEXT_CHARS).default(''),
    purpose: requiredText(MAX_TEXT_CHARS),
    questions: text(MAX_TEXT_CHARS).default(''),
    childWords: text(MAX_TEXT_CHARS).default(''),
    childParticipation: ChildParticipationSchema,
    /** How the child's views are gathered and how the child is told afterwards (required for not-at-all). */
    childParticipationNote: text(MAX_TEXT_CHARS).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.place === '' && !value.remoteAllowed) {
      ctx.addIssue({ code: 'custom', path: ['place'], message: 'placeOrRemote' })
    }
    if (value.childParticipation === 'not-at-all' && value.childParticipationNote === '') {
      ctx.addIssue({ code: 'custom', path: ['childParticipationNote'], message: 'required' })
    }
  })
export type MeetingInput = z.infer<typeof MeetingInputSchema>

/**
 * The set-up as it may be saved at `now`: a meeting cannot be planned in the past (message
 * `inPast` on `startsAt`). `currentStartsAt` is the start a meeting already has: keeping it is
 * allowed, so a meeting whose day has passed can still be corrected in other fields.
 */
export function meetingInputAt(now: number, currentStartsAt?: string) {
  return MeetingInputSchema.superRefine((value, ctx) => {
    const startsAt = Date.parse(value.startsAt)
    // To the minute: the form's date and time fields carry no seconds.
    const minute = (ms: number) => Math.floor(ms / 60_000)
    if (currentStartsAt !== undefined && minute(startsAt) === minute(Date.parse(currentStartsAt))) return
    if (startsAt < now) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'inPast' })
  })
}

/**
 * The set-up fields that travel as they are between the stored meeting, the API and the form; the
 * start and the duration change shape on the way (epoch ms, ISO text, date and time fields).
 */
export const SETUP_COPIED_FIELDS = [
  'type',
  'place',
  'remoteAllowed',
  'videoUrl',
  'childName',
  'childAge',
  'purpose',
  'questions',
  'childWords',
  'childParticipation',
  'childParticipationNote',
] as const
export type CopiedSetup = Pick<MeetingInput, (typeof SETUP_COPIED_FIELDS)[number]>

/** The copied set-up fields of a stored meeting or a meeting view, and nothing else. */
export function copiedSetup(source: CopiedSetup): CopiedSetup {
  const out = {} as Record<string, unknown>
  for (const field of SETUP_COPIED_FIELDS) out[field] = source[field]
  return out as CopiedSetup
}

/** PATCH: any subset of the fields; the merged result must still pass MeetingInputSchema. */
export const MeetingPatchSchema = z.record(z.string(), z.unknown())

export const ConsentGiverSchema = z.object({
  name: requiredText(MAX_NAME_CHARS),
  relation: z.enum(['guardian', 'child', 'other']),
})

export const ConsentInputSchema = z.object({
  givenBy: z.array(ConsentGiverSchema).min(1).max(6),
  givenAt: DateSchema,
  /** What the consent covers: this coordination, which organisations. */
  scope: requiredText(MAX_TEXT_CHARS),
  /** What the family does not want shared (e.g. "BUP:s utredning till skolan"). */
  notShared: text(MAX_TEXT_CHARS).default(''),
})
export type ConsentInput = z.infer<typeof ConsentInputSchema>

export const ParticipantInputSchema = z
  .object({
    role: RoleSchema,
    organisation: OrganisationSchema,
    /** Free text: required when organisation is `annan`, else an optional refinement ("BUP Nord"). */
    organisationOther: text(MAX_SHORT_TEXT_CHARS).default(''),
    /** rektor, kurator, psykolog, socialsekreterare, vårdnadshavare, … */
    function: requiredText(MAX_SHORT_TEXT_CHARS),
    /** Optional: a function without a name is allowed ("kurator, BUP"). */
    name: text(MAX_NAME_CHARS).default(''),
    /** The signed-in staff member is this participant (usually the chair): opens the meeting without a link. */
    isMe: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.organisation === 'annan' && value.organisationOther === '') {
      ctx.addIssue({ code: 'custom', path: ['organisationOther'], message: 'required' })
    }
  })
export type ParticipantInput = z.infer<typeof ParticipantInputSchema>

export const LinkStatusSchema = z.enum(['none', 'active', 'revoked', 'expired'])

export const ParticipantSchema = z.object({
  id: z.string(),
  role: RoleSchema,
  organisation: OrganisationSchema,
  organisationOther: z.string(),
  function: z.string(),
  name: z.string(),
  /** Linked to the signed-in staff member's account. */
  isMe: z.boolean(),
  rsvp: RsvpAnswerSchema.nullable(),
  rsvpAt: DateTimeSchema.nullable(),
  link: z.object({
    status: LinkStatusSchema,
    expiresAt: DateTimeSchema.nullable(),
    lastOpenedAt: DateTimeSchema.nullable(),
  }),
})
export type Participant = z.infer<typeof ParticipantSchema>

export const ConsentSchema = ConsentInputSchema.extend({
  recordedAt: DateTimeSchema,
  recordedBy: z.string(),
})
export type Consent = z.infer<typeof ConsentSchema>

export const MeetingSchema = z.object({
  id: z.string(),
  /** The SIP the meeting belongs to (shared/schemas/sip.ts). */
  sipId: z.string(),
  /** A follow-up's previous meeting in the SIP; null for a first meeting. */
  previousMeetingId: z.string().nullable(),
  type: MeetingTypeSchema,
  status: MeetingStatusSchema,
  startsAt: DateTimeSchema,
  durationMinutes: z.number(),
  place: z.string(),
  remoteAllowed: z.boolean(),
  videoUrl: z.string(),
  childName: z.string(),
  childAge: z.string(),
  purpose: z.string(),
  questions: z.string(),
  childWords: z.string(),
  childParticipation: ChildParticipationSchema,
  childParticipationNote: z.string(),
  consent: ConsentSchema.nullable(),
  convener: z.object({ id: z.string(), name: z.string() }),
  participants: z.array(ParticipantSchema).max(MAX_PARTICIPANTS),
  /** Soft warnings for the convener, e.g. `late-invitation` (< 3 weeks before the meeting). */
  warnings: z.array(z.enum(['late-invitation', 'no-consent', 'no-chair', 'no-notetaker'])),
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
})
export type Meeting = z.infer<typeof MeetingSchema>

/** One row of "Mina SIP-möten". */
export const MeetingSummarySchema = z.object({
  id: z.string(),
  sipId: z.string(),
  type: MeetingTypeSchema,
  status: MeetingStatusSchema,
  startsAt: DateTimeSchema,
  childName: z.string(),
  myRoles: z.array(z.enum(['convener', 'chair'])),
  participants: z.number(),
  rsvp: z.object({ coming: z.number(), notComing: z.number(), unanswered: z.number() }),
  /** True from RSVP_REMINDER_DAYS before the meeting while someone has not answered. */
  needsConfirmation: z.boolean(),
})
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>

/** A freshly issued personal link: the only time the token exists outside the holder's device. */
export const IssuedLinkSchema = z.object({
  participantId: z.string(),
  url: z.string(),
  expiresAt: DateTimeSchema,
})
export type IssuedLink = z.infer<typeof IssuedLinkSchema>

/** A participant just added, with their first personal link. */
export const AddedParticipantSchema = z.object({ participant: ParticipantSchema, link: IssuedLinkSchema })
export type AddedParticipant = z.infer<typeof AddedParticipantSchema>
