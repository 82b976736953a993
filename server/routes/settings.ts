import { endpoints } from '../../shared/api/endpoints'
import { ClosureHelpSchema } from '../../shared/schemas/sip'
import { requireAdmin, requireStaff, staffActor, staffOf } from '../auth/staff-auth'
import { closureHelp, saveClosureHelp } from '../sips/closure-notice'
import type { RouteApp } from './http'

/**
 * The installation's settings (docs/process.md P10): the text in the closure notice that tells a
 * family where to turn if the need returns. Every signed-in staff member may read it (it is what
 * families are told); administrators change it. Both are audited (P12).
 */
export async function settingsRoutes(app: RouteApp): Promise<void> {
  app.get(endpoints.closureHelp.path, { preValidation: requireStaff }, async (request) => {
    await app.stores.audit.append({
      action: 'settings.read',
      subject: 'setting:closure-help',
      ...staffActor(request),
    })
    return closureHelp(app.stores.sips)
  })

  app.put(
    endpoints.updateClosureHelp.path,
    { preValidation: requireAdmin, schema: { body: ClosureHelpSchema } },
    async (request) => {
      const admin = staffOf(request).user
      await app.storage.transaction(async () => {
        await saveClosureHelp(app.stores.sips, request.body, admin.id)
        await app.stores.audit.append({
          action: 'settings.updated',
          subject: 'setting:closure-help',
          ...staffActor(request),
        })
      })
      return closureHelp(app.stores.sips)
    },
  )
}
