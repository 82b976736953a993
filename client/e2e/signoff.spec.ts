import fs from 'node:fs/promises'
import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test'
import type { Role } from '../../shared/roles'
import {
  chairToClosing,
  createDemoMeeting,
  type DemoMeeting,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  linkFor,
  openRole,
  pdfText,
  signoffStatus,
} from './helpers'

/**
 * Sign-off (docs/protocol.md G1–G8, G12): the chair locks the plan, two participants sign on their
 * own devices, the child signs in the room on the chair's screen – typed and drawn – and the chair
 * finalizes; then everyone downloads the protocol's PDF from their own screen. Unlocking after a
 * signature voids it on every screen (G6).
 */

/** A state change reaches every screen through the meetingState frame (G8), well within this. */
const LIVE = { timeout: 2_000 }
const CODE = /[0-9A-F]{5}-[0-9A-F]{5}/

const contexts: BrowserContext[] = []

async function open(
  browser: Browser,
  meeting: DemoMeeting,
  role: Role,
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  return (await openRole(browser, meeting, role, viewport, contexts)).page
}

/** The participant id a page is, from its `?as=`. */
function participantIdOf(page: Page): string {
  return new URL(page.url()).searchParams.get('as') ?? ''
}

/**
 * Downloads the protocol through the link on this page's sign-off panel (the child's: "Spara planen
 * (PDF)"); answers the PDF's text.
 */
async function downloadProtocol(page: Page, child = false): Promise<string> {
  const link = child
    ? childEnd(page).getByRole('link', { name: 'Spara planen (PDF)' })
    : panel(page).getByRole('link', { name: 'Ladda ned protokollet (PDF)' })
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  expect(download.suggestedFilename()).toMatch(/\.pdf$/)
  const file = await download.path()
  const bytes = await fs.readFile(file)
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  return pdfText(bytes)
}

/** Draws a zigzag across the signature pad with the mouse: one stroke, pressed, moved, released. */
async function drawOn(page: Page, surface: Locator): Promise<void> {
  // On the chair's wall the sign-off panel scrolls in its own column: the pad must be in view.
  await surface.scrollIntoViewIfNeeded()
  const box = await surface.boundingBox()
  if (!box) throw new Error('the signature pad is not visible')
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const
  await page.mouse.move(...at(0.1, 0.7))
  await page.mouse.down()
  for (const [fx, fy] of [
    [0.25, 0.2],
    [0.4, 0.8],
    [0.55, 0.3],
    [0.7, 0.75],
    [0.9, 0.4],
  ] as const) {
    await page.mouse.move(...at(fx, fy), { steps: 4 })
  }
  await page.mouse.up()
}

test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close()
})

/** The sign-off panel: the region "Underskrift" on every screen but the child's. */
function panel(page: Page): Locator {
  return page.getByRole('region', { name: 'Underskrift' })
}

/** The child's own end of the meeting, in plain words (no version code). */
function childEnd(page: Page): Locator {
  return page.getByRole('region', { name: 'Slutet på mötet' })
}

/** The sign-off state on the child's screen: "Planen är klar. …" */
function childStatus(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /^(Planen är klar|De vuxna ändrar)/ })
}

/** Signs by keyboard only: tick the box with Space, Tab past the name (their own), Enter. */
async function signOnOwnDevice(page: Page, code: string): Promise<void> {
  const form = panel(page).getByRole('group', { name: 'Skriv under planen' })
  await expect(form).toContainText(code)
  const box = form.getByRole('checkbox', { name: 'Jag har tagit del av planen och godkänner den' })
  await box.focus()
  await page.keyboard.press('Space')
  await expect(box).toBeChecked()
  await page.keyboard.press('Tab')
  const name = form.getByRole('textbox', { name: 'Ditt namn' })
  await expect(name).toBeFocused()
  await expect(name).not.toHaveValue('')
  await page.keyboard.press('Tab')
  await expect(form.getByRole('button', { name: 'Skriv under' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(panel(page).getByText(`Du har skrivit under version ${code}.`)).toBeVisible()
}

/**
 * The chair starts the meeting and steps through the circle to step 5, where the wall shows the
 * sign-off panel beside the closing part of the plan (before the lock, sign-off is step 5's).
 */
async function lock(chair: Page): Promise<string> {
  await panel(chair).getByRole('button', { name: 'Lås planen för underskrift' }).click()
  const dialog = chair.getByRole('dialog', { name: 'Lås planen för underskrift?' })
  await dialog.getByRole('button', { name: 'Lås planen' }).click()
  await expect(signoffStatus(chair)).toContainText(CODE)
  const text = (await signoffStatus(chair).textContent()) ?? ''
  return CODE.exec(text)?.[0] ?? ''
}

test('lock, sign on own devices and in the room, finalize', async ({ browser }) => {
  // Five browsers through the whole meeting's sign-off, three axe runs and five PDFs.
  test.setTimeout(120_000)
  const meeting = createDemoMeeting()
  const chair = await open(browser, meeting, 'chair', { width: 1440, height: 900 })
  const notetaker = await open(browser, meeting, 'notetaker')
  const participant = await open(browser, meeting, 'participant', { width: 320, height: 640 })
  const guardian = await open(browser, meeting, 'guardian', { width: 360, height: 740 })
  const child = await open(browser, meeting, 'child', { width: 360, height: 740 })
  const everyone = [chair, notetaker, participant, guardian, child]
  const adults = [chair, notetaker, participant, guardian]
  const childName = linkFor(meeting, 'child').name
  const goal = 'Elsa läser en bok i veckan och tycker om det'
  // The wall shows the current step's part; the chair follows the note-taker in the whole plan.
  await chair.getByRole('button', { name: 'Hela planen' }).click()

  // The note-taker marks everyone present and writes the needs.
  const opening = notetaker.getByRole('region', { name: '1. Inledning', exact: true })
  const people = opening.getByRole('group')
  const count = await people.count()
  expect(count).toBeGreaterThanOrEqual(5)
  for (let i = 0; i < count; i++) {
    const present = people.nth(i).getByRole('radio', { name: 'Närvarande' })
    await present.check()
    await expect(present).toBeChecked()
  }
  const needs = notetaker.getByRole('textbox', { name: 'Behov', exact: true })
  await needs.focus()
  await notetaker.keyboard.type('Elsa behöver stöd på morgnarna.')
  await expect(chair.getByRole('region', { name: 'Planen' })).toContainText('stöd på morgnarna', LIVE)
  // ...and a long-term goal.
  await notetaker.getByRole('button', { name: 'Lägg till mål på lång sikt' }).click()
  const goalText = notetaker
    .getByRole('group', { name: 'Mål på lång sikt 1' })
    .getByRole('textbox', { name: 'Målet' })
  await expect(goalText).toBeFocused()
  await notetaker.keyboard.type(goal)
  await expect(chair.getByRole('region', { name: 'Planen' })).toContainText(goal, LIVE)

  // No protocol before the lock: no links to it.
  await chairToClosing(chair)
  await expect(panel(chair).getByRole('link', { name: 'Visa protokollet' })).toHaveCount(0)

  // The chair's sign-off panel is clean before and after the lock.
  await expectNoAxeViolations(chair)
  const code = await lock(chair)
  expect(code).toMatch(CODE)

  // Every adult's screen says so, with the version code, and the plan is read-only; the child's
  // screen says it in plain words, without the code.
  for (const page of adults) {
    await expect(signoffStatus(page)).toContainText(`Planen är låst för underskrift. Version ${code}.`, LIVE)
  }
  await expect(childStatus(child)).toContainText('Planen är klar. Nu skriver alla under.', LIVE)
  await expect(child.locator('main')).not.toContainText(code)
  await expect(notetaker.getByRole('radio', { name: 'Närvarande' })).toHaveCount(0)
  await expect(notetaker.getByRole('textbox', { name: 'Behov', exact: true })).not.toBeEditable()
  await expect(panel(chair)).toContainText(/0 av \d+ har skrivit under/)
  await expect(panel(chair).getByRole('button', { name: 'Lås upp' })).toBeVisible()
  // From the lock on, everyone has the links to the protocol (the child: the PDF, in plain words).
  await expect(childEnd(child).getByRole('link', { name: 'Spara planen (PDF)' })).toHaveAttribute('download')
  for (const page of adults) {
    await expect(panel(page).getByRole('link', { name: 'Visa protokollet' })).toBeVisible()
    await expect(panel(page).getByRole('link', { name: 'Ladda ned protokollet (PDF)' })).toHaveAttribute(
      'download',
    )
  }

  // A participant's sign panel: axe-clean and no horizontal scroll at 320 px.
  await expect(panel(participant).getByRole('group', { name: 'Skriv under planen' })).toBeVisible()
  await expectNoAxeViolations(participant)
  await expectNoHorizontalScroll(participant)

  // Signing without ticking the box is refused, and the error is tied to the box.
  await panel(participant).getByRole('button', { name: 'Skriv under' }).click()
  const box = panel(participant).getByRole('checkbox', {
    name: 'Jag har tagit del av planen och godkänner den',
  })
  await expect(box).toBeFocused()
  await expect(box).toHaveAttribute('aria-invalid', 'true')
  await expect(panel(participant)).toContainText('Kryssa i rutan för att skriva under.')

  // Two sign on their own devices.
  await signOnOwnDevice(participant, code)
  await signOnOwnDevice(guardian, code)
  await expect(panel(chair)).toContainText(/2 av \d+ har skrivit under/, LIVE)
  // Everyone sees who has signed, not only the chair.
  const signedOnChildScreen = child.getByRole('list', { name: 'Har skrivit under' })
  await expect(signedOnChildScreen).toContainText(linkFor(meeting, 'guardian').name, LIVE)
  await expect(child.getByText(/2 av \d+ har skrivit under/)).toBeVisible(LIVE)
  await expect(panel(chair)).toContainText('egen enhet')

  // The guardian is asked "Är du nöjd med mötet?".
  const satisfaction = panel(guardian).getByRole('group', { name: 'Är du nöjd med mötet?' })
  await satisfaction.getByRole('radio', { name: '4 – nöjd' }).check()
  await satisfaction.getByRole('textbox').fill('Bra möte.')
  await satisfaction.getByRole('button', { name: 'Skicka svaret' }).click()
  await expect(panel(guardian).getByText('Tack för ditt svar!')).toBeVisible()

  // The child signs in the room, on the chair's screen: the name typed, and a signature drawn.
  const inRoom = panel(chair).getByRole('group', { name: 'Skriv under i rummet' })
  await inRoom.getByRole('combobox', { name: 'Vem skriver under?' }).selectOption({ label: childName })
  await expect(inRoom.getByRole('textbox', { name: 'Namn' })).toHaveValue(childName)
  await inRoom.getByRole('checkbox', { name: 'Jag har tagit del av planen och godkänner den' }).check()
  const pad = inRoom.getByRole('group', { name: /^Rita underskrift/ })
  await expect(pad).toContainText('Rita med fingret eller musen. Att rita är frivilligt – namnet räcker.')
  const surface = pad.getByRole('img', { name: 'Yta att rita underskriften på' })
  await expect(pad).toContainText('Ingen underskrift är ritad.')
  // A first try, cleared; then the one that counts.
  await drawOn(chair, surface)
  await expect(pad).toContainText('En underskrift är ritad.')
  await pad.getByRole('button', { name: 'Rensa' }).click()
  await expect(pad).toContainText('Ingen underskrift är ritad.')
  await expect(surface.locator('path')).toHaveCount(0)
  await drawOn(chair, surface)
  await expect(surface.locator('path')).toHaveAttribute('d', /^M\d+ \d+( L\d+ \d+){5,}$/)
  await inRoom.getByRole('button', { name: 'Skriv under i rummet' }).click()
  await expect(panel(chair)).toContainText(/3 av \d+ har skrivit under/)
  const signed = panel(chair).getByRole('list', { name: 'Har skrivit under' })
  await expect(signed.getByRole('listitem').filter({ hasText: childName })).toContainText(
    'i rummet, bevittnat av mötesledaren, handskriven',
  )
  await expect(signed.getByRole('listitem').filter({ hasText: 'egen enhet' })).toHaveCount(2)
  await expect(signed.getByRole('listitem').filter({ hasText: 'handskriven' })).toHaveCount(1)
  await expect(childEnd(child).getByText('Du har skrivit under. Tack!')).toBeVisible(LIVE)
  await expect(childEnd(child).getByRole('group', { name: 'Är du nöjd med mötet?' })).toBeVisible()
  await expectNoAxeViolations(chair)

  // Finalize: a reason for each present participant who has not signed.
  const finalize = panel(chair).getByRole('group', { name: 'Slutför planen' })
  const reasons = finalize.getByRole('textbox')
  const missing = await reasons.count()
  if (missing > 0) {
    await finalize.getByRole('button', { name: 'Slutför' }).click()
    await expect(reasons.first()).toBeFocused()
    await expect(reasons.first()).toHaveAttribute('aria-invalid', 'true')
    for (let i = 0; i < missing; i++) await reasons.nth(i).fill('deltog under mötets första del')
  }
  await finalize.getByRole('button', { name: 'Slutför' }).click()
  await expect(panel(chair).getByText('Planen är slutförd.', { exact: true })).toBeVisible()
  await expect(panel(chair)).toContainText('deltog under mötets första del')

  for (const page of adults) {
    await expect(signoffStatus(page)).toContainText(`Planen är slutförd. Version ${code}.`, LIVE)
    await expect(signoffStatus(page)).toContainText('Planen kan inte ändras nu.')
  }
  await expect(childStatus(child)).toHaveText(/^Planen är klar\. 3 av \d+ har skrivit under\.$/, LIVE)
  await expect(notetaker.getByRole('textbox', { name: 'Behov', exact: true })).not.toBeEditable()
  await expectNoHorizontalScroll(participant)

  // The guardian's answer holds after a reload: the question is not asked again.
  await guardian.reload()
  await expect(panel(guardian).getByText('Tack för ditt svar!')).toBeVisible()
  await expect(panel(guardian).getByRole('group', { name: 'Är du nöjd med mötet?' })).toHaveCount(0)

  // Every participant downloads the protocol from their own screen (G12); the PDF's text holds the
  // goal, every signer, the version code, and Swedish letters as they are.
  const signers = [linkFor(meeting, 'participant').name, linkFor(meeting, 'guardian').name, childName]
  for (const page of everyone) {
    const text = await downloadProtocol(page, page === child)
    expect(text).toContain(goal)
    for (const name of signers) expect(text).toContain(name)
    expect(text).toContain(code)
    expect(text).toContain('Närvaro')
    expect(text).toContain('deltog under mötets första del')
    // The check code in plain words; the technical check is not in a participant's copy.
    expect(text).toContain(`Protokollet har en kontrollkod: ${code}.`)
    expect(text).not.toContain('/plan/verify')
    expect(text).not.toContain('Inte ifyllt')
  }

  // The print view on the participant's phone: the same protocol, axe-clean, no sideways scroll.
  await panel(participant).getByRole('link', { name: 'Visa protokollet' }).click()
  await expect(participant).toHaveURL(
    new RegExp(`/m/${meeting.meetingId}/protokoll\\?as=${participantIdOf(participant)}$`),
  )
  const protocol = participant.getByRole('article')
  await expect(protocol.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(protocol).toContainText(goal)
  await expect(protocol).toContainText(code)
  // On a phone the attendance is one short list per person, not a cramped table: every word whole.
  await expect(protocol.getByRole('columnheader', { name: 'Närvaro' })).toBeHidden()
  await expect(
    protocol
      .getByRole('term')
      .filter({ hasText: /^Närvaro$/ })
      .first(),
  ).toBeVisible()
  // Goals before the summary, and no "Inte ifyllt" anywhere.
  const sections = await protocol.getByRole('heading', { level: 2 }).allTextContents()
  expect(sections.indexOf('Mål')).toBeGreaterThan(-1)
  expect(sections.indexOf('Mål')).toBeLessThan(sections.indexOf('Sammanfattning: vem gör vad'))
  await expect(protocol).not.toContainText('Inte ifyllt')
  // The child's drawn signature is drawn and named for screen readers; the name is text too.
  await expect(protocol.getByRole('img', { name: `Handskriven underskrift: ${childName}` })).toHaveCount(1)
  await expect(protocol.locator('.protocol-signature').filter({ hasText: childName })).toHaveCount(1)
  await expect(participant.getByRole('button', { name: 'Skriv ut' })).toBeVisible()
  await expect(participant.getByRole('link', { name: 'Ladda ned PDF' })).toHaveAttribute('download')
  await expectNoAxeViolations(participant)
  await expectNoHorizontalScroll(participant)
  // Printed, the app's header and the buttons are gone.
  await participant.emulateMedia({ media: 'print' })
  await expect(participant.getByRole('button', { name: 'Skriv ut' })).toBeHidden()
  await expect(protocol).toBeVisible()
  // On paper the attendance is the form's table again.
  await expect(protocol.getByRole('columnheader', { name: 'Närvaro' })).toBeVisible()
  await participant.emulateMedia({ media: 'screen' })
  await participant.getByRole('link', { name: 'Tillbaka till mötet' }).click()
  await expect(signoffStatus(participant)).toContainText(`Planen är slutförd. Version ${code}.`)
})

test('the print view of a plan that is not locked says so', async ({ browser }) => {
  const meeting = createDemoMeeting()
  const participant = await open(browser, meeting, 'participant', { width: 320, height: 640 })
  await participant.goto(`/m/${meeting.meetingId}/protokoll?as=${participantIdOf(participant)}`)
  await expect(participant.getByRole('heading', { level: 1, name: 'Protokoll' })).toBeVisible()
  await expect(participant.getByRole('status')).toHaveText(
    'Det finns inget protokoll än. Protokollet finns när mötesledaren har låst planen för underskrift.',
  )
  await expect(participant.getByRole('button', { name: 'Skriv ut' })).toHaveCount(0)
  await expect(participant.getByRole('link', { name: 'Tillbaka till mötet' })).toBeVisible()
  await expectNoAxeViolations(participant)
  await expectNoHorizontalScroll(participant)
})

test('unlocking after a signature voids it on every screen', async ({ browser }) => {
  const meeting = createDemoMeeting()
  const chair = await open(browser, meeting, 'chair', { width: 1440, height: 900 })
  const participant = await open(browser, meeting, 'participant', { width: 320, height: 640 })
  const notetaker = await open(browser, meeting, 'notetaker')
  const guardian = await open(browser, meeting, 'guardian', { width: 360, height: 740 })
  const child = await open(browser, meeting, 'child', { width: 360, height: 740 })
  await chairToClosing(chair)
  const code = await lock(chair)
  await expect(signoffStatus(participant)).toContainText(code, LIVE)
  await signOnOwnDevice(participant, code)

  // A download that meets an error (here: the plan unlocked a moment ago) says so instead of
  // saving the error as a file.
  await participant.route(/\/plan\/protocol\.pdf/, (route) =>
    route.fulfill({ status: 409, contentType: 'application/json', body: '{"error":"not-locked"}' }),
  )
  let saved = false
  participant.on('download', () => {
    saved = true
  })
  await panel(participant).getByRole('link', { name: 'Ladda ned protokollet (PDF)' }).click()
  await expect(
    participant.getByRole('alert').filter({ hasText: 'Det finns inget protokoll än.' }),
  ).toBeVisible()
  expect(saved).toBe(false)
  await participant.unroute(/\/plan\/protocol\.pdf/)

  await panel(chair).getByRole('button', { name: 'Lås upp' }).click()
  const dialog = chair.getByRole('dialog', { name: 'Lås upp planen?' })
  // A reason is required; the error is announced and tied to the field.
  await dialog.getByRole('button', { name: 'Lås upp planen' }).click()
  const reason = dialog.getByRole('textbox', { name: 'Varför låses planen upp?' })
  await expect(reason).toBeFocused()
  await expect(reason).toHaveAttribute('aria-invalid', 'true')
  await reason.fill('Ett mål behöver ändras.')
  await dialog.getByRole('button', { name: 'Lås upp planen' }).click()

  for (const page of [chair, participant, notetaker, guardian]) {
    await expect(signoffStatus(page)).toHaveText('Planen är öppen för ändringar.', LIVE)
    await expect(page.getByText(/ogiltig – planen låstes upp/)).toBeVisible(LIVE)
  }
  // The child reads what happens, not which signatures became void.
  await expect(childStatus(child)).toHaveText(
    'De vuxna ändrar lite i planen. Sedan får alla skriva under igen.',
    LIVE,
  )
  await expect(child.getByText(/ogiltig/)).toHaveCount(0)
  await expect(panel(chair).getByRole('button', { name: 'Lås planen för underskrift' })).toBeVisible()
  await expect(participant.getByText(`Du har skrivit under version ${code}.`)).toHaveCount(0)
  await expectNoHorizontalScroll(participant)
})

test('an edit that reaches a locked plan is refused visibly and the frozen version is shown', async ({
  browser,
}) => {
  const meeting = createDemoMeeting()
  const chair = await open(browser, meeting, 'chair', { width: 1440, height: 900 })
  await chairToClosing(chair)
  const notetaker = await open(browser, meeting, 'notetaker')
  const notetakerContext = contexts.at(-1)!
  const needs = notetaker.getByRole('textbox', { name: 'Behov', exact: true })

  // Offline, the note-taker keeps typing; meanwhile the chair locks the plan.
  await notetakerContext.setOffline(true)
  await expect(notetaker.getByRole('status').filter({ hasText: /^Offline/ })).toBeVisible()
  await needs.click()
  await needs.pressSequentially('Skrivet efter låsningen.')
  const code = await lock(chair)

  // Back online the edit reaches the frozen room: refused with 4423 and said so (G2); the page
  // then reloads and shows the locked version, without the refused edit.
  await notetakerContext.setOffline(false)
  await expect(
    notetaker
      .getByRole('region', { name: 'Det du skriver' })
      .getByText('Planen är låst för underskrift. Sidan visar den låsta versionen.'),
  ).toBeVisible()
  await expect(signoffStatus(notetaker)).toContainText(`Planen är låst för underskrift. Version ${code}.`, {
    timeout: 10_000,
  })
  await expect(notetaker.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible()
  // Read-only: the attendance choices and the empty needs field are gone.
  await expect(notetaker.getByRole('radio', { name: 'Närvarande' })).toHaveCount(0)
  await expect(needs).toHaveCount(0)
  await expect(notetaker.getByRole('region', { name: 'Planen' })).not.toContainText(
    'Skrivet efter låsningen.',
  )
  await expect(chair.getByRole('region', { name: 'Planen' })).not.toContainText('Skrivet efter låsningen.')
})
