import { z } from 'zod'
import { checkable, type JsonSchema } from '../json-schema'
import { ApiErrorSchema } from '../schemas/session'
import { endpoints, type Method } from './endpoints'

/** The endpoints a participant's room calls before the plan is locked (client/room-api.ts). */
export const ROOM_ENDPOINTS = ['join', 'session', 'rsvp', 'planState', 'previousMinutesPdf'] as const
export type RoomEndpointName = (typeof ROOM_ENDPOINTS)[number]

export interface RoomEndpoint {
  method: Method
  path: string
  response: JsonSchema | null
}

const jsonSchema = (schema: z.ZodType): JsonSchema =>
  checkable(z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>)

/**
 * The room's endpoints as the table has them – method, path, and the JSON Schema of the answer
 * written from its zod schema – and the error body's. The build hands these to the browser as
 * `virtual:room-contract` (vite.config.ts): a participant's page checks its answers with them
 * (json-schema.ts) and so downloads no zod (issue 15), while the table stays the one definition.
 */
export function roomContract(): {
  roomEndpoints: Record<RoomEndpointName, RoomEndpoint>
  errorBody: JsonSchema
} {
  const roomEndpoints = Object.fromEntries(
    ROOM_ENDPOINTS.map((name) => {
      const { method, path, response } = endpoints[name]
      return [name, { method, path, response: response && jsonSchema(response) }]
    }),
  ) as Record<RoomEndpointName, RoomEndpoint>
  return { roomEndpoints, errorBody: jsonSchema(ApiErrorSchema) }
}

/** `virtual:room-contract` as module source: what the build (vite.config.ts) and tests bundle. */
export function roomContractSource(): string {
  const { roomEndpoints, errorBody } = roomContract()
  return `export const roomEndpoints = ${JSON.stringify(roomEndpoints)}\nexport const errorBody = ${JSON.stringify(errorBody)}\n`
}
