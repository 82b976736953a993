import { describe, expect, it } from 'vitest'
import { tokensToClose } from './token-sweep'

const conn = (expiresAt: number) => ({ principal: { expiresAt } })

describe('A8: the sweep closes the connections of expired and revoked links', () => {
  const now = 1_000_000
  const byToken = new Map([
    [1, [conn(now + 60_000)]],
    [2, [conn(now + 60_000), conn(now)]],
    [3, [conn(now + 60_000)]],
  ])

  it('A8: a link expired by the time its connection carries is closed, even without the database', () => {
    expect(tokensToClose(byToken, undefined, now)).toEqual([2])
  })

  it('A8: a link the database no longer counts as valid (revoked by any means) is closed', () => {
    expect(tokensToClose(byToken, new Set([1, 2]), now)).toEqual([2, 3])
    expect(tokensToClose(byToken, new Set([1, 2, 3]), now)).toEqual([2])
  })
})
