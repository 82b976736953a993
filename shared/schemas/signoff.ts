import { z } from 'zod'
import {
  MAX_NAME_CHARS,
  MAX_REASON_CHARS,
  MAX_SATISFACTION_COMMENT_CHARS,
  MAX_SIGNATURE_DRAWING_CHARS,
  SIGNATURE_BOX,
} from '../limits'
import { PLAN_PROBLEMS } from '../plan/skipped'
import { DateTimeSchema } from './meeting'

/** Sign-off: lock, sign, unlock, finalize, and "Är du nöjd med mötet?" (docs/api.md, docs/protocol.md G). */

/** A plan version's SHA-256 over its canonical JSON, as 64 lower-case hex digits. */
export const VersionHashSchema = z.string().regex(/^[0-9a-f]{64}$/)

const TypedNameSchema = z.string().trim().min(1).max(MAX_NAME_CHARS)
/** "Jag har tagit del av planen och godkänner den" must be ticked. */
const ConfirmSchema = z.literal(true)
const ReasonSchema = z.string().trim().min(1).max(MAX_REASON_CHARS)

/** POST /api/meetings/:id/plan/sign – the authenticated participant signs, for themself only. */
export const SignInputSchema = z.object({
  versionHash: VersionHashSchema,
  confirm: ConfirmSchema,
  typedName: TypedNameSchema,
})
export type SignInput = z.infer<typeof SignInputSchema>

/**
 * A signature drawn on the chair's screen: SVG path data of move-to and line-to commands with whole
 * numbers inside SIGNATURE_BOX – `M12 80 L14 82 L20 85 M40 60 L41 62`. Nothing else of SVG is
 * accepted, so the stored value can be drawn anywhere without being a way in.
 */
export const SignatureDrawingSchema = z
  .string()
  .max(MAX_SIGNATURE_DRAWING_CHARS)
  .regex(/^M\d{1,3} \d{1,3}(?: [ML]\d{1,3} \d{1,3})*$/)
  .refine(
    (path) =>
      [...path.matchAll(/[ML](\d+) (\d+)/g)].every(
        ([, x, y]) => Number(x) <= SIGNATURE_BOX.width && Number(y) <= SIGNATURE_BOX.height,
      ),
    { message: 'outside the signature box' },
  )

/**
 * POST /api/meetings/:id/plan/sign-in-room – the chair witnesses a participant signing on the
 * chair's screen: the name typed, and optionally a signature drawn.
 */
export const SignInRoomInputSchema = SignInputSchema.extend({
  participantId: z.string().min(1).max(64),
  drawing: SignatureDrawingSchema.optional(),
})
export type SignInRoomInput = z.infer<typeof SignInRoomInputSchema>

/** POST /api/meetings/:id/plan/lock – no fields. */
export const LockInputSchema = z.object({})

/** POST /api/meetings/:id/plan/unlock – why the version is voided. */
export const UnlockInputSchema = z.object({ reason: ReasonSchema })
export type UnlockInput = z.infer<typeof UnlockInputSchema>

/**
 * Why a required signature is missing, as the statistics count it (issue 14): left before signing,
 * a technical obstacle, did not want to sign, another reason. The free-text reason stays beside it.
 */
export const MISSING_SIGNATURE_REASONS = ['left-early', 'technical', 'declined', 'other'] as const
export const MissingSignatureReasonSchema = z.enum(MISSING_SIGNATURE_REASONS)
export type MissingSignatureReason = z.infer<typeof MissingSignatureReasonSchema>

/** POST /api/meetings/:id/plan/finalize – a reason for each required signature that is missing. */
export const FinalizeInputSchema = z.object({
  missing: z
    .array(
      z.object({
        participantId: z.string().min(1).max(64),
        /** 'other' when not given. */
        category: MissingSignatureReasonSchema.optional(),
        reason: ReasonSchema,
      }),
    )
    .default([]),
})
export type FinalizeInput = z.infer<typeof FinalizeInputSchema>

/** POST /api/session/satisfaction – child and guardians only; stored without the answerer. */
export const SatisfactionInputSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(MAX_SATISFACTION_COMMENT_CHARS).default(''),
})
export type SatisfactionInput = z.infer<typeof SatisfactionInputSchema>

export const SIGN_METHODS = ['own-device', 'in-room'] as const
export const SignMethodSchema = z.enum(SIGN_METHODS)
export const SignoffStatusSchema = z.enum(['open', 'locked', 'finalized'])

export const PlanVersionSchema = z.object({
  number: z.number().int(),
  hash: VersionHashSchema,
  /** shared/plan/version-code.ts */
  code: z.string(),
  lockedAt: DateTimeSchema,
  voidedAt: DateTimeSchema.nullable(),
  voidReason: z.string().nullable(),
})

/** G13: a piece of the plan a lock left out because it had the wrong shape (shared/plan/canonical.ts). */
export const SkippedPartSchema = z.object({
  part: z.string(),
  index: z.number().int().optional(),
  key: z.string().optional(),
  field: z.string().optional(),
  problem: z.enum(PLAN_PROBLEMS),
})

/**
 * GET /api/meetings/:id/plan/state, and the payload of the meetingState frame on the sync socket
 * (shared/protocol.ts MessageType.meetingState).
 */
export const MeetingStateSchema = z.object({
  meetingId: z.string(),
  status: SignoffStatusSchema,
  /**
   * The active version (locked or finalized); null while the plan is open. `skipped`: what the lock
   * left out of a damaged plan (G13), for the chair to see; empty for a plan of the right shape.
   */
  version: PlanVersionSchema.pick({ number: true, hash: true, code: true, lockedAt: true })
    .extend({ skipped: z.array(SkippedPartSchema) })
    .nullable(),
  /** Who must sign the active version: attendance present or remote in it. */
  required: z.array(z.string()),
  /** Every signature of every version, newest version first; `void` when its version was unlocked. */
  signatures: z.array(
    z.object({
      participantId: z.string(),
      name: z.string(),
      versionNumber: z.number().int(),
      method: SignMethodSchema,
      signedAt: DateTimeSchema,
      /** A signature was drawn as well (in the room). */
      drawn: z.boolean(),
      void: z.boolean(),
    }),
  ),
  /** Recorded at finalization: who did not sign, and why. */
  missing: z.array(z.object({ participantId: z.string(), name: z.string(), reason: z.string() })),
  finalizedAt: DateTimeSchema.nullable(),
  /** Every version, newest first. */
  versions: z.array(PlanVersionSchema),
})
export type MeetingState = z.infer<typeof MeetingStateSchema>

/** GET /api/meetings/:id/plan/verify and `npm run cli -- verify`. */
export const VerifyResultSchema = z.object({
  meetingId: z.string(),
  number: z.number().int(),
  hash: z.string(),
  code: z.string(),
  /** SHA-256 of the stored canonical JSON equals the stored hash. */
  jsonMatches: z.boolean(),
  /**
   * The canonical JSON recomputed from the stored snapshot – with the asked meeting's id and this
   * version's number when the version is bound – equals the stored canonical JSON (and so its hash).
   */
  snapshotMatches: z.boolean(),
  /**
   * The version's canonical JSON names its meeting and number, so it verifies for that meeting and
   * number only (G1, G9). False for versions locked before this rule: they verify as before.
   */
  bound: z.boolean(),
  ok: z.boolean(),
})
export type VerifyResult = z.infer<typeof VerifyResultSchema>
