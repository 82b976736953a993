import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * Password hashing with scrypt (node:crypto). A stored hash carries its own parameters, so they can
 * be raised later without invalidating existing passwords:
 *
 *   scrypt$N=32768,r=8,p=1$<salt, base64url>$<key, base64url>
 */

interface ScryptParams {
  N: number
  r: number
  p: number
}

/** OWASP's scrypt recommendation (N=2^15, r=8, p=1): about 32 MiB and 50–100 ms per hash. */
const DEFAULT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 }
const SALT_BYTES = 16
const KEY_BYTES = 32
/** Refuse stored parameters that would let a tampered row exhaust memory. */
const MAX_N = 2 ** 20

function derive(password: string, salt: Buffer, params: ScryptParams, keyBytes: number): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, params, KEY_BYTES)
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

function parseStored(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored)
  if (!match) return undefined
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return undefined
  const salt = Buffer.from(match[4]!, 'base64url')
  const key = Buffer.from(match[5]!, 'base64url')
  if (salt.length < SALT_BYTES || key.length < 16) return undefined
  return { params: { N, r, p }, salt, key }
}

/** Compares in constant time. A missing or unreadable hash costs as much as a real check. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = stored ? parseStored(stored) : undefined
  if (!parsed) {
    // Same work as a real check, so a response time does not tell which e-mail addresses exist.
    await derive(password, randomBytes(SALT_BYTES), DEFAULT_PARAMS, KEY_BYTES)
    return false
  }
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length)
  return timingSafeEqual(key, parsed.key)
}
