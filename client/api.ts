import type { z } from 'zod'
import {
  type Endpoint,
  type EndpointInput,
  type EndpointOutput,
  endpointPath,
  endpoints,
} from '../shared/api/endpoints'
import type { Language } from '../shared/languages'
import type { ConsentInput, MeetingInput, ParticipantInput } from '../shared/schemas/meeting'
import type {
  FinalizeInput,
  SatisfactionInput,
  SignInput,
  SignInRoomInput,
  UnlockInput,
} from '../shared/schemas/signoff'
import type {
  CloseInput,
  ClosureHelp,
  DeviationInput,
  FollowUpInput,
  ResponsibleInput,
} from '../shared/schemas/sip'
import type { NewUserInput, UserPatch } from '../shared/schemas/staff'
import type { StatisticsQuery } from '../shared/schemas/statistics'
import type { TableId } from '../shared/statistics/tables'
import { type ApiResult, abortable, type Check, type RequestOptions, call as send } from './request'
import { roomApi } from './room-api'

/**
 * Every REST call of the browser (docs/api.md), built from the endpoint table
 * (shared/api/endpoints.ts) and sent the one way request.ts sends them. A participant's room uses
 * room-api.ts, which is part of this and carries only its own schemas (issue 15).
 */

export type { ApiFailure, ApiIssue, ApiResult } from './request'
export { setStaffUnauthorizedHandler } from './request'
export { previousMinutesPdfUrl } from './room-api'

/** A success's body parsed with the table's zod schema (defaults and all). */
const parsedBy = <T>(schema: z.ZodType<T> | null): Check<T> | null =>
  schema &&
  ((body) => {
    const parsed = schema.safeParse(body)
    return parsed.success ? { value: parsed.data } : null
  })

/** One call of an endpoint of the table: its address, its body if it reads one, its answer parsed. */
function call<E extends Endpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  options: RequestOptions = {},
): Promise<ApiResult<EndpointOutput<E>>> {
  return send<E>(endpoint, parsedBy(endpoint.response as z.ZodType<EndpointOutput<E>> | null), input, options)
}

/** The meeting and participant in the path, and `as`: which of this browser's participants asks. */
const meeting = (meetingId: string) => ({ params: { id: meetingId } })
const participant = (meetingId: string, participantId: string) => ({
  params: { id: meetingId, pid: participantId },
})
const asker = (participantId: string) => ({ query: { as: participantId } })

/**
 * The minutes' address (JSON, or the PDF) for the active version, in a language. Staff who
 * convened the meeting may leave out `as`.
 */
const minutesAddress = (meetingId: string, participantId: string | null, lang: Language) => ({
  ...meeting(meetingId),
  query: { ...(participantId ? { as: participantId } : {}), lang },
})

/** A SIP's deviations as CSV, and every deviation of the installation (administrators). */
export const deviationsCsvUrl = (sipId: string): string =>
  endpointPath(endpoints.deviationsCsv, { params: { id: sipId } })
export const allDeviationsCsvUrl = (): string => endpointPath(endpoints.allDeviationsCsv, {})

/** The minutes' PDF, for a link with `download` (the browser fetches it with the cookie). */
export const minutesPdfUrl = (meetingId: string, participantId: string | null, lang: Language): string =>
  endpointPath(endpoints.minutesPdf, minutesAddress(meetingId, participantId, lang))

/** The closure notice's PDF through a participant's link (P9), for a download link. */
export const closureNoticePdfUrl = (participantId: string, lang: Language): string =>
  endpointPath(endpoints.sessionClosureNoticePdf, { query: { as: participantId, lang } })
/** The family's notice that a closed SIP no longer applies (P10), for a download link. */
export const sipClosureNoticePdfUrl = (sipId: string, lang: Language): string =>
  endpointPath(endpoints.closureNoticePdf, { params: { id: sipId }, query: { lang } })

/**
 * The statistics' query as the address carries it (issue 14): filters left out when not set, and
 * `publication` only when asked for.
 */
type StatisticsAddress = z.input<typeof endpoints.statistics.query>
function statisticsAddress(query: StatisticsQuery): StatisticsAddress {
  return {
    from: query.from,
    to: query.to,
    ...(query.organisation ? { organisation: query.organisation } : {}),
    ...(query.principal ? { principal: query.principal } : {}),
    ...(query.municipality ? { municipality: query.municipality } : {}),
    ...(query.publication ? { publication: 'true' } : {}),
  }
}
/** One table of the statistics as CSV, and the whole report as a PDF, for download links. */
export const statisticsCsvUrl = (query: StatisticsQuery, table: TableId): string =>
  endpointPath(endpoints.statisticsCsv, { query: { ...statisticsAddress(query), table } })
export const statisticsPdfUrl = (query: StatisticsQuery, lang: Language): string =>
  endpointPath(endpoints.statisticsPdf, { query: { ...statisticsAddress(query), lang } })

const staff = (signal?: AbortSignal): RequestOptions => ({ staff: true, ...(signal ? { signal } : {}) })

export const api = {
  // Set-up and sign-in
  setupStatus: (signal?: AbortSignal) => call(endpoints.setupStatus, {}, abortable(signal)),
  createFirstAdmin: (input: NewUserInput) => call(endpoints.createFirstAdmin, { body: input }),
  login: (input: { email: string; password: string }) => call(endpoints.login, { body: input }),
  logout: () => call(endpoints.logout, {}),
  /** Who is signed in; a 401 here is "nobody", not an ended session. */
  me: (signal?: AbortSignal) => call(endpoints.me, {}, abortable(signal)),
  refresh: () => call(endpoints.refresh, {}, staff()),

  // Users (admin)
  users: (signal?: AbortSignal) => call(endpoints.users, {}, staff(signal)),
  createUser: (input: NewUserInput) => call(endpoints.createUser, { body: input }, staff()),
  setUserDisabled: (userId: string, disabled: boolean) =>
    call(endpoints.updateUser, { params: { id: userId }, body: { disabled } }, staff()),
  /** Only the fields that changed: organisation, function, municipality, the statistics permission. */
  updateUser: (userId: string, patch: UserPatch) =>
    call(endpoints.updateUser, { params: { id: userId }, body: patch }, staff()),

  // Meetings (convener)
  meetings: (signal?: AbortSignal) => call(endpoints.meetings, {}, staff(signal)),
  meeting: (meetingId: string, signal?: AbortSignal) =>
    call(endpoints.meeting, meeting(meetingId), staff(signal)),
  createMeeting: (input: MeetingInput) => call(endpoints.createMeeting, { body: input }, staff()),
  updateMeeting: (meetingId: string, input: Partial<MeetingInput>) =>
    call(endpoints.updateMeeting, { ...meeting(meetingId), body: input }, staff()),
  recordConsent: (meetingId: string, input: ConsentInput) =>
    call(endpoints.recordConsent, { ...meeting(meetingId), body: input }, staff()),
  startMeeting: (meetingId: string) => call(endpoints.startMeeting, meeting(meetingId), staff()),
  openMeeting: (meetingId: string) => call(endpoints.openMeeting, meeting(meetingId), staff()),
  addParticipant: (meetingId: string, input: ParticipantInput) =>
    call(endpoints.addParticipant, { ...meeting(meetingId), body: input }, staff()),
  updateParticipant: (meetingId: string, participantId: string, input: Partial<ParticipantInput>) =>
    call(endpoints.updateParticipant, { ...participant(meetingId, participantId), body: input }, staff()),
  removeParticipant: (meetingId: string, participantId: string) =>
    call(endpoints.removeParticipant, participant(meetingId, participantId), staff()),
  newLink: (meetingId: string, participantId: string) =>
    call(endpoints.newLink, participant(meetingId, participantId), staff()),
  revokeLink: (meetingId: string, participantId: string) =>
    call(endpoints.revokeLink, participant(meetingId, participantId), staff()),
  newLinks: (meetingId: string) => call(endpoints.newLinks, meeting(meetingId), staff()),
  audit: (meetingId: string, signal?: AbortSignal) =>
    call(endpoints.auditLog, meeting(meetingId), staff(signal)),

  // Deviations (docs/process.md P11): per SIP for its staff, every one for administrators
  deviations: (sipId: string, signal?: AbortSignal) =>
    call(endpoints.deviations, { params: { id: sipId } }, staff(signal)),
  recordDeviation: (sipId: string, input: DeviationInput) =>
    call(endpoints.recordDeviation, { params: { id: sipId }, body: input }, staff()),
  allDeviations: (signal?: AbortSignal) => call(endpoints.allDeviations, {}, staff(signal)),
  // The SIP over time (docs/process.md): its convener and its huvudansvarig
  sips: (signal?: AbortSignal) => call(endpoints.sips, {}, staff(signal)),
  sip: (sipId: string, signal?: AbortSignal) => call(endpoints.sip, { params: { id: sipId } }, staff(signal)),
  changeResponsible: (sipId: string, input: ResponsibleInput) =>
    call(endpoints.changeResponsible, { params: { id: sipId }, body: input }, staff()),
  closeSip: (sipId: string, input: CloseInput) =>
    call(endpoints.closeSip, { params: { id: sipId }, body: input }, staff()),
  followUpDraft: (sipId: string, signal?: AbortSignal) =>
    call(endpoints.followUpDraft, { params: { id: sipId } }, staff(signal)),
  bookFollowUp: (sipId: string, input: FollowUpInput) =>
    call(endpoints.bookFollowUp, { params: { id: sipId }, body: input }, staff()),

  // Personal links (participants)
  ...roomApi,

  // Sign-off (docs/api.md, docs/protocol.md G)
  lockPlan: (meetingId: string, participantId: string) =>
    call(endpoints.lockPlan, { ...meeting(meetingId), ...asker(participantId), body: {} }),
  signPlan: (meetingId: string, participantId: string, input: SignInput) =>
    call(endpoints.signPlan, { ...meeting(meetingId), ...asker(participantId), body: input }),
  signPlanInRoom: (meetingId: string, participantId: string, input: SignInRoomInput) =>
    call(endpoints.signPlanInRoom, { ...meeting(meetingId), ...asker(participantId), body: input }),
  unlockPlan: (meetingId: string, participantId: string, input: UnlockInput) =>
    call(endpoints.unlockPlan, { ...meeting(meetingId), ...asker(participantId), body: input }),
  finalizePlan: (meetingId: string, participantId: string, input: FinalizeInput) =>
    call(endpoints.finalizePlan, { ...meeting(meetingId), ...asker(participantId), body: input }),
  /** The minutes of the locked or finalized version; 409 `not-locked` while the plan is open. */
  minutes: (meetingId: string, participantId: string | null, lang: Language, signal?: AbortSignal) =>
    call(endpoints.minutes, minutesAddress(meetingId, participantId, lang), abortable(signal)),
  /** The chair starts the meeting from the room; 409 `no-consent` without recorded consent. */
  startInRoom: (participantId: string) => call(endpoints.startInRoom, asker(participantId)),
  satisfaction: (participantId: string, input: SatisfactionInput) =>
    call(endpoints.satisfaction, { ...asker(participantId), body: input }),

  // The closure notice (docs/process.md P9, P10)
  /** The notice of a closed SIP, as the screen shows it; 409 `sip-active` while the SIP is active. */
  closureNotice: (participantId: string, lang: Language, signal?: AbortSignal) =>
    call(endpoints.sessionClosureNotice, { query: { as: participantId, lang } }, abortable(signal)),
  /** The installation's text in the notice (staff read it, administrators change it). */
  closureHelp: (signal?: AbortSignal) => call(endpoints.closureHelp, {}, staff(signal)),
  updateClosureHelp: (input: ClosureHelp) => call(endpoints.updateClosureHelp, { body: input }, staff()),

  // Statistics (issue 14): staff with the permission
  statistics: (query: StatisticsQuery, signal?: AbortSignal) =>
    call(endpoints.statistics, { query: statisticsAddress(query) }, staff(signal)),
}
