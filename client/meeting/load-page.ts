type MeetingPageModule = typeof import('./MeetingPage')

let loaded: MeetingPageModule | null = null

/**
 * The meeting page's chunk (the room's screens, Yjs, the socket): fetched once, by whoever asks
 * first – the router when `/m/…` is opened, or a personal link's join while the token is checked
 * (client/join/joining.ts), so that a phone does not wait for it after the join (issue 15).
 */
export const loadMeetingPage = (): Promise<MeetingPageModule> =>
  import('./MeetingPage').then((module) => {
    loaded = module
    return module
  })

/** The chunk if it is in already: rendered at once, without a moment of Suspense's fallback. */
export const loadedMeetingPage = (): MeetingPageModule | null => loaded
