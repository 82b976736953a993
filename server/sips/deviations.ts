import type { z } from 'zod'
import { stockholmDay, TIME_ZONE } from '../../shared/dates'
import { DEVIATION_CATEGORY_TERMS } from '../../shared/deviation-terms'
import { MINUTES_TEXT } from '../../shared/minutes/text'
import {
  type Deviation,
  type DeviationInput,
  DeviationInputSchema,
  type InstallationDeviation,
} from '../../shared/schemas/sip'
import { TERMS } from '../../shared/terms'
import { toCsv } from '../csv'
import type { NewAuditEntry } from '../db/audit-log'
import type { Stores, WriteTransaction } from '../db/contract'
import type { MeetingRow } from '../db/meetings'
import type { DeviationRow, RecordedBy } from '../db/sips'

/**
 * Deviations (avvikelser, seed 002 section 5; docs/process.md P11, P12): staff who see a SIP
 * (server/sips/access.ts, checked by the route) record them on the SIP or one of its meetings;
 * they are listed per SIP and, for administrators, for the whole installation, and exported as
 * CSV to be filed in the municipality's own deviation system. Every read and write is audited.
 */

/** Who acts, as the audit log names them (staffActor). */
export type DeviationActor = Pick<NewAuditEntry, 'actor' | 'actorName' | 'sourceAddress'>

/** The CSV's columns (Swedish: the file is for the municipality's Swedish deviation system). */
export const DEVIATION_CSV_HEADER = [
  'Datum',
  'Kategori',
  'Organisation',
  'Beskrivning',
  'Möte',
  'Registrerad av',
  'Registrerad',
] as const

/** What the "Möte" column says for a deviation on the SIP as a whole. */
const WHOLE_SIP = 'Hela SIP:en'
const MEETING_TYPES = MINUTES_TEXT.sv.about.types

/** "2026-11-29 14:05" in Stockholm: sv-SE writes ISO order. Made at the first use, as in shared/dates.ts. */
let minuteFormat: Intl.DateTimeFormat | undefined
function stockholmMinute(ms: number): string {
  minuteFormat ??= new Intl.DateTimeFormat('sv-SE', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
  return minuteFormat.format(new Date(ms))
}

/** The organisation as people say it: "BUP", "BUP (BUP Nord)", or the free text of "Annan". */
function organisationLabel(row: Pick<DeviationRow, 'organisation' | 'organisationOther'>): string {
  const base = TERMS.sv.organisations[row.organisation]
  if (row.organisation === 'annan') return row.organisationOther || base
  return row.organisationOther ? `${base} (${row.organisationOther})` : base
}

/** "Uppföljningsmöte 2027-03-01": which meeting, without naming the child. */
function meetingLabel(meeting: MeetingRow | undefined): string {
  if (!meeting) return ''
  return `${MEETING_TYPES[meeting.type] ?? meeting.type} ${stockholmDay(meeting.startsAt)}`
}

export function toDeviation(row: DeviationRow): Deviation {
  return {
    id: row.id,
    sipId: row.sipId,
    meetingId: row.meetingId,
    category: row.category,
    organisation: row.organisation,
    organisationOther: row.organisationOther,
    description: row.description,
    occurredOn: row.occurredOn,
    recordedAt: new Date(row.recordedAt).toISOString(),
    recordedBy: row.recordedBy,
  }
}

/** The rows as the CSV of P11; `meetingOf` finds a deviation's meeting. */
export function deviationsCsv(
  rows: readonly DeviationRow[],
  meetingOf: (meetingId: string) => MeetingRow | undefined,
): string {
  return toCsv(
    DEVIATION_CSV_HEADER,
    rows.map((row) => [
      row.occurredOn,
      DEVIATION_CATEGORY_TERMS.sv[row.category],
      organisationLabel(row),
      row.description,
      row.meetingId === null ? WHOLE_SIP : meetingLabel(meetingOf(row.meetingId)),
      row.recordedBy,
      stockholmMinute(row.recordedAt),
    ]),
  )
}

/** `avvikelser-2026-11-29.csv`: the day it was exported, in Swedish time. */
export function deviationsFileName(now = Date.now()): string {
  return `avvikelser-${stockholmDay(now)}.csv`
}

export function deviationService({
  stores,
  transaction,
}: {
  stores: Pick<Stores, 'sips' | 'meetings' | 'audit'>
  transaction: WriteTransaction
}) {
  /** The meetings the rows name, of any SIP, each read once. */
  const meetingsOf = async (rows: readonly DeviationRow[]): Promise<Map<string, MeetingRow | undefined>> => {
    const meetings = new Map<string, MeetingRow | undefined>()
    for (const { meetingId } of rows) {
      if (meetingId !== null && !meetings.has(meetingId))
        meetings.set(meetingId, await stores.meetings.getMeeting(meetingId))
    }
    return meetings
  }

  return {
    /**
     * The input schema for a deviation on SIP `sipId`: DeviationInputSchema; a meeting named must
     * be one of this SIP's (else 400 on `meetingId`, as for a choice not in the list), and the
     * date cannot be after today in Swedish time (`inFuture`).
     */
    async inputFor(sipId: string, now = Date.now()): Promise<z.ZodType<DeviationInput>> {
      const meetingIds = new Set((await stores.meetings.ofSip(sipId)).map((meeting) => meeting.id))
      const today = stockholmDay(now)
      return DeviationInputSchema.superRefine((value, ctx) => {
        if (value.occurredOn > today) {
          ctx.addIssue({ code: 'custom', path: ['occurredOn'], message: 'inFuture', input: value.occurredOn })
        }
        if (value.meetingId !== '' && !meetingIds.has(value.meetingId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['meetingId'],
            message: 'invalidChoice',
            input: value.meetingId,
          })
        }
      })
    },

    /** P11: records a deviation with who recorded it and when (the server's); audited with the SIP. */
    record(
      sipId: string,
      input: DeviationInput,
      by: RecordedBy & { userId: string },
      actor: DeviationActor,
    ): Promise<Deviation> {
      const meetingId = input.meetingId === '' ? null : input.meetingId
      return transaction(async () => {
        const row = await stores.sips.addDeviation(sipId, {
          meetingId,
          category: input.category,
          organisation: input.organisation,
          organisationOther: input.organisationOther,
          description: input.description,
          occurredOn: input.occurredOn,
          recordedByUserId: by.userId,
          recordedBy: by.name,
        })
        await stores.audit.append({ action: 'deviation.recorded', ...actor, sipId, meetingId })
        return toDeviation(row)
      })
    },

    /** The SIP's deviations, newest first (P11); the read is audited (P12). */
    async ofSip(sipId: string, actor: DeviationActor): Promise<Deviation[]> {
      const rows = await stores.sips.deviations(sipId)
      await stores.audit.append({ action: 'deviations.read', ...actor, sipId })
      return rows.map(toDeviation)
    },

    /** The SIP's deviations as CSV; the export is audited. */
    async csvOfSip(sipId: string, actor: DeviationActor): Promise<{ fileName: string; csv: string }> {
      const meetings = new Map((await stores.meetings.ofSip(sipId)).map((meeting) => [meeting.id, meeting]))
      const csv = deviationsCsv(await stores.sips.deviations(sipId), (id) => meetings.get(id))
      await stores.audit.append({ action: 'deviations.exported', ...actor, sipId })
      return { fileName: deviationsFileName(), csv }
    },

    /**
     * Every deviation of the installation, for administrators: the deviation rows only – never the
     * SIP's child, consent or plan.
     */
    async all(actor: DeviationActor): Promise<InstallationDeviation[]> {
      const rows = await stores.sips.allDeviations()
      const meetings = await meetingsOf(rows)
      await stores.audit.append({ action: 'deviations.read', ...actor })
      return rows.map((row) => {
        const { sipId: _sip, meetingId: _meeting, ...deviation } = toDeviation(row)
        const meeting = row.meetingId === null ? undefined : meetings.get(row.meetingId)
        return {
          ...deviation,
          meeting: meeting
            ? { type: meeting.type, startsAt: new Date(meeting.startsAt).toISOString() }
            : null,
        }
      })
    },

    async allCsv(actor: DeviationActor): Promise<{ fileName: string; csv: string }> {
      const rows = await stores.sips.allDeviations()
      const meetings = await meetingsOf(rows)
      const csv = deviationsCsv(rows, (id) => meetings.get(id))
      await stores.audit.append({ action: 'deviations.exported', ...actor })
      return { fileName: deviationsFileName(), csv }
    },
  }
}

export type DeviationService = ReturnType<typeof deviationService>
