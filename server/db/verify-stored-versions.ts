import type { VerifyResult } from '../../shared/schemas/signoff'
import type { Stores } from './contract'
import type { PlanVersionRow } from './signoff'

/**
 * G9's check of one stored version for the meeting holding it: server/signoff/versions.ts
 * `verifyVersion`, handed in by the caller (storage imports no rules).
 */
export type VerifyVersion = (version: PlanVersionRow, meetingId: string) => VerifyResult

/** What checking every stored plan version found (as `npm run cli -- verify` for each). */
export interface VersionsVerified {
  /** How many versions were recomputed. */
  checked: number
  /** The versions whose hash or snapshot does not match what was stored at lock. */
  failed: VerifyResult[]
}

/** Recomputes every plan version of `meetingIds`, read through the stores as the app reads them. */
export async function verifyStoredVersions(
  signoff: Pick<Stores['signoff'], 'versions'>,
  meetingIds: readonly string[],
  verify: VerifyVersion,
): Promise<VersionsVerified> {
  let checked = 0
  const failed: VerifyResult[] = []
  for (const meetingId of meetingIds) {
    for (const version of await signoff.versions(meetingId)) {
      checked++
      const result = verify(version, meetingId)
      if (!result.ok) failed.push(result)
    }
  }
  return { checked, failed }
}

/** One line per failed version, for an operator. */
export function describeFailedVersion(result: VerifyResult): string {
  const what = [
    result.jsonMatches ? undefined : 'the hash of its canonical JSON differs',
    result.snapshotMatches ? undefined : 'its snapshot gives another canonical JSON',
  ].filter(Boolean)
  return `meeting ${result.meetingId}, version ${result.number} (${result.code}): ${what.join('; ')}`
}
