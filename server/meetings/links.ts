import type { IssuedLink } from '../../shared/schemas/meeting'
import type { MeetingRow } from '../db/meetings'
import type { Stores } from '../db/stores'
import { linkExpiry } from './views'

/**
 * The personal link for a token: `<publicUrl>/j#t=<token>`. The token travels in the fragment,
 * which browsers never send to any server (not in logs, not in a Referer); the /j page posts it
 * to /api/join, gets a cookie, and continues to a URL without it.
 */
export function participantLink(publicUrl: string, token: string): string {
  return `${publicUrl}/j#t=${token}`
}

/**
 * Issues a participant's new link, valid until DEFAULT_TOKEN_TTL_DAYS after the meeting, and
 * writes `link.created`. Call inside the transaction that revokes the old one, if any.
 */
export function issueLink(
  stores: Stores,
  publicUrl: string,
  meeting: MeetingRow,
  participantId: string,
  audit: { actor: string; actorName: string; sourceAddress: string },
): { issued: IssuedLink; tokenId: number; expiresAt: number } {
  const { token, tokenId, expiresAt } = stores.tokens.issue(
    { id: participantId, meetingId: meeting.id },
    { expiresAt: linkExpiry(meeting.startsAt) },
  )
  stores.audit.append({
    action: 'link.created',
    meetingId: meeting.id,
    subject: `participant:${participantId}`,
    ...audit,
  })
  const issued = {
    participantId,
    url: participantLink(publicUrl, token),
    expiresAt: new Date(expiresAt).toISOString(),
  }
  return { issued, tokenId, expiresAt }
}
