import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { PROTOCOL_LANGUAGES, type ProtocolLanguage } from '../../shared/protocol/text'
import {
  FinalizeInputSchema,
  SignInputSchema,
  SignInRoomInputSchema,
  UnlockInputSchema,
} from '../../shared/schemas/signoff'
import { participantActor } from '../auth/principal'
import type { AuditAction } from '../db/audit-log'
import type { MeetingRow } from '../db/meetings'
import type { NewSignature } from '../db/signoff'
import { meetingAccess } from '../meetings/access'
import { rewriteRoster, writeRoster } from '../meetings/plan'
import { meetingProtocol } from '../signoff/protocol'
import { createPdfCache } from '../signoff/protocol-pdf'
import { freezeVersion, meetingState, requiredSigners, verifyVersion } from '../signoff/versions'
import { encodeMeetingState } from '../sync/frames'
import { errorSummary } from '../sync/sync-service'
import { parseInput, sendConflict, sendNotFound } from './http'
import { type Asker, participantOf } from './participant-of'

/**
 * Sign-off: /api/meetings/:id/plan/{lock,unlock,sign,sign-in-room,finalize,state,verify,protocol}
 * (docs/api.md, docs/protocol.md G1–G14). Lock state, signatures and finalization live in SQL
 * only; the plan document never carries them (G10).
 */
export async function signoffRoutes(app: FastifyInstance): Promise<void> {
  const { stores, db, sync } = app
  const protocolPdf = createPdfCache()

  /** G3: lock, unlock, sign in the room and finalize are the chair's. */
  function chairOf(request: FastifyRequest, reply: FastifyReply): Asker | undefined {
    const { id } = request.params as { id: string }
    const asker = participantOf(app, request, reply, id)
    if (!asker) return undefined
    if (asker.participant.role !== 'chair') {
      reply.code(403).send({ error: 'forbidden' })
      return undefined
    }
    return asker
  }

  /** Reading (state, verify): a participant of the meeting, or its convener or chair signed in as staff. */
  function readerOf(request: FastifyRequest, reply: FastifyReply): MeetingRow | undefined {
    const { id } = request.params as { id: string }
    const query = request.query as Record<string, unknown>
    if (request.staff && query.as === undefined && request.headers.authorization === undefined) {
      const access = meetingAccess(stores, id, request.staff.user.id)
      if (!access) {
        sendNotFound(reply)
        return undefined
      }
      return access.meeting
    }
    return participantOf(app, request, reply, id)?.meeting
  }

  /**
   * The chair's request on the locked version (unlock, finalize): its body parsed, and the active
   * version – else the refusal is sent.
   */
  function onLockedVersion<T>(request: FastifyRequest, reply: FastifyReply, schema: z.ZodType<T>) {
    const asker = chairOf(request, reply)
    if (!asker) return undefined
    const input = parseInput(schema, request.body, request, reply)
    if (!input) return undefined
    const active = stores.signoff.active(asker.meeting.id)
    const refusal = asker.meeting.status === 'finalized' ? 'finalized' : active ? undefined : 'not-locked'
    if (refusal || !active) {
      sendConflict(reply, refusal ?? 'not-locked')
      return undefined
    }
    return { ...asker, input, active }
  }

  /** An audit row for a sign-off action by this participant. */
  function audit(request: FastifyRequest, action: AuditAction, asker: Asker, subject?: string) {
    stores.audit.append({
      action,
      meetingId: asker.meeting.id,
      ...participantActor(asker.participant, request),
      ...(subject !== undefined ? { subject } : {}),
    })
  }

  /** G8: every connection of the room learns the new state. */
  function pushState(meetingId: string) {
    const state = meetingState(stores, meetingId)
    sync.sendToRoom(meetingId, encodeMeetingState(JSON.stringify(state)))
    return state
  }

  function sign(
    request: FastifyRequest,
    reply: FastifyReply,
    asker: Asker,
    signature: Omit<NewSignature, 'versionId'> & { versionHash: string },
  ) {
    const { meeting } = asker
    if (stores.signoff.finalizedAt(meeting.id) !== null) return sendConflict(reply, 'finalized')
    const active = stores.signoff.active(meeting.id)
    // G4: only the version that is locked now can be signed.
    if (!active || active.hash !== signature.versionHash)
      return sendConflict(reply, 'version-not-current', 'versionHash')
    const signer = stores.participants.get(meeting.id, signature.participantId)
    if (!signer) return sendNotFound(reply)
    const signed = db
      .transaction(() => {
        const { versionHash: _, ...rest } = signature
        if (!stores.signoff.sign({ ...rest, versionId: active.id })) return false
        audit(request, 'plan.signed', asker, `participant:${signer.id}`)
        return true
      })
      .immediate()
    if (!signed) return sendConflict(reply, 'already-signed')
    return reply.code(201).send(pushState(meeting.id))
  }

  app.post('/api/meetings/:id/plan/lock', async (request, reply) => {
    const asker = chairOf(request, reply)
    if (!asker) return reply
    const { meeting, participant } = asker
    if (meeting.status === 'finalized') return sendConflict(reply, 'finalized')
    if (stores.signoff.active(meeting.id)) return sendConflict(reply, 'already-locked')
    // From here to the version stored, everything is synchronous: no update can come between.
    let room: ReturnType<typeof sync.freeze>
    try {
      // G14: the set-up and the participants from the server's own records, over whatever a
      // writer put there; freeze stores this with everything else that is pending.
      if (!rewriteRoster(app, meeting.id)) throw new Error('the plan is frozen without an active version')
      room = sync.freeze(meeting.id)
    } catch (error) {
      request.log.error({ meetingId: meeting.id, err: errorSummary(error) }, 'could not lock the plan')
      return reply.code(503).send({ error: 'not-saved' })
    }
    // G1: if anything after the freeze fails – taking the version or storing it – the room thaws:
    // no frozen room without a version.
    try {
      db.transaction(() => {
        const number = stores.signoff.nextNumber(meeting.id)
        const { skipped, ...version } = freezeVersion(room.doc, { meetingId: meeting.id, version: number })
        if (skipped.length > 0)
          request.log.warn(
            { meetingId: meeting.id, skipped: skipped.length },
            'locked a plan with parts of the wrong shape',
          )
        stores.signoff.addVersion(meeting.id, {
          ...version,
          number,
          skippedJson: JSON.stringify(skipped),
          lockedBy: participant.id,
        })
        audit(request, 'plan.locked', asker)
      }).immediate()
    } catch (error) {
      sync.thaw(meeting.id)
      throw error
    }
    return reply.code(201).send(pushState(meeting.id))
  })

  app.post('/api/meetings/:id/plan/unlock', async (request, reply) => {
    const found = onLockedVersion(request, reply, UnlockInputSchema)
    if (!found) return reply
    const { meeting, input, active } = found
    db.transaction(() => {
      stores.signoff.voidVersion(active.id, input.reason)
      audit(request, 'plan.unlocked', found)
    }).immediate()
    sync.thaw(meeting.id)
    // Changes to the participants while locked reach the plan now.
    writeRoster(app, meeting.id)
    return pushState(meeting.id)
  })

  app.post('/api/meetings/:id/plan/sign', async (request, reply) => {
    const { id } = request.params as { id: string }
    const asker = participantOf(app, request, reply, id)
    if (!asker) return reply
    const input = parseInput(SignInputSchema, request.body, request, reply)
    if (!input) return reply
    // G5: the signer is whoever is authenticated – the body cannot name anyone else.
    return sign(request, reply, asker, {
      participantId: asker.participant.id,
      versionHash: input.versionHash,
      method: 'own-device',
      typedName: input.typedName,
      witnessedBy: null,
      drawing: null,
      sourceAddress: request.ip,
    })
  })

  app.post('/api/meetings/:id/plan/sign-in-room', async (request, reply) => {
    const asker = chairOf(request, reply)
    if (!asker) return reply
    const input = parseInput(SignInRoomInputSchema, request.body, request, reply)
    if (!input) return reply
    return sign(request, reply, asker, {
      participantId: input.participantId,
      versionHash: input.versionHash,
      method: 'in-room',
      typedName: input.typedName,
      witnessedBy: asker.participant.id,
      drawing: input.drawing ?? null,
      sourceAddress: request.ip,
    })
  })

  app.post('/api/meetings/:id/plan/finalize', async (request, reply) => {
    const found = onLockedVersion(request, reply, FinalizeInputSchema)
    if (!found) return reply
    const { meeting, input, active } = found
    const signed = new Set(
      stores.signoff
        .signatures(meeting.id)
        .filter((s) => s.versionId === active.id)
        .map((s) => s.participantId),
    )
    const reasons = new Map(input.missing.map((m) => [m.participantId, m.reason]))
    // G7: every required signer has signed, or a reason is given for them.
    const unsigned = requiredSigners(active.canonicalJson).filter((id) => !signed.has(id))
    const withoutReason = unsigned.filter((id) => !reasons.has(id))
    if (withoutReason.length > 0) {
      return reply.code(400).send({
        error: 'validation',
        field: 'missing',
        message: 'A reason is needed for every missing signature.',
        participantIds: withoutReason,
      })
    }
    const missing = unsigned.map((id) => ({ participantId: id, reason: reasons.get(id)! }))
    db.transaction(() => {
      stores.signoff.finalize(meeting.id, active.id, missing)
      audit(request, 'plan.finalized', found)
    }).immediate()
    // The room is frozen already (locked) and stays so for good: isFrozen is true at every load.
    return pushState(meeting.id)
  })

  app.get('/api/meetings/:id/plan/state', async (request, reply) => {
    const meeting = readerOf(request, reply)
    if (!meeting) return reply
    return meetingState(stores, meeting.id)
  })

  app.get('/api/meetings/:id/plan/verify', async (request, reply) => {
    const meeting = readerOf(request, reply)
    if (!meeting) return reply
    const raw = (request.query as Record<string, unknown>).version
    let version: ReturnType<typeof stores.signoff.active>
    if (raw === undefined) {
      version = stores.signoff.active(meeting.id) ?? stores.signoff.versions(meeting.id)[0]
    } else {
      const number = Number(raw)
      if (!Number.isInteger(number) || number < 1)
        return reply.code(400).send({ error: 'validation', field: 'version' })
      version = stores.signoff.byNumber(meeting.id, number)
    }
    if (!version) return sendNotFound(reply)
    // G9: recomputed for the meeting asked about, not the one the row names.
    return verifyVersion(version, meeting.id)
  })

  /**
   * G12: the protocol of the active version, as blocks for the print view or as a PDF – for every
   * participant through their own link (while it lives) and for the meeting's convener and chair.
   * Never cached: it names a child.
   */
  function protocolOf(request: FastifyRequest, reply: FastifyReply) {
    const meeting = readerOf(request, reply)
    if (!meeting) return undefined
    const raw = (request.query as Record<string, unknown>).lang ?? 'sv'
    if (!(PROTOCOL_LANGUAGES as readonly unknown[]).includes(raw)) {
      reply.code(400).send({ error: 'validation', field: 'lang', message: 'lang must be sv or en.' })
      return undefined
    }
    const protocol = meetingProtocol(stores, meeting.id, {
      lang: raw as ProtocolLanguage,
      publicUrl: app.publicUrl,
    })
    if (!protocol) {
      sendConflict(reply, 'not-locked')
      return undefined
    }
    reply.header('cache-control', 'no-store')
    return protocol
  }

  app.get('/api/meetings/:id/plan/protocol', async (request, reply) => protocolOf(request, reply) ?? reply)

  app.get('/api/meetings/:id/plan/protocol.pdf', async (request, reply) => {
    const protocol = protocolOf(request, reply)
    if (!protocol) return reply
    const pdf = await protocolPdf(protocol)
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${protocol.fileName}.pdf"`)
      .send(pdf)
  })
}
