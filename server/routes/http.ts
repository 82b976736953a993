import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Language } from '../../shared/languages'
import { describeIssues } from '../../shared/validation'
import type { AuthResult } from '../auth/principal'
import type { Refusal, Result } from '../result'

/** Helpers every REST route uses: parsing with the shared schemas, and the error shapes of docs/api.md. */

/**
 * The app as a route module sees it: a route's `schema` (params, querystring, body) takes the shared
 * zod schemas and types `request.params`, `.query` and `.body` by them (server/plugins/http.ts).
 */
export type RouteApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>

export function languageOf(request: FastifyRequest): Language {
  const header = request.headers['accept-language']
  return typeof header === 'string' && header.trim().toLowerCase().startsWith('en') ? 'en' : 'sv'
}

/** 400 { error: 'validation', field, message, issues }: the first issue names the field. */
export function sendValidationError(request: FastifyRequest, reply: FastifyReply, error: z.ZodError) {
  const issues = describeIssues(error, languageOf(request))
  const first = issues[0]
  return reply.code(400).send({ error: 'validation', field: first?.field, message: first?.message, issues })
}

/**
 * Parses input with a shared schema. On failure the 400 is sent and undefined returned: the route
 * returns at once, before anything is written.
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  input: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): T | undefined {
  const parsed = safeParseInput(schema, input)
  if (parsed.success) return parsed.data
  sendValidationError(request, reply, parsed.error)
  return undefined
}

/**
 * How all input is read, by parseInput and by the routes' schemas (server/plugins/http.ts) alike.
 * reportInput lets the messages tell a missing value ("must be filled in") from a wrong one. A
 * missing or non-object body is read as {}, so the answer names the first required field.
 */
export function safeParseInput<T>(schema: z.ZodType<T>, input: unknown): z.ZodSafeParseResult<T> {
  return schema.safeParse(asObject(input), { reportInput: true })
}

/**
 * A PATCH body: only known fields, merged over the stored values, and the result parsed with the
 * full schema – so a patch can never leave a record that the create form would refuse.
 */
export function parsePatch<T>(
  schema: z.ZodType<T> & { shape: Record<string, unknown> },
  current: Record<string, unknown>,
  patch: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): T | undefined {
  const fields = asObject(patch)
  const unknown = Object.keys(fields).filter((key) => !Object.hasOwn(schema.shape, key))
  if (unknown.length > 0) {
    sendValidationError(
      request,
      reply,
      new z.ZodError([
        { code: 'unrecognized_keys', keys: unknown, path: [], message: 'unknown', input: fields },
      ]),
    )
    return undefined
  }
  return parseInput(schema, { ...current, ...fields }, request, reply)
}

function asObject(input: unknown): Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input)
    ? (input as Record<string, unknown>)
    : {}
}

export function sendTooManyFailures(reply: FastifyReply, retryAfterSeconds: number) {
  return reply.code(429).header('Retry-After', String(retryAfterSeconds)).send({ error: 'too-many-failures' })
}

/** A refused participant: 429 with Retry-After, else 401/403 with the reason as the error code. */
export function sendRefusal(reply: FastifyReply, refusal: Extract<AuthResult, { ok: false }>) {
  if (refusal.retryAfterSeconds !== undefined) return sendTooManyFailures(reply, refusal.retryAfterSeconds)
  return reply.code(refusal.status).send({ error: refusal.reason })
}

export function sendNotFound(reply: FastifyReply) {
  return reply.code(404).send({ error: 'not-found' })
}

export function sendConflict(reply: FastifyReply, error: string, field?: string) {
  return reply.code(409).send(field ? { error, field } : { error })
}

/** A service's refusal as docs/api.md writes it: its status, and `{ error, field?, message?, ... }`. */
export function sendRefused(reply: FastifyReply, refusal: Refusal) {
  const { ok: _, status, ...body } = refusal
  return reply.code(status).send(body)
}

/** A service's answer: its value with `status` (200 unless said), or its refusal. */
export function sendResult<T>(reply: FastifyReply, result: Result<T>, status = 200) {
  if (!result.ok) return sendRefused(reply, result)
  return reply.code(status).send(result.value)
}
