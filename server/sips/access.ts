import type { Stores } from '../db/contract'
import type { SipRow } from '../db/sips'

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
export async function sipAccess(
  stores: Pick<Stores, 'sips'>,
  sipId: string,
  userId: string,
): Promise<SipAccess | undefined> {
  const sip = await stores.sips.get(sipId)
  if (!sip) return undefined
  const isConvener = await stores.sips.isConvener(sipId, userId)
  const isResponsible = (await stores.sips.responsibleHistory(sipId))[0]?.userId === userId
  return isConvener || isResponsible ? { sip, isConvener, isResponsible } : undefined
}
