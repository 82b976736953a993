import fs from 'node:fs/promises'
import path from 'node:path'
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { pdfPageTexts } from '../../server/test/pdf-text'
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../shared/api/csrf'
import { planParts } from '../../shared/plan/layout'
import { SYNC_PATH } from '../../shared/protocol'
import { createAdmin, expectNoAxeViolations, type StaffAccount, signIn } from './helpers'

/**
 * The SIP over time, the whole story in Chromium (issue 13): Elsa's first meeting is finalized →
 * Amir books the follow-up from the SIP page → at the follow-up the note-taker sees last time's
 * goals and supports, sets how they went, ends one support and adds a new one, everyone signs,
 * the protocol lists the changes → later the SIP is closed with a reason, and the guardian's link
 * shows the closure notice and refuses writing. The first meeting's content is written the way
 * the note-taker's browser writes it (a y-websocket client); its sign-off goes through the API
 * (the room's sign-off has its own spec). Screenshots go to test-results/sip-story/.
 */
test.use({ timezoneId: 'Europe/Stockholm' })

const ROOT = path.resolve(import.meta.dirname, '../..')
const SHOTS = path.join(ROOT, 'test-results', 'sip-story')
const CSRF = { [CSRF_HEADER]: CSRF_HEADER_VALUE }
const LAPTOP = { width: 1366, height: 768 }
const WALL = { width: 1920, height: 1080 }
const PHONE = { width: 390, height: 844 }

const AMIR: StaffAccount = {
  email: 'amir.haddad@sip-story.solbacka.example',
  name: 'Amir Haddad',
  password: 'ett långt lösenord för amir',
}

const PEOPLE = [
  { role: 'chair', organisation: 'skola', function: 'biträdande rektor', name: 'Maja Lind' },
  { role: 'notetaker', organisation: 'elevhalsa', function: 'kurator', name: 'Amir Haddad' },
  { role: 'participant', organisation: 'bup', function: 'psykolog', name: 'Jonas Ek' },
  { role: 'guardian', organisation: 'familj', function: 'vårdnadshavare', name: 'Sara Lind' },
] as const

function day(daysFromNow: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(Date.now() + daysFromNow * 24 * 3600 * 1000),
  )
}

async function send(request: APIRequestContext, url: string, data: unknown = {}, headers = {}) {
  const response = await request.post(url, { headers: { ...CSRF, ...headers }, data })
  expect(response.ok(), `${url}: ${response.status()} ${await response.text()}`).toBe(true)
  return response.json()
}

const tokenOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('t')!
const bearer = (url: string) => ({ Authorization: `Bearer ${tokenOf(url)}` })

/** Writes into a meeting's plan as a note-taker's browser does: the stock y-websocket client. */
async function writeAsNotetaker(
  baseURL: string,
  meetingId: string,
  link: string,
  write: (parts: ReturnType<typeof planParts>) => void,
): Promise<void> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${baseURL.replace('http', 'ws')}${SYNC_PATH}`, meetingId, doc, {
    params: { token: tokenOf(link) },
    // biome-ignore lint/suspicious/noExplicitAny: ws implements what the provider uses.
    WebSocketPolyfill: WebSocket as any,
    disableBc: true,
  })
  try {
    await expect.poll(() => provider.synced, { timeout: 10_000 }).toBe(true)
    doc.transact(() => write(planParts(doc)))
    // Stored once the server has it: a second client sees it.
    await expect
      .poll(
        async () => {
          const check = new Y.Doc()
          const reader = new WebsocketProvider(
            `${baseURL.replace('http', 'ws')}${SYNC_PATH}`,
            meetingId,
            check,
            {
              params: { token: tokenOf(link) },
              // biome-ignore lint/suspicious/noExplicitAny: as above.
              WebSocketPolyfill: WebSocket as any,
              disableBc: true,
            },
          )
          await new Promise((resolve) => setTimeout(resolve, 300))
          const seen = planParts(check).supports.length
          reader.destroy()
          return seen
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0)
  } finally {
    provider.destroy()
  }
}

function entry<T extends string | boolean>(fields: Record<string, T>): Y.Map<T> {
  const map = new Y.Map<T>()
  for (const [key, value] of Object.entries(fields)) map.set(key, value)
  return map
}

async function shoot(page: Page, name: string): Promise<void> {
  await fs.mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

async function openLink(browser: Browser, url: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Stockholm' })
  const page = await context.newPage()
  await page.goto(url)
  return { context, page }
}

test('Elsa’s SIP from the first meeting to its closure: follow-up booked, statuses set, changes in the protocol, the notice', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000)
  createAdmin(AMIR)
  const amirContext = await browser.newContext({ viewport: LAPTOP, timezoneId: 'Europe/Stockholm' })
  const amir = await amirContext.newPage()
  await signIn(amir, AMIR)

  // ---- The first meeting: set up by Amir, written by the note-taker, signed and finalized. ----
  const first = (await send(amir.request, '/api/meetings', {
    type: 'first',
    startsAt: new Date(Date.now() + 22 * 24 * 3600 * 1000).toISOString(),
    durationMinutes: 90,
    place: 'Solbackaskolan, konferensrummet',
    childName: 'Elsa',
    childAge: '11 år',
    purpose: 'Att Elsa ska komma tillbaka till skolan och må bättre.',
    childParticipation: 'part',
  })) as { id: string; sipId: string }
  const consent = await amir.request.put(`/api/meetings/${first.id}/consent`, {
    headers: CSRF,
    data: {
      givenBy: [{ name: 'Sara Lind', relation: 'guardian' }],
      givenAt: day(0),
      scope: 'Samordning mellan skola, BUP och socialtjänst.',
      notShared: '',
    },
  })
  expect(consent.ok()).toBe(true)
  const firstLinks: Record<string, string> = {}
  for (const person of PEOPLE) {
    const added = (await send(amir.request, `/api/meetings/${first.id}/participants`, person)) as {
      participant: { id: string }
      link: { url: string }
    }
    firstLinks[person.role] = added.link.url
  }
  const followUpDay = day(50)
  await writeAsNotetaker(baseURL!, first.id, firstLinks.notetaker!, (parts) => {
    parts.goals.push([
      entry({
        id: 'g1',
        kind: 'short',
        what: 'Elsa går till skolan fyra dagar i veckan',
        measure: 'Närvaron',
        byWhen: day(45),
        agreed: true,
      }),
    ])
    parts.supports.push([
      entry({
        id: 's1',
        party: 'agency',
        what: 'Skolskjuts på morgonen',
        organisation: 'skola',
        responsible: 'Rektor',
        goalId: 'g1',
      }),
      entry({
        id: 's2',
        party: 'agency',
        what: 'Samtal med kurator varje måndag',
        organisation: 'elevhalsa',
        responsible: 'Amir Haddad',
        goalId: 'g1',
      }),
    ])
    parts.responsible.set('organisation', 'elevhalsa')
    parts.responsible.set('function', 'kurator')
    parts.responsible.set('name', 'Amir Haddad')
    parts.followUp.set('date', followUpDay)
    parts.followUp.set('time', '13:30')
    parts.followUp.set('place', 'Solbackaskolan, rum 12')
    parts.followUp.set('calledBy', 'Amir Haddad, kurator')
  })
  const chairHeaders = bearer(firstLinks.chair!)
  const locked = (await send(amir.request, `/api/meetings/${first.id}/plan/lock`, {}, chairHeaders)) as {
    version: { hash: string }
    required: string[]
  }
  await send(
    amir.request,
    `/api/meetings/${first.id}/plan/finalize`,
    {
      missing: locked.required.map((id) => ({ participantId: id, reason: 'Skrev under på papper.' })),
    },
    chairHeaders,
  )

  // ---- Amir books the follow-up from the SIP page, prefilled from the plan. ----
  await amir.goto('/sip')
  await expect(amir.getByRole('heading', { level: 1, name: 'Mina SIP:ar' })).toBeVisible()
  const row = amir.getByRole('listitem').filter({ has: amir.getByRole('link', { name: 'SIP för Elsa' }) })
  await expect(row).toContainText('Ingen uppföljning bokad')
  await row.getByRole('link', { name: 'SIP för Elsa' }).click()
  await expect(amir.getByRole('heading', { level: 1, name: 'SIP för Elsa' })).toBeVisible()
  await expect(amir.getByRole('region', { name: 'Huvudansvarig' })).toContainText('Amir Haddad')
  await amir.getByRole('link', { name: 'Boka uppföljningsmöte' }).click()
  await expect(amir.getByRole('heading', { level: 1, name: 'Boka uppföljningsmöte för Elsa' })).toBeVisible()
  await expect(amir.getByLabel('Plats')).toHaveValue('Solbackaskolan, rum 12')
  await expect(amir.getByLabel('Datum', { exact: true })).toHaveValue(followUpDay)
  await expect(amir.getByLabel('Tid', { exact: true })).toHaveValue('13:30')
  await expect(amir.getByText('Amir Haddad, kurator', { exact: true })).toBeVisible()
  await expectNoAxeViolations(amir)
  await shoot(amir, '1-boka-uppfoljning-1366')
  await amir.getByRole('button', { name: 'Boka uppföljningsmötet' }).click()
  await expect(amir.getByRole('status').filter({ hasText: 'Uppföljningsmötet är bokat.' })).toBeVisible()
  const followUpId = new URL(amir.url()).pathname.split('/').at(-1)!
  expect(followUpId).not.toBe(first.id)
  // The invitations: every participant's new link.
  const links = (await send(amir.request, `/api/meetings/${followUpId}/links`)) as {
    participantId: string
    url: string
  }[]
  const followUp = (await (await amir.request.get(`/api/meetings/${followUpId}`)).json()) as {
    participants: { id: string; role: string }[]
  }
  const linkOf = (role: string) =>
    links.find((l) => l.participantId === followUp.participants.find((p) => p.role === role)!.id)!.url

  // ---- The follow-up: the chair on the wall, the note-taker at 1366, the guardian on her phone. ----
  const chair = await openLink(browser, linkOf('chair'), WALL)
  const notetaker = await openLink(browser, linkOf('notetaker'), LAPTOP)
  const guardian = await openLink(browser, linkOf('guardian'), PHONE)
  for (const { page } of [chair, notetaker, guardian])
    await expect(page.getByRole('status').filter({ hasText: /^Sparat$/ })).toBeVisible({ timeout: 15_000 })
  // Step 1 at a follow-up: the previous protocol is read out first.
  await expect(chair.page.getByRole('link', { name: /^Läs upp tidigare protokoll/ })).toBeVisible()
  await shoot(chair.page, '2a-vaggen-steg1-1920')
  await chair.page.getByRole('button', { name: 'Starta mötet' }).click()
  for (let i = 0; i < 2; i++) await chair.page.getByRole('button', { name: 'Nästa steg' }).click()
  await expect(notetaker.page.getByRole('status').filter({ hasText: /^Nu: steg/ })).toHaveText(
    'Nu: steg 3 av 5 – Behov',
  )

  // Last time's goal and supports are there, marked, each asking how it went.
  const n = notetaker.page
  const goal = n.getByRole('group', { name: /^Mål på kort sikt 1/ })
  await expect(goal).toContainText('Från förra planen')
  await goal
    .getByRole('group', { name: 'Hur gick det?' })
    .getByRole('radio', { name: 'Delvis uppnått' })
    .check()
  await goal.getByLabel('Kommentar').fill('Tre dagar i veckan sedan oktober.')
  const bus = n.getByRole('group', { name: 'Insats 1' })
  await expect(bus.getByRole('textbox', { name: 'Vad', exact: true })).toHaveValue('Skolskjuts på morgonen')
  await bus
    .getByRole('group', { name: 'Hur gick insatsen?' })
    .getByRole('radio', { name: 'Avslutad' })
    .check()
  await bus.getByLabel('Effekt – vad blev resultatet?').fill('Elsa tar bussen själv nu.')
  const talks = n.getByRole('group', { name: 'Insats 2' })
  await talks.getByRole('group', { name: 'Hur gick insatsen?' }).getByRole('radio', { name: 'Pågår' }).check()
  // A new support: no follow-up questions of its own.
  await n.getByRole('button', { name: 'Lägg till insats' }).click()
  const added = n.getByRole('group', { name: 'Insats 3' })
  await expect(added.getByRole('textbox', { name: 'Vad', exact: true })).toBeFocused()
  await n.keyboard.type('Läxhjälp på fritids')
  await n.keyboard.press('Tab')
  await n.keyboard.type('Fritidspedagog')
  await expect(added.getByRole('group', { name: 'Hur gick insatsen?' })).toHaveCount(0)
  await expectNoAxeViolations(n)
  await shoot(n, '2-anteckningar-uppfoljning-1366')

  // Sara's phone shows how it went, in words.
  await expect(guardian.page.getByText('Läxhjälp på fritids')).toBeVisible({ timeout: 10_000 })
  await expect(guardian.page.getByText('Delvis uppnått').first()).toBeVisible()
  await shoot(guardian.page, '3-vardnadshavare-uppfoljning-390')

  // ---- Everyone signs the exact version; the chair finalizes. ----
  const state = (await send(
    amir.request,
    `/api/meetings/${followUpId}/plan/lock`,
    {},
    bearer(linkOf('chair')),
  )) as {
    version: { hash: string }
    required: string[]
  }
  for (const role of ['chair', 'notetaker', 'participant', 'guardian']) {
    const name = PEOPLE.find((p) => p.role === role)!.name
    await send(
      amir.request,
      `/api/meetings/${followUpId}/plan/sign`,
      { versionHash: state.version.hash, confirm: true, typedName: name },
      bearer(linkOf(role)),
    )
  }
  await send(
    amir.request,
    `/api/meetings/${followUpId}/plan/finalize`,
    { missing: [] },
    bearer(linkOf('chair')),
  )

  // The protocol lists what changed since the last plan.
  const pdf = await amir.request.get(`/api/meetings/${followUpId}/plan/protocol.pdf`, {
    headers: bearer(linkOf('guardian')),
  })
  expect(pdf.ok()).toBe(true)
  const protocol = (await pdfPageTexts(new Uint8Array(await pdf.body()))).join('\n').replace(/\s+/g, ' ')
  expect(protocol).toContain('Förändringar sedan förra mötet')
  expect(protocol).toContain('Insatsen ”Skolskjuts på morgonen” är avslutad')
  expect(protocol).toContain('Ny insats: Läxhjälp på fritids')
  expect(protocol).toMatch(/delvis uppnått/i)

  // ---- Later: Amir closes the SIP; the guardian's link shows the notice and refuses writing. ----
  await amir.goto(`/sip/${first.sipId}`)
  await expect(amir.getByRole('region', { name: 'Möten' }).getByRole('heading', { level: 3 })).toHaveText([
    'Första mötet',
    'Uppföljning 1',
  ])
  await amir.getByRole('link', { name: 'Avsluta SIP' }).click()
  const reasons = amir.getByRole('group', { name: 'Varför avslutas SIP:en?' })
  await reasons.getByRole('radio', { name: 'Stöd från båda huvudmännen behövs inte längre' }).check()
  await amir.getByLabel('Kommentar').fill('Elsa går i skolan och BUP:s kontakt är avslutad.')
  await amir.getByRole('button', { name: 'Avsluta SIP:en' }).click()
  await expect(amir.getByRole('status').filter({ hasText: 'SIP:en är avslutad.' })).toBeVisible()

  // Sara's open page reloads to the notice once the SIP is closed (4410).
  const sara = guardian.page
  await expect(sara.getByRole('heading', { level: 1, name: 'SIP:en för Elsa är avslutad' })).toBeVisible({
    timeout: 15_000,
  })
  await expect(sara.getByRole('textbox')).toHaveCount(0)
  await expect(sara.getByRole('button', { name: /Skriv under/ })).toHaveCount(0)
  await expectNoAxeViolations(sara)
  await shoot(sara, '4-beskedet-390')
  const write = await sara.request.post('/api/session/rsvp', {
    headers: { ...CSRF, ...bearer(linkOf('guardian')) },
    data: { answer: 'coming' },
  })
  expect(write.status()).toBe(409)
  expect(await write.json()).toMatchObject({ error: 'sip-closed' })

  for (const context of [amirContext, chair.context, notetaker.context, guardian.context])
    await context.close()
})
