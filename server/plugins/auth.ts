import fastifyCookie from '@fastify/cookie'
import fp from 'fastify-plugin'
import { AUTH_FAILURES_PER_ACCOUNT } from '../../shared/limits'
import { installCsrfGuard } from '../auth/csrf'
import { FailureLimiter } from '../auth/failure-limiter'
import type { ParticipantAuthDeps } from '../auth/principal'
import { StaffAuth } from '../auth/staff-auth'

declare module 'fastify' {
  interface FastifyInstance {
    /** Staff sign-in and sessions; resolves `request.staff` (server/auth/staff-auth.ts). */
    staffAuth: StaffAuth
    /** What a participant's link or cookie is checked against (server/auth/principal.ts). */
    participantAuth: ParticipantAuthDeps
    /** Failed staff sign-ins per source address (A9); failed link look-ups are counted apart. */
    failures: FailureLimiter
    /** Cookies get `Secure` when the public URL is https. */
    secureCookies: boolean
  }
}

/**
 * Who is asking: staff sessions (the `sip_staff` cookie), participant sessions (a link, or the
 * `sip_p_<participantId>` cookie it was exchanged for), the CSRF guard and the failure limiters (A9).
 *
 * Depends on security: its hooks – cookies parsed, the CSRF header checked, the staff session looked
 * up and slid forward – come after the load guards, so a refused request costs none of them.
 */
export const authPlugin = fp<{ publicUrl: string }>(
  async (app, { publicUrl }) => {
    const { stores } = app
    const secureCookies = new URL(publicUrl).protocol === 'https:'
    const failures = new FailureLimiter()
    const staffAuth = new StaffAuth({
      accountLimiter: new FailureLimiter({ maxFailures: AUTH_FAILURES_PER_ACCOUNT }),
      unknownAccountLimiter: new FailureLimiter({ maxFailures: AUTH_FAILURES_PER_ACCOUNT }),
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
      limiter: new FailureLimiter(),
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
