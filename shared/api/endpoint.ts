import type { z } from 'zod'

/*
 * What an endpoint of the table is (endpoints.ts) and how a call's address is
 * built – without zod itself (its types only), so that a page can build addresses without the whole
 * table and its schemas (issue 15).
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface Endpoint {
  method: Method
  path: string
  /** The query the server reads (values arrive as strings). */
  query?: z.ZodType
  /** The JSON body. */
  body?: z.ZodType
  /** PATCH: any subset of `body`'s fields, merged over the stored record; the result must pass `body`. */
  patch?: true
  /** A success's JSON body; null when there is none (204) or it is a file (`produces`). */
  response: z.ZodType | null
  /** The status of a success, when it is not 200. */
  status?: 201 | 204
  /** The media type of a success that is not JSON. */
  produces?: 'application/pdf' | 'text/csv'
}

export const endpoint = <const E extends Endpoint>(spec: E): E => spec

/** The `:name` segments of a path pattern. */
type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never

export type PathParams<Path extends string> = { [Name in ParamNames<Path>]: string }

type ParamsPart<E extends Endpoint> = [ParamNames<E['path']>] extends [never]
  ? unknown
  : { params: PathParams<E['path']> }
type QueryPart<E extends Endpoint> = E extends { query: infer Query extends z.ZodType }
  ? { query: z.input<Query> }
  : unknown
type BodyPart<E extends Endpoint> = E extends { body: infer Body extends z.ZodType }
  ? { body: E extends { patch: true } ? Partial<z.input<Body>> : z.input<Body> }
  : unknown

/** Where one call goes: the path's ids and the query, typed by the path and the query schema. */
export type EndpointAddress<E extends Endpoint> = ParamsPart<E> & QueryPart<E>

/** What one call sends: its address and, where the endpoint reads one, its body. */
export type EndpointInput<E extends Endpoint> = EndpointAddress<E> & BodyPart<E>

/** What a success answers, parsed. */
export type EndpointOutput<E extends Endpoint> = E['response'] extends z.ZodType
  ? z.output<E['response']>
  : undefined

/**
 * The address of one call: the ids put into the path (encoded) and the query's values that are
 * set, in the order given. `endpointPath(endpoints.planState, { params: { id }, query: { as } })`.
 */
export function endpointPath<E extends Endpoint>(endpoint: E, address: EndpointAddress<E>): string {
  const { params = {}, query = {} } = address as {
    params?: Record<string, string>
    query?: Record<string, unknown>
  }
  const pathname = endpoint.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`${endpoint.path}: no value for :${name}`)
    return encodeURIComponent(value)
  })
  // Not URLSearchParams: shared/ compiles without the DOM's or Node's types. For ids, language codes
  // and numbers the two encodings agree.
  const search = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join('&')
  return search ? `${pathname}?${search}` : pathname
}
