import type { SipRow } from '../db/sips'
import type { Stores } from '../db/stores'

/** A SIP as staff member `userId` may have it (docs/process.md P4). */
export interface SipAccess {
  sip: SipRow
  /** They convened one of its meetings. */
  isConvener: boolean
  /** They are its current huvudansvarig (linked to their account). */
  isResponsible: boolean
}

/**
 * P4: who may see a SIP – a staff member who convened one of its meetings, or who is its current
 * huvudansvarig. Nobody else, administrators included, learns that it exists: the routes answer
 * 404. Both may book follow-ups, change the huvudansvarig, record deviations and close it.
 */
export function sipAccess(
  stores: Pick<Stores, 'sips'>,
  sipId: string,
  userId: string,
): SipAccess | undefined {
  const sip = stores.sips.get(sipId)
  if (!sip) return undefined
  const isConvener = stores.sips.isConvener(sipId, userId)
  const isResponsible = stores.sips.responsibleHistory(sipId)[0]?.userId === userId
  return isConvener || isResponsible ? { sip, isConvener, isResponsible } : undefined
}
