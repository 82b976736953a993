import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import type { MinutesConsent } from '../../shared/minutes/document'
import {
  canonicalStringify,
  canonicalVersionJson,
  readPlan,
  type VersionBinding,
  versionBindingOf,
} from '../../shared/plan/canonical'
import { ATTENDANCE } from '../../shared/plan/layout'
import type { SkippedPart } from '../../shared/plan/skipped'
import { versionCode } from '../../shared/plan/version-code'
import { type MeetingState, SkippedPartSchema, type VerifyResult } from '../../shared/schemas/signoff'
import type { Stores } from '../db/contract'
import type { StoredConsent } from '../db/meetings'
import type { PlanVersionRow } from '../db/signoff'
import { participantDisplayName } from '../meetings/names'

/** SHA-256 of a canonical JSON text's UTF-8 bytes, as lower-case hex: the version hash (G1). */
export function planHash(canonicalJson: string): string {
  return createHash('sha256').update(canonicalJson, 'utf8').digest('hex')
}

/**
 * What a lock stores (G1): the canonical JSON of the room's document bound to its meeting and
 * number, its hash, the Yjs state, and what had to be left out of a damaged plan (G13).
 */
export function freezeVersion(
  doc: Y.Doc,
  binding: VersionBinding,
): { canonicalJson: string; hash: string; snapshot: Uint8Array; skipped: SkippedPart[] } {
  const { canonicalJson, skipped } = canonicalVersionJson(doc, binding)
  return { canonicalJson, hash: planHash(canonicalJson), snapshot: Y.encodeStateAsUpdate(doc), skipped }
}

/**
 * The canonical JSON of a stored snapshot: bound to this meeting and number, or – for a version
 * locked before versions were bound – read the way it was then. Undefined if the snapshot cannot
 * be read.
 */
export function canonicalJsonOfSnapshot(snapshot: Uint8Array, binding?: VersionBinding): string | undefined {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, snapshot)
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return undefined
    return binding
      ? canonicalVersionJson(doc, binding).canonicalJson
      : canonicalStringify(readPlan(doc, { legacy: true }).plan)
  } catch {
    return undefined
  } finally {
    doc.destroy()
  }
}

/**
 * G9: recomputes a stored version's hash from its canonical JSON, and its canonical JSON from its
 * snapshot. Both must match what was stored at lock. A bound version is recomputed for the meeting
 * asked about (the route's or the CLI's, not the row's) and the row's number, so a row copied into
 * another meeting, or renumbered, does not verify. Versions locked before binding verify as before
 * and say `bound: false`.
 */
export function verifyVersion(version: PlanVersionRow, meetingId: string): VerifyResult {
  const jsonMatches = planHash(version.canonicalJson) === version.hash
  const bound = versionBindingOf(version.canonicalJson) !== undefined
  const recomputed = canonicalJsonOfSnapshot(
    version.snapshot,
    bound ? { meetingId, version: version.number } : undefined,
  )
  const snapshotMatches = recomputed === version.canonicalJson
  return {
    meetingId,
    number: version.number,
    hash: version.hash,
    code: versionCode(version.hash),
    jsonMatches,
    snapshotMatches,
    bound,
    ok: jsonMatches && snapshotMatches,
  }
}

/** What a version's lock left out (G13); a stored list that cannot be read shows as nothing. */
function skippedOf(version: PlanVersionRow): SkippedPart[] {
  try {
    const parsed = SkippedPartSchema.array().safeParse(JSON.parse(version.skippedJson))
    return parsed.success ? parsed.data : []
  } catch {
    return []
  }
}

/** The version a verify is about (G9): the one numbered `number`, else the active, else the latest. */
export async function versionToVerify(
  signoff: Pick<Stores['signoff'], 'active' | 'versions' | 'byNumber'>,
  meetingId: string,
  number?: number,
): Promise<PlanVersionRow | undefined> {
  if (number !== undefined) return signoff.byNumber(meetingId, number)
  return (await signoff.active(meetingId)) ?? (await signoff.versions(meetingId))[0]
}

/** Who must sign a version (G7): everyone whose attendance in it is present or remote. */
export function requiredSigners(canonicalJson: string): string[] {
  const plan = JSON.parse(canonicalJson) as { attendance?: Record<string, string> }
  const present: readonly string[] = [ATTENDANCE[0], ATTENDANCE[1]]
  return Object.entries(plan.attendance ?? {})
    .filter(([, status]) => present.includes(status))
    .map(([id]) => id)
}

const iso = (ms: number) => new Date(ms).toISOString()

/** The sign-off state of a meeting, as GET .../plan/state and the meetingState frame show it (G8). */
export async function meetingState(
  stores: Pick<Stores, 'signoff' | 'participants'>,
  meetingId: string,
): Promise<MeetingState> {
  const versions = await stores.signoff.versions(meetingId)
  const active = versions.find((v) => v.voidedAt === null)
  const finalizedAt = await stores.signoff.finalizedAt(meetingId)
  const names = new Map(
    (await stores.participants.ofMeeting(meetingId)).map((p) => [p.id, participantDisplayName(p)] as const),
  )
  return {
    meetingId,
    status: finalizedAt !== null ? 'finalized' : active ? 'locked' : 'open',
    version: active
      ? {
          number: active.number,
          hash: active.hash,
          code: versionCode(active.hash),
          lockedAt: iso(active.lockedAt),
          skipped: skippedOf(active),
        }
      : null,
    required: active ? requiredSigners(active.canonicalJson) : [],
    signatures: (await stores.signoff.signatures(meetingId)).map((s) => ({
      participantId: s.participantId,
      name: s.typedName,
      versionNumber: s.versionNumber,
      method: s.method,
      signedAt: iso(s.signedAt),
      drawn: s.drawing !== null,
      void: s.voided,
    })),
    missing: (await stores.signoff.missing(meetingId)).map((m) => ({
      participantId: m.participantId,
      name: names.get(m.participantId) ?? '',
      reason: m.reason,
    })),
    finalizedAt: finalizedAt === null ? null : iso(finalizedAt),
    versions: versions.map((v) => ({
      number: v.number,
      hash: v.hash,
      code: versionCode(v.hash),
      lockedAt: iso(v.lockedAt),
      voidedAt: v.voidedAt === null ? null : iso(v.voidedAt),
      voidReason: v.voidReason,
    })),
  }
}

/** P2: the consent a version is locked under, as the protocol shows it (JSON), or null for none. */
export function consentSnapshot(consent: StoredConsent | null): string | null {
  if (!consent) return null
  const { givenBy, givenAt, scope, notShared } = consent
  return JSON.stringify({ givenBy, givenAt, scope, notShared })
}

/** The consent a version was locked under: its own snapshot (null for none). */
export function consentOfVersion(version: Pick<PlanVersionRow, 'consentJson'>): MinutesConsent | null {
  return version.consentJson === null ? null : (JSON.parse(version.consentJson) as MinutesConsent)
}
