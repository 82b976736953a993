import { z } from 'zod'
import {
  MAX_DEVIATION_CHARS,
  MAX_NAME_CHARS,
  MAX_PARTICIPANTS,
  MAX_SETTING_TEXT_CHARS,
  MAX_SHORT_TEXT_CHARS,
  MAX_TEXT_CHARS,
} from '../limits'
import {
  ConsentSchema,
  DateSchema,
  DateTimeSchema,
  IssuedLinkSchema,
  MeetingInputSchema,
  MeetingSchema,
  MeetingTypeSchema,
  OrganisationSchema,
  ParticipantInputSchema,
} from './meeting'

/**
 * The SIP as a whole (ärende): one child's coordination across meetings – first meeting,
 * follow-ups – until it is closed (docs/process.md). Error messages are keys, as in meeting.ts.
 */

export const SIP_STATUSES = ['active', 'closed'] as const
export const SipStatusSchema = z.enum(SIP_STATUSES)

/** Seed 002 4.6: why a SIP is closed. */
export const CLOSE_REASONS = [
  'new-sip-needed',
  'no-joint-support',
  'no-new-needs',
  'consent-withdrawn',
] as const
export const CloseReasonSchema = z.enum(CLOSE_REASONS)
export type CloseReason = z.infer<typeof CloseReasonSchema>

/** Seed 002 section 5: the kinds of deviation the routine names, and "other". */
export const DEVIATION_CATEGORIES = [
  'actor-absent',
  'late-invitation',
  'meeting-late',
  'not-signed',
  'other',
] as const
export const DeviationCategorySchema = z.enum(DEVIATION_CATEGORIES)
export type DeviationCategory = z.infer<typeof DeviationCategorySchema>

const text = (max: number) => z.string().trim().max(max)
const requiredText = (max: number) => z.string().trim().min(1).max(max)

/** Huvudansvarig as recorded for the SIP. */
export const ResponsibleInputSchema = z
  .object({
    organisation: OrganisationSchema,
    organisationOther: text(MAX_SHORT_TEXT_CHARS).default(''),
    function: requiredText(MAX_SHORT_TEXT_CHARS),
    name: requiredText(MAX_NAME_CHARS),
    /** From which date they hold the responsibility. */
    fromDate: DateSchema,
    /** Their SIP Live account's e-mail, if they have one ('' for none): they then see the SIP. */
    email: z.union([z.literal(''), z.email().max(254)]).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.organisation === 'annan' && value.organisationOther === '') {
      ctx.addIssue({ code: 'custom', path: ['organisationOther'], message: 'required' })
    }
  })
export type ResponsibleInput = z.infer<typeof ResponsibleInputSchema>

export const ResponsibleSchema = z.object({
  organisation: OrganisationSchema,
  organisationOther: z.string(),
  function: z.string(),
  name: z.string(),
  fromDate: z.string(),
  /** Linked to a SIP Live account; `isMe`: the signed-in staff member's. */
  hasAccount: z.boolean(),
  isMe: z.boolean(),
  /** The meeting whose signed plan named them; null when recorded on the SIP page. */
  meetingId: z.string().nullable(),
  recordedAt: DateTimeSchema,
  recordedBy: z.string(),
})
export type Responsible = z.infer<typeof ResponsibleSchema>

/** Consent belongs to the SIP; a withdrawal closes it (P2, P9). */
export const SipConsentSchema = ConsentSchema.extend({
  withdrawal: z
    .object({ withdrawnOn: z.string(), withdrawnBy: z.string(), recordedBy: z.string() })
    .nullable(),
})
export type SipConsent = z.infer<typeof SipConsentSchema>

/** POST /api/sips/:id/close. `withdrawnBy` is required when consent was withdrawn. */
export const CloseInputSchema = z
  .object({
    reason: CloseReasonSchema,
    /** The date the SIP no longer applies from (today or earlier). */
    closedOn: DateSchema,
    note: text(MAX_TEXT_CHARS).default(''),
    /** Who withdrew the consent (a guardian, the young person), for `consent-withdrawn`. */
    withdrawnBy: text(MAX_NAME_CHARS).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.reason === 'consent-withdrawn' && value.withdrawnBy === '') {
      ctx.addIssue({ code: 'custom', path: ['withdrawnBy'], message: 'required' })
    }
  })
export type CloseInput = z.infer<typeof CloseInputSchema>

export const ClosureSchema = z.object({
  closedOn: z.string(),
  reason: CloseReasonSchema,
  note: z.string(),
  closedAt: DateTimeSchema,
  closedBy: z.string(),
})
export type Closure = z.infer<typeof ClosureSchema>

/** Where the next follow-up stands, for "Mina SIP:ar" (P4). */
export const FOLLOW_UP_STATES = ['booked', 'due', 'overdue', 'not-booked', 'none'] as const
export const FollowUpStateSchema = z.enum(FOLLOW_UP_STATES)

export const NextFollowUpSchema = z.object({
  /** YYYY-MM-DD: the booked meeting's day, or the date the last plan set. */
  date: z.string(),
  /** A meeting is booked for it (`meetingId`), or only the last plan names the date. */
  meetingId: z.string().nullable(),
})

export const SipMeetingSchema = MeetingSchema.pick({
  id: true,
  type: true,
  status: true,
  startsAt: true,
  place: true,
}).extend({
  /** The signed-in staff member convened it (may change its set-up). */
  isConvener: z.boolean(),
  /** A finalized meeting's protocol can be downloaded. */
  hasProtocol: z.boolean(),
})
export type SipMeeting = z.infer<typeof SipMeetingSchema>

/** One row of "Mina SIP:ar". */
export const SipSummarySchema = z.object({
  id: z.string(),
  childName: z.string(),
  status: SipStatusSchema,
  myRoles: z.array(z.enum(['convener', 'responsible'])),
  responsible: ResponsibleSchema.pick({
    organisation: true,
    organisationOther: true,
    function: true,
    name: true,
  }).nullable(),
  meetings: z.number(),
  lastMeeting: SipMeetingSchema.pick({ id: true, type: true, status: true, startsAt: true }).nullable(),
  nextFollowUp: NextFollowUpSchema.nullable(),
  /**
   * `booked`: a follow-up meeting is planned and not yet due; `due`: its date is within
   * FOLLOW_UP_DUE_DAYS; `overdue`: the date has passed and it has not been held; `not-booked`: the
   * last meeting is finalized and no follow-up is booked; `none`: a meeting is still to come or the
   * SIP is closed.
   */
  followUpState: FollowUpStateSchema,
  closedOn: z.string().nullable(),
})
export type SipSummary = z.infer<typeof SipSummarySchema>

/** The SIP page. */
export const SipSchema = z.object({
  id: z.string(),
  childName: z.string(),
  status: SipStatusSchema,
  myRoles: z.array(z.enum(['convener', 'responsible'])),
  consent: SipConsentSchema.nullable(),
  responsible: ResponsibleSchema.nullable(),
  /** Every huvudansvarig the SIP has had, newest first (the first is `responsible`). */
  responsibleHistory: z.array(ResponsibleSchema),
  /** Its meetings in order: first meeting, follow-ups. */
  meetings: z.array(SipMeetingSchema),
  nextFollowUp: NextFollowUpSchema.nullable(),
  followUpState: FollowUpStateSchema,
  closure: ClosureSchema.nullable(),
  /** What the signed-in staff member may do now (the server checks again). */
  can: z.object({ bookFollowUp: z.boolean(), close: z.boolean(), changeResponsible: z.boolean() }),
  createdAt: DateTimeSchema,
})
export type Sip = z.infer<typeof SipSchema>

/** A participant of the last meeting, offered again for the follow-up. */
export const FollowUpParticipantSchema = ParticipantInputSchema.extend({
  /** Their seat in the last meeting. */
  previousParticipantId: z.string(),
})

/**
 * GET /api/sips/:id/follow-up: the booking form prefilled from the last signed plan's follow-up
 * (date, time, place, who calls it) and the last meeting's set-up and participants.
 */
export const FollowUpDraftSchema = z.object({
  previousMeetingId: z.string(),
  /** startsAt is '' when the last plan booked no date (or one already past). */
  setup: MeetingInputSchema.safeExtend({ startsAt: z.string() }),
  /** Who calls the follow-up, as the last plan says ('' if it does not). */
  calledBy: z.string(),
  participants: z.array(FollowUpParticipantSchema),
})
export type FollowUpDraft = z.infer<typeof FollowUpDraftSchema>

/** POST /api/sips/:id/follow-ups: every participant gets a new seat and a new personal link. */
export const FollowUpInputSchema = z.object({
  setup: MeetingInputSchema,
  participants: z.array(ParticipantInputSchema).max(MAX_PARTICIPANTS),
})
export type FollowUpInput = z.infer<typeof FollowUpInputSchema>

export const BookedFollowUpSchema = z.object({
  meeting: MeetingSchema,
  /** The new personal links (not for the convener's own seat): shown once, to print or send. */
  links: z.array(IssuedLinkSchema),
})

/** POST /api/sips/:id/deviations. */
export const DeviationInputSchema = z
  .object({
    category: DeviationCategorySchema,
    /** The organisation concerned. */
    organisation: OrganisationSchema,
    organisationOther: text(MAX_SHORT_TEXT_CHARS).default(''),
    /** Short, and without personal data. */
    description: requiredText(MAX_DEVIATION_CHARS),
    occurredOn: DateSchema,
    /** The meeting it concerns, or '' for the SIP as a whole. */
    meetingId: z.string().max(64).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.organisation === 'annan' && value.organisationOther === '') {
      ctx.addIssue({ code: 'custom', path: ['organisationOther'], message: 'required' })
    }
  })
export type DeviationInput = z.infer<typeof DeviationInputSchema>

export const DeviationSchema = z.object({
  id: z.string(),
  sipId: z.string(),
  meetingId: z.string().nullable(),
  category: DeviationCategorySchema,
  organisation: OrganisationSchema,
  organisationOther: z.string(),
  description: z.string(),
  occurredOn: z.string(),
  recordedAt: DateTimeSchema,
  recordedBy: z.string(),
})
export type Deviation = z.infer<typeof DeviationSchema>

/**
 * A deviation as administrators list them for the whole installation (P11): no SIP or meeting id
 * – from those the child could be found – only which kind of meeting, and when.
 */
export const InstallationDeviationSchema = DeviationSchema.omit({ sipId: true, meetingId: true }).extend({
  meeting: z.object({ type: MeetingTypeSchema, startsAt: DateTimeSchema }).nullable(),
})
export type InstallationDeviation = z.infer<typeof InstallationDeviationSchema>

/** The installation's text in the closure notice: where a family turns if the need returns. */
export const ClosureHelpSchema = z.object({
  sv: requiredText(MAX_SETTING_TEXT_CHARS),
  en: requiredText(MAX_SETTING_TEXT_CHARS),
})
export type ClosureHelp = z.infer<typeof ClosureHelpSchema>

/** What a participant's link shows once the SIP is closed (SessionResponse `closure`). */
export const SessionClosureSchema = z.object({
  closedOn: z.string(),
  reason: CloseReasonSchema,
})
