import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CSRF_HEADER } from '../../shared/api/csrf'
import type { SessionResponse } from '../../shared/schemas/session'
import { TEST_GUARDIAN, TEST_MEETING, testSession } from '../test/session'

/*
 * A personal link's join (join/joining.ts), in Node: the address, history and fetch are stand-ins;
 * the meeting page's chunk is a stand-in that records whether its socket was opened early.
 */

const { connectEarly, loadMeetingPage } = vi.hoisted(() => ({
  connectEarly: vi.fn(),
  loadMeetingPage: vi.fn(),
}))
vi.mock('../meeting/load-page', () => ({ loadMeetingPage }))

const MEETING = TEST_MEETING
const GUARDIAN = TEST_GUARDIAN
const TOKEN = 'A'.repeat(43)

const session = (closure: SessionResponse['closure'] = null): SessionResponse => testSession({ closure })

const replaceState = vi.fn()
const fetchMock = vi.fn()

/** The page as a link opens it: `/j#t=<token>`. */
function openLink(hash: string): void {
  Object.assign(globalThis, {
    document: { documentElement: {} },
    window: {
      location: { pathname: '/j', search: '', hash },
      history: { state: null, replaceState },
      addEventListener() {},
    },
    fetch: fetchMock,
  })
}

const answer = (status: number, body: unknown) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
  )

/** A fresh page load: the module's state (one join per page) starts over. */
async function page() {
  vi.resetModules()
  return import('./joining')
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('a personal link opening its meeting', () => {
  beforeEach(() => {
    loadMeetingPage.mockReset()
    loadMeetingPage.mockImplementation(() => Promise.resolve({ connectEarly }))
    connectEarly.mockClear()
    fetchMock.mockReset()
    replaceState.mockClear()
  })

  it('posts the token once, hands its session to the meeting page once, and opens the socket before that page renders', async () => {
    openLink(`#t=${TOKEN}`)
    fetchMock.mockImplementation(() =>
      answer(200, { meetingId: MEETING, participantId: GUARDIAN, session: session() }),
    )
    const { joinWithLink, takeJoinedSession } = await page()

    const first = joinWithLink()
    expect(joinWithLink()).toBe(first)
    // The meeting page's code is on its way beside the token, once.
    expect(loadMeetingPage).toHaveBeenCalledTimes(1)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [path, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(path).toBe('/api/join')
    expect(init.method).toBe('POST')
    expect(JSON.parse(String(init.body))).toEqual({ token: TOKEN })
    expect((init.headers as Record<string, string>)[CSRF_HEADER]).toBeDefined()
    // The token leaves the address bar at once, before any answer.
    expect(replaceState).toHaveBeenCalledWith(null, '', '/j')

    expect((await first)?.ok).toBe(true)
    await settle()
    expect(connectEarly).toHaveBeenCalledWith(MEETING, GUARDIAN)
    expect(loadMeetingPage).toHaveBeenCalledTimes(1)
    expect(takeJoinedSession('someone-else')).toBeNull()
    expect(takeJoinedSession(GUARDIAN)).toEqual(session())
    // Taken once: a later page for this participant asks the server.
    expect(takeJoinedSession(GUARDIAN)).toBeNull()
  })

  it("opens no socket for a closed SIP's link: that page shows the closure notice without one (P9)", async () => {
    openLink(`#t=${TOKEN}`)
    const closed = session({ closedOn: '2027-05-12', reason: 'consent-withdrawn' })
    fetchMock.mockImplementation(() =>
      answer(200, { meetingId: MEETING, participantId: GUARDIAN, session: closed }),
    )
    const { joinWithLink, takeJoinedSession } = await page()

    expect((await joinWithLink())?.ok).toBe(true)
    await settle()
    expect(connectEarly).not.toHaveBeenCalled()
    expect(takeJoinedSession(GUARDIAN)).toEqual(closed)
  })

  it("hands over to the meeting page only with that page's code in, and all the same when it cannot be fetched", async () => {
    openLink(`#t=${TOKEN}`)
    fetchMock.mockImplementation(() =>
      answer(200, { meetingId: MEETING, participantId: GUARDIAN, session: session() }),
    )
    let arrive: (page: unknown) => void = () => {}
    loadMeetingPage.mockImplementation(() => new Promise((resolve) => (arrive = resolve)))
    const { joinWithLink } = await page()
    let handedOver = false
    void joinWithLink()?.then(() => (handedOver = true))
    await settle()
    expect(handedOver).toBe(false)
    arrive({ connectEarly })
    await settle()
    expect(handedOver).toBe(true)
    expect(connectEarly).toHaveBeenCalledWith(MEETING, GUARDIAN)

    loadMeetingPage.mockImplementation(() => Promise.reject(new Error('offline')))
    const again = await page()
    expect((await again.joinWithLink())?.ok).toBe(true)
    expect(again.takeJoinedSession(GUARDIAN)).toEqual(session())
  })

  it('leaves nothing for the meeting page and opens no socket when the server refuses the link', async () => {
    openLink(`#t=${TOKEN}`)
    fetchMock.mockImplementation(() => answer(401, { error: 'revoked' }))
    const { joinWithLink, takeJoinedSession } = await page()

    const result = await joinWithLink()
    expect(result?.ok).toBe(false)
    await settle()
    expect(connectEarly).not.toHaveBeenCalled()
    expect(takeJoinedSession(GUARDIAN)).toBeNull()
  })

  it('sends nothing for a link without a well-formed token', async () => {
    openLink('#t=not-a-token')
    const { joinWithLink } = await page()

    expect(joinWithLink()).toBeNull()
    expect(fetchMock).not.toHaveBeenCalled()
    expect(connectEarly).not.toHaveBeenCalled()
  })
})
