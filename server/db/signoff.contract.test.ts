import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contractEngines, openTestStorage, type TestStorage } from '../test/engine-access'
import { testSetup } from '../test/harness'
import type { NewSignature } from './signoff'

/**
 * Sign-off (server/db/signoff.ts), the same tests on every engine: versions and their numbers,
 * signing once, voiding, finalizing with missing signatures, satisfaction answered once.
 */
describe.each(contractEngines())('sign-off on %s', (engine) => {
  let storage: TestStorage
  beforeAll(async () => {
    storage = await openTestStorage(engine)
  })
  afterAll(() => storage?.close())

  const meeting = async () =>
    (await storage.stores.meetings.createMeeting({ title: 'Möte', ...testSetup() })).id
  const version = (number: number, snapshot: Uint8Array = new Uint8Array(randomBytes(32))) => ({
    number,
    hash: `hash-${number}`,
    canonicalJson: `{"version":${number}}`,
    snapshot,
    skippedJson: '["goals"]',
    lockedBy: 'staff:u1',
    consentJson: number === 1 ? '{"givenAt":"2026-02-20"}' : null,
  })
  const signature = (
    versionId: number,
    participantId: string,
    extra: Partial<NewSignature> = {},
  ): NewSignature => ({
    versionId,
    participantId,
    method: 'own-device',
    typedName: 'Anna Andersson',
    witnessedBy: null,
    drawing: null,
    sourceAddress: '10.0.0.1',
    ...extra,
  })

  it('a version comes back with every field and its snapshot byte for byte; numbers count from 1', async () => {
    const { signoff } = storage.stores
    const id = await meeting()
    expect(await signoff.nextNumber(id)).toBe(1)
    expect(await signoff.active(id)).toBeUndefined()
    expect(await signoff.isFrozen(id)).toBe(false)
    const snapshot = new Uint8Array(randomBytes(4096))
    await signoff.addVersion(id, version(1, snapshot), 1_000)
    const active = await signoff.active(id)
    expect(active).toEqual({
      id: active!.id,
      meetingId: id,
      number: 1,
      hash: 'hash-1',
      canonicalJson: '{"version":1}',
      snapshot: active!.snapshot,
      skippedJson: '["goals"]',
      lockedAt: 1_000,
      lockedBy: 'staff:u1',
      voidedAt: null,
      voidReason: null,
      consentJson: '{"givenAt":"2026-02-20"}',
    })
    // A plain Uint8Array on both engines, not the driver's Buffer.
    expect(Object.getPrototypeOf(active!.snapshot)).toBe(Uint8Array.prototype)
    expect(Buffer.from(active!.snapshot).equals(Buffer.from(snapshot))).toBe(true)
    expect(await signoff.byNumber(id, 1)).toEqual(active)
    expect(await signoff.byNumber(id, 2)).toBeUndefined()
    expect(await signoff.isFrozen(id)).toBe(true)
    expect(await signoff.nextNumber(id)).toBe(2)
  })

  it('voiding a version happens once; the next one gets the next number; only one is ever active', async () => {
    const { signoff } = storage.stores
    const id = await meeting()
    await signoff.addVersion(id, version(1), 1_000)
    const first = (await signoff.active(id))!
    // A second active version, or a number used twice, is refused by the database.
    const twoActive = await signoff.addVersion(id, version(2)).catch((error: unknown) => error)
    expect(storage.isUniqueViolation(twoActive)).toBe(true)
    expect(await signoff.voidVersion(first.id, 'Ändrat mål', 2_000)).toBe(true)
    expect(await signoff.voidVersion(first.id, 'Igen', 3_000)).toBe(false)
    expect(await signoff.active(id)).toBeUndefined()
    expect(await signoff.isFrozen(id)).toBe(false)
    const sameNumber = await signoff.addVersion(id, version(1)).catch((error: unknown) => error)
    expect(storage.isUniqueViolation(sameNumber)).toBe(true)
    expect(await signoff.nextNumber(id)).toBe(2)
    await signoff.addVersion(id, version(2), 4_000)
    expect((await signoff.versions(id)).map((v) => [v.number, v.voidedAt, v.voidReason])).toEqual([
      [2, null, null],
      [1, 2_000, 'Ändrat mål'],
    ])
    expect((await signoff.active(id))?.number).toBe(2)
  })

  it('a participant signs a version once; signatures list newest version first, then in signing order', async () => {
    const { signoff } = storage.stores
    const id = await meeting()
    await signoff.addVersion(id, version(1), 1_000)
    const v1 = (await signoff.active(id))!
    expect(await signoff.sign(signature(v1.id, 'anna'), 2_000)).toBe(true)
    expect(await signoff.sign(signature(v1.id, 'anna', { typedName: 'Någon annan' }), 2_500)).toBe(false)
    await signoff.voidVersion(v1.id, 'Ändrat', 3_000)
    await signoff.addVersion(id, version(2), 3_000)
    const v2 = (await signoff.active(id))!
    const drawing = 'M 0 0 L 10 10'
    expect(
      await signoff.sign(signature(v2.id, 'bo', { method: 'in-room', witnessedBy: 'Maja', drawing }), 5_000),
    ).toBe(true)
    expect(await signoff.sign(signature(v2.id, 'anna'), 4_000)).toBe(true)
    expect(await signoff.sign(signature(v2.id, 'cecilia'), 5_000)).toBe(true)
    expect(await signoff.signatures(id)).toEqual([
      {
        versionId: v2.id,
        versionNumber: 2,
        participantId: 'anna',
        method: 'own-device',
        typedName: 'Anna Andersson',
        witnessedBy: null,
        signedAt: 4_000,
        drawing: null,
        voided: false,
      },
      {
        versionId: v2.id,
        versionNumber: 2,
        participantId: 'bo',
        method: 'in-room',
        typedName: 'Anna Andersson',
        witnessedBy: 'Maja',
        signedAt: 5_000,
        drawing,
        voided: false,
      },
      expect.objectContaining({ participantId: 'cecilia', signedAt: 5_000, voided: false }),
      expect.objectContaining({ versionNumber: 1, participantId: 'anna', signedAt: 2_000, voided: true }),
    ])
  })

  it('two signings of one participant at the same moment: exactly one counts', async () => {
    const { signoff } = storage.stores
    const id = await meeting()
    await signoff.addVersion(id, version(1))
    const v1 = (await signoff.active(id))!
    const answers = await Promise.all(Array.from({ length: 4 }, () => signoff.sign(signature(v1.id, 'anna'))))
    expect(answers.filter(Boolean)).toHaveLength(1)
    expect(await signoff.signatures(id)).toHaveLength(1)
  })

  it('finalizing records the missing signatures in the order given and marks the meeting finalized', async () => {
    const { signoff, meetings } = storage.stores
    const id = await meeting()
    await signoff.addVersion(id, version(1))
    const v1 = (await signoff.active(id))!
    expect(await signoff.finalizedAt(id)).toBeNull()
    const missing = [
      { participantId: 'zeta', reason: 'Gick tidigt', category: 'left-early' as const },
      { participantId: 'alfa', reason: 'Tekniskt fel', category: 'technical' as const },
      { participantId: 'mu', reason: 'Ville inte', category: 'declined' as const },
    ]
    await signoff.finalize(id, v1.id, missing, 9_000)
    expect(await signoff.missing(id)).toEqual(missing)
    expect(await signoff.finalizedAt(id)).toBe(9_000)
    expect(await meetings.getMeeting(id)).toMatchObject({ status: 'finalized', updatedAt: 9_000 })
    expect(await signoff.isFrozen(id)).toBe(true)
    // Finalized stays frozen even without an active version.
    await signoff.voidVersion(v1.id, 'x')
    expect(await signoff.isFrozen(id)).toBe(true)
    expect(await signoff.finalizedAt(randomUUID())).toBeNull()

    const none = await meeting()
    await signoff.addVersion(none, version(1))
    await signoff.finalize(none, (await signoff.active(none))!.id, [], 10_000)
    expect(await signoff.missing(none)).toEqual([])
  })

  it('a participant answers the satisfaction question once; the answer is stored without them', async () => {
    const { signoff } = storage.stores
    const id = await meeting()
    expect(await signoff.hasAnswered(id, 'anna')).toBe(false)
    const now = Date.parse('2026-03-10T23:30:00Z')
    expect(await signoff.answerSatisfaction(id, 'anna', { score: 4, comment: 'Bra' }, now)).toBe(true)
    expect(await signoff.answerSatisfaction(id, 'anna', { score: 1, comment: 'Igen' }, now)).toBe(false)
    expect(await signoff.hasAnswered(id, 'anna')).toBe(true)
    expect(await signoff.hasAnswered(id, 'bo')).toBe(false)
    expect(await signoff.answerSatisfaction(id, 'bo', { score: 5, comment: '' }, now)).toBe(true)
    expect(
      await storage.rows('SELECT * FROM satisfaction_answers WHERE meeting_id = ? ORDER BY score', [id]),
    ).toEqual([
      { id: expect.any(Number), meeting_id: id, score: 4, comment: 'Bra', created_at: '2026-03-10' },
      { id: expect.any(Number), meeting_id: id, score: 5, comment: '', created_at: '2026-03-10' },
    ])
  })
})
