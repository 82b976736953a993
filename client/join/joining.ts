import type { SessionResponse } from '../../shared/schemas/session'
import { prepareDateFormats } from '../format/dates'
import { loadMeetingPage } from '../meeting/load-page'
import { roomApi } from '../room-api'
import { takeLinkToken } from './token'

/*
 * A personal link's way into its meeting (issue 15: each step here was a wait on a slow phone).
 * main.tsx sends the token to /api/join before React's first render, and starts the meeting page's
 * code downloading: on a slow phone rendering the join page takes the main thread for most of a
 * second, and the downloads go on meanwhile (started after that paint instead, they began up to a
 * second later in the measurements). When both are in, the meeting's socket opens, and then the
 * join page hands over. The join's answer carries the session (what GET /api/session answers),
 * which the meeting page takes instead of asking again.
 */

type Joining = ReturnType<typeof roomApi.join>

let joining: Joining | null = null
let joined: SessionResponse | null = null
let meetingPage: ReturnType<typeof loadMeetingPage> | null = null

/** The meeting page's code and the date formats it shows, fetched and made once. */
function prepareMeetingPage(): ReturnType<typeof loadMeetingPage> {
  if (meetingPage) return meetingPage
  meetingPage = loadMeetingPage()
  meetingPage.catch(() => {})
  prepareDateFormats()
  return meetingPage
}

/**
 * Posts the link's token, once per page load (React may run the join page's effect twice); null
 * for a link without a well-formed token, which is refused without a request.
 */
export function joinWithLink(): Joining | null {
  if (joining) return joining
  const link = takeLinkToken()
  if (!link.ok) return null
  // The token first: its answer is small and decides the rest; the page's code comes beside it.
  const answer = roomApi.join(link.token)
  prepareMeetingPage()
  joining = answer.then(async (result) => {
    if (!result.ok) return result
    const { session } = result.data
    joined = session
    // The join page hands over once the meeting page's code is in and its socket open (or given up
    // on), so that page shows at once – no moment of "Ansluter…" – with the plan on its way; a
    // closed SIP's link opens the closure notice, without a socket (MeetingPage). Code that cannot
    // be fetched holds nothing up: the join page hands over all the same, as before.
    await prepareMeetingPage().then(
      (page) => (session.closure ? undefined : page.connectEarly(session.meetingId, session.participantId)),
      () => {},
    )
    return result
  })
  return joining
}

/** The session the join answered for this participant, taken once (then the page asks the server). */
export function takeJoinedSession(participantId: string): SessionResponse | null {
  const session = joined?.participantId === participantId ? joined : null
  if (session) joined = null
  return session
}
