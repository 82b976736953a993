import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType, SyncType } from '../../shared/protocol'

/** One decoded client frame. Anything else is malformed and ends the connection. */
export type ClientFrame =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth' }

export class MalformedFrameError extends Error {}

/**
 * Reads a y-websocket frame. Only the envelope is checked here; a Yjs update's contents are
 * checked by applying it (see room.ts), never field by field.
 */
export function decodeClientFrame(data: Uint8Array): ClientFrame {
  try {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    let frame: ClientFrame
    switch (type) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (syncType === SyncType.step1) frame = { kind: 'sync-step1', stateVector: payload }
        else if (syncType === SyncType.step2) frame = { kind: 'sync-step2', update: payload }
        else if (syncType === SyncType.update) frame = { kind: 'sync-update', update: payload }
        else throw new MalformedFrameError(`unknown sync type ${syncType}`)
        break
      }
      case MessageType.awareness:
        frame = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) }
        break
      case MessageType.queryAwareness:
        frame = { kind: 'query-awareness' }
        break
      case MessageType.auth:
        // Clients have nothing to say on the auth channel; read and ignore.
        frame = { kind: 'auth' }
        break
      default:
        throw new MalformedFrameError(`unknown message type ${type}`)
    }
    if (frame.kind !== 'auth' && decoding.hasContent(decoder)) {
      throw new MalformedFrameError('trailing bytes after message')
    }
    return frame
  } catch (error) {
    if (error instanceof MalformedFrameError) throw error
    throw new MalformedFrameError('truncated or undecodable message')
  }
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SyncType.step1, stateVector)
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SyncType.step2, update)
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SyncType.update, update)
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** The y-protocols auth message "permission-denied", which the stock client reports as a warning. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.auth)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarString(encoder, reason)
  return encoding.toUint8Array(encoder)
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** Our meetingState frame (G8): message type 100, then the state as JSON in a varString. */
export function encodeMeetingState(json: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.meetingState)
  encoding.writeVarString(encoder, json)
  return encoding.toUint8Array(encoder)
}
