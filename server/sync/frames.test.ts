import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { MessageType, SyncType } from '../../shared/protocol'
import { decodeClientFrame, encodeSyncStep1, encodeSyncUpdate, MalformedFrameError } from './frames'

describe('decodeClientFrame', () => {
  it('reads the y-websocket frames a stock client sends', () => {
    expect(decodeClientFrame(encodeSyncStep1(new Uint8Array([0])))).toEqual({
      kind: 'sync-step1',
      stateVector: new Uint8Array([0]),
    })
    expect(decodeClientFrame(encodeSyncUpdate(new Uint8Array([1, 2, 3])))).toEqual({
      kind: 'sync-update',
      update: new Uint8Array([1, 2, 3]),
    })
    expect(decodeClientFrame(new Uint8Array([MessageType.queryAwareness]))).toEqual({
      kind: 'query-awareness',
    })
  })

  it('rejects unknown types, unknown sync types, truncation and trailing bytes', () => {
    expect(() => decodeClientFrame(new Uint8Array([9]))).toThrow(MalformedFrameError)
    expect(() => decodeClientFrame(new Uint8Array([MessageType.sync, 7, 0]))).toThrow(MalformedFrameError)
    expect(() => decodeClientFrame(new Uint8Array([MessageType.sync, SyncType.update, 10, 1]))).toThrow(
      MalformedFrameError,
    )
    expect(() => decodeClientFrame(new Uint8Array([]))).toThrow(MalformedFrameError)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    encoding.writeVarUint(encoder, SyncType.update)
    encoding.writeVarUint8Array(encoder, new Uint8Array([1]))
    encoding.writeUint8(encoder, 99)
    expect(() => decodeClientFrame(encoding.toUint8Array(encoder))).toThrow('trailing bytes')
  })
})
