import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN_TTL_DAYS } from '../../shared/limits'
import { contractEngines, openTestStorage, type TestStorage } from '../test/engine-access'
import { testSetup } from '../test/harness'
import { DAY_MS } from './access-tokens'
import { hashToken } from './secrets'

/**
 * Who gets in (server/db/access-tokens.ts, participant-sessions.ts, users.ts, staff-sessions.ts),
 * the same tests on every engine: links, cookie sessions and staff accounts as auth reads them.
 */
describe.each(contractEngines())('links, sessions and accounts on %s', (engine) => {
  let storage: TestStorage
  beforeAll(async () => {
    storage = await openTestStorage(engine)
  })
  afterAll(() => storage?.close())

  const email = () => `${randomUUID()}@skolan.se`
  const user = (input: { name?: string; email?: string } = {}, now?: number) =>
    storage.stores.users.create(
      { email: input.email ?? email(), name: input.name ?? 'Maja', passwordHash: null, isAdmin: false },
      now,
    )
  const seat = async () => {
    const { meetings, participants } = storage.stores
    const meeting = await meetings.createMeeting({ title: 'Möte', ...testSetup() })
    const participant = await participants.add(meeting.id, {
      role: 'guardian',
      name: 'Anna',
      organisation: 'annan',
      organisationOther: 'Föreningen',
      function: 'vårdnadshavare',
    })
    return { meeting, participant }
  }

  describe('link tokens', () => {
    it('a link is stored as its SHA-256 only, and a look-up by the token finds its holder', async () => {
      const { tokens } = storage.stores
      const { meeting, participant } = await seat()
      const issued = await tokens.issue(participant, { now: 1_000 })
      expect(issued.expiresAt).toBe(1_000 + DEFAULT_TOKEN_TTL_DAYS * DAY_MS)
      expect(issued.token).toMatch(/^[\w-]{43}$/)
      const stored = await storage.rows<{ token_hash: Uint8Array }>(
        'SELECT token_hash FROM access_tokens WHERE id = ?',
        [issued.tokenId],
      )
      expect(Buffer.from(stored[0]!.token_hash).equals(hashToken(issued.token))).toBe(true)
      expect(await tokens.lookup(issued.token)).toEqual({
        tokenId: issued.tokenId,
        meetingId: meeting.id,
        participantId: participant.id,
        expiresAt: issued.expiresAt,
        revokedAt: null,
        role: 'guardian',
        name: 'Anna',
        function: 'vårdnadshavare',
        organisation: 'annan',
        organisationOther: 'Föreningen',
      })
      expect(await tokens.lookup(`${issued.token}x`)).toBeUndefined()
      expect((await tokens.issue(participant, { now: 1_000, ttlMs: 5 })).expiresAt).toBe(1_005)
      expect((await tokens.issue(participant, { now: 1_000, expiresAt: 77 })).expiresAt).toBe(77)
    })

    it('a revoked link is revoked once, still looks up (with when), and is neither active nor valid', async () => {
      const { tokens } = storage.stores
      const { participant } = await seat()
      const { token, tokenId } = await tokens.issue(participant, { now: 1_000, expiresAt: 10_000 })
      expect(await tokens.active(participant.id, 2_000)).toEqual({ id: tokenId, expiresAt: 10_000 })
      expect(await tokens.revoke(tokenId, 3_000)).toBe(true)
      expect(await tokens.revoke(tokenId, 4_000)).toBe(false)
      expect(await tokens.lookup(token)).toMatchObject({ tokenId, revokedAt: 3_000 })
      expect(await tokens.active(participant.id, 3_500)).toBeUndefined()
      expect(await tokens.validIds([tokenId], 3_500)).toEqual(new Set())
    })

    it('a link is valid until the millisecond it expires, and the newest live one is active', async () => {
      const { tokens } = storage.stores
      const { participant } = await seat()
      const older = await tokens.issue(participant, { now: 1_000, expiresAt: 50_000 })
      const newer = await tokens.issue(participant, { now: 2_000, expiresAt: 20_000 })
      expect(await tokens.active(participant.id, 19_999)).toEqual({ id: newer.tokenId, expiresAt: 20_000 })
      expect(await tokens.active(participant.id, 20_000)).toEqual({ id: older.tokenId, expiresAt: 50_000 })
      expect(await tokens.active(participant.id, 50_000)).toBeUndefined()
      expect(await tokens.validIds([older.tokenId, newer.tokenId, 987_654_321], 19_999)).toEqual(
        new Set([older.tokenId, newer.tokenId]),
      )
      expect(await tokens.validIds([older.tokenId, newer.tokenId], 20_000)).toEqual(new Set([older.tokenId]))
      expect(await tokens.validIds([], 0)).toEqual(new Set())
    })

    it("revoking a participant's links answers the live ones; every id they ever had is listed", async () => {
      const { tokens } = storage.stores
      const { participant } = await seat()
      const a = await tokens.issue(participant, { now: 1_000, expiresAt: 9_000_000_000_000 })
      const b = await tokens.issue(participant, { now: 1_000, expiresAt: 9_000_000_000_000 })
      const c = await tokens.issue(participant, { now: 1_000, expiresAt: 9_000_000_000_000 })
      await tokens.revoke(b.tokenId, 2_000)
      expect(await tokens.revokeForParticipant(participant.id, 3_000)).toEqual([a.tokenId, c.tokenId])
      expect(await tokens.revokeForParticipant(participant.id, 4_000)).toEqual([])
      expect(await tokens.idsForParticipant(participant.id)).toEqual([a.tokenId, b.tokenId, c.tokenId])
      expect(await tokens.lookup(a.token)).toMatchObject({ revokedAt: 3_000 })
      expect(await tokens.lookup(b.token)).toMatchObject({ revokedAt: 2_000 })
    })

    it("the convener's list: each participant's newest link, with when it was opened", async () => {
      const { tokens, participants } = storage.stores
      const { meeting, participant } = await seat()
      const second = await participants.add(meeting.id, {
        role: 'participant',
        name: null,
        organisation: 'bup',
        function: 'psykolog',
      })
      await tokens.issue(participant, { now: 1_000, expiresAt: 5_000 })
      const newest = await tokens.issue(participant, { now: 2_000, expiresAt: 6_000 })
      const other = await tokens.issue(second, { now: 3_000, expiresAt: 7_000 })
      await tokens.markOpened(newest.tokenId, 2_500)
      await tokens.revoke(other.tokenId, 3_500)
      expect(await tokens.latestByParticipant(meeting.id)).toEqual(
        new Map([
          [participant.id, { expiresAt: 6_000, revokedAt: null, openedAt: 2_500 }],
          [second.id, { expiresAt: 7_000, revokedAt: 3_500, openedAt: null }],
        ]),
      )
    })

    it('a meeting that moves moves its live links; expired and revoked ones stay as they were', async () => {
      const { tokens } = storage.stores
      const { meeting, participant } = await seat()
      const now = Date.now()
      const live = await tokens.issue(participant, { expiresAt: now + DAY_MS })
      const expired = await tokens.issue(participant, { expiresAt: now - DAY_MS })
      const revoked = await tokens.issue(participant, { expiresAt: now + DAY_MS })
      await tokens.revoke(revoked.tokenId)
      await tokens.reschedule(meeting.id, now + 10 * DAY_MS)
      expect((await tokens.lookup(live.token))?.expiresAt).toBe(now + 10 * DAY_MS)
      expect((await tokens.lookup(expired.token))?.expiresAt).toBe(now - DAY_MS)
      expect((await tokens.lookup(revoked.token))?.expiresAt).toBe(now + DAY_MS)
    })

    it('removing a participant removes its links and the sessions made from them', async () => {
      const { tokens, participants, participantSessions } = storage.stores
      const { participant } = await seat()
      const link = await tokens.issue(participant)
      const cookie = await participantSessions.create(
        { tokenId: link.tokenId, participantId: participant.id },
        null,
      )
      await participants.remove(participant.id)
      expect(await tokens.lookup(link.token)).toBeUndefined()
      expect(await participantSessions.lookup(cookie, participant.id)).toBeUndefined()
      expect(await tokens.idsForParticipant(participant.id)).toEqual([])
    })
  })

  describe('participant sessions', () => {
    it('a cookie finds its link only as the participant it was made for, and is exactly as valid as the link', async () => {
      const { tokens, participantSessions } = storage.stores
      const { participant } = await seat()
      const link = await tokens.issue(participant, { now: 1_000, expiresAt: 9_000 })
      const cookie = await participantSessions.create(
        { tokenId: link.tokenId, participantId: participant.id },
        null,
        1_500,
      )
      const stored = await storage.rows<{ token_hash: Uint8Array }>(
        'SELECT token_hash FROM participant_sessions WHERE access_token_id = ?',
        [link.tokenId],
      )
      expect(Buffer.from(stored[0]!.token_hash).equals(hashToken(cookie))).toBe(true)
      expect(await participantSessions.lookup(cookie, participant.id)).toEqual(
        await tokens.lookup(link.token),
      )
      expect(await participantSessions.lookup(cookie, randomUUID())).toBeUndefined()
      expect(await participantSessions.lookup(link.token, participant.id)).toBeUndefined()
      await tokens.revoke(link.tokenId, 2_000)
      expect(await participantSessions.lookup(cookie, participant.id)).toMatchObject({
        tokenId: link.tokenId,
        revokedAt: 2_000,
        expiresAt: 9_000,
      })
    })

    it("ending a staff member's sessions answers their links once each, and leaves others' sessions", async () => {
      const { tokens, participantSessions } = storage.stores
      const staff = await user()
      const { participant } = await seat()
      const one = await tokens.issue(participant)
      const two = await tokens.issue(participant)
      const link = (tokenId: number) => ({ tokenId, participantId: participant.id })
      const mine = [
        await participantSessions.create(link(two.tokenId), staff.id),
        await participantSessions.create(link(one.tokenId), staff.id),
        await participantSessions.create(link(two.tokenId), staff.id),
      ]
      const theirs = await participantSessions.create(link(one.tokenId), null)
      expect(await participantSessions.deleteForStaffUser(staff.id)).toEqual([two.tokenId, one.tokenId])
      for (const cookie of mine)
        expect(await participantSessions.lookup(cookie, participant.id)).toBeUndefined()
      expect(await participantSessions.lookup(theirs, participant.id)).toBeDefined()
      expect(await participantSessions.deleteForStaffUser(staff.id)).toEqual([])
    })
  })

  describe('staff accounts', () => {
    it('an account comes back with its profile; e-mail addresses are one account whatever their case', async () => {
      const { users } = storage.stores
      const local = randomUUID()
      const made = await users.create(
        {
          email: `${local}@Skolan.SE`,
          name: 'Maja',
          passwordHash: 'scrypt$hash',
          isAdmin: true,
          organisation: 'skola',
          function: 'rektor',
          municipality: 'Uppsala',
          statistics: true,
        },
        1_000,
      )
      expect(made).toEqual({
        id: made.id,
        email: `${local}@Skolan.SE`,
        name: 'Maja',
        isAdmin: true,
        disabledAt: null,
        createdAt: 1_000,
        organisation: 'skola',
        function: 'rektor',
        municipality: 'Uppsala',
        statistics: true,
      })
      expect(await users.byId(made.id)).toEqual(made)
      expect(await users.byEmail(`${local}@skolan.se`)).toEqual({ ...made, passwordHash: 'scrypt$hash' })
      expect(await users.byEmail(`${local.toUpperCase()}@SKOLAN.SE`)).toEqual({
        ...made,
        passwordHash: 'scrypt$hash',
      })
      expect(await users.byEmail(`x${local}@skolan.se`)).toBeUndefined()
      const taken = await users
        .create({ email: `${local}@skolan.se`, name: 'Other', passwordHash: null, isAdmin: false })
        .catch((e: unknown) => e)
      expect(storage.isUniqueViolation(taken)).toBe(true)
      const plain = await user()
      expect(plain).toMatchObject({
        isAdmin: false,
        statistics: false,
        organisation: '',
        function: '',
        municipality: '',
      })
      expect(await storage.rows('SELECT is_admin, statistics FROM users WHERE id = ?', [made.id])).toEqual([
        { is_admin: 1, statistics: 1 },
      ])
    })

    it('the list is by name with ASCII letters case-folded (SQLite NOCASE), then by when made', async () => {
      const { users } = storage.stores
      const before = await users.count()
      const names: [string, number][] = [
        ['ärla', 1],
        ['Ärla', 2],
        ['bertil', 3],
        ['Anna', 5],
        ['anna', 4],
        ['Zack', 6],
        ['Åsa', 7],
        ['anna b', 8],
      ]
      const ids = new Map<string, string>()
      for (const [name, at] of names) ids.set((await user({ name }, at)).id, name)
      expect(await users.count()).toBe(before + names.length)
      const listed = (await users.list()).filter((u) => ids.has(u.id)).map((u) => `${u.name}@${u.createdAt}`)
      expect(listed).toEqual([
        'anna@4',
        'Anna@5',
        'anna b@8',
        'bertil@3',
        'Zack@6',
        'Ärla@2',
        'Åsa@7',
        'ärla@1',
      ])
    })

    it('profile and disabling change as asked; disabling twice keeps the first time', async () => {
      const { users } = storage.stores
      const made = await user()
      const profile = {
        organisation: 'bup',
        function: 'psykolog',
        municipality: 'Enköping',
        statistics: true,
      }
      expect(await users.setProfile(made.id, profile)).toEqual({ ...made, ...profile })
      expect(await users.setProfile(randomUUID(), profile)).toBeUndefined()
      expect((await users.setDisabled(made.id, true, 2_000))?.disabledAt).toBe(2_000)
      expect((await users.setDisabled(made.id, true, 3_000))?.disabledAt).toBe(2_000)
      expect((await users.setDisabled(made.id, false, 4_000))?.disabledAt).toBeNull()
      expect(await users.setDisabled(randomUUID(), true)).toBeUndefined()
    })
  })

  describe('staff sessions', () => {
    const policy = { idleMs: 1_000, maxMs: 5_000 }

    it('a session looks up with its account until its idle or absolute expiry, and not after', async () => {
      const { staffSessions, users } = storage.stores
      const account = await user({ name: 'Maja' }, 100)
      await users.setProfile(account.id, {
        organisation: 'skola',
        function: 'rektor',
        municipality: 'Uppsala',
        statistics: true,
      })
      const { value, session } = await staffSessions.create(account.id, policy, 10_000)
      expect(session).toEqual({
        id: session.id,
        userId: account.id,
        createdAt: 10_000,
        idleExpiresAt: 11_000,
        absoluteExpiresAt: 15_000,
      })
      const stored = await storage.rows<{ token_hash: Uint8Array }>(
        'SELECT token_hash FROM staff_sessions WHERE id = ?',
        [session.id],
      )
      expect(Buffer.from(stored[0]!.token_hash).equals(hashToken(value))).toBe(true)
      expect(await staffSessions.lookup(value, 10_999)).toEqual({
        ok: true,
        session,
        user: { ...(await users.byId(account.id)), disabledAt: null },
      })
      expect(await staffSessions.lookup(value, 11_000)).toEqual({ ok: false, reason: 'expired' })
      expect(await staffSessions.lookup(`${value}x`, 10_500)).toEqual({ ok: false, reason: 'unknown' })
      // Touching moves the idle expiry, never past the absolute one.
      expect(await staffSessions.touch(session.id, 14_000)).toBe(14_000)
      expect(await staffSessions.lookup(value, 13_999)).toMatchObject({
        ok: true,
        session: { idleExpiresAt: 14_000 },
      })
      expect(await staffSessions.touch(session.id, 99_000)).toBe(15_000)
      expect(await staffSessions.lookup(value, 15_000)).toEqual({ ok: false, reason: 'expired' })
      expect(await staffSessions.touch(987_654_321, 1)).toBeUndefined()
      expect(await staffSessions.create(account.id, { idleMs: 9_000, maxMs: 2_000 }, 0)).toMatchObject({
        session: { idleExpiresAt: 2_000, absoluteExpiresAt: 2_000 },
      })
    })

    it('an ended session, or one of a disabled account, is unknown; ending all ends only that account', async () => {
      const { staffSessions, users } = storage.stores
      const maja = await user()
      const bo = await user()
      const one = await staffSessions.create(maja.id, policy, 1_000)
      const two = await staffSessions.create(maja.id, policy, 1_000)
      const bos = await staffSessions.create(bo.id, policy, 1_000)
      await staffSessions.end(one.session.id, 1_100)
      expect(await staffSessions.lookup(one.value, 1_200)).toEqual({ ok: false, reason: 'unknown' })
      expect(await staffSessions.lookup(two.value, 1_200)).toMatchObject({ ok: true })
      await staffSessions.endAllForUser(maja.id, 1_300)
      expect(await staffSessions.lookup(two.value, 1_400)).toEqual({ ok: false, reason: 'unknown' })
      expect(await staffSessions.lookup(bos.value, 1_400)).toMatchObject({ ok: true })
      await users.setDisabled(bo.id, true)
      expect(await staffSessions.lookup(bos.value, 1_400)).toEqual({ ok: false, reason: 'unknown' })
      // Ending again keeps the first time.
      await staffSessions.end(one.session.id, 9_999)
      expect(
        await storage.rows('SELECT ended_at FROM staff_sessions WHERE id = ?', [one.session.id]),
      ).toEqual([{ ended_at: 1_100 }])
    })

    it('purging forgets sessions that ended or ran out more than the kept time ago, and no other', async () => {
      const { staffSessions } = storage.stores
      const account = await user()
      await staffSessions.create(account.id, { idleMs: 10, maxMs: 100 }, 1_000)
      const endedLongAgo = await staffSessions.create(account.id, { idleMs: 10, maxMs: 100_000 }, 1_000)
      await staffSessions.end(endedLongAgo.session.id, 1_050)
      const endedLately = await staffSessions.create(account.id, { idleMs: 10, maxMs: 100_000 }, 1_000)
      await staffSessions.end(endedLately.session.id, 1_500)
      const live = await staffSessions.create(account.id, { idleMs: 10, maxMs: 100_000 }, 1_000)
      await staffSessions.purge(2_200, 1_000)
      const left = await storage.rows<{ id: number }>(
        'SELECT id FROM staff_sessions WHERE user_id = ? ORDER BY id',
        [account.id],
      )
      expect(left.map((r) => r.id)).toEqual([endedLately.session.id, live.session.id])
    })
  })
})
