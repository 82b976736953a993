import fs from 'node:fs/promises'
import path from 'node:path'
import { type APIRequestContext, type Browser, expect, type Locator, type Page, test } from '@playwright/test'
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../shared/api/csrf'
import { CIRCLE } from '../../shared/circle'
import type { Step } from '../../shared/plan/layout'
import type { ConsentInput, MeetingInput, ParticipantInput } from '../../shared/schemas/meeting'
import {
  countPrintJobs,
  createAdmin,
  daysFromNow,
  expectFocusUncovered,
  expectInView,
  expectNoAxeViolations,
  expectNoSystemWords,
  pdfText,
  type StaffAccount,
  signIn,
  signoffStatus,
  typeDate,
  typeTime,
} from './helpers'

/**
 * The meeting day of /work/shared/scenario.md as the six screens in it live it (issue 12, "What
 * must show"): Maja sets the meeting up, prints every invitation and opens the chair's wall on the
 * projector (1920×1080); Amir writes on his laptop (1366×768); Sara and Johan (guardians), Karin
 * (BUP, remote) and Elsa follow on their phones (390×844). Through the five steps, the lock, the
 * signatures and the finalization, every screen is photographed into test-results/meeting-day/
 * and checked for what its person must see: the wall's circle and step part in view, the
 * note-taker's field never covered, no system words for Elsa, the guardian's texts for Sara and
 * Johan. One long test: each part builds on the one before, as the day does.
 */

const ROOT = path.resolve(import.meta.dirname, '../..')
const SHOTS = path.join(ROOT, 'test-results', 'meeting-day')

/** A change on one screen reaches the others within this; generous, as six browsers share two cores. */
const LIVE = { timeout: 10_000 }
const CODE = /[0-9A-F]{5}-[0-9A-F]{5}/
const CSRF = { [CSRF_HEADER]: CSRF_HEADER_VALUE }

const WALL = { width: 1920, height: 1080 }
const LAPTOP = { width: 1366, height: 768 }
const PHONE = { width: 390, height: 844 }

const MAJA: StaffAccount = {
  email: 'maja.lind@motesdag.solbacka.example',
  name: 'Maja Lind',
  password: 'ett långt lösenord för maja',
}
const VIDEO_URL = 'https://video.solbacka.example/m/sip-elsa'
const PURPOSE = 'Att Elsa ska komma tillbaka till skolan och må bättre.'
const NOT_SHARED = 'Detaljer ur BUP:s bedömning till skolan.'
const CONSENT_SCOPE = 'Samordning mellan skola, BUP och socialtjänst inom den här SIP:en.'
const LONG_GOAL = 'Elsa går i skolan hela dagar och mår bra'
const SHORT_GOALS = ['Elsa är i skolan varje måndag förmiddag', 'Elsa har en kompis i klassen']
const DISAGREEMENT = 'BUP kan inte lova att behandlingen startar inom tre veckor.'
const MISSING_REASON = 'deltog under mötets första del'

type Who = 'chair' | 'notetaker' | 'sara' | 'johan' | 'karin' | 'elsa'

/** The invitees, in the order the set-up page lists them; Maja is the chair and needs no link. */
const INVITEES: { who: Exclude<Who, 'chair'>; input: ParticipantInput; label: string }[] = [
  {
    who: 'notetaker',
    input: {
      role: 'notetaker',
      organisation: 'elevhalsa',
      organisationOther: '',
      function: 'kurator',
      name: 'Amir Haddad',
      isMe: false,
    },
    label: 'Amir Haddad, kurator, Elevhälsa',
  },
  {
    who: 'karin',
    input: {
      role: 'participant',
      organisation: 'bup',
      organisationOther: '',
      function: 'psykolog',
      name: '',
      isMe: false,
    },
    label: 'psykolog, BUP',
  },
  {
    who: 'sara',
    input: {
      role: 'guardian',
      organisation: 'familj',
      organisationOther: '',
      function: 'vårdnadshavare',
      name: 'Sara Lind',
      isMe: false,
    },
    label: 'Sara Lind, vårdnadshavare, Familj',
  },
  {
    who: 'johan',
    input: {
      role: 'guardian',
      organisation: 'familj',
      organisationOther: '',
      function: 'vårdnadshavare',
      name: 'Johan Lind',
      isMe: false,
    },
    label: 'Johan Lind, vårdnadshavare, Familj',
  },
  {
    who: 'elsa',
    input: {
      role: 'child',
      organisation: 'familj',
      organisationOther: '',
      function: 'elev',
      name: 'Elsa',
      isMe: false,
    },
    label: 'Elsa, elev, Familj',
  },
]
/** Lena Berg sits in the room without a screen of her own; she signs on the chair's. */
const LENA: ParticipantInput = {
  role: 'participant',
  organisation: 'socialtjanst',
  organisationOther: '',
  function: 'socialsekreterare',
  name: 'Lena Berg',
  isMe: false,
}

async function send(request: APIRequestContext, method: 'post' | 'put', url: string, data: unknown) {
  const response = await request[method](url, { headers: CSRF, data })
  expect(response.ok(), `${method.toUpperCase()} ${url}: ${response.status()} ${await response.text()}`).toBe(
    true,
  )
  return response.json()
}

function plan(page: Page): Locator {
  return page.getByRole('region', { name: 'Planen' })
}

/** A part of the plan: the section headed "3. Behov". */
function part(page: Page, step: Step): Locator {
  return page.getByRole('region', { name: `${step}. ${CIRCLE.sv[step].title}`, exact: true })
}

/** The sign-off panel on every adult's screen. */
function panel(page: Page): Locator {
  return page.getByRole('region', { name: 'Underskrift' })
}

/** The child's end of the meeting, in plain words. */
function childEnd(page: Page): Locator {
  return page.getByRole('region', { name: 'Slutet på mötet' })
}

/** Opens a personal link in a context of its own, as the person's own device does. */
async function openLink(browser: Browser, url: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Stockholm' })
  const page = await context.newPage()
  await page.goto(url)
  await expect(page).toHaveURL(/\/m\/[0-9a-f-]+\?as=[0-9a-f-]+$/)
  return { context, page }
}

test.use({ timezoneId: 'Europe/Stockholm' })

test('the meeting day: six screens from the invitations to the signed protocol, each showing its person what they need', async ({
  browser,
}) => {
  // Six browsers on a shared two-core machine, through a whole meeting with typing, a PDF and six axe runs.
  test.setTimeout(420_000)
  await fs.mkdir(SHOTS, { recursive: true })

  // ---- Maja sets the meeting up, three and a half weeks ahead, as a convener does.
  createAdmin(MAJA)
  const chairContext = await browser.newContext({ viewport: WALL, timezoneId: 'Europe/Stockholm' })
  await countPrintJobs(chairContext)
  const chair = await chairContext.newPage()
  await signIn(chair, MAJA)
  const meetingInput: MeetingInput = {
    type: 'first',
    startsAt: new Date(Date.now() + 24 * 24 * 3600 * 1000).toISOString(),
    durationMinutes: 90,
    place: 'Solbackaskolan, konferensrummet',
    remoteAllowed: true,
    videoUrl: VIDEO_URL,
    childName: 'Elsa',
    childAge: '11 år',
    purpose: PURPOSE,
    questions: 'Hur kan skola, BUP och socialtjänst samordna sitt stöd? Vad behöver Elsa och familjen?',
    childWords: 'Att slippa ont i magen på morgonen och att ha en kompis i klassen.',
    childParticipation: 'part',
    childParticipationNote: '',
  }
  const meeting = (await send(chair.request, 'post', '/api/meetings', meetingInput)) as { id: string }
  const consent: ConsentInput = {
    givenBy: [
      { name: 'Sara Lind', relation: 'guardian' },
      { name: 'Johan Lind', relation: 'guardian' },
    ],
    givenAt: daysFromNow(0),
    scope: CONSENT_SCOPE,
    notShared: NOT_SHARED,
  }
  await send(chair.request, 'put', `/api/meetings/${meeting.id}/consent`, consent)
  const participants = `/api/meetings/${meeting.id}/participants`
  await send(chair.request, 'post', participants, {
    role: 'chair',
    organisation: 'skola',
    function: 'biträdande rektor',
    name: MAJA.name,
    isMe: true,
  })
  for (const invitee of INVITEES.slice(0, 2)) await send(chair.request, 'post', participants, invitee.input)
  await send(chair.request, 'post', participants, LENA)
  for (const invitee of INVITEES.slice(2)) await send(chair.request, 'post', participants, invitee.input)

  // "Skriv ut alla kallelser": every link at once, one invitation each.
  await chair.goto(`/moten/${meeting.id}`)
  await expect(chair.getByRole('heading', { level: 1, name: 'SIP-möte för Elsa' })).toBeVisible()
  const setupParticipants = chair.getByRole('region', { name: 'Deltagare', exact: true })
  await setupParticipants.getByRole('button', { name: 'Skriv ut alla kallelser' }).click()
  await chair
    .getByRole('dialog', { name: 'Ersätta tidigare länkar?' })
    .getByRole('button', { name: 'Skapa nya länkar och skriv ut' })
    .click()
  const printPanel = setupParticipants.getByRole('region', { name: 'Kallelser till 6 deltagare' })
  await expect(printPanel.getByRole('status')).toHaveText('Kallelserna är klara att skriva ut.')
  await expect
    .poll(() => chair.evaluate(() => (window as unknown as { printJobs: number }).printJobs))
    .toBe(1)
  // The invitations are the print view: only on paper.
  await chair.emulateMedia({ media: 'print' })
  await expect(chair.getByRole('article', { name: 'Kallelse till SIP-möte' })).toHaveCount(6)
  const printed = await chair
    .getByRole('article', { name: 'Kallelse till SIP-möte' })
    .evaluateAll((articles) =>
      articles.map((a) => ({
        text: a.textContent ?? '',
        url: a.querySelector('.print-invitation__url')?.textContent?.trim() ?? '',
      })),
    )
  await chair.emulateMedia({ media: 'screen' })
  expect(printed).toHaveLength(6)
  const linkOf = (label: string): string => {
    const invitation = printed.find((p) => p.text.includes(`Till: ${label}`))
    expect(invitation, `an invitation to ${label}`).toBeDefined()
    expect(invitation!.url).toMatch(/\/j#t=[A-Za-z0-9_-]{43}$/)
    return invitation!.url
  }
  expect(linkOf('Lena Berg, socialsekreterare, Socialtjänst')).not.toBe('')
  await printPanel.getByRole('button', { name: 'Stäng' }).click()

  // The chair opens the room from the set-up page, on the projector.
  await chair.getByRole('button', { name: 'Öppna mötet' }).click()
  await expect(chair).toHaveURL(new RegExp(`/m/${meeting.id}\\?as=[0-9a-f-]+$`))
  await expect(chair.getByRole('status').filter({ hasText: /^Sparat$/ })).toBeVisible()

  // Everyone else opens their own printed link on their own device.
  const opened: Partial<Record<Who, { context: import('@playwright/test').BrowserContext; page: Page }>> = {}
  for (const invitee of INVITEES) {
    opened[invitee.who] = await openLink(
      browser,
      linkOf(invitee.label),
      invitee.who === 'notetaker' ? LAPTOP : PHONE,
    )
  }
  const notetaker = opened.notetaker!.page
  const sara = opened.sara!.page
  const johan = opened.johan!.page
  const karin = opened.karin!.page
  const elsa = opened.elsa!.page
  for (const page of [notetaker, sara, johan, karin])
    await expect(page.getByRole('status').filter({ hasText: /^Sparat$/ })).toBeVisible()
  await expect(elsa.getByRole('status').filter({ hasText: 'Du är med' })).toBeVisible()
  await expect(elsa.getByText('Hej Elsa!')).toBeVisible()

  const screens: [Who, Page][] = [
    ['chair', chair],
    ['notetaker', notetaker],
    ['sara', sara],
    ['johan', johan],
    ['karin', karin],
    ['elsa', elsa],
  ]
  const shoot = async (moment: string): Promise<void> => {
    for (const [who, page] of screens)
      await page.screenshot({ path: path.join(SHOTS, `${moment}-${who}.png`) })
  }
  const strip = notetaker.getByRole('region', { name: 'Det du skriver' })

  /** Amir types into the focused field; nothing that announces covers it, before or after. */
  const write = async (text: string): Promise<void> => {
    await expectFocusUncovered(notetaker)
    await notetaker.keyboard.type(text)
    await expectFocusUncovered(notetaker)
  }

  /** What every screen must show in `step`. */
  const expectStep = async (step: Step): Promise<void> => {
    const { title } = CIRCLE.sv[step]
    // The wall: the circle and this step's part of the plan inside the 1920×1080 projector.
    const stepHeading = chair.getByRole('heading', { level: 2, name: `Steg ${step} av 5: ${title}` })
    await expect(stepHeading).toBeVisible()
    // The step, its timer and the buttons stay in view, however far the speaking round scrolled.
    const side = chair.getByRole('region', { name: `Steg ${step} av 5: ${title}` })
    await expectInView(chair, stepHeading, `the step heading in step ${step}`, side)
    await expectInView(chair, side.getByText('Tid i steget:'), `the timer in step ${step}`, side)
    await expectInView(
      chair,
      side.getByRole('button', { name: /Nästa steg/ }),
      `"Nästa steg" in step ${step}`,
      side,
    )
    const circle = chair.getByRole('list', { name: 'Mötescirkeln' })
    await expect(circle.locator('[aria-current="step"]')).toContainText(title)
    await expectInView(chair, circle, `the circle in step ${step}`)
    const heading = plan(chair).getByRole('heading', { level: 3, name: `${step}. ${title}`, exact: true })
    await expectInView(chair, heading, `the plan part "${step}. ${title}"`, plan(chair))
    // The note-taker's laptop follows.
    await expect(notetaker.getByRole('status').filter({ hasText: /^Nu: steg/ })).toHaveText(
      `Nu: steg ${step} av 5 – ${title}`,
      LIVE,
    )
    // Guardians: the family's texts, never "din verksamhet"; Karin: the professional's.
    for (const guardian of [sara, johan]) {
      const card = guardian.getByRole('region', { name: /^Nu: steg/ })
      await expect(card).toContainText(`Nu: steg ${step} av 5 – ${title}`, LIVE)
      await expect(card).toContainText(CIRCLE.sv[step].guardian)
      await expect(guardian.locator('main')).not.toContainText('din verksamhet')
    }
    await expect(karin.getByRole('region', { name: /^Nu: steg/ })).toContainText(
      CIRCLE.sv[step].participant,
      LIVE,
    )
    // Elsa: the step in her words, no system words.
    const now = elsa.getByRole('region', { name: 'Nu i mötet' })
    await expect(now).toContainText(`Steg ${step} av 5: ${title}.`, LIVE)
    await expect(now).toContainText(CIRCLE.sv[step].child)
    await expectNoSystemWords(elsa)
  }

  /** The chair moves on; if Amir was typing, the strip tells him and he follows. */
  const nextStep = async (): Promise<void> => {
    await chair.getByRole('button', { name: 'Nästa steg' }).click()
    const show = strip.getByRole('button', { name: 'Visa steget' })
    await show.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined)
    if (await show.isVisible()) await show.click()
  }

  // ---- The week before: Karin and Johan answer "kommer"; Maja's list shows who has not answered.
  for (const page of [karin, johan]) {
    const invitation = page.getByRole('region', { name: /^Kallelse/ })
    await invitation.getByRole('button', { name: 'Jag kommer', exact: true }).click()
    await expect(invitation.getByText('Ditt svar: Kommer', { exact: true })).toBeVisible()
  }
  const answers = await chairContext.newPage()
  await answers.goto(`/moten/${meeting.id}`)
  const rows = answers.getByRole('region', { name: 'Deltagare', exact: true }).getByRole('listitem')
  await expect(rows.filter({ hasText: 'psykolog, BUP' })).toContainText(/Kommer(?! inte)/)
  await expect(rows.filter({ hasText: 'Johan Lind' })).toContainText(/Kommer(?! inte)/)
  await expect(rows.filter({ hasText: 'Lena Berg' })).toContainText('Inte svarat')
  await answers.close()

  await expectNoSystemWords(elsa)
  await shoot('0-before-start')

  // ---- The start: on the server; the convener's set-up page shows the meeting as started.
  await chair.getByRole('button', { name: 'Starta mötet' }).click()
  const setup = await chairContext.newPage()
  await setup.goto(`/moten/${meeting.id}`)
  await expect(setup.getByText('Status: Pågår')).toBeVisible()
  await setup.close()
  await expect(johan.locator(`a[href="${VIDEO_URL}"]`).first()).toBeVisible(LIVE)
  await expect(karin.locator(`a[href="${VIDEO_URL}"]`).first()).toBeVisible(LIVE)

  // ---- 1. Inledning: the consent beside the opening part; Amir marks attendance.
  await expectStep(1)
  await expect(chair.locator('main')).toContainText(NOT_SHARED)
  await expect(chair.locator('main')).toContainText(PURPOSE)
  const opening = part(notetaker, 1)
  for (const [person, status] of [
    [/^Maja Lind/, 'Närvarande'],
    [/^Amir Haddad/, 'Närvarande'],
    [/^psykolog, BUP/, 'Digitalt'],
    [/^Lena Berg/, 'Närvarande'],
    [/^Sara Lind/, 'Närvarande'],
    [/^Johan Lind/, 'Digitalt'],
    [/^Elsa/, 'Närvarande'],
  ] as const) {
    const radio = opening.getByRole('group', { name: person }).getByRole('radio', { name: status })
    await radio.focus()
    await notetaker.keyboard.press('Space')
    await expect(radio).toBeChecked()
    await expectFocusUncovered(notetaker)
  }
  await opening.getByRole('textbox', { name: 'Anteckningar från inledningen' }).click()
  await write('Alla kan stanna hela mötet utom Elsa, som är med första halvan.')
  await expect(
    part(johan, 1)
      .getByRole('listitem')
      .filter({ hasText: /^Johan Lind/ }),
  ).toContainText('Digitalt', LIVE)
  await expectNoAxeViolations(chair)
  await shoot('1-inledning')

  // ---- 2. Aktuell situation: the speaking round, and Amir's notes per organisation.
  await nextStep()
  await expectStep(2)
  const round = chair.getByRole('checkbox', { name: /^Har talat/ })
  const speakers = await round.count()
  expect(speakers).toBeGreaterThan(0)
  for (let i = 0; i < speakers; i++) await round.nth(i).check()
  await expect(chair.getByText(/^Talarrunda i steg 2:/)).toHaveText(
    `Talarrunda i steg 2: ${speakers} av ${speakers} har talat`,
  )
  await part(notetaker, 2).getByRole('textbox', { name: 'Så ser situationen ut nu' }).click()
  await write('Skolan: Elsa har varit borta från de flesta lektioner sedan höstlovet.')
  await notetaker.keyboard.press('Enter')
  await write('BUP: Elsa har kontakt med BUP.')
  await notetaker.keyboard.press('Enter')
  await write('Pappa: helgerna hos honom fungerar bra.')
  // Johan, remote, sees the notes as they are written.
  await expect(part(johan, 2)).toContainText('helgerna hos honom fungerar bra', LIVE)
  await expectNoAxeViolations(sara)
  await shoot('2-aktuell-situation')

  // ---- 3. Behov: the needs, the goals and the supports, by keyboard.
  await nextStep()
  await expectStep(3)
  const needs = part(notetaker, 3)
  await needs.getByRole('textbox', { name: 'Behov', exact: true }).click()
  await write('Elsa behöver en trygg start på dagen och en kompis i klassen.')
  await notetaker.keyboard.press('Tab')
  await expect(needs.getByRole('button', { name: 'Lägg till mål på lång sikt' })).toBeFocused()
  await notetaker.keyboard.press('Enter')
  const longGoal = needs.getByRole('group', { name: 'Mål på lång sikt 1' })
  await expect(longGoal.getByRole('textbox', { name: 'Målet' })).toBeFocused()
  await write(LONG_GOAL)
  await notetaker.keyboard.press('Tab')
  await write('Närvaron i skolan varje vecka')
  await notetaker.keyboard.press('Tab')
  await typeDate(notetaker, longGoal.getByLabel('Till när'), '2027-06-11')
  await expectFocusUncovered(notetaker)
  await longGoal.getByRole('combobox', { name: /överens/i }).selectOption({ label: 'Ja' })
  for (const [i, goal] of SHORT_GOALS.entries()) {
    await needs.getByRole('button', { name: 'Lägg till mål på kort sikt' }).focus()
    await notetaker.keyboard.press('Enter')
    const row = needs.getByRole('group', { name: `Mål på kort sikt ${i + 1}` })
    await expect(row.getByRole('textbox', { name: 'Målet' })).toBeFocused()
    await write(goal)
    await notetaker.keyboard.press('Tab')
    await write(i === 0 ? 'Närvaron på måndagar' : 'Elsa berättar det för kuratorn')
    await notetaker.keyboard.press('Tab')
    await typeDate(notetaker, row.getByLabel('Till när'), '2027-02-26')
    await row.getByRole('combobox', { name: /överens/i }).selectOption({ label: 'Ja' })
  }
  const supports: [string, string, string][] = [
    ['Samtal med kurator', 'Amir Haddad, kurator', 'Varje måndag morgon, till terminens slut'],
    ['Behandlingskontakt på BUP', 'Karin, psykolog BUP', 'Start inom tre veckor'],
    ['Familjestöd i hemmet', 'Lena Berg, socialsekreterare', 'En gång i veckan'],
    ['Sara följer Elsa till skolan', 'Sara Lind', 'Varje måndag'],
  ]
  await needs.getByRole('button', { name: 'Lägg till insats' }).focus()
  for (const [i, [what, who, when]] of supports.entries()) {
    await notetaker.keyboard.press('Enter')
    const row = needs.getByRole('group', { name: `Insats ${i + 1}` })
    await expect(row.getByRole('textbox', { name: 'Vad' })).toBeFocused()
    await write(what)
    await notetaker.keyboard.press('Tab')
    await write(who)
    await notetaker.keyboard.press('Tab')
    await expect(row.getByRole('textbox', { name: 'Hur ofta och när' })).toBeFocused()
    await write(when)
  }
  // Sara's walk is the family's own part, not an organisation's.
  await needs
    .getByRole('group', { name: 'Insats 4' })
    .getByRole('combobox', { name: 'Vems del' })
    .selectOption({ label: 'Familjens egen del' })
  // Everyone sees it; Elsa her goals in her own words.
  await expect(part(sara, 3)).toContainText('Sara följer Elsa till skolan', LIVE)
  await expect(part(karin, 3)).toContainText('Behandlingskontakt på BUP', LIVE)
  await expect(elsa.locator('main')).toContainText(LONG_GOAL, LIVE)
  await expect(elsa.locator('main')).toContainText(SHORT_GOALS[1]!, LIVE)
  await expectNoSystemWords(elsa)
  await expectNoAxeViolations(notetaker)
  await shoot('3-behov')

  // ---- 4. Sammanfattning: who does what, the disagreement, huvudansvarig.
  await nextStep()
  await expectStep(4)
  const summary = part(notetaker, 4)
  await summary.getByRole('textbox', { name: 'Vem gör vad', exact: true }).click()
  await write('Amir träffar Elsa varje måndag. Karin startar en behandlingskontakt. Lena ger familjestöd.')
  await summary.getByRole('textbox', { name: 'Det vi inte är överens om', exact: true }).click()
  await write(DISAGREEMENT)
  const responsible = notetaker.getByRole('group', { name: 'Huvudansvarig' })
  for (const [field, value] of [
    ['Verksamhet', 'Elevhälsan'],
    ['Funktion', 'kurator'],
    ['Namn', 'Amir Haddad'],
  ] as const) {
    await responsible.getByRole('textbox', { name: field, exact: true }).click()
    await write(value)
  }
  await expect(part(sara, 4)).toContainText(DISAGREEMENT, LIVE)
  await expect(part(sara, 4)).toContainText('Amir Haddad', LIVE)
  await expectNoAxeViolations(johan)
  await shoot('4-sammanfattning')

  // ---- 5. Avslutning: the follow-up booked on the spot.
  await nextStep()
  await expectStep(5)
  const followUp = notetaker.getByRole('group', { name: 'Uppföljningsmöte' })
  const followUpDate = followUp.getByLabel('Datum', { exact: true })
  await followUpDate.focus()
  await typeDate(notetaker, followUpDate, '2027-01-15')
  await expectFocusUncovered(notetaker)
  const followUpTime = followUp.getByLabel('Tid', { exact: true })
  await followUpTime.focus()
  await typeTime(notetaker, followUpTime, '09:00')
  await followUp.getByRole('textbox', { name: 'Plats', exact: true }).click()
  await write('Solbackaskolan, konferensrummet')
  await followUp.getByRole('textbox', { name: 'Vem kallar', exact: true }).click()
  await write('Amir Haddad')
  await expect(part(johan, 5)).toContainText('Amir Haddad', LIVE)
  await expect(panel(chair).getByRole('button', { name: 'Lås planen för underskrift' })).toBeVisible()
  await expectNoAxeViolations(karin)
  await shoot('5-avslutning')

  // ---- The lock: Maja reads the plan aloud and locks it for signing.
  await panel(chair).getByRole('button', { name: 'Lås planen för underskrift' }).click()
  await chair
    .getByRole('dialog', { name: 'Lås planen för underskrift?' })
    .getByRole('button', { name: 'Lås planen' })
    .click()
  await expect(signoffStatus(chair)).toContainText(CODE)
  const code = ((await signoffStatus(chair).textContent()) ?? '').match(CODE)![0]
  for (const page of [notetaker, sara, johan, karin])
    await expect(signoffStatus(page)).toContainText(`Planen är låst för underskrift. Version ${code}.`, LIVE)
  await expect(
    elsa.getByRole('status').filter({ hasText: /^Planen är klar\. Nu skriver alla under\./ }),
  ).toBeVisible(LIVE)
  await expectNoSystemWords(elsa)
  await shoot('6-last')

  // Karin and Johan sign on their phones.
  for (const [page, name] of [
    [karin, 'Karin Sjöberg'],
    [johan, 'Johan Lind'],
  ] as const) {
    const form = panel(page).getByRole('group', { name: 'Skriv under planen' })
    await expect(form).toContainText(code)
    await form.getByRole('checkbox', { name: 'Jag har tagit del av planen och godkänner den' }).check()
    await form.getByRole('textbox', { name: 'Ditt namn' }).fill(name)
    await form.getByRole('button', { name: 'Skriv under' }).click()
    await expect(panel(page).getByText(`Du har skrivit under version ${code}.`)).toBeVisible()
  }
  // Maja, Sara, Lena and Amir sign in the room, on the chair's screen.
  const inRoom = panel(chair).getByRole('group', { name: 'Skriv under i rummet' })
  for (const name of ['Maja Lind', 'Sara Lind', 'Lena Berg', 'Amir Haddad']) {
    await inRoom.getByRole('combobox', { name: 'Vem skriver under?' }).selectOption({ label: name })
    await expect(inRoom.getByRole('textbox', { name: 'Namn' })).toHaveValue(name)
    await inRoom.getByRole('checkbox', { name: 'Jag har tagit del av planen och godkänner den' }).check()
    await inRoom.getByRole('button', { name: 'Skriv under i rummet' }).click()
    await expect(panel(chair).getByRole('list', { name: 'Har skrivit under' })).toContainText(name)
  }
  await expect(panel(chair)).toContainText(/6 av 7 har skrivit under/)

  // Sara and Elsa answer "Är du nöjd med mötet?" – Elsa without signing.
  const asked = panel(sara).getByRole('group', { name: 'Är du nöjd med mötet?' })
  await asked.getByRole('radio', { name: '4 – nöjd' }).check()
  await asked.getByRole('button', { name: 'Skicka svaret' }).click()
  await expect(panel(sara).getByText('Tack för ditt svar!')).toBeVisible()
  const question = childEnd(elsa).getByRole('group', { name: 'Är du nöjd med mötet?' })
  await question.getByRole('radio', { name: 'Nöjd', exact: true }).check()
  await question.getByRole('button', { name: 'Skicka' }).click()
  await expect(childEnd(elsa).getByText('Tack för att du svarade!')).toBeVisible()
  await expect(childEnd(elsa)).not.toContainText('Du har skrivit under')
  await shoot('7-underskrifter')

  // ---- Finalize: Elsa's signature is missing, and why.
  const finalize = panel(chair).getByRole('group', { name: 'Slutför planen' })
  await expect(finalize.getByRole('textbox')).toHaveCount(1)
  await finalize.getByRole('textbox').fill(MISSING_REASON)
  await finalize.getByRole('button', { name: 'Slutför' }).click()
  await expect(panel(chair).getByText('Planen är slutförd.', { exact: true })).toBeVisible()
  // Elsa is listed once, with the reason; Maja signed on her own screen and witnessed nobody.
  await expect(
    chair.getByRole('list', { name: 'Mötescirkeln' }).locator('[aria-current="step"]'),
  ).toContainText('Klart')
  const notSigned = panel(chair).getByRole('list', { name: 'Har inte skrivit under' })
  await expect(notSigned.getByRole('listitem')).toHaveText([`Elsa: ${MISSING_REASON}`])
  await expect(panel(chair).getByText(/^Elsa$/)).toHaveCount(0)
  const signed = panel(chair).getByRole('list', { name: 'Har skrivit under' })
  await expect(signed.getByRole('listitem').filter({ hasText: 'Maja Lind' })).not.toContainText('bevittnat')
  await expect(signed.getByRole('listitem').filter({ hasText: 'Sara Lind' })).toContainText(
    'bevittnat av mötesledaren',
  )
  for (const page of [notetaker, sara, johan, karin])
    await expect(signoffStatus(page)).toContainText(`Planen är slutförd. Version ${code}.`, LIVE)
  await expect(elsa.getByRole('status').filter({ hasText: /^Planen är klar\./ })).toBeVisible(LIVE)
  await expectNoSystemWords(elsa)
  await expectNoAxeViolations(elsa)
  for (const guardian of [sara, johan])
    await expect(guardian.locator('main')).not.toContainText('din verksamhet')
  await shoot('8-slutford')

  // ---- Johan downloads the protocol at home and reads it.
  const [download] = await Promise.all([
    johan.waitForEvent('download'),
    panel(johan).getByRole('link', { name: 'Ladda ned protokollet (PDF)' }).click(),
  ])
  const bytes = await fs.readFile(await download.path())
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const text = await pdfText(bytes)
  await fs.writeFile(path.join(SHOTS, 'protokoll.txt'), text)
  // The consent as recorded, and who convened the meeting.
  expect(text).toContain('Samtycke Lämnat av: Sara Lind (vårdnadshavare), Johan Lind (vårdnadshavare)')
  expect(text).toContain(CONSENT_SCOPE)
  expect(text).toContain(`Får inte delas: ${NOT_SHARED}`)
  expect(text).toContain(`Sammankallande: ${MAJA.name}`)
  expect(text).toContain(code)
  expect(text).toContain(MISSING_REASON)
  expect(text).toContain(DISAGREEMENT)
  for (const name of ['Karin Sjöberg', 'Johan Lind', 'Sara Lind', 'Lena Berg', 'Amir Haddad', 'Maja Lind'])
    expect(text).toContain(name)
  // The goals come before the summary; nothing is left as "Inte ifyllt".
  const summaryAt = text.indexOf('Sammanfattning: vem gör vad')
  expect(summaryAt).toBeGreaterThan(-1)
  for (const goal of [LONG_GOAL, ...SHORT_GOALS]) {
    expect(text.indexOf(goal)).toBeGreaterThan(-1)
    expect(text.indexOf(goal)).toBeLessThan(summaryAt)
  }
  expect(text).not.toContain('Inte ifyllt')

  for (const { context } of Object.values(opened)) await context.close()
  await chairContext.close()
})
