import type { FastifyReply, FastifyRequest } from 'fastify'
import { endpoints } from '../../shared/api/endpoints'
import { NewUserInputSchema } from '../../shared/schemas/staff'
import { hashPassword } from '../auth/passwords'
import { type RouteApp, sendConflict } from './http'

/**
 * First start: while there are no users at all, anyone who reaches the server may create the first
 * administrator (and is signed in as them). Operators who cannot keep the server private until
 * then use `npm run cli -- create-admin` instead (docs/operations.md).
 */
export async function setupRoutes(app: RouteApp): Promise<void> {
  app.get(endpoints.setupStatus.path, async () => ({
    needsFirstAdmin: (await app.stores.users.count()) === 0,
  }))

  /** Closed (409) once there is a user, before the body is checked. */
  async function noUsersYet(_request: FastifyRequest, reply: FastifyReply) {
    if ((await app.stores.users.count()) > 0) return sendConflict(reply, 'setup-done')
  }

  const firstAdmin = { preValidation: noUsersYet, schema: { body: NewUserInputSchema } }
  app.post(endpoints.createFirstAdmin.path, firstAdmin, async (request, reply) => {
    const input = request.body
    const passwordHash = await hashPassword(input.password)
    // Checked again inside the write: two browsers racing for the first account, one wins.
    const user = await app.storage.transaction(async () => {
      if ((await app.stores.users.count()) > 0) return undefined
      const created = await app.stores.users.create({ ...input, passwordHash, isAdmin: true })
      await app.stores.audit.append({
        action: 'user.created',
        actor: `staff:${created.id}`,
        actorName: created.name,
        subject: `staff:${created.id}`,
        sourceAddress: request.ip,
      })
      return created
    })
    if (!user) return sendConflict(reply, 'setup-done')
    return reply.code(201).send(await app.staffAuth.startSession(user, request, reply))
  })
}
