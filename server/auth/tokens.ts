/**
 * Link tokens are 256 random bits, base64url (A4). The stores make them and keep only their SHA-256
 * (server/db/secrets.ts); here is what a request's token must look like before it is looked up.
 */

/** Cheap shape check before touching the database: base64url, the length we issue. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{32,128}$/.test(value)
}
