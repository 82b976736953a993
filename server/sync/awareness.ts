import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MAX_AWARENESS_STATE_CHARS } from '../../shared/limits'
import type { Role } from '../../shared/roles'
import { MalformedFrameError } from './frames'

/** What everyone sees of a connection in presence: decided by the server from the token. */
export interface PresenceIdentity {
  participantId: string
  name: string
  role: Role
}

export interface AwarenessEntry {
  clientId: number
  clock: number
  state: Record<string, unknown> | null
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    const entries: AwarenessEntry[] = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      if (json.length > MAX_AWARENESS_STATE_CHARS) throw new MalformedFrameError('awareness state too large')
      const state: unknown = JSON.parse(json)
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
        throw new MalformedFrameError('awareness state is not an object')
      }
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null })
    }
    return entries
  } catch (error) {
    if (error instanceof MalformedFrameError) throw error
    throw new MalformedFrameError('undecodable awareness update')
  }
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(encoder)
}

const COLOR = /^#[0-9a-fA-F]{6}$/

/**
 * The state a connection may publish for its own pinned client id, with the name and role the
 * server knows in place of whatever the client claimed. The client's other entries are echoes of
 * other people's presence (the stock client re-sends every change it hears) and are dropped.
 */
export function ownAwarenessEntry(
  entries: readonly AwarenessEntry[],
  pinnedId: number,
  identity: PresenceIdentity,
): AwarenessEntry | null {
  let own: AwarenessEntry | undefined
  for (const entry of entries) if (entry.clientId === pinnedId) own = entry
  if (!own) return null
  if (own.state === null) return own
  const claimedUser = own.state.user
  const color =
    claimedUser &&
    typeof claimedUser === 'object' &&
    typeof (claimedUser as { color?: unknown }).color === 'string'
      ? (claimedUser as { color: string }).color
      : undefined
  return {
    clientId: pinnedId,
    clock: own.clock,
    state: {
      ...own.state,
      user: {
        name: identity.name,
        role: identity.role,
        participantId: identity.participantId,
        ...(color && COLOR.test(color) ? { color } : {}),
      },
    },
  }
}
