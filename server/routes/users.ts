import { endpoints } from '../../shared/api/endpoints'
import { IdParamsSchema } from '../../shared/schemas/params'
import { NewUserInputSchema, UserPatchSchema } from '../../shared/schemas/staff'
import { hashPassword } from '../auth/passwords'
import { requireAdmin, staffActor, staffOf, toUser } from '../auth/staff-auth'
import { type RouteApp, sendConflict, sendNotFound } from './http'

/** Administrators add staff and disable (or re-enable) them. */
export async function userRoutes(app: RouteApp): Promise<void> {
  app.get(endpoints.users.path, { preValidation: requireAdmin }, async () =>
    (await app.stores.users.list()).map(toUser),
  )

  const create = { preValidation: requireAdmin, schema: { body: NewUserInputSchema } }
  app.post(endpoints.createUser.path, create, async (request, reply) => {
    const input = request.body
    const passwordHash = await hashPassword(input.password)
    try {
      const user = await app.storage.transaction(async () => {
        const created = await app.stores.users.create({ ...input, passwordHash })
        await app.stores.audit.append({
          action: 'user.created',
          subject: `staff:${created.id}`,
          ...staffActor(request),
        })
        return created
      })
      return reply.code(201).send(toUser(user))
    } catch (error) {
      if (app.storage.isUniqueViolation(error)) return sendConflict(reply, 'email-taken', 'email')
      throw error
    }
  })

  app.patch(
    endpoints.updateUser.path,
    { preValidation: requireAdmin, schema: { params: IdParamsSchema, body: UserPatchSchema } },
    async (request, reply) => {
      const admin = staffOf(request).user
      const input = request.body
      const target = await app.stores.users.byId(request.params.id)
      if (!target) return sendNotFound(reply)
      // The last way back in would be the CLI: an administrator cannot lock themselves out.
      if (target.id === admin.id && input.disabled) return sendConflict(reply, 'cannot-disable-self')
      let closedLinks: number[] = []
      const updated = await app.storage.transaction(async () => {
        let user = target
        const { disabled, ...profilePatch } = input
        if (disabled !== undefined && (target.disabledAt !== null) !== disabled) {
          user = (await app.stores.users.setDisabled(target.id, disabled))!
          if (disabled) {
            await app.staffAuth.endAllSessions(user.id)
            closedLinks = await app.stores.participantSessions.deleteForStaffUser(user.id)
            // The personal links of their own seats (the chair's, usually) stop working too: a
            // disabled account keeps no way into any meeting room.
            for (const seat of await app.stores.participants.seatsOfUser(user.id)) {
              const revoked = await app.stores.tokens.revokeForParticipant(seat.id)
              if (revoked.length === 0) continue
              closedLinks.push(...revoked)
              await app.stores.audit.append({
                action: 'link.revoked',
                meetingId: seat.meetingId,
                subject: `participant:${seat.id}`,
                ...staffActor(request),
              })
            }
          }
          await app.stores.audit.append({
            action: disabled ? 'user.disabled' : 'user.enabled',
            subject: `staff:${user.id}`,
            ...staffActor(request),
          })
        }
        const profile = {
          organisation: profilePatch.organisation ?? user.organisation,
          function: profilePatch.function ?? user.function,
          municipality: profilePatch.municipality ?? user.municipality,
          statistics: profilePatch.statistics ?? user.statistics,
        }
        const before = user
        const changed = (['organisation', 'function', 'municipality'] as const).some(
          (k) => profile[k] !== before[k],
        )
        const permission = profile.statistics !== before.statistics
        if (changed || permission) user = (await app.stores.users.setProfile(user.id, profile))!
        if (changed)
          await app.stores.audit.append({
            action: 'user.updated',
            subject: `staff:${user.id}`,
            ...staffActor(request),
          })
        // The permission is the only door to the statistics: who opened or closed it, for whom, is its own row.
        if (permission)
          await app.stores.audit.append({
            action: profile.statistics ? 'user.statistics-granted' : 'user.statistics-withdrawn',
            subject: `staff:${user.id}`,
            ...staffActor(request),
          })
        return user
      })
      // Meeting rooms they opened without a link (POST /api/meetings/:id/open) close too.
      for (const tokenId of closedLinks) app.sync.closeToken(tokenId)
      return toUser(updated)
    },
  )
}
