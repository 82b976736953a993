import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  STAFF_SESSION_IDLE_MINUTES,
  STAFF_SESSION_MAX_HOURS,
  STAFF_SESSION_WARNING_MINUTES,
} from '../../shared/limits'
import type { StaffSession, User } from '../../shared/schemas/staff'
import type { Stores } from '../db/contract'
import type { StaffSessionRow } from '../db/staff-sessions'
import type { UserRow } from '../db/users'
import { cookieOptions, STAFF_COOKIE } from './cookies'
import type { FailureCounter } from './failure-counter'
import { verifyPassword } from './passwords'

/**
 * Staff authentication, in one place. A sign-in method proves who someone is – today e-mail and
 * password (`passwordSignIn`); an OpenID Connect callback would be a second method – and then
 * `startSession` gives them the `sip_staff` cookie. Routes never touch password hashes or session
 * rows; they read `request.staff`, resolved here once per request.
 */

export interface StaffIdentity {
  user: UserRow
  session: StaffSessionRow
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, if the request carries a live `sip_staff` cookie. */
    staff: StaffIdentity | null
    /** Set when a `sip_staff` cookie was sent but its session has run out. */
    staffSessionExpired: boolean
  }
}

export interface StaffAuthDeps {
  users: Stores['users']
  sessions: Stores['staffSessions']
  audit: Stores['audit']
  /** Failed sign-ins per source address (A9). */
  limiter: FailureCounter
  /** Failed sign-ins per account (e-mail), from any address (A9). */
  accountLimiter: FailureCounter
  /**
   * The same for e-mail addresses without an account, so both answer alike. A map of its own:
   * spraying made-up addresses can fill it, but never push a real account's count out.
   */
  unknownAccountLimiter: FailureCounter
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean
}

export type SignInResult =
  | { ok: true; user: UserRow }
  | { ok: false; reason: 'invalid-credentials' | 'account-disabled' }
  | { ok: false; reason: 'too-many-failures'; retryAfterSeconds: number }

const IDLE_MS = STAFF_SESSION_IDLE_MINUTES * 60_000
const MAX_MS = STAFF_SESSION_MAX_HOURS * 3_600_000
const WARNING_MS = STAFF_SESSION_WARNING_MINUTES * 60_000

/** Asking who is signed in must not keep the session alive, or an open tab would never time out. */
function slides(request: FastifyRequest): boolean {
  return !(request.method === 'GET' && request.url.split('?')[0] === '/api/auth/me')
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    isAdmin: row.isAdmin,
    disabled: row.disabledAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
    organisation: row.organisation as User['organisation'],
    function: row.function,
    municipality: row.municipality,
    statistics: row.statistics,
  }
}

export class StaffAuth {
  constructor(private readonly deps: StaffAuthDeps) {}

  /** Resolves `request.staff` for every API request, sliding the idle timeout on use. */
  install(app: FastifyInstance): void {
    app.decorateRequest('staff', null)
    app.decorateRequest('staffSessionExpired', false)
    app.addHook('onRequest', async (request) => {
      const value = request.cookies[STAFF_COOKIE]
      if (!value || !request.url.startsWith('/api/')) return
      const now = Date.now()
      const found = await this.deps.sessions.lookup(value, now)
      if (!found.ok) {
        request.staffSessionExpired = found.reason === 'expired'
        return
      }
      const { session, user } = found
      if (slides(request)) session.idleExpiresAt = await this.deps.sessions.touch(session.id, now + IDLE_MS)
      request.staff = { user, session }
    })
  }

  /**
   * E-mail and password. Every failure is counted against the address and the e-mail, and written
   * to the audit log. An e-mail without an account is answered exactly like one with: the same
   * 401s, the same 429 after as many failures, and a password check that costs as long (A9).
   */
  async passwordSignIn(email: string, password: string, request: FastifyRequest): Promise<SignInResult> {
    // A9: guessing one account's password from many addresses is limited per account as well.
    const account = email.trim().toLowerCase()
    // Both maps, before the account is looked up: a refusal looks the same whichever map it is in.
    const retryAfterSeconds = Math.max(
      ...(await Promise.all([
        this.deps.accountLimiter.retryAfterSeconds(account),
        this.deps.unknownAccountLimiter.retryAfterSeconds(account),
      ])),
    )
    if (retryAfterSeconds > 0) {
      request.log.warn('sign-in refused: failure limit reached for this account')
      return { ok: false, reason: 'too-many-failures', retryAfterSeconds }
    }
    const user = await this.deps.users.byEmail(email)
    const accounts = user ? this.deps.accountLimiter : this.deps.unknownAccountLimiter
    // Counted before the (slow) check and taken back if it succeeds: a burst of parallel guesses
    // cannot all pass the limits while the first ones are still being checked.
    const [exhausted] = await Promise.all([this.deps.limiter.fail(request.ip), accounts.fail(account)])
    // Without an account this still hashes the password: the time taken does not tell either.
    const valid = await verifyPassword(password, user?.passwordHash)
    if (user && valid) {
      await Promise.all([this.deps.limiter.forgive(request.ip), accounts.forgive(account)])
    }
    if (!user || !valid) {
      // The address is on the request line; the e-mail is not logged (it may be a mistyped password).
      request.log.info('sign-in failed')
      if (exhausted) request.log.warn('sign-in failure limit reached for this address')
      // The subject is the account only if it exists: an unknown "e-mail" may be a mistyped password.
      await this.deps.audit.append({
        action: 'auth.login-failed',
        actor: 'anonymous',
        subject: user ? `staff:${user.id}` : null,
        sourceAddress: request.ip,
      })
      return { ok: false, reason: 'invalid-credentials' }
    }
    if (user.disabledAt !== null) {
      await this.deps.audit.append({
        action: 'auth.login-failed',
        actor: `staff:${user.id}`,
        actorName: user.name,
        subject: `staff:${user.id}`,
        sourceAddress: request.ip,
      })
      return { ok: false, reason: 'account-disabled' }
    }
    return { ok: true, user }
  }

  /** Gives a user who proved who they are a new session and its cookie. */
  async startSession(user: UserRow, request: FastifyRequest, reply: FastifyReply): Promise<StaffSession> {
    const now = Date.now()
    await this.deps.sessions.purge(now)
    const { value, session } = await this.deps.sessions.create(
      user.id,
      { idleMs: IDLE_MS, maxMs: MAX_MS },
      now,
    )
    // No expiry on the cookie: it ends with the browser; the server ends the session sooner.
    reply.setCookie(STAFF_COOKIE, value, cookieOptions(this.deps.secureCookies))
    await this.deps.audit.append({
      action: 'auth.login',
      actor: `staff:${user.id}`,
      actorName: user.name,
      sourceAddress: request.ip,
    })
    return this.view({ user, session })
  }

  async endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const identity = request.staff
    if (identity) {
      await this.deps.sessions.end(identity.session.id)
      await this.deps.audit.append({
        action: 'auth.logout',
        actor: `staff:${identity.user.id}`,
        actorName: identity.user.name,
        sourceAddress: request.ip,
      })
    }
    reply.clearCookie(STAFF_COOKIE, cookieOptions(this.deps.secureCookies))
  }

  /** A disabled user is signed out everywhere at once. */
  async endAllSessions(userId: string): Promise<void> {
    await this.deps.sessions.endAllForUser(userId)
  }

  view({ user, session }: StaffIdentity): StaffSession {
    const expiresAt = Math.min(session.idleExpiresAt, session.absoluteExpiresAt)
    return {
      user: toUser(user),
      expiresAt: new Date(expiresAt).toISOString(),
      warnAt: new Date(Math.max(session.createdAt, expiresAt - WARNING_MS)).toISOString(),
    }
  }
}

/**
 * A route's preValidation: a signed-in staff member, else 401 (`session-expired` or `not-signed-in`).
 * Before the body is checked against the route's schema: who is asking comes before what they sent.
 */
export async function requireStaff(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  if (request.staff) return
  return reply.code(401).send({ error: request.staffSessionExpired ? 'session-expired' : 'not-signed-in' })
}

/** A route's preValidation: a signed-in administrator, else 401 or 403. */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  if (!request.staff) return requireStaff(request, reply)
  if (!request.staff.user.isAdmin) return reply.code(403).send({ error: 'forbidden' })
}

/**
 * A route's preValidation: a signed-in staff member whose account may read the statistics (issue
 * 14), else 401 or 403. Being an administrator is not enough: an administrator grants it, to
 * themself too.
 */
export async function requireStatistics(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  if (!request.staff) return requireStaff(request, reply)
  if (!request.staff.user.statistics) return reply.code(403).send({ error: 'forbidden' })
}

/** The signed-in staff member of a route behind requireStaff. */
export function staffOf(request: FastifyRequest): StaffIdentity {
  if (!request.staff) throw new Error('route is missing the requireStaff hook')
  return request.staff
}

/** The audit fields for an action by the signed-in staff member. */
export function staffActor(request: FastifyRequest): {
  actor: string
  actorName: string
  sourceAddress: string
} {
  const { user } = staffOf(request)
  return { actor: `staff:${user.id}`, actorName: user.name, sourceAddress: request.ip }
}
