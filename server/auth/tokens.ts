import { createHash, randomBytes } from 'node:crypto'
import { TOKEN_BYTES } from '../../shared/limits'

/** A new random access token (256 bits, base64url). Shown once, in the link; never stored. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url')
}

/** What the database keeps instead of the token. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}

/** Cheap shape check before touching the database: base64url, the length we issue. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{32,128}$/.test(value)
}
