import type { Db } from './connection'

/** The facts of one finalized meeting (schema 10), as written once at finalization. */
export interface MeetingFacts {
  meetingId: string
  sipId: string
  heldOn: string
  type: 'first' | 'followup'
  convenerOrganisation: string
  convenerFunction: string
  childParticipation: string
  followUpBooked: boolean
  signedByAll: boolean
  finalizedAt: number
}

export type AttendanceStatus = 'present' | 'remote' | 'cancelled' | 'no-show' | 'unmarked'

export interface AttendanceFact {
  participantId: string
  role: string
  organisation: string
  function: string
  status: AttendanceStatus
  signed: boolean
}

/**
 * Statistics facts (issue 14): rows written once per finalized meeting, read by the report. Never
 * a name, a free text (but a function), or anything about the child beyond how it took part.
 */
export function statisticsStore(db: Db) {
  const insertMeeting = db.prepare(
    `INSERT INTO meeting_facts (meeting_id, sip_id, held_on, type, convener_organisation, convener_function,
       child_participation, follow_up_booked, signed_by_all, finalized_at)
     VALUES (@meetingId, @sipId, @heldOn, @type, @convenerOrganisation, @convenerFunction, @childParticipation,
       @followUpBooked, @signedByAll, @finalizedAt)`,
  )
  const insertAttendance = db.prepare(
    `INSERT INTO attendance_facts (meeting_id, participant_id, role, organisation, function, status, signed)
     VALUES (@meetingId, @participantId, @role, @organisation, @function, @status, @signed)`,
  )
  const selectMeeting = db.prepare(
    `SELECT meeting_id AS meetingId, sip_id AS sipId, held_on AS heldOn, type,
            convener_organisation AS convenerOrganisation, convener_function AS convenerFunction,
            child_participation AS childParticipation, follow_up_booked AS followUpBooked,
            signed_by_all AS signedByAll, finalized_at AS finalizedAt
     FROM meeting_facts WHERE meeting_id = ?`,
  )
  const selectAttendance = db.prepare(
    `SELECT participant_id AS participantId, role, organisation, function, status, signed
     FROM attendance_facts WHERE meeting_id = ? ORDER BY rowid`,
  )
  const staffOrganisation = db.prepare('SELECT organisation, function FROM users WHERE id = ?')

  return {
    /** Writes a meeting's facts (inside the finalizing transaction). */
    record(facts: MeetingFacts, attendance: readonly AttendanceFact[]): void {
      insertMeeting.run({
        ...facts,
        followUpBooked: facts.followUpBooked ? 1 : 0,
        signedByAll: facts.signedByAll ? 1 : 0,
      })
      for (const fact of attendance) {
        insertAttendance.run({ ...fact, meetingId: facts.meetingId, signed: fact.signed ? 1 : 0 })
      }
    },

    meetingFacts(meetingId: string): MeetingFacts | undefined {
      const raw = selectMeeting.get(meetingId) as
        | (Omit<MeetingFacts, 'followUpBooked' | 'signedByAll'> & {
            followUpBooked: number
            signedByAll: number
          })
        | undefined
      return raw && { ...raw, followUpBooked: raw.followUpBooked === 1, signedByAll: raw.signedByAll === 1 }
    },

    attendance(meetingId: string): AttendanceFact[] {
      return (selectAttendance.all(meetingId) as (Omit<AttendanceFact, 'signed'> & { signed: number })[]).map(
        (row) => ({ ...row, signed: row.signed === 1 }),
      )
    },

    /** The organisation and function recorded on a staff account ('' when not set). */
    staffRecord(userId: string): { organisation: string; function: string } | undefined {
      return staffOrganisation.get(userId) as { organisation: string; function: string } | undefined
    },
  }
}

export type StatisticsStore = ReturnType<typeof statisticsStore>
