import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { SYNC_PATH } from '../../shared/protocol'
import { authRoutes } from '../routes/auth'
import { closureNoticeRoutes } from '../routes/closure-notice'
import { deviationRoutes } from '../routes/deviations'
import { healthRoutes } from '../routes/health'
import { joinRoutes } from '../routes/join'
import { meetingRoutes } from '../routes/meetings'
import { participantRoutes } from '../routes/participants'
import { sessionRoutes } from '../routes/session'
import { settingsRoutes } from '../routes/settings'
import { setupRoutes } from '../routes/setup'
import { signoffRoutes } from '../routes/signoff'
import { sipRoutes } from '../routes/sips'
import { statisticsRoutes } from '../routes/statistics'
import { userRoutes } from '../routes/users'

const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * The REST API (server/routes/: one module per area, docs/api.md), the built client's files, and
 * our own 404.
 */
export const routesPlugin = fp<{ clientDir: string | false; statisticsThreshold: number }>(
  async (app, { clientDir, statisticsThreshold }) => {
    await app.register(healthRoutes)
    await app.register(setupRoutes)
    await app.register(authRoutes)
    await app.register(userRoutes)
    await app.register(meetingRoutes)
    await app.register(participantRoutes)
    await app.register(joinRoutes)
    await app.register(sessionRoutes)
    await app.register(signoffRoutes)
    await app.register(sipRoutes)
    await app.register(deviationRoutes)
    await app.register(settingsRoutes)
    await app.register(closureNoticeRoutes)
    await app.register(statisticsRoutes, { threshold: statisticsThreshold })

    const serveClient = Boolean(clientDir && fs.existsSync(path.join(clientDir, 'index.html')))
    // The build writes .br and .gz beside each script and style (vite.config.ts): sent as they are
    // to a browser that accepts them. Scripts and styles are named by their content
    // (assets/<name>-<hash>.js), so a browser may keep them for good; the page itself (index.html)
    // is asked for again every time and names the current ones.
    if (serveClient && clientDir)
      await app.register(fastifyStatic, {
        root: clientDir,
        // One route for every file, looked up when asked for: a route per file (wildcard: false)
        // globbed the folder and built ~60 routes at every start (docs/performance.md, "Start-up").
        wildcard: true,
        // As the route per file was: a dotfile the build may write (a manifest) is not served.
        dotfiles: 'ignore',
        preCompressed: true,
        setHeaders: (reply, file) => {
          // Relative to the client's folder: a folder named assets above it must not make the page immutable.
          if (path.relative(clientDir, file).startsWith(`assets${path.sep}`))
            reply.header('Cache-Control', IMMUTABLE)
        },
      })
    // The file route takes every path, so it would take a WebSocket upgrade on any of them too:
    // the socket's one door is /collab/:meetingId (docs/protocol.md, A1). After the security
    // plugin's checks, which answer a percent-encoded socket path first (A13).
    app.addHook('preParsing', async (request, reply) => {
      if (request.ws && !request.url.startsWith(`${SYNC_PATH}/`))
        return reply.code(404).send({ error: 'not-found' })
    })
    // Always our own 404: Fastify's default message quotes the raw URL, query string and all.
    app.setNotFoundHandler((request, reply) => {
      // A missing script or style (a tab still open from before an upgrade) is a 404, not the page.
      const isPage = request.method === 'GET' && !/^\/(api|assets|collab)(\/|$|\?)/.test(request.url)
      // The client routes (/m/:meetingId ...) are one page.
      if (serveClient && isPage) return reply.type('text/html').sendFile('index.html')
      return reply.code(404).send({ error: 'not-found' })
    })
  },
  { name: 'routes', dependencies: ['http', 'db', 'auth', 'services', 'sync'] },
)
