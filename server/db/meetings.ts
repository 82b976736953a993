import { randomUUID } from 'node:crypto'
import type { Role } from '../../shared/roles'
import type { Db } from './connection'

export interface MeetingRow {
  id: string
  title: string
  childName: string
  startsAt: number | null
  isDemo: boolean
  createdAt: number
}

export interface ParticipantRow {
  id: string
  meetingId: string
  role: Role
  name: string | null
  organisation: string
  function: string
}

export interface NewMeeting {
  title: string
  childName: string
  startsAt?: number | null
  isDemo?: boolean
}

export interface NewParticipant {
  role: Role
  name: string | null
  organisation: string
  function: string
}

/** Meetings and their participants. The full set-up API builds on this store. */
export function meetingStore(db: Db) {
  const insertMeeting = db.prepare(
    `INSERT INTO meetings (id, title, child_name, starts_at, is_demo, created_at)
     VALUES (@id, @title, @childName, @startsAt, @isDemo, @createdAt)`,
  )
  const insertParticipant = db.prepare(
    `INSERT INTO participants (id, meeting_id, role, name, organisation, function, created_at)
     VALUES (@id, @meetingId, @role, @name, @organisation, @function, @createdAt)`,
  )
  const selectMeeting = db.prepare(
    `SELECT id, title, child_name AS childName, starts_at AS startsAt, is_demo AS isDemo, created_at AS createdAt
     FROM meetings WHERE id = ?`,
  )
  const selectParticipants = db.prepare(
    `SELECT id, meeting_id AS meetingId, role, name, organisation, function
     FROM participants WHERE meeting_id = ? ORDER BY created_at, rowid`,
  )
  const countMeetings = db.prepare('SELECT count(*) AS n FROM meetings').pluck()

  return {
    createMeeting(input: NewMeeting, now = Date.now()): MeetingRow {
      const row = {
        id: randomUUID(),
        title: input.title,
        childName: input.childName,
        startsAt: input.startsAt ?? null,
        isDemo: input.isDemo ? 1 : 0,
        createdAt: now,
      }
      insertMeeting.run(row)
      return { ...row, isDemo: row.isDemo === 1 }
    },

    addParticipant(meetingId: string, input: NewParticipant, now = Date.now()): ParticipantRow {
      const row = { id: randomUUID(), meetingId, ...input, createdAt: now }
      insertParticipant.run(row)
      return {
        id: row.id,
        meetingId,
        role: input.role,
        name: input.name,
        organisation: input.organisation,
        function: input.function,
      }
    },

    getMeeting(id: string): MeetingRow | undefined {
      const row = selectMeeting.get(id) as (Omit<MeetingRow, 'isDemo'> & { isDemo: number }) | undefined
      return row && { ...row, isDemo: row.isDemo === 1 }
    },

    participants(meetingId: string): ParticipantRow[] {
      return selectParticipants.all(meetingId) as ParticipantRow[]
    },

    count(): number {
      return countMeetings.get() as number
    },
  }
}

export type MeetingStore = ReturnType<typeof meetingStore>
