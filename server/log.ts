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

export function pathOnly(url: string): string {
  const q = url.indexOf('?')
  return q === -1 ? url : url.slice(0, q)
}
