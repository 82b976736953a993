import { roomEndpoints } from 'virtual:room-contract'
import { type EndpointOutput, endpointPath } from '../shared/api/endpoint'
import type { endpoints } from '../shared/api/endpoints'
import { type JsonSchema, matches } from '../shared/json-schema'
import type { Language } from '../shared/languages'
import { abortable, type Check, call } from './request'

/**
 * What a participant's room asks the server before the plan is locked: the link, the session, the
 * answer to the invitation, the sign-off state, the previous protocol's address. The answers are
 * checked against the JSON Schema of the table's own schemas (vite.config.ts roomContract), so a
 * participant's first download carries no zod (issue 15); api.ts has these calls too.
 */

/** The answer is what the schema describes (its type is the table's, for the same schema). */
export const checkWith = <T>(schema: JsonSchema | null): Check<T> | null =>
  schema && ((body) => (matches(schema, body) ? { value: body as T } : null))

type Room = typeof endpoints
const room = <K extends keyof typeof roomEndpoints>(name: K) =>
  roomEndpoints[name] as Pick<Room[K], 'method' | 'path'>
const checkOf = <K extends keyof typeof roomEndpoints>(name: K) =>
  checkWith<EndpointOutput<Room[K]>>(roomEndpoints[name].response)

/** The meeting in the path, and `as`: which of this browser's participants asks. */
const meeting = (meetingId: string) => ({ params: { id: meetingId } })
const asker = (participantId: string) => ({ query: { as: participantId } })

/** A follow-up's previous meeting's protocol, as a PDF, for this participant of the follow-up (P8). */
export const previousMinutesPdfUrl = (meetingId: string, participantId: string, lang: Language): string =>
  endpointPath<Room['previousMinutesPdf']>(room('previousMinutesPdf') as Room['previousMinutesPdf'], {
    ...meeting(meetingId),
    query: { as: participantId, lang },
  })

export const roomApi = {
  join: (token: string) => call<Room['join']>(room('join'), checkOf('join'), { body: { token } }),
  session: (participantId: string, signal?: AbortSignal) =>
    call<Room['session']>(room('session'), checkOf('session'), asker(participantId), abortable(signal)),
  rsvp: (participantId: string, answer: 'coming' | 'not-coming') =>
    call<Room['rsvp']>(room('rsvp'), checkOf('rsvp'), { ...asker(participantId), body: { answer } }),
  planState: (meetingId: string, participantId: string, signal?: AbortSignal) =>
    call<Room['planState']>(
      room('planState'),
      checkOf('planState'),
      { ...meeting(meetingId), ...asker(participantId) },
      abortable(signal),
    ),
}
