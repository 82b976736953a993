import { randomUUID } from 'node:crypto'
import type { Organisation } from '../../shared/schemas/meeting'
import type { CloseReason, DeviationCategory } from '../../shared/schemas/sip'
import type { Db } from './connection'

/** A SIP (ärende) as stored: one child's coordination across meetings (docs/process.md). */
export interface SipRow {
  id: string
  childName: string
  status: 'active' | 'closed'
  isDemo: boolean
  createdByUserId: string | null
  createdAt: number
  updatedAt: number
  closure: {
    closedAt: number
    closedOn: string
    reason: CloseReason
    note: string
    closedByUserId: string | null
    closedBy: string
  } | null
}

export interface ResponsibleRow {
  id: number
  sipId: string
  organisation: Organisation
  organisationOther: string
  function: string
  name: string
  userId: string | null
  fromDate: string
  meetingId: string | null
  recordedAt: number
  recordedBy: string
}

export type NewResponsible = Omit<ResponsibleRow, 'id' | 'sipId' | 'recordedAt' | 'recordedBy'>

export interface DeviationRow {
  id: string
  sipId: string
  meetingId: string | null
  category: DeviationCategory
  organisation: Organisation
  organisationOther: string
  description: string
  occurredOn: string
  recordedAt: number
  recordedByUserId: string | null
  recordedBy: string
}

export type NewDeviation = Omit<DeviationRow, 'id' | 'sipId' | 'recordedAt'>

/** Who recorded something: their account (null for the system) and their name. */
export interface RecordedBy {
  userId: string | null
  name: string
}

const SIP_COLUMNS = `s.id, s.child_name AS childName, s.status, s.is_demo AS isDemo,
  s.created_by_user_id AS createdByUserId, s.created_at AS createdAt, s.updated_at AS updatedAt,
  s.closed_at AS closedAt, s.closed_on AS closedOn, s.close_reason AS reason, s.close_note AS note,
  s.closed_by_user_id AS closedByUserId, s.closed_by_name AS closedBy`

/** A SIP row as both engines read it (flags as 0/1, the closure as columns). */
export type RawSip = Omit<SipRow, 'isDemo' | 'closure'> & {
  isDemo: number
  closedAt: number | null
  closedOn: string | null
  reason: CloseReason | null
  note: string
  closedByUserId: string | null
  closedBy: string | null
}

/** The row as the stores answer it, on either engine. */
export function toSip(raw: RawSip): SipRow {
  const { closedAt, closedOn, reason, note, closedByUserId, closedBy, isDemo, ...rest } = raw
  return {
    ...rest,
    isDemo: isDemo === 1,
    closure:
      closedAt === null
        ? null
        : {
            closedAt,
            closedOn: closedOn ?? '',
            reason: reason ?? 'no-new-needs',
            note,
            closedByUserId,
            closedBy: closedBy ?? '',
          },
  }
}

const RESPONSIBLE_COLUMNS = `id, sip_id AS sipId, organisation, organisation_other AS organisationOther, function,
  name, user_id AS userId, from_date AS fromDate, meeting_id AS meetingId, recorded_at AS recordedAt,
  recorded_by_name AS recordedBy`

const DEVIATION_COLUMNS = `id, sip_id AS sipId, meeting_id AS meetingId, category, organisation,
  organisation_other AS organisationOther, description, occurred_on AS occurredOn, recorded_at AS recordedAt,
  recorded_by_user_id AS recordedByUserId, recorded_by_name AS recordedBy`

/**
 * SIP records: the SIP itself, its huvudansvarig over time, its closure and its deviations. Its
 * meetings are server/db/meetings.ts (meetings.sip_id), its consent too (through a meeting or
 * `sipConsent`). Writes belong inside the caller's transaction.
 */
export function sipStore(db: Db) {
  const select = db.prepare(`SELECT ${SIP_COLUMNS} FROM sips s WHERE s.id = ?`)
  const visibleTo = db.prepare(
    `SELECT ${SIP_COLUMNS} FROM sips s
     WHERE s.id IN (
       SELECT m.sip_id FROM meetings m WHERE m.convener_user_id = @userId
       UNION SELECT r.sip_id FROM sip_responsible r
         WHERE r.user_id = @userId AND r.id = (SELECT max(id) FROM sip_responsible WHERE sip_id = r.sip_id)
     )
     ORDER BY s.status, s.updated_at DESC`,
  )
  const isConvener = db
    .prepare('SELECT EXISTS (SELECT 1 FROM meetings WHERE sip_id = ? AND convener_user_id = ?)')
    .pluck()
  const closedByMeeting = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM meetings m JOIN sips s ON s.id = m.sip_id WHERE m.id = ? AND s.status = 'closed')`,
    )
    .pluck()
  const touch = db.prepare('UPDATE sips SET updated_at = ? WHERE id = ?')
  const rename = db.prepare('UPDATE sips SET child_name = ?, updated_at = ? WHERE id = ?')
  const close = db.prepare(
    `UPDATE sips SET status = 'closed', closed_at = @now, closed_on = @closedOn, close_reason = @reason,
       close_note = @note, closed_by_user_id = @userId, closed_by_name = @name, updated_at = @now
     WHERE id = @id AND status = 'active'`,
  )
  const withdrawConsent = db.prepare(
    `UPDATE sip_consents SET withdrawn_at = @now, withdrawn_on = @withdrawnOn, withdrawn_by = @withdrawnBy,
       withdrawal_recorded_by_name = @name
     WHERE sip_id = @sipId AND withdrawn_at IS NULL`,
  )
  const insertResponsible = db.prepare(
    `INSERT INTO sip_responsible (sip_id, organisation, organisation_other, function, name, user_id, from_date,
       meeting_id, recorded_at, recorded_by_user_id, recorded_by_name)
     VALUES (@sipId, @organisation, @organisationOther, @function, @name, @userId, @fromDate, @meetingId,
       @now, @recordedByUserId, @recordedBy)`,
  )
  const responsibleHistory = db.prepare(
    `SELECT ${RESPONSIBLE_COLUMNS} FROM sip_responsible WHERE sip_id = ? ORDER BY id DESC`,
  )
  const insertDeviation = db.prepare(
    `INSERT INTO deviations (id, sip_id, meeting_id, category, organisation, organisation_other, description,
       occurred_on, recorded_at, recorded_by_user_id, recorded_by_name)
     VALUES (@id, @sipId, @meetingId, @category, @organisation, @organisationOther, @description, @occurredOn,
       @now, @recordedByUserId, @recordedBy)`,
  )
  const deviationsOf = db.prepare(
    `SELECT ${DEVIATION_COLUMNS} FROM deviations WHERE sip_id = ? ORDER BY occurred_on DESC, recorded_at DESC`,
  )
  const allDeviations = db.prepare(
    `SELECT ${DEVIATION_COLUMNS} FROM deviations ORDER BY occurred_on DESC, recorded_at DESC LIMIT ?`,
  )
  const getSetting = db.prepare('SELECT value FROM settings WHERE key = ?').pluck()
  const putSetting = db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by_user_id) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
       updated_by_user_id = excluded.updated_by_user_id`,
  )

  return {
    get(id: string): SipRow | undefined {
      const raw = select.get(id) as RawSip | undefined
      return raw && toSip(raw)
    },

    /** "Mina SIP:ar": SIPs with a meeting `userId` convened, or whose current huvudansvarig they are. */
    visibleTo(userId: string): SipRow[] {
      return (visibleTo.all({ userId }) as RawSip[]).map(toSip)
    },

    /** `userId` convened one of the SIP's meetings. */
    isConvener(sipId: string, userId: string): boolean {
      return isConvener.get(sipId, userId) === 1
    },

    /** P9: the meeting's SIP is closed. */
    closedByMeeting(meetingId: string): boolean {
      return closedByMeeting.get(meetingId) === 1
    },

    touch(id: string, now = Date.now()): void {
      touch.run(now, id)
    },

    /** The child's name changed on one of its meetings. */
    rename(id: string, childName: string, now = Date.now()): void {
      rename.run(childName, now, id)
    },

    /** Closes an active SIP; false when it was closed already (nothing changes). */
    close(
      id: string,
      closure: { closedOn: string; reason: CloseReason; note: string },
      by: RecordedBy,
      now = Date.now(),
    ): boolean {
      return close.run({ id, ...closure, userId: by.userId, name: by.name, now }).changes === 1
    },

    /** Marks the SIP's consent withdrawn (once); false when there is none or it was withdrawn. */
    withdrawConsent(
      sipId: string,
      withdrawal: { withdrawnOn: string; withdrawnBy: string },
      by: RecordedBy,
      now = Date.now(),
    ): boolean {
      return withdrawConsent.run({ sipId, ...withdrawal, name: by.name, now }).changes === 1
    },

    addResponsible(sipId: string, responsible: NewResponsible, by: RecordedBy, now = Date.now()): void {
      insertResponsible.run({ sipId, ...responsible, recordedByUserId: by.userId, recordedBy: by.name, now })
    },

    /** Every huvudansvarig the SIP has had, newest (the current one) first. */
    responsibleHistory(sipId: string): ResponsibleRow[] {
      return responsibleHistory.all(sipId) as ResponsibleRow[]
    },

    addDeviation(sipId: string, deviation: NewDeviation, now = Date.now()): DeviationRow {
      const id = randomUUID()
      insertDeviation.run({ id, sipId, ...deviation, now })
      return { id, sipId, ...deviation, recordedAt: now }
    },

    deviations(sipId: string): DeviationRow[] {
      return deviationsOf.all(sipId) as DeviationRow[]
    },

    /** Every deviation of the installation, newest first, at most `limit`. */
    allDeviations(limit = 10_000): DeviationRow[] {
      return allDeviations.all(limit) as DeviationRow[]
    },

    setting(key: string): string | undefined {
      return getSetting.get(key) as string | undefined
    },

    putSetting(key: string, value: string, userId: string | null, now = Date.now()): void {
      putSetting.run(key, value, now, userId)
    },
  }
}

export type SipStore = ReturnType<typeof sipStore>
