import fastifyCookie from '@fastify/cookie'
import fp from 'fastify-plugin'
import { installCsrfGuard } from '../auth/csrf'
import { type FailureCounter, type FailureCounters, memoryFailureCounters } from '../auth/failure-counter'
import type { ParticipantAuthDeps } from '../auth/principal'
import { StaffAuth } from '../auth/staff-auth'

declare module 'fastify' {
  interface FastifyInstance {
    /** Staff sign-in and sessions; resolves `request.staff` (server/auth/staff-auth.ts). */
    staffAuth: StaffAuth
    /** What a participant's link or cookie is checked against (server/auth/principal.ts). */
    participantAuth: ParticipantAuthDeps
    /** Failed staff sign-ins per source address (A9); failed link look-ups are counted apart. */
    failures: FailureCounter
    /** Cookies get `Secure` when the public URL is https. */
    secureCookies: boolean
  }
}

export interface AuthPluginOptions {
  publicUrl: string
  /**
   * Where failures are counted (A9): in this process's memory by default; in Redis, shared by every
   * process, when several serve the same meetings (`redisFailureCounters`). The app closes them.
   */
  failureCounters?: FailureCounters
}

/**
 * Who is asking: staff sessions (the `sip_staff` cookie), participant sessions (a link, or the
 * `sip_p_<participantId>` cookie it was exchanged for), the CSRF guard and the failure limiters (A9).
 *
 * Depends on security: its hooks – cookies parsed, the CSRF header checked, the staff session looked
 * up and slid forward – come after the load guards, so a refused request costs none of them.
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (app, { publicUrl, failureCounters }) => {
    const { stores } = app
    const secureCookies = new URL(publicUrl).protocol === 'https:'
    const counters = failureCounters ?? memoryFailureCounters()
    app.addHook('onClose', () => counters.close())
    const failures = counters.signIn
    const staffAuth = new StaffAuth({
      accountLimiter: counters.account,
      unknownAccountLimiter: counters.unknownAccount,
      users: stores.users,
      sessions: stores.staffSessions,
      audit: stores.audit,
      limiter: failures,
      secureCookies,
    })
    const participantAuth: ParticipantAuthDeps = {
      tokens: stores.tokens,
      sessions: stores.participantSessions,
      // Apart from sign-ins: a stale link on a shared network must not stop staff signing in there.
      limiter: counters.link,
      audit: stores.audit,
    }
    app.decorate('staffAuth', staffAuth)
    app.decorate('participantAuth', participantAuth)
    app.decorate('failures', failures)
    app.decorate('secureCookies', secureCookies)

    await app.register(fastifyCookie)
    installCsrfGuard(app)
    staffAuth.install(app)
  },
  { name: 'auth', dependencies: ['db', 'security'] },
)
