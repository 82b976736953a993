import { type SessionResponse, SessionResponseSchema } from '../shared/schemas/session'

export type SessionResult =
  | { ok: true; session: SessionResponse }
  | { ok: false; reason: 'invalid-link' | 'unavailable' }

/** Asks the server who holds this link token. Every response is parsed with the shared schema. */
export async function fetchSession(token: string, signal?: AbortSignal): Promise<SessionResult> {
  let response: Response
  try {
    response = await fetch('/api/session', {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
      ...(signal ? { signal } : {}),
    })
  } catch (error) {
    if (signal?.aborted) throw error
    return { ok: false, reason: 'unavailable' }
  }
  if (response.status === 401 || response.status === 403) return { ok: false, reason: 'invalid-link' }
  if (!response.ok) return { ok: false, reason: 'unavailable' }
  const parsed = SessionResponseSchema.safeParse(await response.json())
  return parsed.success ? { ok: true, session: parsed.data } : { ok: false, reason: 'unavailable' }
}
