import * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import type { MeetingRow } from '../db/meetings'
import type { ParticipantRow } from '../db/participants'
import { participantDisplayName } from '../meetings/names'

/**
 * What the server writes into a meeting's plan: the set-up (purpose, questions, the child's name,
 * type, time, place) and who was invited. The database is the source; the plan mirrors it so every
 * screen – and the signed version – shows the same header and attendance list. Both maps are the
 * server's alone (G14): a key in `setup` that is not a set-up field, a participant not invited, a
 * field of a participant that is not the server's, or an entry of the wrong type is removed or
 * replaced, so whatever a writer put there does not survive a call. Idempotent: only what differs
 * is written, so calling it after every change costs nothing when nothing changed. Nothing else in
 * the plan is ever written by the server.
 */
export function applyRoster(doc: Y.Doc, meeting: MeetingRow, participants: readonly ParticipantRow[]): void {
  const parts = planParts(doc)
  const setup: Record<string, string> = {
    childName: meeting.childName,
    type: meeting.type,
    purpose: meeting.purpose,
    questions: meeting.questions,
    startsAt: new Date(meeting.startsAt).toISOString(),
    place: meeting.place,
  }
  writeExactly(parts.setup as Y.Map<unknown>, setup)

  const people = parts.participants as Y.Map<unknown>
  const invited = new Set(participants.map((p) => p.id))
  for (const id of [...people.keys()]) {
    if (!invited.has(id)) people.delete(id)
  }
  for (const participant of participants) {
    const fields: Record<string, string> = {
      name: participantDisplayName(participant),
      role: participant.role,
      organisation: participant.organisationOther || participant.organisation,
      function: participant.function,
    }
    let entry = people.get(participant.id)
    // A plain Y.Map – not a subclass such as Y.XmlHook, nor any other value.
    if (!(entry instanceof Y.Map) || entry.constructor !== Y.Map) {
      entry = new Y.Map<string>()
      people.set(participant.id, entry)
    }
    writeExactly(entry as Y.Map<unknown>, fields)
  }
}

/** Makes a map hold exactly these string fields: others deleted, differing values set. */
function writeExactly(map: Y.Map<unknown>, fields: Record<string, string>): void {
  for (const key of [...map.keys()]) {
    if (!Object.hasOwn(fields, key)) map.delete(key)
  }
  for (const [key, value] of Object.entries(fields)) {
    if (map.get(key) !== value) map.set(key, value)
  }
}

/** The child's own words from the set-up, as the first paragraph of that part – once, at creation. */
export function seedChildWords(doc: Y.Doc, words: string): void {
  const fragment = planParts(doc).text('childWords')
  if (words.trim() === '' || fragment.length > 0) return
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(words.trim())])
  fragment.insert(0, [paragraph])
}

/** A new meeting's whole first plan, as one update (for writers outside the server process). */
export function initialPlanUpdate(meeting: MeetingRow, participants: readonly ParticipantRow[]): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    applyRoster(doc, meeting, participants)
    seedChildWords(doc, meeting.childWords)
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
