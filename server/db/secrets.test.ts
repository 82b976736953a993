import { describe, expect, it } from 'vitest'
import { isLinkToken } from '../../shared/links'
import { newToken } from './secrets'

describe('secrets', () => {
  it('A4: a new token has the shape the join page and the server check (shared/links.ts)', () => {
    for (let i = 0; i < 100; i++) expect(isLinkToken(newToken())).toBe(true)
  })
})
