import type { AuditPerson, MeetingAuditLog } from '../../shared/schemas/audit'
import type { Stores } from '../db/contract'
import { participantDisplayName } from './names'

const nobody = { name: null, role: null, isConvener: false, removed: false } as const

/**
 * A meeting's audit log with its people named (GET /api/meetings/:id/audit): a staff member by
 * their account's name, a participant by name or function and organisation with their role, the
 * meeting by its title and start. The stored rows keep ids ("staff:<id>", "participant:<id>");
 * none of them leaves here. Undefined for no such meeting.
 */
export async function auditLogView(
  stores: Pick<Stores, 'meetings' | 'participants' | 'users' | 'audit'>,
  meetingId: string,
): Promise<MeetingAuditLog | undefined> {
  const meeting = await stores.meetings.getMeeting(meetingId)
  if (!meeting) return undefined
  const rows = await stores.audit.forMeeting(meetingId, meeting.sipId)
  const seats = new Map((await stores.participants.ofMeeting(meetingId)).map((p) => [p.id, p]))
  // A removed participant is named as the rows they wrote themselves named them (actorName).
  const namesOfRemoved = new Map<string, string>()
  for (const row of rows) {
    if (row.actor.startsWith('participant:') && row.actorName) {
      namesOfRemoved.set(row.actor.slice('participant:'.length), row.actorName)
    }
  }
  // Every staff member the rows name, by their account's name (read once each).
  const users = new Map<string, string | null>()
  for (const ref of rows.flatMap((row) => [row.actor, row.subject ?? ''])) {
    const id = ref.startsWith('staff:') ? ref.slice('staff:'.length) : undefined
    if (id !== undefined && !users.has(id)) users.set(id, (await stores.users.byId(id))?.name ?? null)
  }

  const person = (ref: string, storedName: string | null): AuditPerson => {
    const [kind, id = ''] = ref.split(/:(.*)/s) as [string, string?]
    if (kind === 'staff') {
      const seat = [...seats.values()].find((p) => p.staffUserId === id)
      return {
        ...nobody,
        kind: 'staff',
        name: users.get(id) ?? storedName,
        role: seat?.role ?? null,
        isConvener: meeting.convenerUserId === id,
      }
    }
    if (kind === 'participant') {
      const seat = seats.get(id)
      if (seat) return { ...nobody, kind: 'participant', name: participantDisplayName(seat), role: seat.role }
      return {
        ...nobody,
        kind: 'participant',
        name: storedName ?? namesOfRemoved.get(id) ?? null,
        removed: true,
      }
    }
    return { ...nobody, kind: kind === 'system' ? 'system' : 'anonymous' }
  }

  return {
    meeting: { id: meeting.id, title: meeting.title, startsAt: new Date(meeting.startsAt).toISOString() },
    entries: rows.map((row) => ({
      id: row.id,
      at: row.at,
      action: row.action,
      sourceAddress: row.sourceAddress,
      count: row.count,
      lastAt: row.lastAt,
      actor: person(row.actor, row.actorName),
      subject: row.subject === null ? null : person(row.subject, null),
    })),
  }
}
