import { DEFAULT_TOKEN_TTL_DAYS, INVITATION_LEAD_DAYS, RSVP_REMINDER_DAYS } from '../../shared/limits'
import {
  copiedSetup,
  type Meeting,
  type MeetingInput,
  type MeetingSummary,
  type Participant,
  type ParticipantInput,
} from '../../shared/schemas/meeting'
import type { ChairBriefing, SessionResponse } from '../../shared/schemas/session'
import { DAY_MS, type LinkState } from '../db/access-tokens'
import type { Stores } from '../db/contract'
import type { MeetingListRow, MeetingRow, MeetingSetup, StoredConsent } from '../db/meetings'
import type { ParticipantRow } from '../db/participants'
import { participantDisplayName } from './names'

/** Rows → the JSON shapes of shared/schemas (docs/api.md). Times leave the server as ISO 8601. */

const iso = (ms: number): string => new Date(ms).toISOString()

/** A personal link works until DEFAULT_TOKEN_TTL_DAYS after the meeting starts. */
export function linkExpiry(startsAt: number): number {
  return startsAt + DEFAULT_TOKEN_TTL_DAYS * DAY_MS
}

/** The stored set-up in the shape of MeetingInput: what a PATCH is merged over. */
export function setupInput(meeting: MeetingRow): MeetingInput {
  return {
    ...copiedSetup(meeting),
    startsAt: iso(meeting.startsAt),
    durationMinutes: meeting.durationMinutes,
  }
}

/** A set-up as the API takes it (MeetingInput) in the shape it is stored: the start in epoch ms. */
export function setupOf(input: MeetingInput): MeetingSetup {
  return { ...input, startsAt: Date.parse(input.startsAt) }
}

/** A participant in the shape of ParticipantInput, as `userId` sees it. */
export function participantInput(p: ParticipantRow, userId: string): ParticipantInput {
  return {
    role: p.role,
    organisation: p.organisation as ParticipantInput['organisation'],
    organisationOther: p.organisationOther,
    function: p.function,
    name: p.name ?? '',
    isMe: p.staffUserId === userId,
  }
}

function linkStatus(link: LinkState | undefined, now: number): Participant['link']['status'] {
  if (!link) return 'none'
  if (link.revokedAt !== null) return 'revoked'
  return link.expiresAt <= now ? 'expired' : 'active'
}

export function participantView(
  p: ParticipantRow,
  link: LinkState | undefined,
  userId: string,
  now = Date.now(),
): Participant {
  return {
    id: p.id,
    ...participantInput(p, userId),
    rsvp: p.rsvp,
    rsvpAt: p.rsvpAt === null ? null : iso(p.rsvpAt),
    link: {
      status: linkStatus(link, now),
      expiresAt: link ? iso(link.expiresAt) : null,
      lastOpenedAt: link?.openedAt ? iso(link.openedAt) : null,
    },
  }
}

export function meetingWarnings(
  meeting: MeetingRow,
  participants: readonly ParticipantRow[],
  consent: StoredConsent | null,
): Meeting['warnings'] {
  const warnings: Meeting['warnings'] = []
  if (meeting.status === 'planned' && meeting.startsAt - meeting.createdAt < INVITATION_LEAD_DAYS * DAY_MS) {
    warnings.push('late-invitation')
  }
  if (!consent) warnings.push('no-consent')
  if (!participants.some((p) => p.role === 'chair')) warnings.push('no-chair')
  if (!participants.some((p) => p.role === 'notetaker')) warnings.push('no-notetaker')
  return warnings
}

function consentView(consent: StoredConsent): NonNullable<Meeting['consent']> {
  return {
    givenBy: consent.givenBy,
    givenAt: consent.givenAt,
    scope: consent.scope,
    notShared: consent.notShared,
    recordedAt: iso(consent.recordedAt),
    recordedBy: consent.recordedBy,
  }
}

/** What the chair reads out in step 1: the consent as recorded and the convener's name. */
export function chairBriefing(consent: StoredConsent | null, convenerName: string): ChairBriefing {
  return { consent: consent && consentView(consent), convenerName }
}

/** The whole meeting as its convener (or chair) `userId` sees it. */
export async function meetingView(
  stores: Pick<Stores, 'meetings' | 'participants' | 'tokens' | 'users'>,
  meeting: MeetingRow,
  userId: string,
  now = Date.now(),
): Promise<Meeting> {
  const participants = await stores.participants.ofMeeting(meeting.id)
  const links = await stores.tokens.latestByParticipant(meeting.id)
  const consent = await stores.meetings.consent(meeting.id)
  const convener = meeting.convenerUserId ? await stores.users.byId(meeting.convenerUserId) : undefined
  return {
    id: meeting.id,
    sipId: meeting.sipId,
    previousMeetingId: meeting.previousMeetingId,
    ...setupInput(meeting),
    status: meeting.status,
    consent: consent && consentView(consent),
    convener: { id: convener?.id ?? '', name: convener?.name ?? '' },
    participants: participants.map((p) => participantView(p, links.get(p.id), userId, now)),
    warnings: meetingWarnings(meeting, participants, consent),
    createdAt: iso(meeting.createdAt),
    updatedAt: iso(meeting.updatedAt),
  }
}

function isUpcoming(m: MeetingRow, now: number): boolean {
  return m.startsAt + m.durationMinutes * 60_000 > now
}

/** "Mina SIP-möten": upcoming (and running) meetings soonest first, then past ones latest first. */
export function summaryViews(rows: readonly MeetingListRow[], now = Date.now()): MeetingSummary[] {
  const upcoming = rows.filter((m) => isUpcoming(m, now)).sort((a, b) => a.startsAt - b.startsAt)
  const past = rows.filter((m) => !isUpcoming(m, now)).sort((a, b) => b.startsAt - a.startsAt)
  return [...upcoming, ...past].map((m) => ({
    id: m.id,
    sipId: m.sipId,
    type: m.type,
    status: m.status,
    startsAt: iso(m.startsAt),
    childName: m.childName,
    myRoles: [...(m.isConvener ? (['convener'] as const) : []), ...(m.isChair ? (['chair'] as const) : [])],
    participants: m.participants,
    rsvp: { coming: m.coming, notComing: m.notComing, unanswered: m.unanswered },
    needsConfirmation:
      m.status === 'planned' &&
      m.unanswered > 0 &&
      m.startsAt > now &&
      m.startsAt - now <= RSVP_REMINDER_DAYS * DAY_MS,
  }))
}

/** GET /api/session: the invitation as a participant sees it – nothing more personal than needed. */
export function sessionView(
  meeting: MeetingRow,
  p: ParticipantRow,
  satisfactionAnswered: boolean,
  sip: Pick<SessionResponse, 'closure' | 'previousMeeting'>,
  briefing?: ChairBriefing,
): SessionResponse {
  return {
    meetingId: meeting.id,
    participantId: p.id,
    role: p.role,
    name: participantDisplayName(p),
    meeting: {
      title: meeting.title,
      type: meeting.type,
      status: meeting.status,
      childName: meeting.childName,
      startsAt: iso(meeting.startsAt),
      durationMinutes: meeting.durationMinutes,
      place: meeting.place,
      remoteAllowed: meeting.remoteAllowed,
      videoUrl: meeting.videoUrl,
      purpose: meeting.purpose,
      questions: meeting.questions,
    },
    rsvp: p.rsvp,
    satisfactionAnswered,
    closure: sip.closure,
    previousMeeting: sip.previousMeeting,
    // The chair's alone (shared/schemas/session.ts): consent details are not for every screen.
    ...(p.role === 'chair' && briefing ? { chairBriefing: briefing } : {}),
  }
}
