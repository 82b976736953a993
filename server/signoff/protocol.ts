import { protocolDocument } from '../../shared/protocol/document'
import type { ProtocolLanguage } from '../../shared/protocol/text'
import type { ProtocolDocument } from '../../shared/schemas/protocol'
import type { Stores } from '../db/stores'
import { requiredSigners } from './versions'

/**
 * The protocol of a meeting's active version (locked or finalized) from what is stored: the
 * version's canonical JSON – exactly what was signed, never the live document – and the sign-off
 * rows. Undefined while the plan is open.
 */
export function meetingProtocol(
  stores: Pick<Stores, 'signoff'>,
  meetingId: string,
  options: { lang: ProtocolLanguage; publicUrl: string },
): ProtocolDocument | undefined {
  const version = stores.signoff.active(meetingId)
  if (!version) return undefined
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
  const path = `/api/meetings/${encodeURIComponent(meetingId)}/plan/verify?version=${version.number}`
  return protocolDocument({
    lang: options.lang,
    plan: JSON.parse(version.canonicalJson),
    version: { number: version.number, hash: version.hash, lockedAt: version.lockedAt },
    finalizedAt: stores.signoff.finalizedAt(meetingId),
    signatures,
    missing: stores.signoff.missing(meetingId),
    required: requiredSigners(version.canonicalJson),
    verifyUrl: `${options.publicUrl}${path}`,
  })
}
