import type { z } from 'zod'
import { CSRF_HEADER, CSRF_HEADER_VALUE, SAFE_METHODS } from '../shared/api/csrf'
import {
  type Endpoint,
  type EndpointInput,
  type EndpointOutput,
  endpointPath,
  endpoints,
  type Method,
} from '../shared/api/endpoints'
import type { Language } from '../shared/languages'
import type { ConsentInput, MeetingInput, ParticipantInput } from '../shared/schemas/meeting'
import { type ApiError, ApiErrorSchema } from '../shared/schemas/session'
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
import { currentLanguage } from './i18n'

/**
 * The one way the browser talks to the REST API (docs/api.md): same origin, cookies only, the
 * CSRF header on every state change, the user's language for server-written messages, and every
 * address built and every answer parsed from the endpoint table (shared/api/endpoints.ts).
 * Nothing here throws for an HTTP or network failure: each call answers a result the screen can
 * show.
 */

/**
 * A field's problem as the server wrote it: `code` is one of shared/validation.ts's message keys,
 * `message` the sentence in the screen's language. (Not checked against that list here: that would
 * put every validation message into the participant's first download, and no screen reads it.)
 */
export type ApiIssue = NonNullable<ApiError['issues']>[number]

/** What went wrong, as a stable code the screens map to a sentence (`errors.<code>` in i18n). */
export interface ApiFailure {
  /** HTTP status, or 0 when the server could not be reached. */
  status: number
  /** The server's error code (`validation`, `no-consent`, ...) or `network` / `bad-response`. */
  code: string
  /** The server's sentence, in the requested language, when it sent one. */
  message?: string
  /** Per-field problems from a 400 validation answer (or a single `field` on other errors). */
  issues: ApiIssue[]
  /** Seconds to wait, from a 429's Retry-After. */
  retryAfterSeconds?: number
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; failure: ApiFailure }

/** Error bodies; a malformed `issues` list is ignored rather than hiding the error itself. */
const ErrorBodySchema = ApiErrorSchema.extend({ issues: ApiErrorSchema.shape.issues.catch(undefined) })

/** Called when a staff request is answered 401: the session has ended on the server. */
let onStaffUnauthorized: (() => void) | null = null
export function setStaffUnauthorizedHandler(handler: (() => void) | null): void {
  onStaffUnauthorized = handler
}

interface RequestOptions {
  body?: unknown
  signal?: AbortSignal
  /** A staff-only route: a 401 means the sign-in has ended, not that input was wrong. */
  staff?: boolean
}

function issuesOf(body: z.infer<typeof ErrorBodySchema>): ApiIssue[] {
  if (body.issues?.length) return body.issues
  if (body.field) return [{ field: body.field, code: 'invalid', message: body.message ?? '' }]
  return []
}

async function failureFrom(response: Response): Promise<ApiFailure> {
  const retryAfter = Number(response.headers.get('Retry-After'))
  const failure: ApiFailure = { status: response.status, code: `http-${response.status}`, issues: [] }
  if (Number.isFinite(retryAfter) && retryAfter > 0) failure.retryAfterSeconds = retryAfter
  const parsed = ErrorBodySchema.safeParse(await response.json().catch(() => null))
  if (parsed.success) {
    failure.code = parsed.data.error
    if (parsed.data.message) failure.message = parsed.data.message
    failure.issues = issuesOf(parsed.data)
  }
  return failure
}

async function request<T>(
  method: Method,
  path: string,
  schema: z.ZodType<T> | null,
  options: RequestOptions = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  }
  if (!SAFE_METHODS.has(method)) headers[CSRF_HEADER] = CSRF_HEADER_VALUE
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'

  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
  } catch (error) {
    // An aborted request belongs to a screen that is gone: let the caller's abort win.
    if (options.signal?.aborted) throw error
    return { ok: false, failure: { status: 0, code: 'network', issues: [] } }
  }

  if (!response.ok) {
    const failure = await failureFrom(response)
    if (response.status === 401 && options.staff) onStaffUnauthorized?.()
    return { ok: false, failure }
  }
  if (schema === null || response.status === 204) return { ok: true, data: undefined as T }
  const parsed = schema.safeParse(await response.json().catch(() => undefined))
  if (!parsed.success)
    return { ok: false, failure: { status: response.status, code: 'bad-response', issues: [] } }
  return { ok: true, data: parsed.data }
}

/** One call of an endpoint of the table: its address, its body if it reads one, its answer parsed. */
function call<E extends Endpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  options: RequestOptions = {},
): Promise<ApiResult<EndpointOutput<E>>> {
  const { body } = input as { body?: unknown }
  return request<EndpointOutput<E>>(
    endpoint.method,
    endpointPath(endpoint, input),
    endpoint.response as z.ZodType<EndpointOutput<E>> | null,
    body === undefined ? options : { ...options, body },
  )
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

/** A follow-up's previous meeting's protocol, as a PDF, for this participant of the follow-up (P8). */
export const previousMinutesPdfUrl = (meetingId: string, participantId: string, lang: Language): string =>
  endpointPath(endpoints.previousMinutesPdf, minutesAddress(meetingId, participantId, lang))
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
const abortable = (signal?: AbortSignal): RequestOptions => (signal ? { signal } : {})

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
  join: (token: string) => call(endpoints.join, { body: { token } }),
  session: (participantId: string, signal?: AbortSignal) =>
    call(endpoints.session, asker(participantId), abortable(signal)),
  rsvp: (participantId: string, answer: 'coming' | 'not-coming') =>
    call(endpoints.rsvp, { ...asker(participantId), body: { answer } }),

  // Sign-off (docs/api.md, docs/protocol.md G)
  planState: (meetingId: string, participantId: string, signal?: AbortSignal) =>
    call(endpoints.planState, { ...meeting(meetingId), ...asker(participantId) }, abortable(signal)),
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
