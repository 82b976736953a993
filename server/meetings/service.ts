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
import type { MeetingRow, MeetingSetup } from '../db/meetings'
import type { NewParticipant, ParticipantRow, RsvpAnswer } from '../db/participants'
import type { Stores, WriteTransaction } from '../db/stores'
import { errorSummary, type ServiceLog } from '../log'
import type { PlanDocuments } from '../plan/document-port'
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
  function audit(action: AuditAction, meetingId: string, actor: AuditActor, participantId?: string): void {
    stores.audit.append({
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
  function issue(meeting: MeetingRow, participantId: string, actor: AuditActor | null, now = Date.now()) {
    const { token, tokenId, expiresAt } = stores.tokens.issue(
      { id: participantId, meetingId: meeting.id },
      { now, expiresAt: linkExpiry(meeting.startsAt) },
    )
    if (actor) audit('link.created', meeting.id, actor, participantId)
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
  function revokeLinks(meetingId: string, participantId: string, actor: AuditActor): number[] {
    const revoked = stores.tokens.revokeForParticipant(participantId)
    if (revoked.length > 0) audit('link.revoked', meetingId, actor, participantId)
    return revoked
  }

  function participantOf(meetingId: string, participant: ParticipantRow, userId: string): Participant {
    return participantView(
      participant,
      stores.tokens.latestByParticipant(meetingId).get(participant.id),
      userId,
    )
  }

  /**
   * Writes the meeting's set-up and participants from the database into its plan now (applyRoster).
   * False when the meeting is gone or its plan is frozen (G1); throws if the plan cannot be loaded.
   */
  function rewriteRoster(meetingId: string): boolean {
    const meeting = stores.meetings.getMeeting(meetingId)
    if (!meeting) return false
    const participants = stores.participants.ofMeeting(meetingId)
    return plans.change(meetingId, (doc) => applyRoster(doc, meeting, participants))
  }

  /**
   * Brings a meeting's plan in line with its set-up and participants after a change (applyRoster).
   * The database change has already been committed; if the plan cannot be loaded now, the next
   * change brings it up to date (the roster is idempotent).
   */
  function writeRoster(meetingId: string): void {
    try {
      rewriteRoster(meetingId)
    } catch (error) {
      log.error({ meetingId, err: errorSummary(error) }, 'could not update the plan roster')
    }
  }

  /** The invitation as the participant asking sees it, and their answer; the chair's briefing too. */
  function session({ meeting, participant }: Asker): SessionResponse {
    const answered = stores.signoff.hasAnswered(meeting.id, participant.id)
    const closure = stores.sips.get(meeting.sipId)?.closure
    const previous = meeting.previousMeetingId
      ? stores.meetings.getMeeting(meeting.previousMeetingId)
      : undefined
    const sip = {
      closure: closure ? { closedOn: closure.closedOn, reason: closure.reason } : null,
      previousMeeting: previous ? { startsAt: new Date(previous.startsAt).toISOString() } : null,
    }
    if (participant.role !== 'chair') return sessionView(meeting, participant, answered, sip)
    const convener = meeting.convenerUserId ? stores.users.byId(meeting.convenerUserId) : undefined
    const briefing = chairBriefing(stores.meetings.consent(meeting.id), convener?.name ?? '')
    return sessionView(meeting, participant, answered, sip, briefing)
  }

  /**
   * Starts the meeting: status `started`, which closes the answers to the invitation
   * (answerInvitation, 409 `meeting-started`). Consent lifts secrecy between the organisations for
   * this coordination only: no consent, no meeting (409 `no-consent`). Starting a started meeting
   * changes nothing and is not an error: the chair and the convener may both press it.
   */
  function start(meeting: MeetingRow, actor: AuditActor): Result<void> {
    return transaction((): Result<void> => {
      // Read again inside the write: the status the caller saw may be a request old.
      const current = stores.meetings.getMeeting(meeting.id)
      if (!current) return refuse(404, 'not-found')
      if (stores.sips.get(current.sipId)?.status === 'closed') return refuse(409, 'sip-closed')
      if (current.status === 'finalized') return refuse(409, 'finalized')
      const consent = stores.meetings.consent(meeting.id)
      if (!consent || consent.withdrawal) return refuse(409, 'no-consent')
      if (current.status === 'planned') {
        stores.meetings.setStatus(meeting.id, 'started')
        audit('meeting.started', meeting.id, actor)
      }
      return done(undefined)
    })
  }

  return {
    rewriteRoster,
    writeRoster,

    /**
     * G14: the set-up and the participants are the server's. Watches them on a room's document and,
     * when a writer's update changed them, writes the roster back from the database at once – its
     * correction is stored and broadcast in the same flush as the forgery. The server's own changes
     * (local transactions) are not watched, so this never feeds itself. For the sync core to call
     * when it loads a room; answers the function that stops watching.
     */
    guardRoster(meetingId: string, doc: Y.Doc): () => void {
      const { setup, participants } = planParts(doc)
      let corrected: Y.Transaction | undefined
      const observer = (_events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
        // One correction per transaction, even when it changed both maps.
        if (transaction.local || transaction === corrected) return
        corrected = transaction
        log.warn({ meetingId }, 'a writer changed the set-up or the participants; rewriting them')
        writeRoster(meetingId)
      }
      setup.observeDeep(observer)
      participants.observeDeep(observer)
      return () => {
        setup.unobserveDeep(observer)
        participants.unobserveDeep(observer)
      }
    },

    /**
     * A meeting on `meetingId` as staff member `userId` may have it (A11, P4): 404 when it is not
     * theirs, 403 when a chair asks for what only the convener may do (or someone who only sees the
     * SIP asks for what its convener or chair may do: `lead`), 409 when an edit comes after
     * finalizing or the SIP is closed.
     */
    access(
      meetingId: string,
      userId: string,
      { need, editing = false }: { need: 'read' | 'lead' | 'convener'; editing?: boolean },
    ): Result<MeetingAccess> {
      const access = meetingAccess(stores, meetingId, userId)
      if (!access) return refuse(404, 'not-found')
      if (need === 'convener' && !access.isConvener) return refuse(403, 'forbidden')
      if (need === 'lead' && !access.isConvener && !access.isChair) return refuse(403, 'forbidden')
      // P9: nothing is written to a closed SIP, whatever the meeting's own status.
      if (editing && stores.sips.get(access.meeting.sipId)?.status === 'closed')
        return refuse(409, 'sip-closed')
      if (editing && access.meeting.status === 'finalized') return refuse(409, 'finalized')
      return done(access)
    },

    /** "Mina SIP-möten" of staff member `userId`. */
    list(userId: string): MeetingSummary[] {
      return summaryViews(stores.meetings.listForUser(userId))
    },

    /** The meeting as staff member `userId` sees it now. */
    view(meetingId: string, userId: string): Meeting {
      return meetingView(stores, stores.meetings.getMeeting(meetingId)!, userId)
    },

    /**
     * Creates a meeting – with its consent and participants, if given – and its first plan, in one
     * transaction. The plan is written straight to the document store: nobody can have opened a
     * meeting that did not exist, so no room holds it, and the CLI can create meetings while the
     * server runs (WAL). `actor` null: not audited (the demo's fictional meetings).
     */
    create(meeting: MeetingToCreate, actor: AuditActor | null, now = Date.now()): CreatedMeeting {
      const { setup, consent, participants = [] } = meeting
      return transaction(() => {
        const row = stores.meetings.createMeeting(
          {
            ...setup,
            title: meeting.title ?? meetingTitle(setup.childName),
            convenerUserId: meeting.convenerUserId,
            isDemo: meeting.isDemo === true,
            ...(meeting.followUp ?? {}),
          },
          now,
        )
        if (actor) audit('meeting.created', row.id, actor)
        if (consent) {
          stores.meetings.recordConsent(row.id, consent.input, consent.recordedBy, now)
          if (actor) audit('consent.recorded', row.id, actor)
        }
        const invited = participants.map((input) => {
          const participant = stores.participants.add(row.id, input, now)
          if (actor) audit('participant.added', row.id, actor, participant.id)
          const { url, expiresAt } = issue(row, participant.id, actor, now).issued
          return { participant, url, expiresAt }
        })
        const writePlan = meeting.plan ?? initialPlanUpdate
        const plan = writePlan(
          row,
          invited.map((i) => i.participant),
        )
        stores.documents.append([{ meetingId: row.id, data: plan }], now)
        return { meeting: row, invited }
      })
    },

    /** A new set-up; the links follow the meeting's start, the plan its roster. */
    updateSetup(meeting: MeetingRow, setup: MeetingSetup, actor: AuditActor): void {
      transaction(() => {
        stores.meetings.updateSetup(meeting.id, { ...setup, title: meetingTitle(setup.childName) })
        if (setup.childName !== meeting.childName) stores.sips.rename(meeting.sipId, setup.childName)
        // The links stay valid until DEFAULT_TOKEN_TTL_DAYS after the new start.
        if (setup.startsAt !== meeting.startsAt) {
          stores.tokens.reschedule(meeting.id, linkExpiry(setup.startsAt))
        }
        audit('meeting.updated', meeting.id, actor)
      })
      writeRoster(meeting.id)
    },

    /** Records (or replaces) the consent, as given to staff member `user`. */
    recordConsent(
      meeting: MeetingRow,
      input: ConsentInput,
      user: { id: string; name: string },
      actor: AuditActor,
    ): void {
      transaction(() => {
        stores.meetings.recordConsent(meeting.id, input, { userId: user.id, name: user.name })
        audit('consent.recorded', meeting.id, actor)
      })
    },

    /** Starts the meeting from the set-up page: its convener, or its chair signed in as staff. */
    start,

    /**
     * A staff member who is a participant of the meeting (isMe) enters the room without a link: a
     * cookie session on their seat's live link (a new one if it has none).
     */
    open(
      meeting: MeetingRow,
      userId: string,
      actor: AuditActor,
      now = Date.now(),
    ): Result<{ participantId: string; session: string; expiresAt: number }> {
      const seat = stores.participants.seatOf(meeting.id, userId)
      if (!seat) return refuse(409, 'not-a-participant')
      if (linkExpiry(meeting.startsAt) <= now) return refuse(409, 'expired')
      return done(
        transaction(() => {
          // The session hangs on a link like any other, so revoking the seat's link closes it too.
          const active = stores.tokens.active(seat.id, now)
          const link = active
            ? { tokenId: active.id, expiresAt: active.expiresAt }
            : issue(meeting, seat.id, actor, now)
          audit('link.opened', meeting.id, actor, seat.id)
          const session = stores.participantSessions.create(
            { tokenId: link.tokenId, participantId: seat.id },
            userId,
            now,
          )
          return { participantId: seat.id, session, expiresAt: link.expiresAt }
        }),
      )
    },

    /** A meeting's audit log with its people named, newest first; undefined for no such meeting. */
    auditLog(meetingId: string): MeetingAuditLog | undefined {
      return auditLogView(stores, meetingId)
    },

    /** A participant of this meeting, or undefined. */
    participant(meetingId: string, participantId: string): ParticipantRow | undefined {
      return stores.participants.get(meetingId, participantId)
    },

    /** Invites a participant and issues their personal link; `userId` is the convener (isMe). */
    addParticipant(
      meeting: MeetingRow,
      input: ParticipantInput,
      userId: string,
      actor: AuditActor,
    ): Result<{ participant: Participant; link: IssuedLink }> {
      if (stores.participants.count(meeting.id) >= MAX_PARTICIPANTS) {
        return refuse(409, 'too-many-participants')
      }
      if (input.isMe && stores.participants.seatOf(meeting.id, userId))
        return refuse(409, 'already-me', { field: 'isMe' })
      const { participant, link } = transaction(() => {
        const added = stores.participants.add(meeting.id, {
          ...input,
          name: input.name === '' ? null : input.name,
          staffUserId: input.isMe ? userId : null,
        })
        audit('participant.added', meeting.id, actor, added.id)
        const { issued } = issue(meeting, added.id, actor)
        stores.meetings.touch(meeting.id)
        return { participant: added, link: issued }
      })
      writeRoster(meeting.id)
      return done({ participant: participantOf(meeting.id, participant, userId), link })
    },

    /** Changes a participant; a changed role reaches their open sockets at once (they reconnect). */
    updateParticipant(
      meeting: MeetingRow,
      participant: ParticipantRow,
      input: ParticipantInput,
      userId: string,
      actor: AuditActor,
    ): Result<Participant> {
      const seat = stores.participants.seatOf(meeting.id, userId)
      if (input.isMe && seat && seat.id !== participant.id)
        return refuse(409, 'already-me', { field: 'isMe' })
      // isMe speaks for the convener only: a seat linked to someone else stays theirs unless claimed.
      const staffUserId = input.isMe
        ? userId
        : participant.staffUserId === userId
          ? null
          : participant.staffUserId
      transaction(() => {
        stores.participants.update(participant.id, {
          role: input.role,
          name: input.name === '' ? null : input.name,
          organisation: input.organisation,
          organisationOther: input.organisationOther,
          function: input.function,
          staffUserId,
        })
        audit('participant.updated', meeting.id, actor, participant.id)
        stores.meetings.touch(meeting.id)
      })
      writeRoster(meeting.id)
      if (input.role !== participant.role) {
        // A role is fixed when a socket connects (A6): reconnect so the new one applies.
        plans.disconnect(stores.tokens.idsForParticipant(participant.id), 'reconnect')
      }
      return done(participantOf(meeting.id, stores.participants.get(meeting.id, participant.id)!, userId))
    },

    /** Removes a participant: their links are revoked and their sockets closed; audit rows stay. */
    removeParticipant(meeting: MeetingRow, participant: ParticipantRow, actor: AuditActor): void {
      const tokenIds = stores.tokens.idsForParticipant(participant.id)
      transaction(() => {
        revokeLinks(meeting.id, participant.id, actor)
        audit('participant.removed', meeting.id, actor, participant.id)
        // Its links and cookie sessions go with it; its audit rows stay.
        stores.participants.remove(participant.id)
        stores.meetings.touch(meeting.id)
      })
      plans.disconnect(tokenIds, 'revoked')
      writeRoster(meeting.id)
    },

    /** A new personal link; the previous one stops working and its sockets close. */
    newLink(meeting: MeetingRow, participant: ParticipantRow, actor: AuditActor): IssuedLink {
      const { revoked, issued } = transaction(() => ({
        revoked: revokeLinks(meeting.id, participant.id, actor),
        issued: issue(meeting, participant.id, actor).issued,
      }))
      plans.disconnect(revoked, 'revoked')
      return issued
    },

    /**
     * "Skriv ut alla kallelser": a new link for every participant but the staff seats that open the
     * meeting without one, in one transaction; the earlier links stop working and their sockets
     * close (A5). Audited per participant (`link.revoked`, `link.created`), never with the token.
     */
    newLinks(meeting: MeetingRow, actor: AuditActor, now = Date.now()): IssuedLink[] {
      const invited = stores.participants.ofMeeting(meeting.id).filter((p) => !opensWithoutLink(meeting, p))
      const { revoked, issued } = transaction(() => {
        const revoked = invited.flatMap((p) => revokeLinks(meeting.id, p.id, actor))
        const issued = invited.map((p) => issue(meeting, p.id, actor, now).issued)
        if (invited.length > 0) stores.meetings.touch(meeting.id)
        return { revoked, issued }
      })
      plans.disconnect(revoked, 'revoked')
      return issued
    },

    /** Revokes a participant's link: A5, every socket it (or a cookie exchanged for it) opened closes. */
    revokeLink(meeting: MeetingRow, participant: ParticipantRow, actor: AuditActor): void {
      const revoked = transaction(() => revokeLinks(meeting.id, participant.id, actor))
      plans.disconnect(revoked, 'revoked')
    },

    session,

    /**
     * The chair starts the meeting from the room (their link's cookie, or a staff chair's seat
     * opened with POST .../open); every other role gets 403. Answers the chair's session after it.
     */
    startInRoom(asker: Asker, sourceAddress: string): Result<SessionResponse> {
      const { meeting, participant } = asker
      if (participant.role !== 'chair') return refuse(403, 'forbidden')
      const started = start(meeting, participantActor(participant, sourceAddress))
      if (!started.ok) return started
      return done(session({ meeting: stores.meetings.getMeeting(meeting.id)!, participant }))
    },

    /** The participant's answer to the invitation, until the meeting starts. */
    answerInvitation(asker: Asker, answer: RsvpAnswer, sourceAddress: string): Result<SessionResponse> {
      const { meeting, participant } = asker
      if (meeting.status !== 'planned') return refuse(409, 'meeting-started')
      transaction(() => {
        stores.participants.setRsvp(participant.id, answer)
        stores.audit.append({
          action: 'rsvp.answered',
          meetingId: meeting.id,
          ...participantActor(participant, sourceAddress),
        })
        stores.meetings.touch(meeting.id)
      })
      return done(session({ meeting, participant: stores.participants.get(meeting.id, participant.id)! }))
    },
  }
}

export type MeetingService = ReturnType<typeof meetingService>
