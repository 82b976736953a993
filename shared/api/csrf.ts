/**
 * A12: every POST, PUT, PATCH and DELETE – on any path – carries `X-SIP-Request: 1`. A page on
 * another site can make a browser send a form POST with our cookies, but it cannot add a custom
 * header without a CORS preflight, which this server never grants. The client sends it with every
 * state change (client/api.ts); the server refuses a state change without it (server/auth/csrf.ts).
 */
export const CSRF_HEADER = 'X-SIP-Request'
export const CSRF_HEADER_VALUE = '1'

/** The methods that change nothing, and so need no header. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])
