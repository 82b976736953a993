import type { Role } from '../shared/roles'
import { accessTokenStore } from './db/access-tokens'
import type { Db } from './db/connection'
import { meetingStore, type NewParticipant } from './db/meetings'

/** The people of a demo meeting: invented, one of each role (`../shared/scenario.md`). */
const DEMO_PEOPLE: readonly NewParticipant[] = [
  { role: 'chair', name: 'Maja Lind', organisation: 'Skola', function: 'biträdande rektor' },
  { role: 'notetaker', name: 'Amir Haddad', organisation: 'Elevhälsa', function: 'kurator' },
  { role: 'participant', name: null, organisation: 'BUP', function: 'psykolog' },
  { role: 'guardian', name: 'Sara', organisation: 'Familj', function: 'vårdnadshavare' },
  { role: 'child', name: 'Elsa', organisation: 'Familj', function: 'huvudperson' },
]

const DEMO_CHILDREN = ['Elsa', 'Noah', 'Alva', 'Liam', 'Ella', 'Hugo', 'Saga', 'Oscar']

export interface DemoMeeting {
  meetingId: string
  title: string
  links: { role: Role; name: string; url: string }[]
}

/**
 * The personal link for a token. The token travels in the fragment, which browsers never send to
 * any server (not in logs, not in a Referer). The screen asks the server who the token belongs to.
 */
export function participantLink(publicUrl: string, meetingId: string, token: string): string {
  return `${publicUrl}/m/${meetingId}#t=${token}`
}

/** Creates demo meetings with fictional data, in one transaction. Safe while the server runs (WAL). */
export function createDemoMeetings(db: Db, publicUrl: string, count = 1, now = Date.now()): DemoMeeting[] {
  const meetings = meetingStore(db)
  const tokens = accessTokenStore(db)
  return db
    .transaction(() => {
      const created: DemoMeeting[] = []
      for (let i = 0; i < count; i++) {
        const child = DEMO_CHILDREN[i % DEMO_CHILDREN.length]!
        const meeting = meetings.createMeeting(
          {
            title: `Demo: SIP-möte för ${child}`,
            childName: child,
            startsAt: now + 24 * 3600 * 1000,
            isDemo: true,
          },
          now,
        )
        const links = DEMO_PEOPLE.map((person) => {
          const named = person.role === 'child' ? { ...person, name: child } : person
          const participant = meetings.addParticipant(meeting.id, named, now)
          const { token } = tokens.issue(participant, { now })
          return {
            role: person.role,
            name: named.name ?? `${named.function}, ${named.organisation}`,
            url: participantLink(publicUrl, meeting.id, token),
          }
        })
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
