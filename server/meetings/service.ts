import type * as Y from 'yjs'
import { MAX_PARTICIPANTS } from '../../shared/limits'
import { participantLink } from '../../shared/links'
import { planParts } from '../../shared/plan/layout'
import type { MeetingAuditLog } from '../../shared/schemas/audit'
import type {
  ConsentInput,
  IssuedLink,
  Meeting,
  MeetingSummary,
  Participant,
  ParticipantInput,
} from '../../shared/schemas/meeting'
import type { SessionResponse } from '../../shared/schemas/session'
import { participantActor } from '../auth/principal'
import type { AuditAction } from '../db/audit-log'
import type { Stores, WriteTransaction } from '../db/contract'
import type { MeetingRow, MeetingSetup } from '../db/meetings'
import type { NewParticipant, ParticipantRow, RsvpAnswer } from '../db/participants'
import { errorSummary, type ServiceLog } from '../log'
import { ANOTHER_PROCESS, type PlanDocuments } from '../plan/document-port'
import { applyRoster, initialPlanUpdate } from '../plan/roster'
import { done, type Result, refuse } from '../result'
import { type Asker, type MeetingAccess, meetingAccess } from './access'
import { auditLogView } from './audit-view'
import { meetingTitle } from './names'
import { chairBriefing, linkExpiry, meetingView, participantView, sessionView, summaryViews } from './views'

export interface MeetingServiceDeps {
  stores: Pick<
    Stores,
    | 'meetings'
    | 'participants'
    | 'tokens'
    | 'participantSessions'
    | 'documents'
    | 'users'
    | 'audit'
    | 'signoff'
    | 'sips'
  >
  transaction: WriteTransaction
  plans: PlanDocuments
  /** The address people open; personal links start with it. */
  publicUrl: string
  log: ServiceLog
}

/** Who did it, for the audit log: `staff:<userId>` and their name, from the request's address. */
export interface AuditActor {
  actor: string
  actorName: string
  sourceAddress: string
}

/** A meeting to create: the set-up, and – for demo meetings – consent and participants with it. */
export interface MeetingToCreate {
  setup: MeetingSetup
  convenerUserId: string | null
  /** Default: "SIP-möte för <child>". */
  title?: string
  isDemo?: boolean
  consent?: { input: ConsentInput; recordedBy: { userId: string | null; name: string } }
  /** Invited with the meeting, each with a personal link. */
  participants?: readonly NewParticipant[]
  /** A follow-up: the SIP it belongs to and the meeting before it (P5). Else a SIP of its own. */
  followUp?: { sipId: string; previousMeetingId: string }
  /** The first plan; default: the roster and the child's words (initialPlanUpdate). */
  plan?: (meeting: MeetingRow, participants: readonly ParticipantRow[]) => Uint8Array
}

export interface CreatedMeeting {
  meeting: MeetingRow
  /** The participants invited with it and their personal links (shown only now). */
  invited: { participant: ParticipantRow; url: string; expiresAt: string }[]
}

/**
 * A meeting's set-up, participants, links, consent and answer; its plan's roster (G14). The rules of
 * docs/api.md's meeting and participant routes, for the routes, the CLI and the demo alike. Every
 * change is one write transaction with its audit rows; the plan follows after the commit.
 */
export function meetingService({ stores, transaction, plans, publicUrl, log }: MeetingServiceDeps) {
  async function audit(
    action: AuditAction,
    meetingId: string,
    actor: AuditActor,
    participantId?: string,
  ): Promise<void> {
    await stores.audit.append({
      action,
      meetingId,
      ...(participantId !== undefined ? { subject: `participant:${participantId}` } : {}),
      ...actor,
    })
  }

  /**
   * A participant's new link, valid until DEFAULT_TOKEN_TTL_DAYS after the meeting; `link.created`
   * unless there is nobody to audit (demo data). Inside the transaction that revokes the old one.
   */
  async function issue(
    meeting: MeetingRow,
    participantId: string,
    actor: AuditActor | null,
    now = Date.now(),
  ) {
    const { token, tokenId, expiresAt } = await stores.tokens.issue(
      { id: participantId, meetingId: meeting.id },
      { now, expiresAt: linkExpiry(meeting.startsAt) },
    )
    if (actor) await audit('link.created', meeting.id, actor, participantId)
    const issued: IssuedLink = {
      participantId,
      url: participantLink(publicUrl, token),
      expiresAt: new Date(expiresAt).toISOString(),
    }
    return { issued, tokenId, expiresAt }
  }

  /**
   * A staff member's own seat that opens the meeting from their list without a link (POST /open):
   * the convener's, or a chair's linked to their account (A11). It gets no printed invitation.
   */
  function opensWithoutLink(meeting: MeetingRow, participant: ParticipantRow): boolean {
    const { staffUserId } = participant
    if (staffUserId === null) return false
    return staffUserId === meeting.convenerUserId || participant.role === 'chair'
  }

  /** Revokes a participant's live links (inside a transaction); returns their ids, to disconnect after. */
  async function revokeLinks(meetingId: string, participantId: string, actor: AuditActor): Promise<number[]> {
    const revoked = await stores.tokens.revokeForParticipant(participantId)
    if (revoked.length > 0) await audit('link.revoked', meetingId, actor, participantId)
    return revoked
  }

  async function participantOf(
    meetingId: string,
    participant: ParticipantRow,
    userId: string,
  ): Promise<Participant> {
    return participantView(
      participant,
      (await stores.tokens.latestByParticipant(meetingId)).get(participant.id),
      userId,
    )
  }

  /**
   * Writes the meeting's set-up and participants from the database into its plan now (applyRoster).
   * False when the meeting is gone or its plan is frozen (G1); throws if the plan cannot be loaded.
   */
  /**
   * G14: the roster each loaded plan is guarded with – the change rosterChange last read – so a
   * writer's forgery is corrected without a round trip to the database, in the same store as the
   * forgery. Each entry goes with its document.
   */
  const guarded = new Map<string, { doc: Y.Doc; write: (doc: Y.Doc) => void }>()

  async function rewriteRoster(meetingId: string): Promise<boolean> {
    const write = await rosterChange(meetingId)
    return write !== undefined && plans.change(meetingId, write)
  }

  /**
   * The change that writes the meeting's set-up and participants, as the database has them now,
   * into its plan (applyRoster); undefined when the meeting is gone. Read first, applied later in
   * one synchronous step: G1's lock makes it and freezes the plan with nothing in between.
   */
  async function rosterChange(meetingId: string): Promise<((doc: Y.Doc) => void) | undefined> {
    const meeting = await stores.meetings.getMeeting(meetingId)
    if (!meeting) return undefined
    const participants = await stores.participants.ofMeeting(meetingId)
    const write = (doc: Y.Doc) => applyRoster(doc, meeting, participants)
    const guard = guarded.get(meetingId)
    if (guard) guard.write = write
    return write
  }

  /**
   * Brings a meeting's plan in line with its set-up and participants after a change (applyRoster).
   * The database change has already been committed; if the plan cannot be loaded now, the next
   * change brings it up to date (the roster is idempotent).
   */
  async function writeRoster(meetingId: string): Promise<void> {
    try {
      await rewriteRoster(meetingId)
    } catch (error) {
      log.error({ meetingId, err: errorSummary(error) }, 'could not update the plan roster')
    }
  }

  /** The invitation as the participant asking sees it, and their answer; the chair's briefing too. */
  async function session({ meeting, participant }: Asker): Promise<SessionResponse> {
    const answered = await stores.signoff.hasAnswered(meeting.id, participant.id)
    const closure = (await stores.sips.get(meeting.sipId))?.closure
    const previous = meeting.previousMeetingId
      ? await stores.meetings.getMeeting(meeting.previousMeetingId)
      : undefined
    const sip = {
      closure: closure ? { closedOn: closure.closedOn, reason: closure.reason } : null,
      previousMeeting: previous ? { startsAt: new Date(previous.startsAt).toISOString() } : null,
    }
    if (participant.role !== 'chair') return sessionView(meeting, participant, answered, sip)
    const convener = meeting.convenerUserId ? await stores.users.byId(meeting.convenerUserId) : undefined
    const briefing = chairBriefing(await stores.meetings.consent(meeting.id), convener?.name ?? '')
    return sessionView(meeting, participant, answered, sip, briefing)
  }

  /**
   * Starts the meeting: status `started`, which closes the answers to the invitation
   * (answerInvitation, 409 `meeting-started`). Consent lifts secrecy between the organisations for
   * this coordination only: no consent, no meeting (409 `no-consent`). Starting a started meeting
   * changes nothing and is not an error: the chair and the convener may both press it.
   */
  function start(meeting: MeetingRow, actor: AuditActor): Promise<Result<void>> {
    return transaction(async (): Promise<Result<void>> => {
      // Read again inside the write: the status the caller saw may be a request old.
      const current = await stores.meetings.getMeeting(meeting.id)
      if (!current) return refuse(404, 'not-found')
      if ((await stores.sips.get(current.sipId))?.status === 'closed') return refuse(409, 'sip-closed')
      if (current.status === 'finalized') return refuse(409, 'finalized')
      const consent = await stores.meetings.consent(meeting.id)
      if (!consent || consent.withdrawal) return refuse(409, 'no-consent')
      if (current.status === 'planned') {
        await stores.meetings.setStatus(meeting.id, 'started')
        await audit('meeting.started', meeting.id, actor)
      }
      return done(undefined)
    })
  }

  return {
    rewriteRoster,
    rosterChange,
    writeRoster,

    /**
     * G14: the set-up and the participants are the server's. Watches them on a room's document and,
     * when a writer's update changed them, writes the roster back from the database at once – its
     * correction is stored and broadcast in the same flush as the forgery. The server's own changes
     * (local transactions) are not watched, so this never feeds itself. For the sync core to call
     * when it loads a room, before anyone's frame reaches it: the roster is read then and kept
     * (refreshed by every roster write), so the correction needs no round trip to the database.
     * Answers the function that stops watching.
     */
    async guardRoster(meetingId: string, doc: Y.Doc): Promise<() => void> {
      const guard = { doc, write: (await rosterChange(meetingId)) ?? (() => {}) }
      guarded.set(meetingId, guard)
      const { setup, participants } = planParts(doc)
      let corrected: Y.Transaction | undefined
      const observer = (_events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
        // One correction per transaction, even when it changed both maps.
        if (transaction.local || transaction === corrected) return
        // Another process stored it (issue 16): its server's roster write, or a writer's change
        // that process corrects. Only the roster kept here is read again, for the next correction.
        if (transaction.origin === ANOTHER_PROCESS) {
          rosterChange(meetingId).catch((error: unknown) => {
            log.warn({ meetingId, err: errorSummary(error) }, 'could not read the roster again')
          })
          return
        }
        corrected = transaction
        log.warn({ meetingId }, 'a writer changed the set-up or the participants; rewriting them')
        plans.change(meetingId, guard.write).catch((error: unknown) => {
          log.error({ meetingId, err: errorSummary(error) }, 'could not rewrite the plan roster')
        })
      }
      setup.observeDeep(observer)
      participants.observeDeep(observer)
      const stop = () => {
        setup.unobserveDeep(observer)
        participants.unobserveDeep(observer)
        if (guarded.get(meetingId) === guard) guarded.delete(meetingId)
      }
      doc.once('destroy', stop)
      return stop
    },

    /**
     * A meeting on `meetingId` as staff member `userId` may have it (A11, P4): 404 when it is not
     * theirs, 403 when a chair asks for what only the convener may do (or someone who only sees the
     * SIP asks for what its convener or chair may do: `lead`), 409 when an edit comes after
     * finalizing or the SIP is closed.
     */
    async access(
      meetingId: string,
      userId: string,
      { need, editing = false }: { need: 'read' | 'lead' | 'convener'; editing?: boolean },
    ): Promise<Result<MeetingAccess>> {
      const access = await meetingAccess(stores, meetingId, userId)
      if (!access) return refuse(404, 'not-found')
      if (need === 'convener' && !access.isConvener) return refuse(403, 'forbidden')
      if (need === 'lead' && !access.isConvener && !access.isChair) return refuse(403, 'forbidden')
      // P9: nothing is written to a closed SIP, whatever the meeting's own status.
      if (editing && (await stores.sips.get(access.meeting.sipId))?.status === 'closed')
        return refuse(409, 'sip-closed')
      if (editing && access.meeting.status === 'finalized') return refuse(409, 'finalized')
      return done(access)
    },

    /** "Mina SIP-möten" of staff member `userId`. */
    async list(userId: string): Promise<MeetingSummary[]> {
      return summaryViews(await stores.meetings.listForUser(userId))
    },

    /** The meeting as staff member `userId` sees it now. */
    async view(meetingId: string, userId: string): Promise<Meeting> {
      return meetingView(stores, (await stores.meetings.getMeeting(meetingId))!, userId)
    },

    /**
     * Creates a meeting – with its consent and participants, if given – and its first plan, in one
     * transaction. The plan is written straight to the document store: nobody can have opened a
     * meeting that did not exist, so no room holds it, and the CLI can create meetings while the
     * server runs (WAL). `actor` null: not audited (the demo's fictional meetings).
     */
    create(meeting: MeetingToCreate, actor: AuditActor | null, now = Date.now()): Promise<CreatedMeeting> {
      const { setup, consent, participants = [] } = meeting
      return transaction(async () => {
        const row = await stores.meetings.createMeeting(
          {
            ...setup,
            title: meeting.title ?? meetingTitle(setup.childName),
            convenerUserId: meeting.convenerUserId,
            isDemo: meeting.isDemo === true,
            ...(meeting.followUp ?? {}),
          },
          now,
        )
        if (actor) await audit('meeting.created', row.id, actor)
        if (consent) {
          await stores.meetings.recordConsent(row.id, consent.input, consent.recordedBy, now)
          if (actor) await audit('consent.recorded', row.id, actor)
        }
        const invited: CreatedMeeting['invited'] = []
        for (const input of participants) {
          const participant = await stores.participants.add(row.id, input, now)
          if (actor) await audit('participant.added', row.id, actor, participant.id)
          const { url, expiresAt } = (await issue(row, participant.id, actor, now)).issued
          invited.push({ participant, url, expiresAt })
        }
        const writePlan = meeting.plan ?? initialPlanUpdate
        const plan = writePlan(
          row,
          invited.map((i) => i.participant),
        )
        await stores.documents.append([{ meetingId: row.id, data: plan }], now)
        return { meeting: row, invited }
      })
    },

    /** A new set-up; the links follow the meeting's start, the plan its roster. */
    async updateSetup(meeting: MeetingRow, setup: MeetingSetup, actor: AuditActor): Promise<void> {
      await transaction(async () => {
        await stores.meetings.updateSetup(meeting.id, { ...setup, title: meetingTitle(setup.childName) })
        if (setup.childName !== meeting.childName) await stores.sips.rename(meeting.sipId, setup.childName)
        // The links stay valid until DEFAULT_TOKEN_TTL_DAYS after the new start.
        if (setup.startsAt !== meeting.startsAt) {
          await stores.tokens.reschedule(meeting.id, linkExpiry(setup.startsAt))
        }
        await audit('meeting.updated', meeting.id, actor)
      })
      await writeRoster(meeting.id)
    },

    /** Records (or replaces) the consent, as given to staff member `user`. */
    async recordConsent(
      meeting: MeetingRow,
      input: ConsentInput,
      user: { id: string; name: string },
      actor: AuditActor,
    ): Promise<void> {
      await transaction(async () => {
        await stores.meetings.recordConsent(meeting.id, input, { userId: user.id, name: user.name })
        await audit('consent.recorded', meeting.id, actor)
      })
    },

    /** Starts the meeting from the set-up page: its convener, or its chair signed in as staff. */
    start,

    /**
     * A staff member who is a participant of the meeting (isMe) enters the room without a link: a
     * cookie session on their seat's live link (a new one if it has none).
     */
    async open(
      meeting: MeetingRow,
      userId: string,
      actor: AuditActor,
      now = Date.now(),
    ): Promise<Result<{ participantId: string; session: string; expiresAt: number }>> {
      const seat = await stores.participants.seatOf(meeting.id, userId)
      if (!seat) return refuse(409, 'not-a-participant')
      if (linkExpiry(meeting.startsAt) <= now) return refuse(409, 'expired')
      return done(
        await transaction(async () => {
          // The session hangs on a link like any other, so revoking the seat's link closes it too.
          const active = await stores.tokens.active(seat.id, now)
          const link = active
            ? { tokenId: active.id, expiresAt: active.expiresAt }
            : await issue(meeting, seat.id, actor, now)
          await audit('link.opened', meeting.id, actor, seat.id)
          const session = await stores.participantSessions.create(
            { tokenId: link.tokenId, participantId: seat.id },
            userId,
            now,
          )
          return { participantId: seat.id, session, expiresAt: link.expiresAt }
        }),
      )
    },

    /** A meeting's audit log with its people named, newest first; undefined for no such meeting. */
    auditLog(meetingId: string): Promise<MeetingAuditLog | undefined> {
      return auditLogView(stores, meetingId)
    },

    /** A participant of this meeting, or undefined. */
    async participant(meetingId: string, participantId: string): Promise<ParticipantRow | undefined> {
      return await stores.participants.get(meetingId, participantId)
    },

    /** Invites a participant and issues their personal link; `userId` is the convener (isMe). */
    async addParticipant(
      meeting: MeetingRow,
      input: ParticipantInput,
      userId: string,
      actor: AuditActor,
    ): Promise<Result<{ participant: Participant; link: IssuedLink }>> {
      if ((await stores.participants.count(meeting.id)) >= MAX_PARTICIPANTS) {
        return refuse(409, 'too-many-participants')
      }
      if (input.isMe && (await stores.participants.seatOf(meeting.id, userId)))
        return refuse(409, 'already-me', { field: 'isMe' })
      const { participant, link } = await transaction(async () => {
        const added = await stores.participants.add(meeting.id, {
          ...input,
          name: input.name === '' ? null : input.name,
          staffUserId: input.isMe ? userId : null,
        })
        await audit('participant.added', meeting.id, actor, added.id)
        const { issued } = await issue(meeting, added.id, actor)
        await stores.meetings.touch(meeting.id)
        return { participant: added, link: issued }
      })
      await writeRoster(meeting.id)
      return done({ participant: await participantOf(meeting.id, participant, userId), link })
    },

    /** Changes a participant; a changed role reaches their open sockets at once (they reconnect). */
    async updateParticipant(
      meeting: MeetingRow,
      participant: ParticipantRow,
      input: ParticipantInput,
      userId: string,
      actor: AuditActor,
    ): Promise<Result<Participant>> {
      const seat = await stores.participants.seatOf(meeting.id, userId)
      if (input.isMe && seat && seat.id !== participant.id)
        return refuse(409, 'already-me', { field: 'isMe' })
      // isMe speaks for the convener only: a seat linked to someone else stays theirs unless claimed.
      const staffUserId = input.isMe
        ? userId
        : participant.staffUserId === userId
          ? null
          : participant.staffUserId
      await transaction(async () => {
        await stores.participants.update(participant.id, {
          role: input.role,
          name: input.name === '' ? null : input.name,
          organisation: input.organisation,
          organisationOther: input.organisationOther,
          function: input.function,
          staffUserId,
        })
        await audit('participant.updated', meeting.id, actor, participant.id)
        await stores.meetings.touch(meeting.id)
      })
      await writeRoster(meeting.id)
      if (input.role !== participant.role) {
        // A role is fixed when a socket connects (A6): reconnect so the new one applies.
        plans.disconnect(await stores.tokens.idsForParticipant(participant.id), 'reconnect')
      }
      return done(
        await participantOf(meeting.id, (await stores.participants.get(meeting.id, participant.id))!, userId),
      )
    },

    /** Removes a participant: their links are revoked and their sockets closed; audit rows stay. */
    async removeParticipant(
      meeting: MeetingRow,
      participant: ParticipantRow,
      actor: AuditActor,
    ): Promise<void> {
      const tokenIds = await stores.tokens.idsForParticipant(participant.id)
      await transaction(async () => {
        await revokeLinks(meeting.id, participant.id, actor)
        await audit('participant.removed', meeting.id, actor, participant.id)
        // Its links and cookie sessions go with it; its audit rows stay.
        await stores.participants.remove(participant.id)
        await stores.meetings.touch(meeting.id)
      })
      plans.disconnect(tokenIds, 'revoked')
      await writeRoster(meeting.id)
    },

    /** A new personal link; the previous one stops working and its sockets close. */
    async newLink(meeting: MeetingRow, participant: ParticipantRow, actor: AuditActor): Promise<IssuedLink> {
      const { revoked, issued } = await transaction(async () => ({
        revoked: await revokeLinks(meeting.id, participant.id, actor),
        issued: (await issue(meeting, participant.id, actor)).issued,
      }))
      plans.disconnect(revoked, 'revoked')
      return issued
    },

    /**
     * "Skriv ut alla kallelser": a new link for every participant but the staff seats that open the
     * meeting without one, in one transaction; the earlier links stop working and their sockets
     * close (A5). Audited per participant (`link.revoked`, `link.created`), never with the token.
     */
    async newLinks(meeting: MeetingRow, actor: AuditActor, now = Date.now()): Promise<IssuedLink[]> {
      const invited = (await stores.participants.ofMeeting(meeting.id)).filter(
        (p) => !opensWithoutLink(meeting, p),
      )
      const { revoked, issued } = await transaction(async () => {
        const revoked: number[] = []
        const issued: IssuedLink[] = []
        for (const p of invited) revoked.push(...(await revokeLinks(meeting.id, p.id, actor)))
        for (const p of invited) issued.push((await issue(meeting, p.id, actor, now)).issued)
        if (invited.length > 0) await stores.meetings.touch(meeting.id)
        return { revoked, issued }
      })
      plans.disconnect(revoked, 'revoked')
      return issued
    },

    /** Revokes a participant's link: A5, every socket it (or a cookie exchanged for it) opened closes. */
    async revokeLink(meeting: MeetingRow, participant: ParticipantRow, actor: AuditActor): Promise<void> {
      const revoked = await transaction(() => revokeLinks(meeting.id, participant.id, actor))
      plans.disconnect(revoked, 'revoked')
    },

    session,

    /**
     * The chair starts the meeting from the room (their link's cookie, or a staff chair's seat
     * opened with POST .../open); every other role gets 403. Answers the chair's session after it.
     */
    async startInRoom(asker: Asker, sourceAddress: string): Promise<Result<SessionResponse>> {
      const { meeting, participant } = asker
      if (participant.role !== 'chair') return refuse(403, 'forbidden')
      const started = await start(meeting, participantActor(participant, sourceAddress))
      if (!started.ok) return started
      return done(await session({ meeting: (await stores.meetings.getMeeting(meeting.id))!, participant }))
    },

    /** The participant's answer to the invitation, until the meeting starts. */
    async answerInvitation(
      asker: Asker,
      answer: RsvpAnswer,
      sourceAddress: string,
    ): Promise<Result<SessionResponse>> {
      const { meeting, participant } = asker
      if (meeting.status !== 'planned') return refuse(409, 'meeting-started')
      await transaction(async () => {
        await stores.participants.setRsvp(participant.id, answer)
        await stores.audit.append({
          action: 'rsvp.answered',
          meetingId: meeting.id,
          ...participantActor(participant, sourceAddress),
        })
        await stores.meetings.touch(meeting.id)
      })
      return done(
        await session({ meeting, participant: (await stores.participants.get(meeting.id, participant.id))! }),
      )
    },
  }
}

export type MeetingService = ReturnType<typeof meetingService>
