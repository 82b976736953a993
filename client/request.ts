import { errorBody } from 'virtual:room-contract'
import { CSRF_HEADER, CSRF_HEADER_VALUE, SAFE_METHODS } from '../shared/api/csrf'
import {
  type Endpoint,
  type EndpointInput,
  type EndpointOutput,
  endpointPath,
  type Method,
} from '../shared/api/endpoint'
import { matches } from '../shared/json-schema'
import type { ApiError } from '../shared/schemas/session'
import { currentLanguage } from './i18n'

/**
 * The one way the browser talks to the REST API (docs/api.md): same origin, cookies only, the
 * CSRF header on every state change, the user's language for server-written messages, every
 * address built from the endpoint table (shared/api/endpoints.ts) and every answer checked
 * against its schema. Nothing here throws for an HTTP or network failure: each call answers a
 * result the screen can show. Without zod: api.ts checks with the table's zod schemas, room-api.ts
 * with their JSON Schema, so a participant's first download carries no zod (issue 15).
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
function errorBodyOf(body: unknown): ApiError | null {
  if (typeof body !== 'object' || body === null) return null
  const { issues, ...rest } = body as Record<string, unknown>
  if (!matches(errorBody, rest)) return null
  const error = rest as ApiError
  return matches(errorBody.properties.issues, issues)
    ? { ...error, issues: issues as ApiError['issues'] }
    : error
}

/** Called when a staff request is answered 401: the session has ended on the server. */
let onStaffUnauthorized: (() => void) | null = null
export function setStaffUnauthorizedHandler(handler: (() => void) | null): void {
  onStaffUnauthorized = handler
}

export interface RequestOptions {
  body?: unknown
  signal?: AbortSignal
  /** A staff-only route: a 401 means the sign-in has ended, not that input was wrong. */
  staff?: boolean
}

function issuesOf(body: ApiError): ApiIssue[] {
  if (body.issues?.length) return body.issues
  if (body.field) return [{ field: body.field, code: 'invalid', message: body.message ?? '' }]
  return []
}

async function failureFrom(response: Response): Promise<ApiFailure> {
  const retryAfter = Number(response.headers.get('Retry-After'))
  const failure: ApiFailure = { status: response.status, code: `http-${response.status}`, issues: [] }
  if (Number.isFinite(retryAfter) && retryAfter > 0) failure.retryAfterSeconds = retryAfter
  const body = errorBodyOf(await response.json().catch(() => null))
  if (body) {
    failure.code = body.error
    if (body.message) failure.message = body.message
    failure.issues = issuesOf(body)
  }
  return failure
}

/** Checks a success's JSON body: the value as the screen may use it, or null when it is not that. */
export type Check<T> = (body: unknown) => { value: T } | null

async function request<T>(
  method: Method,
  path: string,
  check: Check<T> | null,
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
  if (check === null || response.status === 204) return { ok: true, data: undefined as T }
  const checked = check(await response.json().catch(() => undefined))
  if (!checked) return { ok: false, failure: { status: response.status, code: 'bad-response', issues: [] } }
  return { ok: true, data: checked.value }
}

/**
 * One call of an endpoint: its address built from the path pattern and `input`, its body if it
 * sends one, its answer checked by `check` (a zod schema's for api.ts, a JSON Schema's for
 * room-api.ts).
 */
export function call<E extends Endpoint>(
  endpoint: Pick<E, 'method' | 'path'>,
  check: Check<EndpointOutput<E>> | null,
  input: EndpointInput<E>,
  options: RequestOptions = {},
): Promise<ApiResult<EndpointOutput<E>>> {
  const { body } = input as { body?: unknown }
  return request<EndpointOutput<E>>(
    endpoint.method,
    endpointPath(endpoint as E, input),
    check,
    body === undefined ? options : { ...options, body },
  )
}

/** Which requests a screen that goes away may abort. */
export const abortable = (signal?: AbortSignal): RequestOptions => (signal ? { signal } : {})
