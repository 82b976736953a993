import { z } from 'zod'
import {
  type ConsentInput,
  type IssuedLink,
  IssuedLinkSchema,
  type Meeting,
  type MeetingInput,
  MeetingSchema,
  type MeetingSummary,
  MeetingSummarySchema,
  type Participant,
  type ParticipantInput,
  ParticipantSchema,
} from '../shared/schemas/meeting'
import { type ProtocolDocument, ProtocolDocumentSchema } from '../shared/schemas/protocol'
import {
  type ApiError,
  ApiErrorSchema,
  JoinResponseSchema,
  type SessionResponse,
  SessionResponseSchema,
} from '../shared/schemas/session'
import {
  type FinalizeInput,
  type MeetingState,
  MeetingStateSchema,
  type SatisfactionInput,
  type SignInput,
  type SignInRoomInput,
  type UnlockInput,
} from '../shared/schemas/signoff'
import {
  type AuditEntry,
  AuditEntrySchema,
  type NewUserInput,
  SetupStatusSchema,
  type StaffSession,
  StaffSessionSchema,
  type User,
  UserSchema,
} from '../shared/schemas/staff'
import { currentLanguage } from './i18n'

/**
 * The one way the browser talks to the REST API (docs/api.md): same origin, cookies only, the
 * CSRF header on every state change, the user's language for server-written messages, and every
 * answer parsed with the shared schema. Nothing here throws for an HTTP or network failure: each
 * call answers a result the screen can show.
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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

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
  if (method !== 'GET') headers['X-SIP-Request'] = '1'
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

const id = (value: string): string => encodeURIComponent(value)
const asParam = (participantId: string): string => `as=${encodeURIComponent(participantId)}`
const meetingPath = (meetingId: string): string => `/api/meetings/${id(meetingId)}`
const participantPath = (meetingId: string, participantId: string): string =>
  `${meetingPath(meetingId)}/participants/${id(participantId)}`
/**
 * The protocol's address (JSON, or `.pdf`) for the active version, in a language. Staff who
 * convened the meeting may leave out `as`.
 */
const protocolPath = (meetingId: string, participantId: string | null, lang: string, pdf = false): string => {
  const query = new URLSearchParams(participantId ? { as: participantId, lang } : { lang })
  return `${meetingPath(meetingId)}/plan/protocol${pdf ? '.pdf' : ''}?${query}`
}

/** The PDF of the protocol, for a link with `download` (the browser fetches it with the cookie). */
export const protocolPdfUrl = (meetingId: string, participantId: string | null, lang: string): string =>
  protocolPath(meetingId, participantId, lang, true)

const staff = (signal?: AbortSignal): RequestOptions => ({ staff: true, ...(signal ? { signal } : {}) })

export const api = {
  // Set-up and sign-in
  setupStatus: (signal?: AbortSignal) =>
    request('GET', '/api/setup/status', SetupStatusSchema, signal ? { signal } : {}),
  createFirstAdmin: (input: NewUserInput) =>
    request<StaffSession>('POST', '/api/setup/first-admin', StaffSessionSchema, { body: input }),
  login: (input: { email: string; password: string }) =>
    request<StaffSession>('POST', '/api/auth/login', StaffSessionSchema, { body: input }),
  logout: () => request<void>('POST', '/api/auth/logout', null),
  /** Who is signed in; a 401 here is "nobody", not an ended session. */
  me: (signal?: AbortSignal) =>
    request<StaffSession>('GET', '/api/auth/me', StaffSessionSchema, signal ? { signal } : {}),
  refresh: () => request<StaffSession>('POST', '/api/auth/refresh', StaffSessionSchema, staff()),

  // Users (admin)
  users: (signal?: AbortSignal) => request<User[]>('GET', '/api/users', z.array(UserSchema), staff(signal)),
  createUser: (input: NewUserInput) =>
    request<User>('POST', '/api/users', UserSchema, { ...staff(), body: input }),
  setUserDisabled: (userId: string, disabled: boolean) =>
    request<User>('PATCH', `/api/users/${id(userId)}`, UserSchema, { ...staff(), body: { disabled } }),

  // Meetings (convener)
  meetings: (signal?: AbortSignal) =>
    request<MeetingSummary[]>('GET', '/api/meetings', z.array(MeetingSummarySchema), staff(signal)),
  meeting: (meetingId: string, signal?: AbortSignal) =>
    request<Meeting>('GET', meetingPath(meetingId), MeetingSchema, staff(signal)),
  createMeeting: (input: MeetingInput) =>
    request<Meeting>('POST', '/api/meetings', MeetingSchema, { ...staff(), body: input }),
  updateMeeting: (meetingId: string, input: Partial<MeetingInput>) =>
    request<Meeting>('PATCH', meetingPath(meetingId), MeetingSchema, { ...staff(), body: input }),
  recordConsent: (meetingId: string, input: ConsentInput) =>
    request<Meeting>('PUT', `${meetingPath(meetingId)}/consent`, MeetingSchema, {
      ...staff(),
      body: input,
    }),
  startMeeting: (meetingId: string) =>
    request<Meeting>('POST', `${meetingPath(meetingId)}/start`, MeetingSchema, staff()),
  openMeeting: (meetingId: string) =>
    request(
      'POST',
      `${meetingPath(meetingId)}/open`,
      JoinResponseSchema.pick({ participantId: true }),
      staff(),
    ),
  addParticipant: (meetingId: string, input: ParticipantInput) =>
    request<{ participant: Participant; link: IssuedLink }>(
      'POST',
      `${meetingPath(meetingId)}/participants`,
      z.object({ participant: ParticipantSchema, link: IssuedLinkSchema }),
      { ...staff(), body: input },
    ),
  updateParticipant: (meetingId: string, participantId: string, input: Partial<ParticipantInput>) =>
    request<Participant>('PATCH', participantPath(meetingId, participantId), ParticipantSchema, {
      ...staff(),
      body: input,
    }),
  removeParticipant: (meetingId: string, participantId: string) =>
    request<void>('DELETE', participantPath(meetingId, participantId), null, staff()),
  newLink: (meetingId: string, participantId: string) =>
    request<IssuedLink>(
      'POST',
      `${participantPath(meetingId, participantId)}/link`,
      IssuedLinkSchema,
      staff(),
    ),
  revokeLink: (meetingId: string, participantId: string) =>
    request<void>('DELETE', `${participantPath(meetingId, participantId)}/link`, null, staff()),
  audit: (meetingId: string, signal?: AbortSignal) =>
    request<AuditEntry[]>('GET', `${meetingPath(meetingId)}/audit`, z.array(AuditEntrySchema), staff(signal)),

  // Personal links (participants)
  join: (token: string) => request('POST', '/api/join', JoinResponseSchema, { body: { token } }),
  session: (participantId: string, signal?: AbortSignal) =>
    request<SessionResponse>(
      'GET',
      `/api/session?${asParam(participantId)}`,
      SessionResponseSchema,
      signal ? { signal } : {},
    ),
  rsvp: (participantId: string, answer: 'coming' | 'not-coming') =>
    request<SessionResponse>('POST', `/api/session/rsvp?${asParam(participantId)}`, SessionResponseSchema, {
      body: { answer },
    }),

  // Sign-off (docs/api.md, docs/protocol.md G)
  planState: (meetingId: string, participantId: string, signal?: AbortSignal) =>
    request<MeetingState>(
      'GET',
      `${meetingPath(meetingId)}/plan/state?${asParam(participantId)}`,
      MeetingStateSchema,
      signal ? { signal } : {},
    ),
  lockPlan: (meetingId: string, participantId: string) =>
    request<MeetingState>(
      'POST',
      `${meetingPath(meetingId)}/plan/lock?${asParam(participantId)}`,
      MeetingStateSchema,
      {
        body: {},
      },
    ),
  signPlan: (meetingId: string, participantId: string, input: SignInput) =>
    request<MeetingState>(
      'POST',
      `${meetingPath(meetingId)}/plan/sign?${asParam(participantId)}`,
      MeetingStateSchema,
      {
        body: input,
      },
    ),
  signPlanInRoom: (meetingId: string, participantId: string, input: SignInRoomInput) =>
    request<MeetingState>(
      'POST',
      `${meetingPath(meetingId)}/plan/sign-in-room?${asParam(participantId)}`,
      MeetingStateSchema,
      { body: input },
    ),
  unlockPlan: (meetingId: string, participantId: string, input: UnlockInput) =>
    request<MeetingState>(
      'POST',
      `${meetingPath(meetingId)}/plan/unlock?${asParam(participantId)}`,
      MeetingStateSchema,
      {
        body: input,
      },
    ),
  finalizePlan: (meetingId: string, participantId: string, input: FinalizeInput) =>
    request<MeetingState>(
      'POST',
      `${meetingPath(meetingId)}/plan/finalize?${asParam(participantId)}`,
      MeetingStateSchema,
      { body: input },
    ),
  /** The protocol of the locked or finalized version; 409 `not-locked` while the plan is open. */
  protocol: (meetingId: string, participantId: string | null, lang: string, signal?: AbortSignal) =>
    request<ProtocolDocument>(
      'GET',
      protocolPath(meetingId, participantId, lang),
      ProtocolDocumentSchema,
      signal ? { signal } : {},
    ),
  satisfaction: (participantId: string, input: SatisfactionInput) =>
    request<void>('POST', `/api/session/satisfaction?${asParam(participantId)}`, null, { body: input }),
}
