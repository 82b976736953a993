import type { Role } from '../shared/roles'
import { accessTokenStore } from './db/access-tokens'
import type { Db } from './db/connection'
import { documentStore } from './db/documents'
import { meetingStore } from './db/meetings'
import { type NewParticipant, participantStore } from './db/participants'
import { participantLink } from './meetings/links'
import { participantDisplayName } from './meetings/names'
import { linkExpiry } from './meetings/views'
import { initialPlanUpdate } from './plan/roster'

export { participantLink }

/** The people of a demo meeting: invented, one of each role (`../shared/scenario.md`). */
const DEMO_PEOPLE: readonly NewParticipant[] = [
  { role: 'chair', name: 'Maja Lind', organisation: 'skola', function: 'biträdande rektor' },
  { role: 'notetaker', name: 'Amir Haddad', organisation: 'elevhalsa', function: 'kurator' },
  { role: 'participant', name: null, organisation: 'bup', function: 'psykolog' },
  { role: 'guardian', name: 'Sara', organisation: 'familj', function: 'vårdnadshavare' },
  { role: 'child', name: 'Elsa', organisation: 'familj', function: 'huvudperson' },
]

const DEMO_CHILDREN = ['Elsa', 'Noah', 'Alva', 'Liam', 'Ella', 'Hugo', 'Saga', 'Oscar']

export interface DemoMeeting {
  meetingId: string
  title: string
  links: { role: Role; name: string; url: string }[]
}

/** Tomorrow at 09:00, local time. */
function tomorrowAtNine(now: number): number {
  const date = new Date(now)
  date.setDate(date.getDate() + 1)
  date.setHours(9, 0, 0, 0)
  return date.getTime()
}

/**
 * Creates demo meetings with fictional data, in one transaction: a complete set-up with consent
 * recorded (so the meeting can be started) and one participant of each role with a personal link.
 * The meetings have no convener account; they are opened through their links. Safe while the
 * server runs (WAL).
 */
export function createDemoMeetings(db: Db, publicUrl: string, count = 1, now = Date.now()): DemoMeeting[] {
  const meetings = meetingStore(db)
  const participants = participantStore(db)
  const tokens = accessTokenStore(db)
  const documents = documentStore(db)
  const startsAt = tomorrowAtNine(now)
  return db
    .transaction(() => {
      const created: DemoMeeting[] = []
      for (let i = 0; i < count; i++) {
        const child = DEMO_CHILDREN[i % DEMO_CHILDREN.length]!
        const meeting = meetings.createMeeting(
          {
            title: `Demo: SIP-möte för ${child}`,
            isDemo: true,
            type: 'first',
            startsAt,
            durationMinutes: 90,
            place: 'Skolan, konferensrum 2',
            remoteAllowed: true,
            childName: child,
            childAge: 'årskurs 5',
            purpose: `Att skola, BUP och familj tillsammans planerar stödet så att ${child} kan gå till skolan varje dag.`,
            questions: 'Vad behöver ändras i skolan? Vem gör vad under hösten? Hur följer vi upp?',
            childWords: 'Jag vill ha lugn i klassrummet och veta vad som händer.',
            childParticipation: 'part',
            childParticipationNote: 'Är med i början av mötet tillsammans med sin mamma.',
          },
          now,
        )
        meetings.recordConsent(
          meeting.id,
          {
            givenBy: [{ name: 'Sara', relation: 'guardian' }],
            givenAt: new Date(now).toISOString().slice(0, 10),
            scope: 'Samordning mellan skola, elevhälsa och BUP inför och under detta SIP-möte.',
            notShared: 'BUP:s journalanteckningar delas inte med skolan.',
          },
          { userId: null, name: 'Demo' },
          now,
        )
        const links = DEMO_PEOPLE.map((person) => {
          const named = person.role === 'child' ? { ...person, name: child } : person
          const participant = participants.add(meeting.id, named, now)
          const { token } = tokens.issue(participant, { now, expiresAt: linkExpiry(startsAt) })
          return {
            role: person.role,
            name: participantDisplayName(participant),
            url: participantLink(publicUrl, token),
          }
        })
        // The first plan, written once here (the server is not involved, and the room is not loaded).
        documents.append(
          [{ meetingId: meeting.id, data: initialPlanUpdate(meeting, participants.ofMeeting(meeting.id)) }],
          now,
        )
        created.push({ meetingId: meeting.id, title: meeting.title, links })
      }
      return created
    })
    .immediate()
}

export function formatDemoMeetings(meetings: readonly DemoMeeting[]): string {
  return meetings
    .map((m) =>
      [
        `${m.title}  (${m.meetingId})`,
        ...m.links.map((l) => `  ${l.role.padEnd(12)} ${l.name.padEnd(22)} ${l.url}`),
      ].join('\n'),
    )
    .join('\n\n')
}
