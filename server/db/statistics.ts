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
  /** The convener's municipality (their account's), '' when not known. */
  municipality: string
  /** The follow-up date the signed plan booked (YYYY-MM-DD), null when none. */
  followUpOn: string | null
  /** The Stockholm day the first invitation link of the meeting was issued, null when none was. */
  invitedOn: string | null
  /** The SIP's consent date when the meeting was finalized, null when none was recorded. */
  consentOn: string | null
}

export type AttendanceStatus = 'present' | 'remote' | 'cancelled' | 'no-show' | 'unmarked'

export interface AttendanceFact {
  participantId: string
  role: string
  organisation: string
  function: string
  status: AttendanceStatus
  signed: boolean
  /** Why a present or remote participant did not sign (a MISSING_SIGNATURE_REASONS key), else null. */
  missingReason: string | null
}

/**
 * Statistics facts (issue 14): rows written once per finalized meeting, read by the report. Never
 * a name, a free text (but a function), or anything about the child beyond how it took part.
 */
export function statisticsStore(db: Db) {
  const insertMeeting = db.prepare(
    `INSERT INTO meeting_facts (meeting_id, sip_id, held_on, type, convener_organisation, convener_function,
       child_participation, follow_up_booked, signed_by_all, finalized_at, municipality, follow_up_on,
       invited_on, consent_on)
     VALUES (@meetingId, @sipId, @heldOn, @type, @convenerOrganisation, @convenerFunction, @childParticipation,
       @followUpBooked, @signedByAll, @finalizedAt, @municipality, @followUpOn, @invitedOn, @consentOn)`,
  )
  const insertAttendance = db.prepare(
    `INSERT INTO attendance_facts (meeting_id, participant_id, role, organisation, function, status, signed,
       missing_reason)
     VALUES (@meetingId, @participantId, @role, @organisation, @function, @status, @signed, @missingReason)`,
  )
  const selectMeeting = db.prepare(
    `SELECT meeting_id AS meetingId, sip_id AS sipId, held_on AS heldOn, type,
            convener_organisation AS convenerOrganisation, convener_function AS convenerFunction,
            child_participation AS childParticipation, follow_up_booked AS followUpBooked,
            signed_by_all AS signedByAll, finalized_at AS finalizedAt, municipality,
            follow_up_on AS followUpOn, invited_on AS invitedOn, consent_on AS consentOn
     FROM meeting_facts WHERE meeting_id = ?`,
  )
  const selectAttendance = db.prepare(
    `SELECT participant_id AS participantId, role, organisation, function, status, signed,
            missing_reason AS missingReason
     FROM attendance_facts WHERE meeting_id = ? ORDER BY rowid`,
  )
  const staffOrganisation = db.prepare('SELECT organisation, function, municipality FROM users WHERE id = ?')
  // The first invitation: the earliest link issued to anyone but the convener's own seat.
  const firstInvitation = db
    .prepare(
      `SELECT min(t.created_at) FROM access_tokens t JOIN participants p ON p.id = t.participant_id
       WHERE t.meeting_id = @meetingId
         AND (@convener IS NULL OR p.staff_user_id IS NOT @convener)`,
    )
    .pluck()
  const consentGiven = db
    .prepare('SELECT c.given_at FROM sip_consents c JOIN meetings m ON m.sip_id = c.sip_id WHERE m.id = ?')
    .pluck()

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

    /** The organisation, function and municipality recorded on a staff account ('' when not set). */
    staffRecord(
      userId: string,
    ): { organisation: string; function: string; municipality: string } | undefined {
      return staffOrganisation.get(userId) as
        | { organisation: string; function: string; municipality: string }
        | undefined
    },

    /** When the meeting's first invitation link was issued (ms), null when none was. */
    firstInvitationAt(meetingId: string, convenerUserId: string | null): number | null {
      return (
        (firstInvitation.get({ meetingId, convener: convenerUserId }) as number | null | undefined) ?? null
      )
    },

    /** The consent date of the meeting's SIP (YYYY-MM-DD), null when none is recorded. */
    consentOn(meetingId: string): string | null {
      return (consentGiven.get(meetingId) as string | undefined) ?? null
    },
  }
}

export type StatisticsStore = ReturnType<typeof statisticsStore>
