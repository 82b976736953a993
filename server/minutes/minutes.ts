import { endpointPath, endpoints } from '../../shared/api/endpoints'
import type { Language } from '../../shared/languages'
import { minutesDocument } from '../../shared/minutes/document'
import type { MinutesDocument } from '../../shared/schemas/minutes'
import type { PlanVersionRow } from '../db/signoff'
import type { Stores } from '../db/stores'

/**
 * The minutes of a meeting's active version (locked or finalized) from what is stored: the
 * version's canonical JSON – exactly what was signed, never the live document – and the sign-off
 * rows. The sign-off service finds the version and who must sign it (G12).
 */
export function versionMinutes(
  stores: Pick<Stores, 'signoff'>,
  version: PlanVersionRow,
  options: { lang: Language; publicUrl: string; required: readonly string[] },
): MinutesDocument {
  const { meetingId } = version
  const signatures = stores.signoff
    .signatures(meetingId)
    .filter((s) => s.versionId === version.id)
    .map((s) => ({
      participantId: s.participantId,
      typedName: s.typedName,
      method: s.method,
      signedAt: s.signedAt,
      witnessedBy: s.witnessedBy,
      drawing: s.drawing,
    }))
  const path = endpointPath(endpoints.verifyPlan, {
    params: { id: meetingId },
    query: { version: version.number },
  })
  return minutesDocument({
    lang: options.lang,
    plan: JSON.parse(version.canonicalJson),
    version: { number: version.number, hash: version.hash, lockedAt: version.lockedAt },
    finalizedAt: stores.signoff.finalizedAt(meetingId),
    signatures,
    missing: stores.signoff.missing(meetingId),
    required: options.required,
    verifyUrl: `${options.publicUrl}${path}`,
  })
}
