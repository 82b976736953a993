import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test'
import type { Role } from '../../shared/roles'
import {
  createDemoMeeting,
  type DemoMeeting,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  openRole,
} from './helpers'

/**
 * "The meeting" (shared scenario) on four devices at once: Maja's chair view on the projector,
 * Amir's note-taker laptop, Sara (guardian) on her phone and the BUP psychologist on a small
 * phone. The tests share one demo meeting and build on each other, step by step.
 */
test.describe.configure({ mode: 'serial' })

/** A change made on one screen shows on the others within this (a Yjs update over the socket). */
const LIVE = { timeout: 2_000 }

interface Screen {
  context: BrowserContext
  page: Page
}

let meeting: DemoMeeting
let chair: Page
let notetaker: Page
let guardian: Page
let participant: Page
const screens: Screen[] = []
const contexts: BrowserContext[] = []

async function open(
  browser: Browser,
  role: Role,
  viewport: { width: number; height: number },
): Promise<Page> {
  const opened = await openRole(browser, meeting, role, viewport, contexts)
  screens.push(opened)
  return opened.page
}

/** The plan on a screen: the region every meeting screen labels "Planen". */
function planOf(page: Page): Locator {
  return page.getByRole('region', { name: 'Planen' })
}

/** The rich-text field where the needs (step 3) are written. */
function needsField(page: Page): Locator {
  return planOf(page).getByRole('textbox', { name: 'Behov', exact: true })
}

/** The step card at the top of a participant's or the child's screen. */
function stepCard(page: Page): Locator {
  return page.getByRole('region', { name: /^Nu: steg/ })
}

function stepNow(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /^Nu: steg/ })
}

function rosterRow(page: Page, person: string): Locator {
  return page.getByRole('region', { name: 'Deltagare' }).getByRole('listitem').filter({ hasText: person })
}

test.beforeAll(async ({ browser }) => {
  meeting = createDemoMeeting()
  chair = await open(browser, 'chair', { width: 1920, height: 1080 })
  notetaker = await open(browser, 'notetaker', { width: 1280, height: 800 })
  guardian = await open(browser, 'guardian', { width: 360, height: 740 })
  participant = await open(browser, 'participant', { width: 320, height: 640 })
})

test.afterAll(async () => {
  for (const { context } of screens) await context.close()
})

test('each role gets its own screen of the meeting room', async () => {
  await expect(chair.getByText('Du är med som: Maja Lind, Mötesledare')).toBeVisible()
  await expect(chair.getByRole('heading', { level: 2, name: 'Mötescirkeln' })).toBeVisible()
  await expect(chair.getByRole('list', { name: 'Mötescirkeln' }).getByRole('listitem')).toHaveCount(5)
  await expect(chair.getByRole('button', { name: 'Starta mötet' })).toBeVisible()

  await expect(notetaker.getByText('Du är med som: Amir Haddad, Sekreterare')).toBeVisible()
  await expect(needsField(notetaker)).toHaveAttribute('contenteditable', 'true')

  for (const page of [guardian, participant]) {
    await expect(page.getByRole('status').filter({ hasText: 'Mötet har inte startat än.' })).toBeVisible()
    await expect(page.getByRole('region', { name: 'Här nu' })).toContainText('Amir Haddad (Sekreterare)')
  }
  await expect(chair.locator('html')).toHaveAttribute('lang', 'sv')
})

test('the chair starts the meeting and moves to step 3 by button and shortcut; every screen follows', async () => {
  await chair.getByRole('button', { name: 'Starta mötet' }).click()
  for (const page of [notetaker, guardian, participant]) {
    await expect(stepNow(page)).toHaveText('Nu: steg 1 av 5 – Inledning', LIVE)
  }
  await expect(chair.getByRole('timer')).toHaveText(/^\d\d:\d\d$/)

  const next = chair.getByRole('button', { name: 'Nästa steg' })
  await expect(next).toHaveAttribute('aria-keyshortcuts', 'Alt+PageDown')
  // The shortcuts are explained in the chair's coaching, off the wall until asked for.
  const coaching = chair.getByRole('button', { name: 'Visa ledarstöd' })
  await expect(chair.getByText(/Kortkommandon: Alt\+Page Down/)).toHaveCount(0)
  await coaching.click()
  await expect(chair.getByText(/Kortkommandon: Alt\+Page Down/)).toBeVisible()
  await next.click()
  await expect(chair.getByRole('heading', { name: 'Steg 2 av 5: Aktuell situation' })).toBeVisible()

  // The shortcut works from anywhere on the page but a field: here, from the page title.
  await chair.getByRole('heading', { level: 1 }).focus()
  await chair.keyboard.press('Alt+PageDown')
  await expect(chair.getByRole('heading', { name: 'Steg 3 av 5: Behov' })).toBeVisible()
  const circle = chair.getByRole('list', { name: 'Mötescirkeln' })
  await expect(circle.getByRole('listitem').filter({ hasText: 'Pågår' })).toHaveText(/Behov/)
  await expect(circle.locator('[aria-current="step"]')).toContainText('Behov')
  await expect(chair.getByText('Här får mötet ta mest tid.', { exact: false })).toBeVisible()
  await coaching.click()
  await expect(chair.getByText('Här får mötet ta mest tid.', { exact: false })).toHaveCount(0)

  for (const page of [notetaker, guardian, participant]) {
    await expect(stepNow(page)).toHaveText('Nu: steg 3 av 5 – Behov', LIVE)
  }
  // Staff are asked about their organisation; a guardian about the family's part.
  await expect(stepCard(participant)).toContainText('Vad kan din verksamhet bidra med?')
  await expect(stepCard(guardian)).toContainText('Vad kan ni i familjen göra, och vad behöver ni hjälp med?')
  await expect(stepCard(guardian)).not.toContainText('din verksamhet')
  await expect(
    notetaker.getByRole('list', { name: 'Mötescirkeln' }).locator('[aria-current="step"]'),
  ).toContainText('Behov')

  // Keys typed in the plan belong to the plan: Alt+Page Down in the editor does not move the circle,
  // and Tab leaves the editor (no keyboard trap).
  const write = chair.getByRole('button', { name: 'Skriv i planen' })
  await write.click()
  await expect(write).toHaveAttribute('aria-pressed', 'true')
  const chairField = needsField(chair)
  await expect(chairField).toHaveAttribute('contenteditable', 'true')
  await chairField.focus()
  await chair.keyboard.press('Alt+PageDown')
  await chair.keyboard.press('Alt+PageUp')
  await expect(chair.getByRole('heading', { name: 'Steg 3 av 5: Behov' })).toBeVisible()
  await expect(stepNow(notetaker)).toHaveText('Nu: steg 3 av 5 – Behov')
  await chair.keyboard.press('Tab')
  await expect(chairField).not.toBeFocused()
  await write.click()
  await expect(write).toHaveAttribute('aria-pressed', 'false')
  await expect(planOf(chair).locator('[contenteditable="true"]')).toHaveCount(0)
})

test('the note-taker writes a goal and both participants see it within a second, read-only', async () => {
  const goal = 'Elsa går i skolan hela dagar och mår bra.'
  const field = needsField(notetaker)
  await field.click()
  await field.pressSequentially(goal)
  for (const page of [guardian, participant]) {
    await expect(planOf(page)).toContainText(goal, LIVE)
    // Nothing of the plan can be edited on a participant's screen.
    await expect(planOf(page).locator('[contenteditable="true"]')).toHaveCount(0)
    await expect(planOf(page).locator('input, textarea, select')).toHaveCount(0)
  }
  await expect(planOf(chair)).toContainText(goal, LIVE)
})

test('the speaking round the chair marks shows on the note-taker screen', async () => {
  const round = chair.getByText(/Talarrunda i steg 3:/)
  await expect(round).toHaveText('Talarrunda i steg 3: 0 av 5 har talat')
  await chair.getByRole('checkbox', { name: 'Har talat – Elsa' }).check()
  await chair.getByRole('checkbox', { name: 'Har talat – Sara' }).check()
  await expect(round).toHaveText('Talarrunda i steg 3: 2 av 5 har talat')

  await expect(rosterRow(notetaker, 'Sara (Vårdnadshavare)')).toContainText('Har talat', LIVE)
  await expect(rosterRow(notetaker, 'psykolog, BUP (Deltagare)')).toContainText('Har inte talat')
  await expect(notetaker.getByText(/Talarrunda i steg 3:/)).toHaveText(
    'Talarrunda i steg 3: 2 av 5 har talat',
  )
  // The note-taker reads the round; only the chair marks it.
  await expect(notetaker.getByRole('checkbox')).toHaveCount(0)

  // Presence in words on the chair's list.
  await expect(rosterRow(chair, 'Amir Haddad (Sekreterare)')).toContainText('Ansluten')
  await expect(rosterRow(chair, 'Elsa (Huvudperson)')).toContainText('Inte ansluten')

  await chair.getByRole('checkbox', { name: 'Har talat – Elsa' }).uncheck()
  await expect(notetaker.getByText(/Talarrunda i steg 3:/)).toHaveText(
    'Talarrunda i steg 3: 1 av 5 har talat',
    LIVE,
  )
})

test('the note-taker drops off the network, keeps typing, and nothing is lost when back', async () => {
  const offlineText = ' Stödsamtal varje måndag morgon.'
  const chairText = 'Familjestöd i hemmet en gång i veckan.'
  const notetakerContext = screens.find((s) => s.page === notetaker)!.context

  await notetakerContext.setOffline(true)
  await expect(notetaker.getByRole('status').filter({ hasText: /^Offline/ })).toBeVisible()
  // Offline, the note-taker's screen claims nobody is connected, not even Amir himself.
  await expect(rosterRow(notetaker, 'Amir Haddad (Sekreterare)')).toContainText('Inte ansluten')
  // (The others see Amir leave only when the server's ping finds the socket dead: a dropped
  // network sends no goodbye.)

  const field = needsField(notetaker)
  await field.click()
  await notetaker.keyboard.press('ControlOrMeta+End')
  await field.pressSequentially(offlineText)
  await expect(notetaker.getByRole('status').filter({ hasText: 'Offline – inte sparat' })).toBeVisible()

  // Meanwhile the meeting goes on: the chair writes in the same part and moves on to step 4.
  await chair.getByRole('button', { name: 'Skriv i planen' }).click()
  const chairField = needsField(chair)
  await chairField.click()
  await chair.keyboard.press('ControlOrMeta+Home')
  await chair.keyboard.press('Enter')
  await chair.keyboard.press('ArrowUp')
  await chairField.pressSequentially(chairText)
  await chair.getByRole('button', { name: 'Nästa steg' }).click()
  await expect(stepNow(guardian)).toHaveText('Nu: steg 4 av 5 – Sammanfattning', LIVE)
  await expect(planOf(guardian)).not.toContainText(offlineText.trim())
  await expect(stepNow(notetaker)).toHaveText('Nu: steg 3 av 5 – Behov')

  await notetakerContext.setOffline(false)
  await expect(notetaker.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible()
  // The wall shows step 4's part now; the needs (step 3) are in the whole plan.
  await chair.getByRole('button', { name: 'Hela planen' }).click()
  await expect(stepNow(notetaker)).toHaveText('Nu: steg 4 av 5 – Sammanfattning')
  for (const page of [chair, notetaker, guardian, participant]) {
    await expect(planOf(page)).toContainText(offlineText.trim(), LIVE)
    await expect(planOf(page)).toContainText(chairText, LIVE)
    await expect(planOf(page)).toContainText('Elsa går i skolan hela dagar och mår bra.')
  }
  await expect(rosterRow(chair, 'Amir Haddad (Sekreterare)')).toContainText('Ansluten', LIVE)
  await expect(rosterRow(notetaker, 'Maja Lind (Mötesledare)')).toContainText('Ansluten', LIVE)
  await chair.getByRole('button', { name: 'Skriv i planen' }).click()
  await chair.getByRole('button', { name: 'Hela planen' }).click()
})

test('every meeting screen passes axe, and the phone screens reflow at 320 pixels', async ({ browser }) => {
  await expectNoAxeViolations(chair)
  await expectNoAxeViolations(notetaker)
  await expectNoAxeViolations(participant)
  await expectNoHorizontalScroll(participant)
  await expectNoHorizontalScroll(guardian)
  // The chair's and note-taker's screens reflow too (a chair may steer from a phone).
  for (const page of [chair, notetaker]) {
    const size = page.viewportSize()!
    await page.setViewportSize({ width: 320, height: 640 })
    await expectNoHorizontalScroll(page)
    await page.setViewportSize(size)
  }

  // A guardian shows the child view on the phone.
  const childToggle = guardian.getByRole('button', { name: 'Barnvy' })
  await childToggle.click()
  await expect(childToggle).toHaveAttribute('aria-pressed', 'true')
  await expectNoAxeViolations(guardian)
  await expectNoHorizontalScroll(guardian)
  await childToggle.click()

  // The child's own link opens the child view first, with the step in the child's words.
  const child = await open(browser, 'child', { width: 360, height: 740 })
  await expect(child.getByRole('region', { name: 'Nu i mötet' })).toContainText(
    'Nu säger vi tillsammans vem som gör vad.',
  )
  await expect(child.getByRole('button', { name: 'Visa hela planen' })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  await expectNoAxeViolations(child)
  await expectNoHorizontalScroll(child)
})

test('the language follows the choice, on the page and in <html lang>', async () => {
  await participant.getByRole('button', { name: 'Change language to English' }).click()
  await expect(participant.locator('html')).toHaveAttribute('lang', 'en')
  await expect(stepNow(participant)).toHaveCount(0)
  await expect(
    participant.getByRole('status').filter({ hasText: 'Now: step 4 of 5 – Summary' }),
  ).toBeVisible()
  await expect(participant.getByRole('region', { name: /^Now: step/ })).toContainText(
    'Does the summary match what we agreed?',
  )
  // Remembered: after a reload the page opens in English (its catalogue is fetched on demand).
  await participant.reload()
  await expect(participant.locator('html')).toHaveAttribute('lang', 'en')
  await expect(
    participant.getByRole('status').filter({ hasText: 'Now: step 4 of 5 – Summary' }),
  ).toBeVisible()
  await participant.getByRole('button', { name: 'Byt språk till svenska' }).click()
  await expect(participant.locator('html')).toHaveAttribute('lang', 'sv')
  await expect(stepNow(participant)).toHaveText('Nu: steg 4 av 5 – Sammanfattning')
})
