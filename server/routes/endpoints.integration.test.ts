import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endpoints } from '../../shared/api/endpoints'
import { startServer, type TestServer } from '../test/harness'

/**
 * The endpoint table (shared/api/endpoints.ts) is what the client calls: every entry must be a
 * route, with its method (the paths themselves are pinned in shared/api/endpoints.test.ts).
 */

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server.close()
})

describe('the endpoint table', () => {
  it('every endpoint the client may call is a route of the server, with its method', () => {
    const missing = Object.entries(endpoints)
      .filter(([, { method, path }]) => !server.app.hasRoute({ method, url: path }))
      .map(([name, { method, path }]) => `${name}: ${method} ${path}`)
    expect(missing).toEqual([])
  })
})
