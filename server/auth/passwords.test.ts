import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './passwords'

describe('passwords (scrypt)', () => {
  it('stores the parameters, a per-user salt and the key; verifies the right password only', async () => {
    const stored = await hashPassword('ett långt lösenord 42')
    expect(stored).toMatch(/^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(stored).not.toContain('lösenord')
    expect(await verifyPassword('ett långt lösenord 42', stored)).toBe(true)
    expect(await verifyPassword('ett långt lösenord 43', stored)).toBe(false)
    // Same password, another salt, another hash.
    expect(await hashPassword('ett långt lösenord 42')).not.toBe(stored)
  })

  it('reads the parameters from the stored string, so they can be raised later', async () => {
    const cheap = await hashPassword('lösenord', { N: 1024, r: 8, p: 1 })
    expect(cheap.startsWith('scrypt$N=1024,r=8,p=1$')).toBe(true)
    expect(await verifyPassword('lösenord', cheap)).toBe(true)
  })

  it('composed and decomposed å are the same password (NFC)', async () => {
    const stored = await hashPassword('sa\u030agen', { N: 1024, r: 8, p: 1 })
    expect(await verifyPassword('s\u00e5gen', stored)).toBe(true)
  })

  it('refuses missing, malformed and tampered hashes (memory-exhausting parameters) without throwing', async () => {
    expect(await verifyPassword('x', null)).toBe(false)
    expect(await verifyPassword('x', 'plain text')).toBe(false)
    const stored = await hashPassword('x', { N: 1024, r: 8, p: 1 })
    expect(await verifyPassword('x', stored.replace('N=1024', 'N=1073741824'))).toBe(false)
    expect(await verifyPassword('x', stored.replace('N=1024', 'N=1000'))).toBe(false)
  })
})
