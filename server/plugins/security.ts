import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet'
import fp from 'fastify-plugin'
import { installLoadGuards, type LoadGuardOptions } from '../load-guards'

export interface SecurityPluginOptions {
  /** The address people open; over https the browser is told to keep to https (HSTS). */
  publicUrl: string
  /** Test seams for the /api/ ceiling and the process guard (A14, A15). */
  loadGuards?: LoadGuardOptions
}

const SELF = "'self'"

/**
 * A13's headers on every answer. Everything comes from this server: no CDN, no fonts, no analytics.
 * Inline style attributes are allowed because the collaboration carets set their colour that way;
 * scripts are never inline. Helmet's other headers are off: this is the policy, no more.
 */
function headers(https: boolean): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: [SELF],
        scriptSrc: [SELF],
        styleSrc: [SELF, "'unsafe-inline'"],
        imgSrc: [SELF, 'data:'],
        connectSrc: [SELF],
        fontSrc: [SELF],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: [SELF],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    xContentTypeOptions: true,
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xPoweredBy: false,
    xXssProtection: false,
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
    await app.register(fastifyHelmet, headers(new URL(publicUrl).protocol === 'https:'))

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
