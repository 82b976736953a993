import { describe, expect, it } from 'vitest'
import type { SyncConnection } from './connection'
import { TokenSweep, tokensToClose } from './token-sweep'

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

describe('A8: a sweep asks the database about the links it saw', () => {
  it('A8: a connection that opens while the sweep waits for the database is not taken for a revoked one', async () => {
    let answer: (valid: ReadonlySet<number>) => void = () => {}
    const sweep = new TokenSweep({
      log: { warn: () => {}, info: () => {} } as never,
      intervalMs: 3_600_000,
      validTokens: () =>
        new Promise((resolve) => {
          answer = resolve
        }),
    })
    const open = (tokenId: number) => {
      const closed: number[] = []
      const connection = {
        principal: { tokenId, expiresAt: Date.now() + 60_000 },
        close: (code: { code: number }) => closed.push(code.code),
      } as unknown as SyncConnection
      sweep.add(connection)
      return closed
    }
    const first = open(1)
    const sweeping = sweep.sweep()
    // PostgreSQL's round trip: a client connects meanwhile, with a link the query did not ask about.
    const second = open(2)
    answer(new Set([1]))
    expect(await sweeping).toBe(0)
    expect(first).toEqual([])
    expect(second).toEqual([])
    sweep.stop()
  })
})
