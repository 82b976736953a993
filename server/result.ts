/**
 * What a service answers (server/meetings/service.ts, server/signoff/service.ts): done, with a
 * value, or refused for a reason the caller is told – with the status and error code docs/api.md
 * gives it, so a route sends a refusal as it is and the CLI can print it. What nobody should be told
 * about (the database failing) is thrown, and ends as a 500 that is logged.
 */
export type Result<T> = Done<T> | Refusal

export interface Done<T> {
  ok: true
  value: T
}

export interface Refusal {
  ok: false
  status: 400 | 403 | 404 | 409 | 503
  /** The error code of docs/api.md: `already-locked`, `finalized`, `not-found`, ... */
  error: string
  /** The input field the refusal is about (`versionHash`, `isMe`, `missing`). */
  field?: string
  message?: string
  /** G7: the required signers without a signature or a reason. */
  participantIds?: string[]
}

export function done<T>(value: T): Done<T> {
  return { ok: true, value }
}

export function refuse(
  status: Refusal['status'],
  error: string,
  details: Pick<Refusal, 'field' | 'message' | 'participantIds'> = {},
): Refusal {
  return { ok: false, status, error, ...details }
}
