import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { ROLES, type Role } from '../../shared/roles'

/** One person in the room, as the server pinned them (name and role come from its records). */
export interface PresentUser {
  clientId: number
  /** Which invited participant this is (the server sets it for everyone else; null for ourselves). */
  participantId: string | null
  name: string
  role: Role | null
  color: string | null
  self: boolean
}

/**
 * Caret colours. White label text on each of them has a contrast of at least 4.5:1 (WCAG AA).
 */
export const CARET_COLORS = [
  '#005a9c',
  '#b00020',
  '#1b6e20',
  '#6a1b9a',
  '#8a4b00',
  '#00695c',
  '#ad1457',
  '#37474f',
]

export function caretColor(clientId: number): string {
  return CARET_COLORS[clientId % CARET_COLORS.length]!
}

function readUser(clientId: number, state: Record<string, unknown>, selfId: number): PresentUser | null {
  const user = state.user
  if (typeof user !== 'object' || user === null) return null
  const { name, role, color, participantId } = user as {
    name?: unknown
    role?: unknown
    color?: unknown
    participantId?: unknown
  }
  const self = clientId === selfId
  // Our own state is what we set (a colour); the server fills in name and role only for others.
  if (!self && typeof name !== 'string') return null
  return {
    clientId,
    participantId: typeof participantId === 'string' ? participantId : null,
    name: typeof name === 'string' ? name : '',
    role: ROLES.find((r) => r === role) ?? null,
    color: typeof color === 'string' ? color : null,
    self,
  }
}

function presentUsers(awareness: Awareness): PresentUser[] {
  const users: PresentUser[] = []
  for (const [clientId, state] of awareness.getStates()) {
    const user = readUser(clientId, state, awareness.clientID)
    if (user) users.push(user)
  }
  // You first, then everyone else by name, so the list does not jump around as people move.
  return users.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, 'sv'))
}

/** Who is here now, re-read whenever presence changes. */
export function usePresence(awareness: Awareness): PresentUser[] {
  const [users, setUsers] = useState(() => presentUsers(awareness))
  useEffect(() => {
    const onChange = (): void => setUsers(presentUsers(awareness))
    onChange()
    awareness.on('change', onChange)
    return () => awareness.off('change', onChange)
  }, [awareness])
  return users
}

/**
 * Which invited participants are connected now: everyone whose presence the server pinned to a
 * participant, and ourselves (`selfId`) while our own connection is live.
 */
export function connectedParticipantIds(
  users: readonly PresentUser[],
  selfId: string,
  selfOnline: boolean,
): ReadonlySet<string> {
  const ids = new Set<string>(selfOnline ? [selfId] : [])
  for (const user of users) if (user.participantId) ids.add(user.participantId)
  return ids
}
