import { describe, expect, it } from 'vitest'
import { rowsOf, splitIds } from './persistence'

const bytes = (n: number) => new Uint8Array([n])
const room = (meetingId: string, ...updates: number[]) => ({
  meetingId,
  pending: updates.map((n) => ({ update: bytes(n), origin: null })),
})

describe('S4: one transaction per turn for every dirty room', () => {
  it('S4: the rows are every pending update of every room, room after room, in order', () => {
    const rows = rowsOf([room('a', 1, 2), room('b', 3), room('c', 4, 5, 6)])
    expect(rows.map((r) => [r.meetingId, r.data[0]])).toEqual([
      ['a', 1],
      ['a', 2],
      ['b', 3],
      ['c', 4],
      ['c', 5],
      ['c', 6],
    ])
  })

  it('S4: the ids the commit returns go back to the rooms their rows came from', () => {
    const rooms = [room('a', 1, 2), room('b', 3), room('c', 4, 5, 6)]
    expect(splitIds(rooms, [10, 11, 12, 13, 14, 15])).toEqual([[10, 11], [12], [13, 14, 15]])
  })

  it('S4: a room with nothing pending gets no ids, and takes none from the next', () => {
    expect(splitIds([room('a'), room('b', 1)], [7])).toEqual([[], [7]])
  })
})
