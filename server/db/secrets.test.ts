import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isLinkToken } from '../../shared/links'
import { hashToken, newToken } from './secrets'

describe('secrets', () => {
  it('A4: a new token has the shape the join page and the server check (shared/links.ts)', () => {
    for (let i = 0; i < 100; i++) expect(isLinkToken(newToken())).toBe(true)
  })

  it('A4: a token is kept as its SHA-256 – the same bytes as the hashes already stored', () => {
    const token = newToken()
    expect(hashToken(token)).toEqual(createHash('sha256').update(token, 'utf8').digest())
  })
})
