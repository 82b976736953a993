import { accessTokenStore } from './access-tokens'
import { auditLogStore } from './audit-log'
import type { Db } from './connection'
import { documentStore } from './documents'
import { meetingStore } from './meetings'
import { participantSessionStore } from './participant-sessions'
import { participantStore } from './participants'
import { signoffStore } from './signoff'
import { sipStore } from './sips'
import { staffSessionStore } from './staff-sessions'
import { statisticsStore } from './statistics'
import { userStore } from './users'

/** Every table group's store over one connection. */
export function openStores(db: Db) {
  return {
    meetings: meetingStore(db),
    participants: participantStore(db),
    tokens: accessTokenStore(db),
    participantSessions: participantSessionStore(db),
    documents: documentStore(db),
    users: userStore(db),
    staffSessions: staffSessionStore(db),
    audit: auditLogStore(db),
    signoff: signoffStore(db),
    sips: sipStore(db),
    statistics: statisticsStore(db),
  }
}

export type Stores = ReturnType<typeof openStores>

/**
 * Runs `work` as one write transaction – SQLite's BEGIN IMMEDIATE, so it never waits half-way for
 * another writer – and answers what it answered. A throw rolls everything back. Inside another
 * transaction it is a savepoint of that one.
 */
export type WriteTransaction = <T>(work: () => T) => T

export function writeTransaction(db: Db): WriteTransaction {
  return (work) => db.transaction(work).immediate()
}
