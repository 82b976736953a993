import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canonicalVersionJson } from '../../shared/plan/canonical'
import { planParts } from '../../shared/plan/layout'
import type { Role } from '../../shared/roles'
import type { MeetingState } from '../../shared/schemas/signoff'
import type { Result } from '../result'
import {
  createServiceMeeting,
  openTestServices,
  type ServiceMeeting,
  type TestServices,
} from '../test/services'
import type { Chair } from './service'
import { planHash } from './versions'

/**
 * The sign-off service without HTTP (docs/protocol.md G1–G14): a real SQLite file, the live plan
 * in memory. The same rules over HTTP and sockets: signoff*.integration.test.ts.
 */

let services: TestServices
let meeting: ServiceMeeting

beforeEach(async () => {
  services = openTestServices()
  meeting = await createServiceMeeting(services)
})

afterEach(() => services.close())

const ADDRESS = '192.0.2.7'
/** A staff member reading the protocol (who reads is audited, P12). */
const READER = { actor: 'staff:u-eva', actorName: 'Eva Ek', sourceAddress: ADDRESS }

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.status} ${result.error}`)
  return result.value
}

async function chair(): Promise<Chair> {
  return value(services.signoff.chair(await meeting.as('chair')))
}

function plan(): ReturnType<typeof planParts> {
  return planParts(services.plans.doc(meeting.id))
}

/** Chair, guardian and child present, the participant remote, the note-taker not there. */
function writeAttendance(): void {
  const { attendance } = plan()
  for (const role of ['chair', 'guardian', 'child'] as const)
    attendance.set(meeting.people[role].id, 'present')
  attendance.set(meeting.people.participant.id, 'remote')
  attendance.set(meeting.people.notetaker.id, 'cancelled')
}

async function lock(): Promise<MeetingState> {
  return value(await services.signoff.lock(await chair(), ADDRESS))
}

async function signAs(role: Role, state: MeetingState): Promise<Result<MeetingState>> {
  return services.signoff.sign(
    await meeting.as(role),
    { versionHash: state.version!.hash, confirm: true, typedName: meeting.people[role].name! },
    ADDRESS,
  )
}

async function auditActions(): Promise<string[]> {
  return (await services.stores.audit.forMeeting(meeting.id)).map((e) => e.action).reverse()
}

describe('G1: lock', () => {
  it('G1: freezes the plan and stores its version – canonical JSON bound to meeting and number, its SHA-256, the snapshot', async () => {
    writeAttendance()
    plan().responsible.set('name', 'Kurt Kvist')
    const state = await lock()
    expect(services.plans.frozen.has(meeting.id)).toBe(true)
    const stored = (await services.stores.signoff.active(meeting.id))!
    const expected = canonicalVersionJson(services.plans.doc(meeting.id), {
      meetingId: meeting.id,
      version: 1,
    })
    expect(stored.number).toBe(1)
    expect(stored.canonicalJson).toBe(expected.canonicalJson)
    expect(stored.hash).toBe(planHash(stored.canonicalJson))
    expect(JSON.parse(stored.canonicalJson)).toMatchObject({ meetingId: meeting.id, version: 1 })
    const snapshot = new Y.Doc()
    Y.applyUpdate(snapshot, stored.snapshot)
    expect(planParts(snapshot).responsible.get('name')).toBe('Kurt Kvist')
    expect(state).toMatchObject({ status: 'locked', version: { number: 1, hash: stored.hash } })
    expect(await auditActions()).toContain('plan.locked')
  })

  it('G1: a freeze that cannot store what is pending is 503 not-saved; the plan stays open and nothing is stored', async () => {
    services.plans.failFreeze = true
    const refused = await services.signoff.lock(await chair(), ADDRESS)
    expect(refused).toMatchObject({ ok: false, status: 503, error: 'not-saved' })
    expect(services.plans.frozen.has(meeting.id)).toBe(false)
    expect(await services.stores.signoff.versions(meeting.id)).toEqual([])
    expect(services.plans.pushed).toEqual([])
    expect(services.logged).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'could not lock the plan' }),
    )
    // The error is logged by name and code, never with plan content.
    expect(services.logged[0]?.details).toMatchObject({ err: { name: 'Error', code: 'SQLITE_FULL' } })
    services.plans.failFreeze = false
    expect((await lock()).status).toBe('locked')
  })

  it('G1: a lock that fails after the freeze thaws the plan and throws: never frozen without a version', async () => {
    services.db.exec(
      "CREATE TRIGGER fail_lock BEFORE INSERT ON plan_versions BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )
    await expect(services.signoff.lock(await chair(), ADDRESS)).rejects.toThrow('disk full')
    expect(services.plans.frozen.has(meeting.id)).toBe(false)
    expect(await services.stores.signoff.versions(meeting.id)).toEqual([])
    expect(await auditActions()).not.toContain('plan.locked')
    services.db.exec('DROP TRIGGER fail_lock')
    expect((await lock()).version?.number).toBe(1)
  })

  it('G1: locking a locked plan is 409 already-locked; a finalized one 409 finalized', async () => {
    writeAttendance()
    const state = await lock()
    expect(await services.signoff.lock(await chair(), ADDRESS)).toMatchObject({
      status: 409,
      error: 'already-locked',
    })
    for (const role of ['chair', 'guardian', 'child', 'participant'] as const)
      value(await signAs(role, state))
    value(await services.signoff.finalize(await chair(), { missing: [] }, ADDRESS))
    expect(await services.signoff.lock(await chair(), ADDRESS)).toMatchObject({
      status: 409,
      error: 'finalized',
    })
  })
})

describe('G2: a locked plan changes for nobody', () => {
  it('G2: while locked, not even the server’s roster reaches the plan', async () => {
    await lock()
    const before = Y.encodeStateVector(services.plans.doc(meeting.id))
    expect(await services.meetings.rewriteRoster(meeting.id)).toBe(false)
    services.db.prepare("UPDATE meetings SET child_name = 'Elsa B.' WHERE id = ?").run(meeting.id)
    await services.meetings.writeRoster(meeting.id)
    expect(Y.encodeStateVector(services.plans.doc(meeting.id))).toEqual(before)
    expect(plan().setup.get('childName')).toBe('Elsa')
  })
})

describe('G3: only the chair locks, unlocks, signs in the room and finalizes', () => {
  it('G3: every other role is refused with 403 before anything is read or written', async () => {
    for (const role of ['notetaker', 'participant', 'guardian', 'child'] as const) {
      expect(services.signoff.chair(await meeting.as(role))).toEqual({
        ok: false,
        status: 403,
        error: 'forbidden',
      })
    }
    expect(services.signoff.chair(await meeting.as('chair')).ok).toBe(true)
  })
})

describe('G4: only the active version can be signed', () => {
  it('G4: a void or unknown hash is 409 version-not-current naming versionHash; signing twice 409 already-signed', async () => {
    writeAttendance()
    const first = await lock()
    value(await signAs('guardian', first))
    expect(await signAs('guardian', first)).toMatchObject({ status: 409, error: 'already-signed' })
    value(await services.signoff.unlock(await chair(), { reason: 'Fel datum' }, ADDRESS))
    // Relocking the unchanged plan makes a new hash: the version is bound to its number (G1).
    const second = await lock()
    expect(second.version!.hash).not.toBe(first.version!.hash)
    expect(await signAs('guardian', first)).toEqual({
      ok: false,
      status: 409,
      error: 'version-not-current',
      field: 'versionHash',
    })
    const unknown = { ...second, version: { ...second.version!, hash: 'f'.repeat(64) } }
    expect(await signAs('child', unknown)).toMatchObject({ status: 409, error: 'version-not-current' })
    expect(value(await signAs('guardian', second)).signatures.filter((s) => !s.void)).toHaveLength(1)
  })

  it('G4: nothing is signed while the plan is open, and nothing after finalizing (409 finalized)', async () => {
    writeAttendance()
    const open = { version: { hash: 'a'.repeat(64) } } as MeetingState
    expect(await signAs('guardian', open)).toMatchObject({ status: 409, error: 'version-not-current' })
    const state = await lock()
    value(await services.signoff.finalize(await chair(), { missing: requiredMissing(state) }, ADDRESS))
    expect(await signAs('guardian', state)).toMatchObject({ status: 409, error: 'finalized' })
  })
})

describe('G5: who signs', () => {
  it('G5: on one’s own device the signer is the participant asking: own-device, their address, no witness', async () => {
    writeAttendance()
    const state = value(await signAs('guardian', await lock()))
    expect(state.signatures).toEqual([
      expect.objectContaining({
        participantId: meeting.people.guardian.id,
        method: 'own-device',
        name: 'Sara',
      }),
    ])
    const row = services.db
      .prepare('SELECT witnessed_by AS witness, source_address AS address FROM signatures')
      .get() as { witness: string | null; address: string }
    expect(row).toEqual({ witness: null, address: ADDRESS })
    const signed = (await services.stores.audit.forMeeting(meeting.id)).find(
      (e) => e.action === 'plan.signed',
    )!
    expect(signed).toMatchObject({
      actor: `participant:${meeting.people.guardian.id}`,
      subject: `participant:${meeting.people.guardian.id}`,
    })
  })

  it('G5: in the room the chair names the participant and witnesses it (a drawing may come with it); an unknown participant is 404', async () => {
    writeAttendance()
    const locked = await lock()
    const input = {
      participantId: meeting.people.child.id,
      versionHash: locked.version!.hash,
      confirm: true as const,
      typedName: 'Elsa',
      drawing: 'M12 80 L14 82',
    }
    const state = value(await services.signoff.signInRoom(await chair(), input, ADDRESS))
    expect(state.signatures).toEqual([
      expect.objectContaining({ participantId: meeting.people.child.id, method: 'in-room', drawn: true }),
    ])
    const witness = services.db.prepare('SELECT witnessed_by FROM signatures').pluck().get()
    expect(witness).toBe(meeting.people.chair.id)
    const signed = (await services.stores.audit.forMeeting(meeting.id)).find(
      (e) => e.action === 'plan.signed',
    )!
    expect(signed).toMatchObject({
      actor: `participant:${meeting.people.chair.id}`,
      subject: `participant:${meeting.people.child.id}`,
    })
    expect(
      await services.signoff.signInRoom(
        await chair(),
        { ...input, participantId: 'no-such-participant' },
        ADDRESS,
      ),
    ).toEqual({ ok: false, status: 404, error: 'not-found' })
  })
})

describe('G6: unlock', () => {
  it('G6: voids the active version with its reason, keeps its signatures as void, thaws the plan and rewrites the roster', async () => {
    writeAttendance()
    const locked = await lock()
    value(await signAs('guardian', locked))
    // A participant changed while locked: stored, but the frozen plan does not change.
    const guardian = meeting.people.guardian
    services.db.prepare("UPDATE participants SET name = 'Sara Berg' WHERE id = ?").run(guardian.id)
    await services.meetings.writeRoster(meeting.id)
    expect(plan().participants.get(guardian.id)?.get('name')).toBe('Sara')

    const state = value(await services.signoff.unlock(await chair(), { reason: 'Ett mål saknas' }, ADDRESS))
    expect(state.status).toBe('open')
    expect(state.versions[0]).toMatchObject({ number: 1, voidReason: 'Ett mål saknas' })
    expect(state.versions[0]!.voidedAt).not.toBeNull()
    expect(state.signatures).toEqual([expect.objectContaining({ participantId: guardian.id, void: true })])
    expect(services.plans.frozen.has(meeting.id)).toBe(false)
    expect(plan().participants.get(guardian.id)?.get('name')).toBe('Sara Berg')
    expect(await auditActions()).toContain('plan.unlocked')
    // Nothing is deleted; the next lock makes version 2.
    expect((await lock()).version!.number).toBe(2)
    expect(await services.stores.signoff.versions(meeting.id)).toHaveLength(2)
  })

  it('G6: an open plan cannot be unlocked (409 not-locked), a finalized one neither (409 finalized)', async () => {
    expect(await services.signoff.unlock(await chair(), { reason: 'x' }, ADDRESS)).toMatchObject({
      status: 409,
      error: 'not-locked',
    })
    writeAttendance()
    const state = await lock()
    value(await services.signoff.finalize(await chair(), { missing: requiredMissing(state) }, ADDRESS))
    expect(await services.signoff.unlock(await chair(), { reason: 'x' }, ADDRESS)).toMatchObject({
      status: 409,
      error: 'finalized',
    })
  })
})

/** A reason for every required signer. */
function requiredMissing(state: MeetingState) {
  return state.required.map((participantId) => ({ participantId, reason: 'Sjuk' }))
}

describe('G7: finalize', () => {
  it('G7: every present or remote participant has signed or has a reason, else 400 naming missing and who', async () => {
    writeAttendance()
    const state = await lock()
    expect(new Set(state.required)).toEqual(
      new Set((['chair', 'guardian', 'child', 'participant'] as const).map((r) => meeting.people[r].id)),
    )
    value(await signAs('chair', state))
    value(await signAs('guardian', state))
    const refused = await services.signoff.finalize(
      await chair(),
      { missing: [{ participantId: meeting.people.child.id, reason: 'Gick hem' }] },
      ADDRESS,
    )
    expect(refused).toEqual({
      ok: false,
      status: 400,
      error: 'validation',
      field: 'missing',
      message: 'A reason is needed for every missing signature.',
      participantIds: [meeting.people.participant.id],
    })
    expect(await services.stores.signoff.finalizedAt(meeting.id)).toBeNull()

    const missing = [
      { participantId: meeting.people.child.id, reason: 'Gick hem' },
      { participantId: meeting.people.participant.id, reason: 'Tappade uppkopplingen' },
    ]
    const finalized = value(await services.signoff.finalize(await chair(), { missing }, ADDRESS))
    expect(finalized.status).toBe('finalized')
    expect(finalized.finalizedAt).not.toBeNull()
    // The state lists missing signatures in the store's order (by participant id), not the input's.
    expect(finalized.missing.map((m) => [m.participantId, m.reason]).sort()).toEqual(
      missing.map((m) => [m.participantId, m.reason]).sort(),
    )
    expect(await auditActions()).toContain('plan.finalized')
    // The room stays frozen for good.
    expect(services.plans.frozen.has(meeting.id)).toBe(true)
    expect(await services.stores.signoff.isFrozen(meeting.id)).toBe(true)
  })

  it('G7: an open plan cannot be finalized (409 not-locked)', async () => {
    expect(await services.signoff.finalize(await chair(), { missing: [] }, ADDRESS)).toMatchObject({
      status: 409,
      error: 'not-locked',
    })
  })
})

describe('G8: every change is pushed to the room', () => {
  it('G8: lock, signature, unlock and finalize each push the state they answer', async () => {
    writeAttendance()
    const answers = [await lock()]
    answers.push(value(await signAs('guardian', answers[0]!)))
    answers.push(value(await services.signoff.unlock(await chair(), { reason: 'Fel' }, ADDRESS)))
    const relocked = await lock()
    answers.push(relocked)
    answers.push(
      value(await services.signoff.finalize(await chair(), { missing: requiredMissing(relocked) }, ADDRESS)),
    )
    expect(services.plans.pushed).toEqual(answers.map((state) => ({ meetingId: meeting.id, state })))
    expect(answers.map((s) => s.status)).toEqual(['locked', 'locked', 'open', 'locked', 'finalized'])
    // A refusal pushes nothing.
    expect((await services.signoff.lock(await chair(), ADDRESS)).ok).toBe(false)
    expect(services.plans.pushed).toHaveLength(answers.length)
    expect(await services.signoff.state(meeting.id)).toEqual(answers.at(-1))
  })
})

describe('G9, G12: what was signed', () => {
  it('G9: verify recomputes the active version for the meeting asked about; 404 without a version', async () => {
    expect(await services.signoff.verify(meeting.id)).toEqual({ ok: false, status: 404, error: 'not-found' })
    writeAttendance()
    await lock()
    expect(value(await services.signoff.verify(meeting.id))).toMatchObject({
      ok: true,
      bound: true,
      number: 1,
    })
    expect(await services.signoff.verify(meeting.id, 2)).toMatchObject({ status: 404, error: 'not-found' })
  })

  it('G12: the protocol is refused while the plan is open (409 not-locked) and built from the locked version; P12: each read is audited', async () => {
    expect(
      await services.signoff.minutes((await meeting.as('guardian')).meeting, 'sv', 'participant', READER),
    ).toEqual({
      ok: false,
      status: 409,
      error: 'not-locked',
    })
    writeAttendance()
    await lock()
    plan().responsible.set('name', 'Efter låset')
    const protocol = value(
      await services.signoff.minutes((await meeting.as('guardian')).meeting, 'sv', 'participant', READER),
    )
    expect(JSON.stringify(protocol)).not.toContain('Efter låset')
    // The verify address is in the staff's copy only; a participant's link gets the plain words.
    expect(JSON.stringify(protocol)).not.toContain('https://sip.example/api/meetings/')
    const staff = value(
      await services.signoff.minutes((await meeting.as('chair')).meeting, 'sv', 'staff', READER),
    )
    expect(JSON.stringify(staff)).toContain('https://sip.example/api/meetings/')
    const reads = (await services.stores.audit.forMeeting(meeting.id)).filter(
      (e) => e.action === 'protocol.read',
    )
    expect(reads.map((e) => [e.actorName, e.subject])).toEqual([
      ['Eva Ek', `meeting:${meeting.id}`],
      ['Eva Ek', `meeting:${meeting.id}`],
    ])
  })
})

describe('G11: "Är du nöjd med mötet?"', () => {
  it('G11: the child and guardians answer, once each; other roles get 403', async () => {
    for (const role of ['chair', 'notetaker', 'participant'] as const) {
      expect(services.signoff.satisfactionAnswerer(await meeting.as(role))).toMatchObject({ status: 403 })
    }
    const child = value(services.signoff.satisfactionAnswerer(await meeting.as('child')))
    expect(await services.signoff.answerSatisfaction(child, { score: 5, comment: '' }, ADDRESS)).toEqual({
      ok: true,
      value: undefined,
    })
    expect(
      await services.signoff.answerSatisfaction(child, { score: 4, comment: '' }, ADDRESS),
    ).toMatchObject({
      status: 409,
      error: 'already-answered',
    })
    expect(await services.stores.signoff.hasAnswered(meeting.id, meeting.people.child.id)).toBe(true)
  })
})

describe('G13: a damaged plan still locks', () => {
  it('G13: a goal that is not a map is left out of the version, listed with it, and logged without content', async () => {
    writeAttendance()
    const { goals } = plan()
    const goal = new Y.Map<string | boolean>()
    goal.set('what', 'Elsa går till skolan')
    goals.push([goal])
    goals.push(['ett mål som text' as never])
    const state = await lock()
    expect(state.version!.skipped).toEqual([
      expect.objectContaining({ part: 'goals', index: 1, problem: 'not-a-map' }),
    ])
    const stored = JSON.parse((await services.stores.signoff.active(meeting.id))!.canonicalJson)
    expect(stored.goals).toHaveLength(1)
    const warning = services.logged.find((l) => l.message === 'locked a plan with parts of the wrong shape')!
    expect(warning.details).toEqual({ meetingId: meeting.id, skipped: 1 })
  })
})

describe('G14: the set-up and the participants are the server’s', () => {
  it('G14: what a writer put there is replaced from the database at lock, before the version is taken', async () => {
    writeAttendance()
    const parts = plan()
    parts.setup.set('childName', 'Förfalskat namn')
    parts.setup.set('extra', 'inte ett fält')
    const forged = new Y.Map<string>()
    forged.set('name', 'Någon annan')
    parts.participants.set('p-falsk', forged)
    ;(parts.participants.get(meeting.people.guardian.id) as Y.Map<string>).set('organisation', 'bup')
    await lock()
    const version = JSON.parse((await services.stores.signoff.active(meeting.id))!.canonicalJson)
    expect(version.setup.childName).toBe('Elsa')
    expect(version.setup).not.toHaveProperty('extra')
    expect(Object.keys(version.participants).sort()).toEqual(
      Object.values(meeting.people)
        .map((p) => p.id)
        .sort(),
    )
    expect(version.participants[meeting.people.guardian.id].organisation).toBe('familj')
  })
})
