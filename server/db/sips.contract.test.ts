import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contractEngines, openTestStorage, type TestStorage } from '../test/engine-access'
import { testSetup } from '../test/harness'
import type { NewDeviation, NewResponsible } from './sips'

/**
 * SIP records (server/db/sips.ts), the same tests on every engine: who sees a SIP, huvudansvarig
 * over time, closing once, consent withdrawal, deviations and settings.
 */
describe.each(contractEngines())('SIP records on %s', (engine) => {
  let storage: TestStorage
  beforeAll(async () => {
    storage = await openTestStorage(engine)
  })
  afterAll(() => storage?.close())

  const user = () =>
    storage.stores.users.create({
      email: `${randomUUID()}@skolan.se`,
      name: 'Maja',
      passwordHash: null,
      isAdmin: false,
    })
  const sip = async (convenerUserId: string | null = null, now?: number) =>
    (await storage.stores.meetings.createMeeting({ title: 'Möte', ...testSetup(), convenerUserId }, now))
      .sipId
  const responsible = (
    name: string,
    userId: string | null,
    extra: Partial<NewResponsible> = {},
  ): NewResponsible => ({
    organisation: 'skola',
    organisationOther: '',
    function: 'rektor',
    name,
    userId,
    fromDate: '2026-03-01',
    meetingId: null,
    ...extra,
  })
  const deviation = (occurredOn: string, extra: Partial<NewDeviation> = {}): NewDeviation => ({
    meetingId: null,
    category: 'actor-absent',
    organisation: 'bup',
    organisationOther: '',
    description: 'Kom inte',
    occurredOn,
    recordedByUserId: null,
    recordedBy: 'Maja',
    ...extra,
  })

  it('"Mina SIP:ar": convened SIPs and those one is the current huvudansvarig of, active first, latest change first', async () => {
    const { sips } = storage.stores
    const maja = await user()
    const bo = await user()
    const convenedOld = await sip(maja.id, 1_000)
    const convenedNew = await sip(maja.id, 2_000)
    const responsibleFor = await sip(bo.id, 3_000)
    await sips.addResponsible(
      responsibleFor,
      responsible('Maja', maja.id),
      { userId: bo.id, name: 'Bo' },
      3_100,
    )
    const handedOver = await sip(bo.id, 4_000)
    await sips.addResponsible(handedOver, responsible('Maja', maja.id), { userId: bo.id, name: 'Bo' }, 4_100)
    await sips.addResponsible(handedOver, responsible('Bo', bo.id), { userId: bo.id, name: 'Bo' }, 4_200)
    await sips.close(
      convenedNew,
      { closedOn: '2026-05-01', reason: 'no-new-needs', note: '' },
      { userId: maja.id, name: 'Maja' },
      5_000,
    )
    await sips.touch(responsibleFor, 6_000)
    expect((await sips.visibleTo(maja.id)).map((s) => s.id)).toEqual([
      responsibleFor,
      convenedOld,
      convenedNew,
    ])
    expect((await sips.visibleTo(bo.id)).map((s) => s.id).sort()).toEqual([responsibleFor, handedOver].sort())
    expect(await sips.isConvener(convenedOld, maja.id)).toBe(true)
    expect(await sips.isConvener(responsibleFor, maja.id)).toBe(false)
  })

  it('a SIP closes once, with everything about its closure; its meetings then read it as closed', async () => {
    const { sips, meetings } = storage.stores
    const closer = await user()
    const id = await sip(null, 1_000)
    const [meeting] = await meetings.ofSip(id)
    expect(await sips.closedByMeeting(meeting!.id)).toBe(false)
    await sips.rename(id, 'Elsa Ny', 1_500)
    expect(await sips.get(id)).toMatchObject({ childName: 'Elsa Ny', updatedAt: 1_500 })
    const by = { userId: closer.id, name: 'Maja' }
    const closure = {
      closedOn: '2026-05-01',
      reason: 'consent-withdrawn' as const,
      note: 'Samtycket togs tillbaka',
    }
    expect(await sips.close(id, closure, by, 2_000)).toBe(true)
    expect(await sips.close(id, { ...closure, note: 'igen' }, by, 3_000)).toBe(false)
    expect(await sips.get(id)).toEqual({
      id,
      childName: 'Elsa Ny',
      status: 'closed',
      isDemo: false,
      createdByUserId: null,
      createdAt: 1_000,
      updatedAt: 2_000,
      closure: { closedAt: 2_000, ...closure, closedByUserId: closer.id, closedBy: 'Maja' },
    })
    expect(await sips.closedByMeeting(meeting!.id)).toBe(true)
    expect(await sips.get(randomUUID())).toBeUndefined()
  })

  it('consent is withdrawn once, and only where there is one', async () => {
    const { sips, meetings } = storage.stores
    const id = await sip()
    const withdrawal = { withdrawnOn: '2026-04-18', withdrawnBy: 'Anna (vårdnadshavare)' }
    expect(await sips.withdrawConsent(id, withdrawal, { userId: null, name: 'Maja' })).toBe(false)
    await meetings.recordConsent(
      (await meetings.ofSip(id))[0]!.id,
      {
        givenBy: [{ name: 'Anna', relation: 'guardian' }],
        givenAt: '2026-02-20',
        scope: 'Allt',
        notShared: '',
      },
      { userId: null, name: 'Maja' },
    )
    expect(await sips.withdrawConsent(id, withdrawal, { userId: null, name: 'Maja' }, 5_000)).toBe(true)
    expect(
      await sips.withdrawConsent(id, { ...withdrawal, withdrawnBy: 'Bo' }, { userId: null, name: 'X' }),
    ).toBe(false)
    expect((await meetings.sipConsent(id))?.withdrawal).toEqual({
      withdrawnOn: '2026-04-18',
      withdrawnBy: 'Anna (vårdnadshavare)',
      recordedBy: 'Maja',
    })
  })

  it('huvudansvarig over time: every one with every field, the current one first', async () => {
    const { sips, meetings } = storage.stores
    const recorder = await user()
    const staff = await user()
    const id = await sip()
    const meetingId = (await meetings.ofSip(id))[0]!.id
    const first = responsible('Anna', staff.id, { organisation: 'annan', organisationOther: 'Föreningen' })
    // Recorded in the same millisecond: the one recorded last is the current one.
    await sips.addResponsible(id, first, { userId: recorder.id, name: 'Maja' }, 1_000)
    await sips.addResponsible(
      id,
      responsible('Bo', null, { meetingId, fromDate: '2026-04-01' }),
      { userId: null, name: 'System' },
      1_000,
    )
    const history = await sips.responsibleHistory(id)
    expect(history).toEqual([
      {
        id: history[0]!.id,
        sipId: id,
        organisation: 'skola',
        organisationOther: '',
        function: 'rektor',
        name: 'Bo',
        userId: null,
        fromDate: '2026-04-01',
        meetingId,
        recordedAt: 1_000,
        recordedBy: 'System',
      },
      { ...first, id: history[1]!.id, sipId: id, recordedAt: 1_000, recordedBy: 'Maja' },
    ])
    expect(await sips.responsibleHistory(randomUUID())).toEqual([])
  })

  it('deviations come back as recorded, latest day first, then latest recorded first', async () => {
    const { sips } = storage.stores
    const id = await sip()
    const made = await sips.addDeviation(
      id,
      deviation('2026-04-15', { category: 'other', organisationOther: 'x' }),
      1_000,
    )
    expect(made).toEqual({
      id: made.id,
      sipId: id,
      meetingId: null,
      category: 'other',
      organisation: 'bup',
      organisationOther: 'x',
      description: 'Kom inte',
      occurredOn: '2026-04-15',
      recordedAt: 1_000,
      recordedByUserId: null,
      recordedBy: 'Maja',
    })
    const later = await sips.addDeviation(id, deviation('2026-04-15'), 2_000)
    const newest = await sips.addDeviation(id, deviation('2026-05-02'), 500)
    const oldest = await sips.addDeviation(id, deviation('2026-01-30'), 3_000)
    expect(await sips.deviations(id)).toEqual([newest, later, made, oldest])
    expect(await sips.deviations(randomUUID())).toEqual([])
    const everywhere = await sips.allDeviations()
    expect(everywhere.filter((d) => d.sipId === id)).toEqual([newest, later, made, oldest])
    expect(await sips.allDeviations(2)).toEqual(everywhere.slice(0, 2))
  })

  it('a setting is absent until put, then replaced', async () => {
    const { sips } = storage.stores
    const admin = await user()
    const key = `setting-${randomUUID()}`
    expect(await sips.setting(key)).toBeUndefined()
    await sips.putSetting(key, 'ett', admin.id, 1_000)
    await sips.putSetting(key, 'två', null, 2_000)
    expect(await sips.setting(key)).toBe('två')
    expect(
      await storage.rows('SELECT value, updated_at, updated_by_user_id FROM settings WHERE key = ?', [key]),
    ).toEqual([{ value: 'två', updated_at: 2_000, updated_by_user_id: null }])
  })
})
