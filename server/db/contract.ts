import type { AccessTokenStore } from './access-tokens'
import type { AuditLogStore } from './audit-log'
import type { DocumentStore } from './documents'
import type { MeetingStore } from './meetings'
import type { ParticipantSessionStore } from './participant-sessions'
import type { ParticipantStore } from './participants'
import type { SignoffStore } from './signoff'
import type { SipStore } from './sips'
import type { StaffSessionStore } from './staff-sessions'
import type { StatisticsStore } from './statistics'
import type { StatisticsReportStore } from './statistics-report'
import type { UserStore } from './users'

/**
 * The storage contract both engines keep (decision 013). Each store's methods are those of the
 * SQLite store of the same name, answering a Promise: SQLite answers at once, PostgreSQL after its
 * round trip. Rows have the same shape on both engines (numbers, not strings; Uint8Array bytes).
 */
export type Async<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never
}

export interface Stores {
  meetings: Async<MeetingStore>
  participants: Async<ParticipantStore>
  tokens: Async<AccessTokenStore>
  participantSessions: Async<ParticipantSessionStore>
  documents: Async<DocumentStore>
  users: Async<UserStore>
  staffSessions: Async<StaffSessionStore>
  audit: Async<AuditLogStore>
  signoff: Async<SignoffStore>
  sips: Async<SipStore>
  statistics: Async<StatisticsStore>
  statisticsReport: Async<StatisticsReportStore>
}

/**
 * Runs `work` as one write transaction and answers what it answered; a throw rolls everything back.
 * Every store call made inside `work` – in its async context, found through AsyncLocalStorage –
 * belongs to the transaction; inside another transaction it is a savepoint of that one. `work` may
 * await store calls only: awaiting anything else (a flush of the sync core, a password hash, the
 * network) holds the database for everyone else meanwhile.
 */
export type WriteTransaction = <T>(work: () => Promise<T>) => Promise<T>

export interface Storage {
  readonly engine: 'sqlite' | 'postgres'
  readonly stores: Stores
  readonly transaction: WriteTransaction
  /** A cheap round trip: health checks. */
  ping(): Promise<void>
  /** True when `error` is the engine's unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean
  close(): Promise<void>
}
