import { errorBody, roomEndpoints } from 'virtual:room-contract'
import { describe, expect, it } from 'vitest'
import { endpoints } from '../shared/api/endpoints'
import { ROOM_ENDPOINTS, roomContract } from '../shared/api/room-contract'
import { matches } from '../shared/json-schema'

describe('virtual:room-contract', () => {
  it("is the room's endpoints as the table has them, with their answers' JSON Schema", () => {
    expect({ roomEndpoints, errorBody }).toEqual(roomContract())
    for (const name of ROOM_ENDPOINTS) expect(roomEndpoints[name].path).toBe(endpoints[name].path)
    expect(matches(errorBody, { error: 'not-found' })).toBe(true)
    expect(matches(errorBody.properties.issues, [{ field: 'a', code: 'b', message: 'c' }])).toBe(true)
  })
})
