import { hash, randomBytes } from 'node:crypto'
import { TOKEN_BYTES } from '../../shared/limits'

/**
 * The secrets the stores hand out once – link tokens, cookie values – and what they keep instead.
 * A secret exists only in the answer that created it; a row holds its SHA-256.
 */

/** A new random secret (256 bits, base64url). Shown once, in the link or the cookie; never stored. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url')
}

/** What the database keeps instead of the secret. */
export function hashToken(token: string): Buffer {
  // The one-shot hash: no Hash object per look-up (every socket open and join hashes one).
  return hash('sha256', token, 'buffer')
}
