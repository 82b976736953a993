import { describe, expect, it } from 'vitest'
import { isLinkToken, LINK_TOKEN_CHARS, participantLink } from './links'

describe('personal links', () => {
  it('A4: a link is `<public URL>/j#t=<token>`, the token in the fragment', () => {
    const token = 'A'.repeat(LINK_TOKEN_CHARS)
    expect(participantLink('https://sip.example', token)).toBe(`https://sip.example/j#t=${token}`)
  })

  it('A4: a token is 256 bits in base64url: 43 characters of A–Z, a–z, 0–9, - and _', () => {
    expect(LINK_TOKEN_CHARS).toBe(43)
    expect(isLinkToken('aZ09-_'.repeat(8).slice(0, 43))).toBe(true)
    for (const wrong of [
      'A'.repeat(42),
      'A'.repeat(44),
      `${'A'.repeat(42)}=`,
      `${'A'.repeat(42)}+`,
      '',
      42,
      null,
    ]) {
      expect(isLinkToken(wrong), String(wrong)).toBe(false)
    }
  })
})
