import { JOIN_PATH } from '../../shared/links'
import { SyncParams } from '../../shared/protocol'

/**
 * Every address of the client, defined once: each route builds its address from typed params
 * (`routes.meeting({ meetingId, as })`) and matches one (`routes.meeting.match(pathname, search)`).
 * The paths are Swedish: they are what people see and say. Nothing here reads the window
 * (router.ts does), so the table is tested in Node.
 */

/** An id in an address. Meeting and participant ids are UUIDs today; any URL-safe id is accepted. */
const ID = '[A-Za-z0-9_-]{1,64}'

/** `as`: which of this browser's participants a meeting screen is for (the server reads its cookie). */
const AS = SyncParams.participant

/** The `:name` segments of a path pattern. */
type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<Rest>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never

/** What a route's address holds: its ids, and its query values (null when left out). */
export type RouteParams<Path extends string, Query extends string> = {
  [Name in PathParams<Path>]: string
} & { [Name in Query]: string | null }

export interface Route<Path extends string, Query extends string = never> {
  /** The address for these params (a null query value is left out). */
  (...params: [PathParams<Path> | Query] extends [never] ? [] : [RouteParams<Path, Query>]): string
  /** The params, if this is the route's address (one trailing slash is allowed); else null. */
  match(pathname: string, search?: string): RouteParams<Path, Query> | null
}

/** `path` is literal segments and `:name` segments (an id); `query` names the values read from the query. */
function route<const Path extends string, const Query extends string = never>(
  path: Path,
  query: readonly Query[] = [],
): Route<Path, Query> {
  const pattern = new RegExp(`^${path.replace(/\/$/, '').replace(/:(\w+)/g, `(?<$1>${ID})`)}/?$`)
  const build = (params: Record<string, string | null> = {}): string => {
    const pathname = path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))
    const search = new URLSearchParams()
    for (const name of query) {
      const value = params[name]
      if (value != null) search.set(name, value)
    }
    const text = search.toString()
    return text ? `${pathname}?${text}` : pathname
  }
  const match = (pathname: string, search = ''): RouteParams<Path, Query> | null => {
    const found = pattern.exec(pathname)
    if (!found) return null
    const params: Record<string, string | null> = { ...found.groups }
    const values = new URLSearchParams(search)
    for (const name of query) params[name] = values.get(name)
    return params as RouteParams<Path, Query>
  }
  // One implementation serves every route; the interface gives each route its own params.
  return Object.assign(build, { match }) as unknown as Route<Path, Query>
}

/** In matching order: the first route whose address fits wins (`/moten/ny` before `/moten/:id`). */
export const routes = {
  /** How participants and staff get in; also shown for any unknown address. */
  start: route('/'),
  signIn: route('/logga-in'),
  /** The first administrator of a new installation. */
  firstAdmin: route('/forsta-start'),
  /** "Mina SIP-möten". */
  meetings: route('/moten'),
  newMeeting: route('/moten/ny'),
  /** A meeting's set-up: details, consent, participants. */
  meetingSetup: route('/moten/:meetingId'),
  /** "Mina SIP:ar": the SIPs I convened a meeting of or am huvudansvarig for (docs/process.md P4). */
  sips: route('/sip'),
  /** One SIP over time: consent, huvudansvarig, its meetings, closure. */
  sip: route('/sip/:sipId'),
  /** Booking the next follow-up meeting (P5). */
  bookFollowUp: route('/sip/:sipId/uppfoljning'),
  /** Closing the SIP (P9); `orsak` chooses a reason up front (`consent-withdrawn` from the consent). */
  closeSip: route('/sip/:sipId/avsluta', ['orsak']),
  /**
   * The statistics (issue 14), for staff with the permission; the period and filters are in the
   * address so a report can be linked: from, to, organisation, principal, municipality, publication.
   */
  statistics: route('/statistik', ['fran', 'till', 'verksamhet', 'huvudman', 'kommun', 'publicering']),
  users: route('/admin/anvandare'),
  /** Every deviation of the installation (administrators). */
  deviations: route('/admin/avvikelser'),
  auditLog: route('/admin/moten/:meetingId/logg'),
  /** A personal link, `/j#t=<token>` (shared/links.ts): the token is in the fragment, which no server sees. */
  join: route(JOIN_PATH),
  /** The meeting room, as one of this browser's participants. */
  meeting: route('/m/:meetingId', [AS]),
  /**
   * The chair's coaching window ("ledarstöd"): the same chair session as the wall, on the chair's
   * own screen – what to do in the step, the timer, the controls and the speaking round.
   */
  coaching: route('/m/:meetingId/ledarstod', [AS]),
  /** The minutes' print view ("protokoll"); staff who convened the meeting leave out `as`. */
  minutes: route('/m/:meetingId/protokoll', [AS]),
}

export type RouteName = keyof typeof routes

/** A matched address: the route's name and its params, narrowed by `name`. */
export type RouteMatch = {
  [Name in RouteName]: {
    name: Name
    params: NonNullable<ReturnType<(typeof routes)[Name]['match']>>
  }
}[RouteName]

/** The route an address belongs to, or null (the start page answers unknown addresses). */
export function matchRoute(pathname: string, search = ''): RouteMatch | null {
  for (const name of Object.keys(routes) as RouteName[]) {
    const params = routes[name].match(pathname, search)
    if (params) return { name, params } as RouteMatch
  }
  return null
}
