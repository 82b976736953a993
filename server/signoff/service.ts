import type * as Y from 'yjs'
import type { Language } from '../../shared/languages'
import type { MinutesDocument } from '../../shared/schemas/minutes'
import type {
  FinalizeInput,
  MeetingState,
  SatisfactionInput,
  SignInput,
  SignInRoomInput,
  UnlockInput,
  VerifyResult,
} from '../../shared/schemas/signoff'
import { participantActor } from '../auth/principal'
import type { AuditAction } from '../db/audit-log'
import type { Stores, WriteTransaction } from '../db/contract'
import type { MeetingRow } from '../db/meetings'
import type { NewSignature, PlanVersionRow } from '../db/signoff'
import { errorSummary, type ServiceLog } from '../log'
import type { Asker } from '../meetings/access'
import type { AuditActor, MeetingService } from '../meetings/service'
import { type MinutesReader, versionMinutes } from '../minutes/minutes'
import { type PlanDocuments, PlanFrozenError } from '../plan/document-port'
import { done, type Result, refuse } from '../result'
import { recordSignedResponsible } from '../sips/responsible'
import { recordMeetingFacts } from '../statistics/facts'
import {
  consentSnapshot,
  freezeVersion,
  meetingState,
  requiredSigners,
  verifyVersion,
  versionToVerify,
} from './versions'

declare const chairOfMeeting: unique symbol
declare const answersSatisfaction: unique symbol

/** The chair of the meeting, asking (G3). Only `chair()` makes one. */
export type Chair = Asker & { readonly [chairOfMeeting]: true }

/** A child or guardian of the meeting, asking (G11). Only `satisfactionAnswerer()` makes one. */
export type SatisfactionAnswerer = Asker & { readonly [answersSatisfaction]: true }

export interface SignoffServiceDeps {
  stores: Pick<
    Stores,
    'signoff' | 'documents' | 'participants' | 'audit' | 'meetings' | 'users' | 'sips' | 'statistics'
  >
  transaction: WriteTransaction
  plans: PlanDocuments
  /** The meeting's roster in its plan (G14): rewritten at lock, caught up at unlock. */
  roster: Pick<MeetingService, 'rosterChange' | 'writeRoster'>
  /** The address people open: the minutes say where a version is verified. */
  publicUrl: string
  log: ServiceLog
}

/**
 * Lock, sign, unlock and finalize a meeting's plan (docs/protocol.md G1–G14). The sign-off state
 * lives in SQL only – never in the plan document (G10) – and every change is pushed to the room
 * (G8). Each step that touches the live plan undoes itself if the step fails.
 *
 * Who is asking is decided before a call (the participant's link or cookie): `chair()` and
 * `satisfactionAnswerer()` check their role first, so a route refuses the wrong person (403) before
 * it reads a body (400), as it always has.
 */
export function signoffService({ stores, transaction, plans, roster, publicUrl, log }: SignoffServiceDeps) {
  /** An audit row for a sign-off action by this participant (`subject`: whom it concerned, if not them). */
  async function audit(
    action: AuditAction,
    by: Asker,
    sourceAddress: string,
    subject?: string,
  ): Promise<void> {
    await stores.audit.append({
      action,
      meetingId: by.meeting.id,
      ...participantActor(by.participant, sourceAddress),
      ...(subject !== undefined ? { subject } : {}),
    })
  }

  /** G8: every connection of the room learns the new state, which is also the answer. */
  async function pushState(meetingId: string): Promise<MeetingState> {
    const state = await meetingState(stores, meetingId)
    plans.pushState(meetingId, state)
    return state
  }

  /** The version unlock and finalize act on: the active one, unless there is none or it is final. */
  async function lockedVersion({ meeting }: Chair): Promise<Result<PlanVersionRow>> {
    const active = await stores.signoff.active(meeting.id)
    if (meeting.status === 'finalized') return refuse(409, 'finalized')
    if (!active) return refuse(409, 'not-locked')
    return done(active)
  }

  /** G4, G5: a signature on the active version, by `by` – the signer, or the chair witnessing. */
  async function sign(
    by: Asker,
    signature: Omit<NewSignature, 'versionId' | 'sourceAddress'> & { versionHash: string },
    sourceAddress: string,
  ): Promise<Result<MeetingState>> {
    const { meeting } = by
    if ((await stores.signoff.finalizedAt(meeting.id)) !== null) return refuse(409, 'finalized')
    const active = await stores.signoff.active(meeting.id)
    // G4: only the version that is locked now can be signed.
    if (!active || active.hash !== signature.versionHash)
      return refuse(409, 'version-not-current', { field: 'versionHash' })
    const signer = await stores.participants.get(meeting.id, signature.participantId)
    if (!signer) return refuse(404, 'not-found')
    const { versionHash: _, ...row } = signature
    const signed = await transaction(async () => {
      if (!(await stores.signoff.sign({ ...row, versionId: active.id, sourceAddress }))) return false
      await audit('plan.signed', by, sourceAddress, `participant:${signer.id}`)
      return true
    })
    if (!signed) return refuse(409, 'already-signed')
    return done(await pushState(meeting.id))
  }

  return {
    /** G3: lock, unlock, sign in the room and finalize are the chair's; every other role gets 403. */
    chair(asker: Asker): Result<Chair> {
      if (asker.participant.role !== 'chair') return refuse(403, 'forbidden')
      return done(asker as Chair)
    },

    /**
     * G1, G14: locks the plan as it is now. The roster is written from the server's records and the
     * room frozen in one synchronous step, then the version is taken from the frozen document and
     * stored. A freeze that cannot store what is pending is 503 `not-saved`, the plan still open;
     * if anything after the freeze fails the room thaws and the error is thrown: a room is never
     * left frozen without a version.
     */
    async lock(chair: Chair, sourceAddress: string): Promise<Result<MeetingState>> {
      const { meeting, participant } = chair
      if (meeting.status === 'finalized') return refuse(409, 'finalized')
      if (await stores.signoff.active(meeting.id)) return refuse(409, 'already-locked')
      let doc: Y.Doc
      try {
        // G14: the set-up and the participants from the server's own records, over whatever a
        // writer put there. They are read first; writing them into the plan and freezing it are one
        // step, so no update can come between, and the freeze stores them with everything pending.
        const writeRoster = await roster.rosterChange(meeting.id)
        if (!writeRoster) throw new Error('the meeting is gone')
        doc = await plans.freeze(meeting.id, writeRoster)
      } catch (error) {
        // Two chairs' locks at once (two tabs): the first froze the plan, this one is a repeat.
        if (error instanceof PlanFrozenError) return refuse(409, 'already-locked')
        log.error({ meetingId: meeting.id, err: errorSummary(error) }, 'could not lock the plan')
        return refuse(503, 'not-saved')
      }
      try {
        await transaction(async () => {
          // G2 across processes: from this commit on the database refuses every update of the
          // meeting, from any process; what the others stored before is in the version.
          doc = await plans.seal(meeting.id)
          const number = await stores.signoff.nextNumber(meeting.id)
          const { skipped, ...version } = freezeVersion(doc, { meetingId: meeting.id, version: number })
          if (skipped.length > 0)
            log.warn(
              { meetingId: meeting.id, skipped: skipped.length },
              'locked a plan with parts of the wrong shape',
            )
          await stores.signoff.addVersion(meeting.id, {
            ...version,
            number,
            skippedJson: JSON.stringify(skipped),
            lockedBy: participant.id,
            // P2: the consent the version is signed under, as it stands now.
            consentJson: consentSnapshot(await stores.meetings.consent(meeting.id)),
          })
          await audit('plan.locked', chair, sourceAddress)
        })
      } catch (error) {
        plans.thaw(meeting.id)
        throw error
      }
      return done(await pushState(meeting.id))
    },

    /**
     * G6: voids the active version – its signatures are kept and shown void – and the plan takes
     * edits again; changes to the participants made while it was locked reach it now.
     */
    async unlock(chair: Chair, input: UnlockInput, sourceAddress: string): Promise<Result<MeetingState>> {
      const locked = await lockedVersion(chair)
      if (!locked.ok) return locked
      const { meeting } = chair
      await transaction(async () => {
        await stores.signoff.voidVersion(locked.value.id, input.reason)
        await stores.documents.setFrozen(meeting.id, false)
        await audit('plan.unlocked', chair, sourceAddress)
      })
      plans.thaw(meeting.id)
      await roster.writeRoster(meeting.id)
      return done(await pushState(meeting.id))
    },

    /** G5: signing on one's own device – the signer is whoever asks; nothing in the input names them. */
    sign(asker: Asker, input: SignInput, sourceAddress: string): Promise<Result<MeetingState>> {
      return sign(
        asker,
        {
          participantId: asker.participant.id,
          versionHash: input.versionHash,
          method: 'own-device',
          typedName: input.typedName,
          witnessedBy: null,
          drawing: null,
        },
        sourceAddress,
      )
    },

    /** G5: signing in the room – the chair names the participant and witnesses it. */
    signInRoom(chair: Chair, input: SignInRoomInput, sourceAddress: string): Promise<Result<MeetingState>> {
      return sign(
        chair,
        {
          participantId: input.participantId,
          versionHash: input.versionHash,
          method: 'in-room',
          typedName: input.typedName,
          witnessedBy: chair.participant.id,
          drawing: input.drawing ?? null,
        },
        sourceAddress,
      )
    },

    /**
     * G7: every required signer has signed the locked version, or a reason is given for them (400
     * naming `missing` otherwise). The room stays frozen for good: it loads frozen once finalized.
     */
    async finalize(chair: Chair, input: FinalizeInput, sourceAddress: string): Promise<Result<MeetingState>> {
      const locked = await lockedVersion(chair)
      if (!locked.ok) return locked
      const active = locked.value
      const { meeting } = chair
      const signed = new Set(
        (await stores.signoff.signatures(meeting.id))
          .filter((s) => s.versionId === active.id)
          .map((s) => s.participantId),
      )
      const reasons = new Map(input.missing.map((m) => [m.participantId, m]))
      const unsigned = requiredSigners(active.canonicalJson).filter((id) => !signed.has(id))
      const withoutReason = unsigned.filter((id) => !reasons.has(id))
      if (withoutReason.length > 0) {
        return refuse(400, 'validation', {
          field: 'missing',
          message: 'A reason is needed for every missing signature.',
          participantIds: withoutReason,
        })
      }
      const missing = unsigned.map((id) => {
        const { reason, category = 'other' } = reasons.get(id)!
        return { participantId: id, reason, category }
      })
      await transaction(async () => {
        await stores.signoff.finalize(meeting.id, active.id, missing)
        await audit('plan.finalized', chair, sourceAddress)
        // P3: the huvudansvarig the signed plan names becomes the SIP's.
        await recordSignedResponsible(stores, meeting, active.canonicalJson)
        // The statistics' facts, from what was signed (issue 14): the report never opens a plan.
        await recordMeetingFacts(stores, meeting, active)
      })
      return done(await pushState(meeting.id))
    },

    /** The meeting's sign-off state (G8, G10). */
    state(meetingId: string): Promise<MeetingState> {
      return meetingState(stores, meetingId)
    },

    /** G9: a stored version recomputed for the meeting asked about; 404 when there is none. */
    async verify(meetingId: string, number?: number): Promise<Result<VerifyResult>> {
      const version = await versionToVerify(stores.signoff, meetingId, number)
      if (!version) return refuse(404, 'not-found')
      return done(verifyVersion(version, meetingId))
    },

    /**
     * G12: the minutes of the active version; 409 `not-locked` while the plan is open. Staff (the
     * convener or chair signed in) get the technical check too; a participant's link does not.
     * Every read is audited (`protocol.read`, P12): who read the plan, when, from where.
     */
    async minutes(
      meeting: MeetingRow,
      lang: Language,
      reader: MinutesReader,
      actor: AuditActor,
    ): Promise<Result<MinutesDocument>> {
      const version = await stores.signoff.active(meeting.id)
      if (!version) return refuse(409, 'not-locked')
      await stores.audit.append({
        action: 'protocol.read',
        meetingId: meeting.id,
        sipId: meeting.sipId,
        ...actor,
        subject: `meeting:${meeting.id}`,
      })
      const required = requiredSigners(version.canonicalJson)
      return done(await versionMinutes(stores, version, { lang, publicUrl, required, reader }))
    },

    /**
     * P8: the protocol of a follow-up's previous meeting – its active version – for whoever may read
     * the follow-up's own (the route decides that); 404 `no-previous` when the meeting has no
     * previous meeting or that has no locked version. Audited as `protocol.read` of that meeting.
     */
    async previousMinutes(
      meeting: MeetingRow,
      lang: Language,
      reader: MinutesReader,
      actor: AuditActor,
    ): Promise<Result<MinutesDocument>> {
      const previousId = meeting.previousMeetingId
      const version = previousId === null ? undefined : await stores.signoff.active(previousId)
      if (previousId === null || !version)
        return refuse(404, 'no-previous', { message: 'Mötet har inget tidigare protokoll.' })
      await stores.audit.append({
        action: 'protocol.read',
        meetingId: meeting.id,
        sipId: meeting.sipId,
        ...actor,
        subject: `meeting:${previousId}`,
      })
      const required = requiredSigners(version.canonicalJson)
      return done(await versionMinutes(stores, version, { lang, publicUrl, required, reader }))
    },

    /** G11: "Är du nöjd med mötet?" is the child's and the guardians' to answer; others get 403. */
    satisfactionAnswerer(asker: Asker): Result<SatisfactionAnswerer> {
      const { role } = asker.participant
      if (role !== 'child' && role !== 'guardian') return refuse(403, 'forbidden')
      return done(asker as SatisfactionAnswerer)
    },

    /** G11: once each, stored without who answered; that they answered is kept apart. */
    async answerSatisfaction(
      answerer: SatisfactionAnswerer,
      input: SatisfactionInput,
      sourceAddress: string,
    ): Promise<Result<void>> {
      const { meeting, participant } = answerer
      const stored = await transaction(async () => {
        if (!(await stores.signoff.answerSatisfaction(meeting.id, participant.id, input))) return false
        // Who answered goes to the audit log like every action; the answer itself never does.
        await stores.audit.append({
          action: 'satisfaction.answered',
          meetingId: meeting.id,
          ...participantActor(participant, sourceAddress),
        })
        return true
      })
      if (!stored) return refuse(409, 'already-answered')
      return done(undefined)
    },
  }
}

export type SignoffService = ReturnType<typeof signoffService>
