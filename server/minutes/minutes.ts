import { endpointPath, endpoints } from '../../shared/api/endpoints'
import type { Language } from '../../shared/languages'
import { type MinutesAudience, minutesDocument } from '../../shared/minutes/document'
import { versionCode } from '../../shared/plan/version-code'
import type { MinutesDocument } from '../../shared/schemas/minutes'
import type { Stores } from '../db/contract'
import type { PlanVersionRow } from '../db/signoff'
import { consentOfVersion } from '../signoff/versions'

/**
 * Who asks for the minutes: `staff` is the convener or chair signed in (the staff's view and
 * download), `participant` anyone through their own link – a guardian, the child, a professional.
 * Only staff get the technical check (hash, verify address, CLI command); the family's copy
 * explains the check code in plain words.
 */
export type MinutesReader = 'staff' | 'participant'

/**
 * The minutes of a meeting's active version (locked or finalized) from what is stored: the
 * version's canonical JSON – exactly what was signed, never the live document – the sign-off
 * rows, and from the meeting's own record its convener and recorded consent (G12). A follow-up's
 * also list what changed since its previous meeting's active version (P13).
 */
export async function versionMinutes(
  stores: Pick<Stores, 'signoff' | 'meetings' | 'users'>,
  version: PlanVersionRow,
  options: { lang: Language; publicUrl: string; required: readonly string[]; reader: MinutesReader },
): Promise<MinutesDocument> {
  const { meetingId } = version
  const signatures = (await stores.signoff.signatures(meetingId))
    .filter((s) => s.versionId === version.id)
    .map((s) => ({
      participantId: s.participantId,
      typedName: s.typedName,
      method: s.method,
      signedAt: s.signedAt,
      witnessedBy: s.witnessedBy,
      drawing: s.drawing,
    }))
  const meeting = await stores.meetings.getMeeting(meetingId)
  const convener = meeting?.convenerUserId ? await stores.users.byId(meeting.convenerUserId) : undefined
  // P2: the consent the version was signed under, not one recorded again later in the SIP.
  const consent = consentOfVersion(version)
  // P13: a follow-up is compared with what was signed at the meeting before it.
  const previous = meeting?.previousMeetingId
    ? await stores.signoff.active(meeting.previousMeetingId)
    : undefined
  const path = endpointPath(endpoints.verifyPlan, {
    params: { id: meetingId },
    query: { version: version.number },
  })
  const audience: MinutesAudience =
    options.reader === 'staff'
      ? {
          kind: 'staff',
          verifyUrl: `${options.publicUrl}${path}`,
          verifyCommand: `npm run cli -- verify --meeting ${meetingId} --version ${version.number}`,
        }
      : { kind: 'family' }
  return minutesDocument({
    lang: options.lang,
    plan: JSON.parse(version.canonicalJson),
    version: { number: version.number, hash: version.hash, lockedAt: version.lockedAt },
    finalizedAt: await stores.signoff.finalizedAt(meetingId),
    signatures,
    missing: await stores.signoff.missing(meetingId),
    required: options.required,
    convener: convener?.name ?? '',
    consent: consent && {
      givenBy: consent.givenBy,
      givenAt: consent.givenAt,
      scope: consent.scope,
      notShared: consent.notShared,
    },
    audience,
    ...(previous
      ? { previous: { plan: JSON.parse(previous.canonicalJson), versionCode: versionCode(previous.hash) } }
      : {}),
  })
}
