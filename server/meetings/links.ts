/**
 * The personal link for a token: `<publicUrl>/j#t=<token>`. The token travels in the fragment,
 * which browsers never send to any server (not in logs, not in a Referer); the /j page posts it
 * to /api/join, gets a cookie, and continues to a URL without it.
 */
export function participantLink(publicUrl: string, token: string): string {
  return `${publicUrl}/j#t=${token}`
}
