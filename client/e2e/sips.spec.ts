import fs from 'node:fs/promises'
import path from 'node:path'
import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test'
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../shared/api/csrf'
import type { ConsentInput, MeetingInput, ParticipantInput } from '../../shared/schemas/meeting'
import {
  createAdmin,
  daysFromNow,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  type StaffAccount,
  signIn,
  tabToNextField,
  typeDate,
  typeTime,
} from './helpers'

/**
 * The SIP over time, the staff screens (docs/process.md P3–P5, P9): "Mina SIP:ar", the SIP page,
 * changing huvudansvarig, booking a follow-up by keyboard only, and closing a SIP. Every new
 * screen is checked with axe and photographed at 1366 and 390 CSS pixels into
 * test-results/sips/. The tests share one server and build on each other.
 */
test.describe.configure({ mode: 'serial' })
test.use({ timezoneId: 'Europe/Stockholm' })

const ROOT = path.resolve(import.meta.dirname, '../..')
const SHOTS = path.join(ROOT, 'test-results', 'sips')
const CSRF = { [CSRF_HEADER]: CSRF_HEADER_VALUE }
const LAPTOP = { width: 1366, height: 768 }
const PHONE = { width: 390, height: 844 }

const MAJA: StaffAccount = {
  email: 'maja.lind@sip-over-tid.solbacka.example',
  name: 'Maja Lind',
  password: 'ett långt lösenord för maja',
}

/** "3 december 2026", as the SIP screens write a calendar date. */
function swedishDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(year, month - 1, day),
  )
}

async function send(request: APIRequestContext, method: 'post' | 'put', url: string, data: unknown) {
  const response = await request[method](url, { headers: CSRF, data })
  expect(response.ok(), `${method.toUpperCase()} ${url}: ${response.status()} ${await response.text()}`).toBe(
    true,
  )
  return response.json()
}

const CHAIR: ParticipantInput = {
  role: 'chair',
  organisation: 'skola',
  organisationOther: '',
  function: 'biträdande rektor',
  name: MAJA.name,
  isMe: true,
}
const GUARDIAN: ParticipantInput = {
  role: 'guardian',
  organisation: 'familj',
  organisationOther: '',
  function: 'vårdnadshavare',
  name: 'Sara Lind',
  isMe: false,
}

/**
 * A first meeting set up through the API by the signed-in convener: consent, herself as chair
 * and a guardian. Answers the meeting's id (also the id of its SIP, P1).
 */
async function setUpMeeting(page: Page, childName: string): Promise<string> {
  const input: MeetingInput = {
    type: 'first',
    startsAt: new Date(Date.now() + 24 * 24 * 3600 * 1000).toISOString(),
    durationMinutes: 90,
    place: 'Solbackaskolan, konferensrummet',
    remoteAllowed: true,
    videoUrl: '',
    childName,
    childAge: '11 år',
    purpose: `Att ${childName} ska komma tillbaka till skolan.`,
    questions: '',
    childWords: '',
    childParticipation: 'part',
    childParticipationNote: '',
  }
  const meeting = (await send(page.request, 'post', '/api/meetings', input)) as { id: string; sipId: string }
  const consent: ConsentInput = {
    givenBy: [{ name: 'Sara Lind', relation: 'guardian' }],
    givenAt: daysFromNow(0),
    scope: 'Samordning mellan skola, BUP och socialtjänst inom den här SIP:en.',
    notShared: '',
  }
  await send(page.request, 'put', `/api/meetings/${meeting.id}/consent`, consent)
  for (const participant of [CHAIR, GUARDIAN])
    await send(page.request, 'post', `/api/meetings/${meeting.id}/participants`, participant)
  return meeting.id
}

/**
 * The convener, who is the meeting's chair, locks and finalizes its plan through the API (the
 * room's sign-off is the signoff spec's): whoever did not sign gets a reason (G7).
 */
async function finalizeMeeting(page: Page, meetingId: string): Promise<void> {
  const { participantId } = (await send(page.request, 'post', `/api/meetings/${meetingId}/open`, {})) as {
    participantId: string
  }
  const as = `?as=${participantId}`
  const state = (await send(page.request, 'post', `/api/meetings/${meetingId}/plan/lock${as}`, {})) as {
    required: string[]
  }
  await send(page.request, 'post', `/api/meetings/${meetingId}/plan/finalize${as}`, {
    missing: state.required.map((id) => ({ participantId: id, reason: 'deltog inte i mötet' })),
  })
}

/** Photographs the screen at 1366 and at 390 CSS pixels; at 390 (and 320) nothing scrolls sideways. */
async function shoot(page: Page, name: string): Promise<void> {
  await fs.mkdir(SHOTS, { recursive: true })
  await page.setViewportSize(LAPTOP)
  await page.screenshot({ path: path.join(SHOTS, `${name}-1366.png`), fullPage: true })
  await page.setViewportSize(PHONE)
  await expectNoHorizontalScroll(page)
  await page.screenshot({ path: path.join(SHOTS, `${name}-390.png`), fullPage: true })
  await page.setViewportSize({ width: 320, height: 700 })
  await expectNoHorizontalScroll(page)
  await page.setViewportSize(LAPTOP)
}

/** The value of a fact ("Term: value", a dt and its dd) within `scope`. */
function fact(scope: Locator, term: string): Locator {
  return scope
    .locator('dl > div')
    .filter({ has: scope.page().locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd')
}

/** Presses Tab (only) until `target` has focus. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  await expect(target).toBeFocused()
}

let elsaSip = ''

test('P4, P3: a convener finds her new SIP in "Mina SIP:ar", opens it and changes huvudansvarig', async ({
  page,
}) => {
  createAdmin(MAJA)
  await signIn(page, MAJA)

  // Elsa's first meeting, set up on the existing form.
  await page.getByRole('link', { name: 'Nytt SIP-möte' }).click()
  const meetingDay = daysFromNow(25)
  await page.getByLabel('Datum', { exact: true }).fill(meetingDay)
  await page.getByLabel('Tid', { exact: true }).fill('09:00')
  await page.getByLabel('Plats').fill('Solbackaskolan, konferensrummet')
  await page.getByLabel('Barnets förnamn eller initialer').fill('Elsa')
  await page.getByLabel('Syfte').fill('Att Elsa ska komma tillbaka till skolan och må bättre.')
  await page.getByRole('radio', { name: 'En del av mötet' }).check()
  await page.getByRole('button', { name: 'Skapa mötet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'SIP-möte för Elsa' })).toBeVisible()
  elsaSip = new URL(page.url()).pathname.split('/').at(-1)!

  // "Mina SIP:ar" beside "Mina SIP-möten": the first meeting is still to come, nothing to flag.
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mina SIP:ar' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mina SIP:ar' })).toBeFocused()
  const active = page.getByRole('region', { name: 'Pågående SIP:ar' })
  const row = active.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'SIP för Elsa' }) })
  await expect(fact(row, 'Senaste mötet')).toHaveText(/^Första möte, .+ \(Planerat\)$/)
  await expect(fact(row, 'Min roll')).toHaveText('Sammankallande')
  await expect(fact(row, 'Huvudansvarig')).toHaveText('Ingen utsedd')
  await expect(row).not.toContainText(/Ingen uppföljning bokad|Försenad|snart/)
  await expect(page.getByRole('region', { name: 'Avslutade SIP:ar' })).toContainText('Inga avslutade SIP:ar.')
  await expectNoAxeViolations(page)
  await shoot(page, '1-mina-sipar')

  // The SIP page: status, the first meeting with its set-up page, nobody huvudansvarig yet.
  await row.getByRole('link', { name: 'SIP för Elsa' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'SIP för Elsa' })).toBeFocused()
  await expect(page).toHaveURL(new RegExp(`/sip/${elsaSip}$`))
  const meetings = page.getByRole('region', { name: 'Möten' })
  await expect(meetings.getByRole('heading', { level: 3 })).toHaveText(['Första mötet'])
  await expect(meetings).toContainText('Planerat')
  await expect(meetings.getByRole('link', { name: 'Mötets sida – Första mötet' })).toHaveAttribute(
    'href',
    `/moten/${elsaSip}`,
  )
  const responsible = page.getByRole('region', { name: 'Huvudansvarig' })
  await expect(responsible).toContainText('Ingen huvudansvarig är utsedd.')
  await expectNoAxeViolations(page)
  await shoot(page, '2-sip-sidan')

  // P3: Amir (elevhälsan) becomes huvudansvarig from today.
  await responsible.getByRole('button', { name: 'Byt huvudansvarig' }).click()
  await expect(responsible.getByRole('heading', { name: 'Ny huvudansvarig' })).toBeFocused()
  // Checked with the shared schema first: a missing function is named at its field.
  await responsible.getByRole('button', { name: 'Spara ny huvudansvarig' }).click()
  await expect(page.getByRole('alert')).toBeFocused()
  await expect(responsible.getByLabel('Funktion')).toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page)
  await shoot(page, '3-byt-huvudansvarig')
  await responsible.getByLabel('Verksamhet', { exact: true }).selectOption({ label: 'Elevhälsa' })
  await responsible.getByLabel('Funktion').fill('kurator')
  await responsible.getByLabel('Namn').fill('Amir Haddad')
  await responsible.getByRole('button', { name: 'Spara ny huvudansvarig' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Amir Haddad är huvudansvarig från' })).toHaveText(
    `Amir Haddad är huvudansvarig från ${swedishDay(daysFromNow(0))}.`,
  )
  await expect(responsible.getByRole('heading', { level: 2, name: 'Huvudansvarig' })).toBeFocused()
  await expect(responsible).toContainText('Amir Haddad, kurator, Elevhälsa')
  await expect(responsible).toContainText(`från ${swedishDay(daysFromNow(0))}`)
  await expect(responsible.getByRole('button', { name: 'Byt huvudansvarig' })).toBeVisible()

  // In the list too.
  await page.goto('/sip')
  await expect(
    fact(
      page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'SIP för Elsa' }) }),
      'Huvudansvarig',
    ),
  ).toHaveText('Amir Haddad, kurator, Elevhälsa')
})

test('P5: a follow-up is booked from the SIP page by keyboard only, prefilled from the finalized first meeting', async ({
  page,
}) => {
  await signIn(page, MAJA)
  const noahSip = await setUpMeeting(page, 'Noah')
  await finalizeMeeting(page, noahSip)

  // P4: a finalized last meeting and no follow-up booked: flagged in words.
  await page.goto('/sip')
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'SIP för Noah' }) })
  await expect(row).toContainText('Ingen uppföljning bokad')
  await expect(row.locator('strong', { hasText: 'Ingen uppföljning bokad' })).toBeVisible()
  await shoot(page, '4-mina-sipar-ingen-uppfoljning')

  // From the list to the booking form by keyboard: Tab to the link, Enter.
  await tabTo(page, row.getByRole('link', { name: 'SIP för Noah' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'SIP för Noah' })).toBeFocused()
  const meetings = page.getByRole('region', { name: 'Möten' })
  await expect(meetings).toContainText('Hållet, planen är klar')
  await expect(meetings.getByRole('link', { name: 'Protokoll (PDF) – Första mötet' })).toBeVisible()
  await expect(meetings.getByRole('link', { name: 'Läs protokollet – Första mötet' })).toBeVisible()
  await tabTo(page, page.getByRole('link', { name: 'Boka uppföljningsmöte' }))
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/sip/${noahSip}/uppfoljning$`))
  const title = page.getByRole('heading', { level: 1, name: 'Boka uppföljningsmöte för Noah' })
  await expect(title).toBeFocused()

  // Prefilled from the last meeting: place, purpose, how the child takes part, its participants.
  await expect(page.getByLabel('Plats')).toHaveValue('Solbackaskolan, konferensrummet')
  await expect(page.getByLabel('Syfte')).toHaveValue('Att Noah ska komma tillbaka till skolan.')
  await expect(page.getByRole('radio', { name: 'En del av mötet' })).toBeChecked()
  const invited = page.getByRole('group', { name: 'Vilka ska kallas?' })
  const maja = invited.getByRole('checkbox', { name: /^Maja Lind, biträdande rektor, Skola – Mötesledare/ })
  const sara = invited.getByRole('checkbox', { name: /^Sara Lind, vårdnadshavare, Familj – Vårdnadshavare/ })
  await expect(maja).toBeChecked()
  await expect(sara).toBeChecked()
  await expectNoAxeViolations(page)
  await shoot(page, '5-boka-uppfoljning')

  // The last plan booked no date: booking without one is refused at the date, before anything is
  // sent; the error summary takes focus and its link leads to the field.
  const submit = page.getByRole('button', { name: 'Boka uppföljningsmötet' })
  await tabTo(page, submit)
  await page.keyboard.press('Enter')
  const summary = page.getByRole('alert')
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link')).toHaveText(['Datum och tid måste fyllas i.'])
  const date = page.getByLabel('Datum', { exact: true })
  await expect(date).toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page)
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(date).toBeFocused()

  // The date and time, typed; the rest as the last meeting had it.
  const followUpDay = daysFromNow(60)
  await typeDate(page, date, followUpDay)
  await tabToNextField(page)
  const time = page.getByLabel('Tid', { exact: true })
  await expect(time).toBeFocused()
  await typeTime(page, time, '13:30')

  // Sara is left out of this one (Space on her checkbox); Lena (socialtjänsten) is added.
  await tabTo(page, sara)
  await page.keyboard.press('Space')
  await expect(sara).not.toBeChecked()
  const add = page.getByRole('region', { name: 'Lägg till deltagare' })
  await tabTo(page, add.getByLabel('Verksamhet', { exact: true }))
  await page.keyboard.type('Soc')
  await expect(add.getByLabel('Verksamhet', { exact: true })).toHaveValue('socialtjanst')
  await tabTo(page, add.getByLabel('Funktion'))
  await page.keyboard.type('socialsekreterare')
  await tabToNextField(page)
  await page.keyboard.type('Lena Berg')
  await tabTo(page, add.getByRole('button', { name: 'Lägg till deltagaren' }))
  await page.keyboard.press('Enter')
  await expect(add.getByRole('status')).toHaveText(
    'Lena Berg, socialsekreterare, Socialtjänst är tillagd i listan.',
  )
  const lena = invited.getByRole('checkbox', {
    name: /^Lena Berg, socialsekreterare, Socialtjänst – Deltagare \(ny\)/,
  })
  await expect(lena).toBeChecked()

  await tabTo(page, submit)
  await page.keyboard.press('Enter')

  // The new meeting's set-up page: where the invitations are printed.
  await expect(page.getByRole('heading', { level: 1, name: 'SIP-möte för Noah' })).toBeFocused()
  const followUpId = new URL(page.url()).pathname.split('/').at(-1)!
  expect(followUpId).not.toBe(noahSip)
  await expect(page.getByRole('status').filter({ hasText: 'Uppföljningsmötet är bokat.' })).toBeVisible()
  await expect(page.getByText(/^Uppföljningsmöte ·/)).toBeVisible()
  const participants = page.getByRole('region', { name: 'Deltagare', exact: true })
  await expect(participants).toContainText('Maja Lind')
  await expect(participants).toContainText('Lena Berg')
  await expect(participants).not.toContainText('Sara Lind')

  // The SIP page lists it as Uppföljning 1, booked.
  await page.getByRole('link', { name: 'Visa hela SIP:en' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'SIP för Noah' })).toBeFocused()
  await expect(page.getByRole('region', { name: 'Möten' }).getByRole('heading', { level: 3 })).toHaveText([
    'Första mötet',
    'Uppföljning 1',
  ])
  await expect(page.getByText(`Uppföljning bokad – ${swedishDay(followUpDay)}`)).toBeVisible()
})

test('P5: a follow-up cannot be booked while the last meeting is not finalized; the form says why', async ({
  page,
}) => {
  await signIn(page, MAJA)
  await page.goto(`/sip/${elsaSip}`)
  await expect(page.getByRole('heading', { level: 1, name: 'SIP för Elsa' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Boka uppföljningsmöte' })).toHaveCount(0)
  await page.goto(`/sip/${elsaSip}/uppfoljning`)
  await expect(page.getByRole('heading', { level: 1, name: 'Uppföljningen kan inte bokas' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveText(
    'Det går inte att boka en uppföljning förrän planen från förra mötet är klar och underskriven.',
  )
  await expectNoAxeViolations(page)
})

test('P9: a SIP is closed because the consent was withdrawn; the page shows the closure and the notice', async ({
  page,
}) => {
  await signIn(page, MAJA)
  const consent: ConsentInput = {
    givenBy: [{ name: 'Sara Lind', relation: 'guardian' }],
    givenAt: daysFromNow(0),
    scope: 'Samordning mellan skola och BUP.',
    notShared: '',
  }
  await send(page.request, 'put', `/api/meetings/${elsaSip}/consent`, consent)
  await page.goto(`/sip/${elsaSip}`)
  const consentSection = page.getByRole('region', { name: 'Samtycke' })
  await expect(consentSection).toContainText('Sara Lind (vårdnadshavare)')
  await consentSection.getByRole('link', { name: 'Samtycket har återkallats…' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Avsluta SIP för Elsa' })).toBeFocused()
  const reasons = page.getByRole('group', { name: 'Varför avslutas SIP:en?' })
  await expect(reasons.getByRole('radio')).toHaveCount(4)
  await expect(reasons.getByRole('radio', { name: 'Samtycket har återkallats' })).toBeChecked()
  await expect(page.getByLabel('Datum för avslut')).toHaveValue(daysFromNow(0))
  await expect(
    page.getByText(
      'Efter avslut kan ingen skriva i SIP:en. Alla länkar visar bara protokollen och beskedet.',
    ),
  ).toBeVisible()
  // Who withdrew it is asked for this reason only, and required.
  await page.getByRole('button', { name: 'Avsluta SIP:en' }).click()
  await expect(page.getByRole('alert')).toBeFocused()
  const withdrawnBy = page.getByLabel('Vem återkallade samtycket?')
  await expect(withdrawnBy).toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page)
  await shoot(page, '6-avsluta-sip')
  await reasons.getByRole('radio', { name: 'Inga nya behov väntas inom den närmaste tiden' }).check()
  await expect(withdrawnBy).toHaveCount(0)
  await reasons.getByRole('radio', { name: 'Samtycket har återkallats' }).check()
  await withdrawnBy.fill('Sara Lind, vårdnadshavare')
  await page.getByLabel('Kommentar').fill('Familjen vill inte längre ha en samordnad plan.')
  await page.getByRole('button', { name: 'Avsluta SIP:en' }).click()

  // Back on the SIP page: closed, why, by whom, and the family's notice in both languages.
  await expect(page).toHaveURL(new RegExp(`/sip/${elsaSip}$`))
  await expect(page.getByRole('heading', { level: 1, name: 'SIP för Elsa' })).toBeFocused()
  await expect(page.getByRole('status').filter({ hasText: 'SIP:en är avslutad.' })).toBeVisible()
  const today = swedishDay(daysFromNow(0))
  const closure = page.getByRole('region', { name: 'Avslut' })
  await expect(fact(closure, 'Avslutad')).toHaveText(today)
  await expect(fact(closure, 'Skäl')).toHaveText('Samtycket har återkallats')
  await expect(fact(closure, 'Kommentar')).toHaveText('Familjen vill inte längre ha en samordnad plan.')
  await expect(fact(closure, 'Avslutad av')).toHaveText(MAJA.name)
  await expect(closure.getByRole('link', { name: 'Besked till familjen (PDF, svenska)' })).toHaveAttribute(
    'href',
    `/api/sips/${elsaSip}/closure-notice.pdf?lang=sv`,
  )
  await expect(closure.getByRole('link', { name: 'Besked till familjen (PDF, engelska)' })).toHaveAttribute(
    'href',
    `/api/sips/${elsaSip}/closure-notice.pdf?lang=en`,
  )
  await expect(page.getByRole('region', { name: 'Samtycke' })).toContainText(
    `Samtycke återkallat ${today} av Sara Lind, vårdnadshavare`,
  )
  // Nothing more can be done: no booking, no closing, no change of huvudansvarig.
  await expect(page.getByRole('link', { name: 'Boka uppföljningsmöte' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Avsluta SIP' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Byt huvudansvarig' })).toHaveCount(0)
  // The planned first meeting was never held: cancelled.
  await expect(page.getByRole('region', { name: 'Möten' })).toContainText('Inställt')
  await expectNoAxeViolations(page)
  await shoot(page, '7-avslutad-sip')

  // The list: after the active ones, marked with its date.
  await page.goto('/sip')
  const closedRow = page
    .getByRole('region', { name: 'Avslutade SIP:ar' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'SIP för Elsa' }) })
  await expect(closedRow).toContainText(`Avslutad ${today}`)
  await expect(
    page.getByRole('region', { name: 'Pågående SIP:ar' }).getByRole('link', { name: 'SIP för Elsa' }),
  ).toHaveCount(0)
  await expectNoAxeViolations(page)
})
