/// <reference types="vite/client" />

/** The room's endpoints and the error body, their answers as JSON Schema (shared/api/room-contract.ts). */
declare module 'virtual:room-contract' {
  type JsonSchema = import('../shared/json-schema').JsonSchema
  export const roomEndpoints: Record<
    import('../shared/api/room-contract').RoomEndpointName,
    import('../shared/api/room-contract').RoomEndpoint
  >
  export const errorBody: JsonSchema & { properties: { issues: JsonSchema } }
}
