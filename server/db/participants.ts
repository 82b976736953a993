import { randomUUID } from 'node:crypto'
import type { Role } from '../../shared/roles'
import type { Db } from './connection'

export type RsvpAnswer = 'coming' | 'not-coming'

export interface NewParticipant {
  role: Role
  /** null when only the function is known ("kurator, BUP"). */
  name: string | null
  /** A key of ORGANISATIONS (shared/schemas/meeting.ts). */
  organisation: string
  organisationOther?: string
  function: string
  /** The staff member who is this participant (they open the meeting without a link). */
  staffUserId?: string | null
}

export interface ParticipantRow extends Required<NewParticipant> {
  id: string
  meetingId: string
  rsvp: RsvpAnswer | null
  rsvpAt: number | null
  createdAt: number
}

const COLUMNS = `id, meeting_id AS meetingId, role, name, organisation, organisation_other AS organisationOther,
  function, staff_user_id AS staffUserId, rsvp, rsvp_at AS rsvpAt, created_at AS createdAt`

/** A meeting's invited participants and their answers. */
export function participantStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO participants (id, meeting_id, role, name, organisation, organisation_other, function,
       staff_user_id, created_at)
     VALUES (@id, @meetingId, @role, @name, @organisation, @organisationOther, @function, @staffUserId, @createdAt)`,
  )
  const update = db.prepare(
    `UPDATE participants SET role = @role, name = @name, organisation = @organisation,
       organisation_other = @organisationOther, function = @function, staff_user_id = @staffUserId,
       updated_at = @now
     WHERE id = @id`,
  )
  const remove = db.prepare('DELETE FROM participants WHERE id = ?')
  const byId = db.prepare(`SELECT ${COLUMNS} FROM participants WHERE id = ? AND meeting_id = ?`)
  const ofMeeting = db.prepare(
    `SELECT ${COLUMNS} FROM participants WHERE meeting_id = ? ORDER BY created_at, rowid`,
  )
  const setRsvp = db.prepare('UPDATE participants SET rsvp = ?, rsvp_at = ? WHERE id = ?')
  const count = db.prepare('SELECT count(*) FROM participants WHERE meeting_id = ?').pluck()
  // A staff member's own seat; the chair's seat first if they have several.
  const seatsOfUser = db.prepare(`SELECT ${COLUMNS} FROM participants WHERE staff_user_id = ?`)
  const seatOf = db.prepare(
    `SELECT ${COLUMNS} FROM participants WHERE meeting_id = ? AND staff_user_id = ?
     ORDER BY role = 'chair' DESC, created_at LIMIT 1`,
  )

  return {
    add(meetingId: string, input: NewParticipant, now = Date.now()): ParticipantRow {
      const row = newParticipantRow(meetingId, input, now)
      insert.run(row)
      return row
    },

    update(id: string, input: Required<NewParticipant>, now = Date.now()): void {
      update.run({ ...input, id, now })
    },

    /** Deletes the participant with its links and sessions (the audit log keeps its rows). */
    remove(id: string): void {
      remove.run(id)
    },

    /** A participant of this meeting, or undefined (also when it belongs to another meeting). */
    get(meetingId: string, id: string): ParticipantRow | undefined {
      return byId.get(id, meetingId) as ParticipantRow | undefined
    },

    ofMeeting(meetingId: string): ParticipantRow[] {
      return ofMeeting.all(meetingId) as ParticipantRow[]
    },

    setRsvp(id: string, answer: RsvpAnswer, now = Date.now()): void {
      setRsvp.run(answer, now, id)
    },

    count(meetingId: string): number {
      return count.get(meetingId) as number
    },

    /** Every seat linked to a staff account, in any meeting. */
    seatsOfUser(userId: string): ParticipantRow[] {
      return seatsOfUser.all(userId) as ParticipantRow[]
    },

    seatOf(meetingId: string, userId: string): ParticipantRow | undefined {
      return seatOf.get(meetingId, userId) as ParticipantRow | undefined
    },
  }
}

export type ParticipantStore = ReturnType<typeof participantStore>

/** A participant as added (both engines): a new id, no answer to the invitation yet. */
export function newParticipantRow(meetingId: string, input: NewParticipant, now: number): ParticipantRow {
  return {
    id: randomUUID(),
    meetingId,
    role: input.role,
    name: input.name,
    organisation: input.organisation,
    organisationOther: input.organisationOther ?? '',
    function: input.function,
    staffUserId: input.staffUserId ?? null,
    rsvp: null,
    rsvpAt: null,
    createdAt: now,
  }
}
