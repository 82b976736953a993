import { z } from 'zod'
import { DEFAULT_LANGUAGE } from '../languages'
import { SyncParams } from '../protocol'
import { MeetingAuditLogSchema } from '../schemas/audit'
import { ClosureNoticeSchema } from '../schemas/closure-notice'
import {
  AddedParticipantSchema,
  ConsentInputSchema,
  IssuedLinkSchema,
  MeetingInputSchema,
  MeetingSchema,
  MeetingSummarySchema,
  ParticipantInputSchema,
  ParticipantSchema,
} from '../schemas/meeting'
import { LanguageSchema, MinutesDocumentSchema } from '../schemas/minutes'
import {
  JoinInputSchema,
  JoinResponseSchema,
  RsvpInputSchema,
  SessionResponseSchema,
} from '../schemas/session'
import {
  FinalizeInputSchema,
  LockInputSchema,
  MeetingStateSchema,
  SatisfactionInputSchema,
  SignInputSchema,
  SignInRoomInputSchema,
  UnlockInputSchema,
  VerifyResultSchema,
} from '../schemas/signoff'
import {
  BookedFollowUpSchema,
  CloseInputSchema,
  ClosureHelpSchema,
  DeviationInputSchema,
  DeviationSchema,
  FollowUpDraftSchema,
  FollowUpInputSchema,
  InstallationDeviationSchema,
  ResponsibleInputSchema,
  SipSchema,
  SipSummarySchema,
} from '../schemas/sip'
import {
  LoginInputSchema,
  NewUserInputSchema,
  SetupStatusSchema,
  StaffSessionSchema,
  UserPatchSchema,
  UserSchema,
} from '../schemas/staff'
import {
  StatisticsCsvQuerySchema,
  StatisticsQuerySchema,
  StatisticsReportSchema,
} from '../schemas/statistics'
import { type Endpoint, endpoint } from './endpoint'

/**
 * Every REST endpoint, defined once: its method, its path (Fastify's pattern, `:name` for an id),
 * what it reads (query, JSON body) and what a success answers. The browser builds its requests
 * and parses the answers from this table (client/api.ts); the server registers its routes on the
 * same paths (server/routes/). Who may call an endpoint and its refusals are in docs/api.md; the
 * sync socket is not REST (shared/protocol.ts, SYNC_PATH).
 */

/**
 * `?as=<participantId>`: which of this browser's participants asks; the server reads that
 * participant's cookie. Left out by scripts that send the link token as `Authorization: Bearer`,
 * and by staff reading a meeting they convene or chair.
 */
const ParticipantQuerySchema = z.object({ [SyncParams.participant]: z.string().optional() })

export const endpoints = {
  // Set-up and staff sign-in
  setupStatus: endpoint({ method: 'GET', path: '/api/setup/status', response: SetupStatusSchema }),
  createFirstAdmin: endpoint({
    method: 'POST',
    path: '/api/setup/first-admin',
    body: NewUserInputSchema,
    response: StaffSessionSchema,
    status: 201,
  }),
  login: endpoint({
    method: 'POST',
    path: '/api/auth/login',
    body: LoginInputSchema,
    response: StaffSessionSchema,
  }),
  logout: endpoint({ method: 'POST', path: '/api/auth/logout', response: null, status: 204 }),
  me: endpoint({ method: 'GET', path: '/api/auth/me', response: StaffSessionSchema }),
  refresh: endpoint({ method: 'POST', path: '/api/auth/refresh', response: StaffSessionSchema }),

  // Users (administrators)
  users: endpoint({ method: 'GET', path: '/api/users', response: z.array(UserSchema) }),
  createUser: endpoint({
    method: 'POST',
    path: '/api/users',
    body: NewUserInputSchema,
    response: UserSchema,
    status: 201,
  }),
  updateUser: endpoint({
    method: 'PATCH',
    path: '/api/users/:id',
    body: UserPatchSchema,
    response: UserSchema,
  }),

  // Meetings (convener; a chair who is staff reads and starts)
  meetings: endpoint({ method: 'GET', path: '/api/meetings', response: z.array(MeetingSummarySchema) }),
  createMeeting: endpoint({
    method: 'POST',
    path: '/api/meetings',
    body: MeetingInputSchema,
    response: MeetingSchema,
    status: 201,
  }),
  meeting: endpoint({ method: 'GET', path: '/api/meetings/:id', response: MeetingSchema }),
  updateMeeting: endpoint({
    method: 'PATCH',
    path: '/api/meetings/:id',
    body: MeetingInputSchema,
    patch: true,
    response: MeetingSchema,
  }),
  recordConsent: endpoint({
    method: 'PUT',
    path: '/api/meetings/:id/consent',
    body: ConsentInputSchema,
    response: MeetingSchema,
  }),
  startMeeting: endpoint({ method: 'POST', path: '/api/meetings/:id/start', response: MeetingSchema }),
  /** A staff member who is a participant of the meeting enters the room without a link (cookie set). */
  openMeeting: endpoint({
    method: 'POST',
    path: '/api/meetings/:id/open',
    response: JoinResponseSchema.pick({ participantId: true }),
  }),
  auditLog: endpoint({ method: 'GET', path: '/api/meetings/:id/audit', response: MeetingAuditLogSchema }),

  // The SIP over time (docs/process.md): its convener, its huvudansvarig
  sips: endpoint({ method: 'GET', path: '/api/sips', response: z.array(SipSummarySchema) }),
  sip: endpoint({ method: 'GET', path: '/api/sips/:id', response: SipSchema }),
  /** A new huvudansvarig from a date; the earlier ones stay in the history. */
  changeResponsible: endpoint({
    method: 'POST',
    path: '/api/sips/:id/responsible',
    body: ResponsibleInputSchema,
    response: SipSchema,
    status: 201,
  }),
  /** Closes the SIP; consent withdrawn is one of the reasons. Cancels meetings not yet held. */
  closeSip: endpoint({
    method: 'POST',
    path: '/api/sips/:id/close',
    body: CloseInputSchema,
    response: SipSchema,
  }),
  /** The notice for the family that the SIP no longer applies (closed SIPs only). */
  closureNoticePdf: endpoint({
    method: 'GET',
    path: '/api/sips/:id/closure-notice.pdf',
    query: z.object({ lang: LanguageSchema.default(DEFAULT_LANGUAGE) }),
    response: null,
    produces: 'application/pdf',
  }),
  /** The booking form of the next follow-up, prefilled from the last signed plan. */
  followUpDraft: endpoint({ method: 'GET', path: '/api/sips/:id/follow-up', response: FollowUpDraftSchema }),
  bookFollowUp: endpoint({
    method: 'POST',
    path: '/api/sips/:id/follow-ups',
    body: FollowUpInputSchema,
    response: BookedFollowUpSchema,
    status: 201,
  }),
  deviations: endpoint({
    method: 'GET',
    path: '/api/sips/:id/deviations',
    response: z.array(DeviationSchema),
  }),
  recordDeviation: endpoint({
    method: 'POST',
    path: '/api/sips/:id/deviations',
    body: DeviationInputSchema,
    response: DeviationSchema,
    status: 201,
  }),
  deviationsCsv: endpoint({
    method: 'GET',
    path: '/api/sips/:id/deviations.csv',
    response: null,
    produces: 'text/csv',
  }),
  /** Every deviation of the installation (administrators). */
  allDeviations: endpoint({
    method: 'GET',
    path: '/api/deviations',
    response: z.array(InstallationDeviationSchema),
  }),
  allDeviationsCsv: endpoint({
    method: 'GET',
    path: '/api/deviations.csv',
    response: null,
    produces: 'text/csv',
  }),
  /** The installation's text in the closure notice (administrators change it; staff read it). */
  closureHelp: endpoint({ method: 'GET', path: '/api/settings/closure-help', response: ClosureHelpSchema }),
  updateClosureHelp: endpoint({
    method: 'PUT',
    path: '/api/settings/closure-help',
    body: ClosureHelpSchema,
    response: ClosureHelpSchema,
  }),

  // Statistics (staff with the statistics permission; issue 14, docs/statistics.md)
  statistics: endpoint({
    method: 'GET',
    path: '/api/statistics',
    query: StatisticsQuerySchema,
    response: StatisticsReportSchema,
  }),
  /** One table of the report as CSV (UTF-8 with BOM, semicolons, CRLF). */
  statisticsCsv: endpoint({
    method: 'GET',
    path: '/api/statistics.csv',
    query: StatisticsCsvQuerySchema,
    response: null,
    produces: 'text/csv',
  }),
  /** The whole report as a PDF/A in the style of the region's follow-up. */
  statisticsPdf: endpoint({
    method: 'GET',
    path: '/api/statistics.pdf',
    query: StatisticsQuerySchema.and(z.object({ lang: LanguageSchema.default(DEFAULT_LANGUAGE) })),
    response: null,
    produces: 'application/pdf',
  }),

  // Participants and their personal links (convener)
  addParticipant: endpoint({
    method: 'POST',
    path: '/api/meetings/:id/participants',
    body: ParticipantInputSchema,
    response: AddedParticipantSchema,
    status: 201,
  }),
  updateParticipant: endpoint({
    method: 'PATCH',
    path: '/api/meetings/:id/participants/:pid',
    body: ParticipantInputSchema,
    patch: true,
    response: ParticipantSchema,
  }),
  removeParticipant: endpoint({
    method: 'DELETE',
    path: '/api/meetings/:id/participants/:pid',
    response: null,
    status: 204,
  }),
  newLink: endpoint({
    method: 'POST',
    path: '/api/meetings/:id/participants/:pid/link',
    response: IssuedLinkSchema,
    status: 201,
  }),
  revokeLink: endpoint({
    method: 'DELETE',
    path: '/api/meetings/:id/participants/:pid/link',
    response: null,
    status: 204,
  }),
  /**
   * "Skriv ut alla kallelser": a new link for every participant who opens the meeting with one (not
   * the staff seats that open it from their own list), the earlier ones revoked; the only time
   * these links exist outside their holders' hands.
   */
  newLinks: endpoint({
    method: 'POST',
    path: '/api/meetings/:id/links',
    response: z.array(IssuedLinkSchema),
    status: 201,
  }),

  // Personal links (participants)
  join: endpoint({ method: 'POST', path: '/api/join', body: JoinInputSchema, response: JoinResponseSchema }),
  session: endpoint({
    method: 'GET',
    path: '/api/session',
    query: ParticipantQuerySchema,
    response: SessionResponseSchema,
  }),
  rsvp: endpoint({
    method: 'POST',
    path: '/api/session/rsvp',
    query: ParticipantQuerySchema,
    body: RsvpInputSchema,
    response: SessionResponseSchema,
  }),
  /** The chair starts the meeting from the room: status `started`, answers closed; consent required. */
  startInRoom: endpoint({
    method: 'POST',
    path: '/api/session/start',
    query: ParticipantQuerySchema,
    response: SessionResponseSchema,
  }),
  satisfaction: endpoint({
    method: 'POST',
    path: '/api/session/satisfaction',
    query: ParticipantQuerySchema,
    body: SatisfactionInputSchema,
    response: null,
    status: 204,
  }),

  // Sign-off (docs/protocol.md G1–G14)
  planState: endpoint({
    method: 'GET',
    path: '/api/meetings/:id/plan/state',
    query: ParticipantQuerySchema,
    response: MeetingStateSchema,
  }),
  lockPlan: endpoint({
    method: 'POST',
    path: '/api/meetings/:id/plan/lock',
    query: ParticipantQuerySchema,
    body: LockInputSchema,
    response: MeetingStateSchema,
    status: 201,
  }),
  unlockPlan: endpoint({
    method: 'POST',
    path: '/api/meetings/:id/plan/unlock',
    query: ParticipantQuerySchema,
    body: UnlockInputSchema,
    response: MeetingStateSchema,
  }),
  signPlan: endpoint({
    method: 'POST',
    path: '/api/meetings/:id/plan/sign',
    query: ParticipantQuerySchema,
    body: SignInputSchema,
    response: MeetingStateSchema,
    status: 201,
  }),
  signPlanInRoom: endpoint({
    method: 'POST',
    path: '/api/meetings/:id/plan/sign-in-room',
    query: ParticipantQuerySchema,
    body: SignInRoomInputSchema,
    response: MeetingStateSchema,
    status: 201,
  }),
  finalizePlan: endpoint({
    method: 'POST',
    path: '/api/meetings/:id/plan/finalize',
    query: ParticipantQuerySchema,
    body: FinalizeInputSchema,
    response: MeetingStateSchema,
  }),
  /** G9: a stored version recomputed; the latest one without `version`. */
  verifyPlan: endpoint({
    method: 'GET',
    path: '/api/meetings/:id/plan/verify',
    query: ParticipantQuerySchema.extend({ version: z.coerce.number().int().min(1).optional() }),
    response: VerifyResultSchema,
  }),
  /** G12: the minutes ("protokoll") of the active version as blocks, for the print view. */
  minutes: endpoint({
    method: 'GET',
    path: '/api/meetings/:id/plan/protocol',
    query: ParticipantQuerySchema.extend({ lang: LanguageSchema.default(DEFAULT_LANGUAGE) }),
    response: MinutesDocumentSchema,
  }),
  /** P8: a follow-up's previous meeting's protocol (its active version), read out in step 1. */
  previousMinutesPdf: endpoint({
    method: 'GET',
    path: '/api/meetings/:id/plan/previous-protocol.pdf',
    query: ParticipantQuerySchema.extend({ lang: LanguageSchema.default(DEFAULT_LANGUAGE) }),
    response: null,
    produces: 'application/pdf',
  }),
  /** P9, P10: the closure notice as blocks, for the participant's screen (the same words as the PDF). */
  sessionClosureNotice: endpoint({
    method: 'GET',
    path: '/api/session/closure-notice',
    query: ParticipantQuerySchema.extend({ lang: LanguageSchema.default(DEFAULT_LANGUAGE) }),
    response: ClosureNoticeSchema,
  }),
  /** P9: the closure notice, for a participant's link once the SIP is closed. */
  sessionClosureNoticePdf: endpoint({
    method: 'GET',
    path: '/api/session/closure-notice.pdf',
    query: ParticipantQuerySchema.extend({ lang: LanguageSchema.default(DEFAULT_LANGUAGE) }),
    response: null,
    produces: 'application/pdf',
  }),
  /** G12: the same minutes drawn as a PDF. */
  minutesPdf: endpoint({
    method: 'GET',
    path: '/api/meetings/:id/plan/protocol.pdf',
    query: ParticipantQuerySchema.extend({ lang: LanguageSchema.default(DEFAULT_LANGUAGE) }),
    response: null,
    produces: 'application/pdf',
  }),
} satisfies Record<string, Endpoint>

export type EndpointName = keyof typeof endpoints

export {
  type Endpoint,
  type EndpointAddress,
  type EndpointInput,
  type EndpointOutput,
  endpointPath,
  type Method,
  type PathParams,
} from './endpoint'
