import path from 'node:path'
import type { Role } from '../../shared/roles'
import { type Db, openDatabase } from '../db/connection'
import type { Stores, WriteTransaction } from '../db/contract'
import { documentStore } from '../db/documents'
import type { ParticipantRow } from '../db/participants'
import { sqliteStorage } from '../db/sqlite-storage'
import type { Asker } from '../meetings/access'
import { type MeetingService, meetingService } from '../meetings/service'
import { MemoryPlanDocuments } from '../plan/memory-documents'
import { type SignoffService, signoffService } from '../signoff/service'
import { tempDataDir, testSetup } from './harness'
import { TEST_PEOPLE } from './people'

/**
 * The services without HTTP or sockets: a real SQLite file in a temp folder, the real stores, and
 * the live plans in memory (MemoryPlanDocuments). What the services log is collected in `logged`.
 */
export interface TestServices {
  db: Db
  stores: Stores
  /** The stores' write transaction (server/db/contract.ts). */
  transaction: WriteTransaction
  plans: MemoryPlanDocuments
  meetings: MeetingService
  signoff: SignoffService
  logged: { level: 'warn' | 'error'; message: string; details: object }[]
  close(): void
}

export const TEST_PUBLIC_URL = 'https://sip.example'

export function openTestServices(): TestServices {
  const db = openDatabase({ file: path.join(tempDataDir(), 'sip-live.db') })
  const { stores, transaction } = sqliteStorage(db)
  // The live plans load as the sync core does: from the document log, at once.
  const documents = documentStore(db)
  const plans = new MemoryPlanDocuments((meetingId) => documents.load(meetingId).parts)
  const logged: TestServices['logged'] = []
  const log = {
    warn: (details: object, message: string) => logged.push({ level: 'warn', message, details }),
    error: (details: object, message: string) => logged.push({ level: 'error', message, details }),
  }
  const meetings = meetingService({ stores, transaction, plans, publicUrl: TEST_PUBLIC_URL, log })
  const signoff = signoffService({
    stores,
    transaction,
    plans,
    roster: meetings,
    publicUrl: TEST_PUBLIC_URL,
    log,
  })
  return { db, stores, transaction, plans, meetings, signoff, logged, close: () => db.close() }
}

const PEOPLE = TEST_PEOPLE

export interface ServiceMeeting {
  id: string
  people: Record<Role, ParticipantRow>
  /** The participant of `role` asking, with the meeting as it is stored now. */
  as(role: Role): Promise<Asker>
}

/** A meeting created through the meeting service, with one participant of each role. */
export async function createServiceMeeting(services: TestServices): Promise<ServiceMeeting> {
  const { meeting, invited } = await services.meetings.create(
    {
      setup: testSetup(),
      convenerUserId: null,
      participants: (Object.keys(PEOPLE) as Role[]).map((role) => ({ role, ...PEOPLE[role] })),
    },
    null,
  )
  const people = Object.fromEntries(
    invited.map(({ participant }) => [participant.role, participant]),
  ) as Record<Role, ParticipantRow>
  return {
    id: meeting.id,
    people,
    as: async (role) => ({
      meeting: (await services.stores.meetings.getMeeting(meeting.id))!,
      participant: (await services.stores.participants.get(meeting.id, people[role].id))!,
    }),
  }
}
