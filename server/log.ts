import type { FastifyServerOptions } from 'fastify'

/**
 * Logger options. Request URLs are logged without their query string (a link token can travel
 * there), and no header is logged at all (cookies, authorization). Plan content is never passed
 * to the logger anywhere in the server.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    // A second line of defence for lines we do not write ourselves (framework and plugin messages
    // quote raw URLs): any query value anywhere in a line is cut.
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => scrub(arg)) as Parameters<typeof method>)
      },
    },
    redact: { paths: ['token', '*.token', 'req.headers', 'headers'], censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; id?: string; ip?: string }) {
        return { id: request.id, method: request.method, path: pathOnly(request.url), ip: request.ip }
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode }
      },
    },
  }
}

const QUERY_VALUE = /([?&][^=&#\s"']+=)[^&#\s"']*/g

/** Removes query-string values from URLs inside a log argument (strings, and one level of objects). */
export function scrub(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(QUERY_VALUE, '$1[redacted]')
  if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Error)) {
    const out: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(value))
      out[key] = typeof field === 'string' ? scrub(field) : field
    return out
  }
  return value
}

export function pathOnly(url: string): string {
  const q = url.indexOf('?')
  return q === -1 ? url : url.slice(0, q)
}

/**
 * What the services log through (server/meetings/service.ts, server/signoff/service.ts): the
 * server's pino logger, or anything with the same two methods.
 */
export interface ServiceLog {
  warn(details: object, message: string): void
  error(details: object, message: string): void
}

/**
 * What of an error may be logged. SQLite and system errors (they carry a `code`) say what failed;
 * other errors – a JSON or Yjs error on a client's update – can quote plan content, so only their
 * name is kept (A4). (server/sync/errors.ts has a copy until the sync core imports this one.)
 */
export function errorSummary(error: unknown): { name: string; code?: string; message?: string } {
  if (!(error instanceof Error)) return { name: typeof error }
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') return { name: error.name, code, message: error.message }
  return { name: error.name }
}
