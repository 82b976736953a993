import { describe, expect, it } from 'vitest'
import { MAX_AWARENESS_STATE_CHARS } from '../../shared/limits'
import { decodeAwarenessUpdate, encodeAwarenessEntries, ownAwarenessEntry } from './awareness'
import { MalformedFrameError } from './frames'

const identity = { participantId: 'p1', name: 'Lena Berg', role: 'participant' as const }

describe('A3: presence is pinned to the server’s records', () => {
  it('replaces the claimed name and role, keeps a valid colour and the rest of the state', () => {
    const entry = ownAwarenessEntry(
      [
        {
          clientId: 5,
          clock: 3,
          state: { user: { name: 'Rektorn', role: 'chair', color: '#aabbcc' }, cursor: { a: 1 } },
        },
      ],
      5,
      identity,
    )
    expect(entry).toEqual({
      clientId: 5,
      clock: 3,
      state: {
        user: { name: 'Lena Berg', role: 'participant', participantId: 'p1', color: '#aabbcc' },
        cursor: { a: 1 },
      },
    })
  })

  it('drops a colour that is not #rrggbb (it ends up in style attributes)', () => {
    const entry = ownAwarenessEntry(
      [{ clientId: 5, clock: 1, state: { user: { color: 'red;background:url(x)' } } }],
      5,
      identity,
    )
    expect(entry?.state?.user).toEqual({ name: 'Lena Berg', role: 'participant', participantId: 'p1' })
  })

  it('ignores entries for other client ids (echoes or forgeries)', () => {
    expect(
      ownAwarenessEntry([{ clientId: 9, clock: 100, state: { user: { name: 'X' } } }], 5, identity),
    ).toBeNull()
  })

  it('passes a removal (null state) for the pinned id through', () => {
    expect(ownAwarenessEntry([{ clientId: 5, clock: 4, state: null }], 5, identity)).toEqual({
      clientId: 5,
      clock: 4,
      state: null,
    })
  })

  it('round-trips entries and rejects oversized or non-object states', () => {
    const entries = [{ clientId: 1, clock: 2, state: { a: 'å' } }]
    expect(decodeAwarenessUpdate(encodeAwarenessEntries(entries))).toEqual(entries)
    const big = [{ clientId: 1, clock: 2, state: { a: 'x'.repeat(MAX_AWARENESS_STATE_CHARS) } }]
    expect(() => decodeAwarenessUpdate(encodeAwarenessEntries(big))).toThrow(MalformedFrameError)
    expect(() => decodeAwarenessUpdate(new Uint8Array([1, 1, 1, 1, 0x31]))).toThrow(MalformedFrameError)
  })
})
