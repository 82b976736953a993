import fp from 'fastify-plugin'
import { installLoadGuards, type LoadGuardOptions } from '../load-guards'

export interface SecurityPluginOptions {
  /** The address people open; over https the browser is told to keep to https (HSTS). */
  publicUrl: string
  /** Test seams for the /api/ ceiling and the process guard (A14, A15). */
  loadGuards?: LoadGuardOptions
}

/**
 * A13's headers, the same on every answer: everything comes from this server (no CDN, no fonts, no
 * analytics). Inline style attributes are allowed because the collaboration carets set their
 * colour that way; scripts are never inline. Over https the browser is told to keep to https.
 * Written once: @fastify/helmet, which this replaces, built its whole middleware again for every
 * request (~0.2 ms of each join in a storm's profile, docs/performance.md).
 */
export function securityHeaders(https: boolean): Readonly<Record<string, string>> {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ]
  return {
    'content-security-policy': policy.join(';'),
    'referrer-policy': 'no-referrer',
    ...(https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  }
}

/**
 * What every request meets first: the security headers, the load guards (A14, A15), no caching of
 * API answers, and the refusal of percent-encoded API and socket paths (A13).
 *
 * Depends on the websocket plugin: its hook must run before the load guards', so that a refused
 * upgrade's socket is closed (server/plugins/sync.ts). The headers come before the load guards, so
 * a 429 or 503 carries them too.
 */
export const securityPlugin = fp<SecurityPluginOptions>(
  async (app, { publicUrl, loadGuards }) => {
    const headers = securityHeaders(new URL(publicUrl).protocol === 'https:')
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers)
      done()
    })

    // Answers about people and sessions are never kept by a browser or proxy cache.
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store')
    })

    // The load guards run before every other per-request step, so a refused request costs nothing
    // more – but after the websocket plugin's hook, which closes a refused upgrade's socket.
    await installLoadGuards(app, loadGuards)

    // API and socket paths are plain ASCII. A percent-encoded one (`/%61pi/…`) would reach the same
    // routes while slipping past every check that reads the raw URL: refuse it outright. Checked once
    // every onRequest check is done (the CSRF guard answers first, as it always has), before the
    // body is read.
    app.addHook('preParsing', async (request, reply) => {
      const path = request.url.split('?')[0] ?? ''
      if (!path.includes('%')) return
      let decoded = path
      try {
        decoded = decodeURIComponent(path)
      } catch {
        return reply.code(400).send({ error: 'bad-path' })
      }
      if (decoded.startsWith('/api/') || decoded.startsWith('/collab'))
        return reply.code(400).send({ error: 'bad-path' })
    })
  },
  { name: 'security', dependencies: ['@fastify/websocket'] },
)
