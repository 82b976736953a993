import type { Role } from '../shared/roles'
import type { Storage } from './db/contract'
import type { NewParticipant } from './db/participants'
import { participantDisplayName } from './meetings/names'
import { meetingService } from './meetings/service'
import { NO_LIVE_PLANS } from './plan/document-port'

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
 * The meetings have no convener account; they are opened through their links. Created like every
 * meeting (the meeting service), but not audited: nobody did it. Safe while the server runs (WAL).
 */
export function createDemoMeetings(
  { stores, transaction }: Pick<Storage, 'stores' | 'transaction'>,
  publicUrl: string,
  count = 1,
  now = Date.now(),
): Promise<DemoMeeting[]> {
  const meetings = meetingService({
    stores,
    transaction,
    // A new meeting's first plan is written with it; nothing else here touches a plan.
    plans: NO_LIVE_PLANS,
    publicUrl,
    log: {
      warn: (_details, message) => console.warn(message),
      error: (_details, message) => console.error(message),
    },
  })
  const startsAt = tomorrowAtNine(now)
  return transaction(async () => {
    const created: DemoMeeting[] = []
    for (let i = 0; i < count; i++) {
      const child = DEMO_CHILDREN[i % DEMO_CHILDREN.length]!
      const { meeting, invited } = await meetings.create(
        {
          title: `Demo: SIP-möte för ${child}`,
          isDemo: true,
          convenerUserId: null,
          setup: {
            type: 'first',
            startsAt,
            durationMinutes: 90,
            place: 'Skolan, konferensrum 2',
            remoteAllowed: true,
            videoUrl: 'https://video.example.org/sip-demo',
            childName: child,
            childAge: 'årskurs 5',
            purpose: `Att skola, BUP och familj tillsammans planerar stödet så att ${child} kan gå till skolan varje dag.`,
            questions: 'Vad behöver ändras i skolan? Vem gör vad under hösten? Hur följer vi upp?',
            childWords: 'Jag vill ha lugn i klassrummet och veta vad som händer.',
            childParticipation: 'part',
            childParticipationNote: 'Är med i början av mötet tillsammans med sin mamma.',
          },
          consent: {
            input: {
              givenBy: [{ name: 'Sara', relation: 'guardian' }],
              givenAt: new Date(now).toISOString().slice(0, 10),
              scope: 'Samordning mellan skola, elevhälsa och BUP inför och under detta SIP-möte.',
              notShared: 'BUP:s journalanteckningar delas inte med skolan.',
            },
            recordedBy: { userId: null, name: 'Demo' },
          },
          participants: DEMO_PEOPLE.map((person) =>
            person.role === 'child' ? { ...person, name: child } : person,
          ),
        },
        null,
        now,
      )
      const links = invited.map(({ participant, url }) => ({
        role: participant.role,
        name: participantDisplayName(participant),
        url,
      }))
      created.push({ meetingId: meeting.id, title: meeting.title, links })
    }
    return created
  })
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
