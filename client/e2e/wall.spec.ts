import path from 'node:path'
import { type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test'
import { CIRCLE } from '../../shared/circle'
import { STEPS, type Step } from '../../shared/plan/layout'
import {
  createDemoMeeting,
  type DemoMeeting,
  expectInView,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  linkFor,
} from './helpers'

/**
 * The chair's screen as the room sees it on the projector (issue 12, "a wall view made for a
 * projector"): at 1920×1080, through all five steps, the circle, the step, its timer, the chair's
 * buttons and the step's part of the plan are inside the viewport – measured, not assumed – and the
 * page never scrolls. The chair's coaching is on the chair's own screen, not on the wall.
 * A screenshot of every step is written to test-results/wall/ to look at.
 */
test.describe.configure({ mode: 'serial' })

const ROOT = path.resolve(import.meta.dirname, '../..')
const WALL = { width: 1920, height: 1080 }
/** Plan text and headings on the 1920 px wall: readable from the back of the room. */
const WALL_TYPE_PX = 28
/** On a 1366 px laptop the wall's type scales down with the screen, still larger than a page's. */
const LAPTOP_TYPE_PX = 22
const TEXTS = CIRCLE.sv

let meeting: DemoMeeting
let context: BrowserContext
let chair: Page

async function fontSize(locator: Locator): Promise<number> {
  return locator.evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize))
}

/** The page itself does not scroll: no jump on a step change, nothing below the wall. */
async function expectOneScreen(page: Page): Promise<void> {
  const { scrollY, overflow } = await page.evaluate(() => ({
    scrollY: window.scrollY,
    overflow: document.documentElement.scrollHeight - document.documentElement.clientHeight,
  }))
  expect(scrollY).toBe(0)
  expect(overflow).toBeLessThanOrEqual(0)
}

function plan(page: Page): Locator {
  return page.getByRole('region', { name: 'Planen' })
}

function circle(page: Page): Locator {
  return page.getByRole('list', { name: 'Mötescirkeln' })
}

function stepHeading(page: Page, step: Step): Locator {
  return page.getByRole('heading', { level: 2, name: `Steg ${step} av 5: ${TEXTS[step].title}` })
}

/** The step's own part of the plan: "3. Behov". */
function planPartHeading(page: Page, step: Step): Locator {
  return plan(page).getByRole('heading', { level: 3, name: `${step}. ${TEXTS[step].title}`, exact: true })
}

/** The wall as the room sees it in `step`: everything the chair and the room need, in view. */
async function expectWall(page: Page, step: Step, typePx = WALL_TYPE_PX): Promise<void> {
  await expect(stepHeading(page, step)).toBeVisible()
  await expect(circle(page).locator('[aria-current="step"]')).toContainText(TEXTS[step].title)
  await expectInView(page, circle(page), 'the circle')
  await expectInView(page, stepHeading(page, step), 'the step heading')
  await expectInView(page, page.getByRole('timer'), 'the timer')
  await expectInView(page, page.getByRole('button', { name: 'Föregående steg' }), '"Föregående steg"')
  await expectInView(page, page.getByRole('button', { name: 'Nästa steg' }), '"Nästa steg"')
  const part = planPartHeading(page, step)
  await expect(part).toBeVisible()
  await expectInView(page, part, `the plan part "${step}. ${TEXTS[step].title}"`, plan(page))
  expect(await fontSize(part)).toBeGreaterThanOrEqual(typePx)
  // The room reads the shared guiding text with the part, in the same large type.
  const guide = plan(page).getByText(TEXTS[step].room, { exact: true })
  await expectInView(page, guide, 'the guiding text for everyone', plan(page))
  expect(await fontSize(guide)).toBeGreaterThanOrEqual(typePx)
  // Only this step's part is on the wall; the others are one toggle away ("Hela planen").
  for (const other of STEPS.filter((s) => s !== step))
    await expect(planPartHeading(page, other)).toHaveCount(0)
  // The chair's own coaching is not on the wall.
  await expect(page.getByText(TEXTS[step].chair)).toHaveCount(0)
  await expectOneScreen(page)
  const { width, height } = page.viewportSize()!
  await page.screenshot({
    path: path.join(ROOT, 'test-results', 'wall', `${width}x${height}-step-${step}.png`),
  })
}

test.beforeAll(async ({ browser }) => {
  meeting = createDemoMeeting()
  context = await browser.newContext({ viewport: WALL })
  chair = await context.newPage()
  await chair.goto(linkFor(meeting, 'chair').url)
  await expect(chair.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible()
})

test.afterAll(async () => {
  await context.close()
})

test('at 1920×1080 the circle, the step, the timer, the buttons and the step’s part of the plan stay in view through all five steps', async () => {
  await expectInView(chair, circle(chair), 'the circle before the start')
  await expectInView(chair, chair.getByRole('button', { name: 'Starta mötet' }), '"Starta mötet"')
  await chair.screenshot({ path: path.join(ROOT, 'test-results', 'wall', '1920x1080-step-0.png') })
  await chair.getByRole('button', { name: 'Starta mötet' }).click()

  for (const step of STEPS) {
    await expectWall(chair, step)
    if (step === 3) {
      // The goal headings read from the back of the room too (they were ~13 px).
      for (const name of ['Mål på lång sikt', 'Mål på kort sikt']) {
        const heading = plan(chair).getByRole('heading', { name, exact: true })
        await expectInView(chair, heading, name, plan(chair))
        expect(await fontSize(heading)).toBeGreaterThanOrEqual(WALL_TYPE_PX)
      }
    }
    if (step === 5) break
    // Alternately by button and by the chair's shortcut (from the page, not a field).
    if (step % 2 === 1) await chair.getByRole('button', { name: 'Nästa steg' }).click()
    else {
      await chair.getByRole('heading', { level: 1 }).focus()
      await chair.keyboard.press('Alt+PageDown')
    }
  }

  // Step 5: sign-off beside the closing part – the lock button without scrolling.
  const signoff = chair.getByRole('region', { name: 'Underskrift' })
  await expectInView(
    chair,
    signoff.getByRole('button', { name: 'Lås planen för underskrift' }),
    'the lock button',
  )
  await expectOneScreen(chair)
  await expectNoAxeViolations(chair)
  await chair.keyboard.press('Alt+PageUp')
  await expect(stepHeading(chair, 4)).toBeVisible()
  // Before the lock, sign-off belongs to step 5.
  await expect(signoff).toHaveCount(0)
  await expectOneScreen(chair)
})

test('"Hela planen" shows every step on the wall, and "Skriv i planen" makes the part editable', async () => {
  const whole = chair.getByRole('button', { name: 'Hela planen' })
  await whole.click()
  await expect(whole).toHaveAttribute('aria-pressed', 'true')
  for (const step of STEPS) await expect(planPartHeading(chair, step)).toHaveCount(1)
  await expectInView(chair, stepHeading(chair, 4), 'the step heading with the whole plan')
  await expectOneScreen(chair)
  await whole.click()
  await expect(planPartHeading(chair, 3)).toHaveCount(0)

  const write = chair.getByRole('button', { name: 'Skriv i planen' })
  await write.click()
  const summary = plan(chair).getByRole('textbox', { name: 'Vem gör vad', exact: true })
  await expect(summary).toHaveAttribute('contenteditable', 'true')
  await summary.click()
  await summary.pressSequentially('Skolan ordnar en lugn plats.')
  await expect(summary).toContainText('Skolan ordnar en lugn plats.')
  await write.click()
  await expect(plan(chair).locator('[contenteditable="true"]')).toHaveCount(0)
  await expect(plan(chair)).toContainText('Skolan ordnar en lugn plats.')
})

test('the chair’s coaching is off the wall by default, behind "Visa ledarstöd", and in a window of its own', async () => {
  const coaching = TEXTS[4].chair
  const show = chair.getByRole('button', { name: 'Visa ledarstöd' })
  await expect(show).toHaveAttribute('aria-pressed', 'false')
  await expect(chair.getByText(coaching)).toHaveCount(0)
  await show.click()
  await expect(chair.getByText(coaching)).toBeVisible()
  await show.click()
  await expect(chair.getByText(coaching)).toHaveCount(0)

  const [window] = await Promise.all([
    context.waitForEvent('page'),
    chair.getByRole('link', { name: /^Öppna ledarstöd i eget fönster/ }).click(),
  ])
  await expect(window).toHaveURL(new RegExp(`/m/${meeting.meetingId}/ledarstod\\?as=[0-9a-f-]+$`))
  await expect(window.getByRole('heading', { level: 1 })).toHaveText(/^Ledarstöd: /)
  await expect(window.getByText(coaching)).toBeVisible()
  await expect(window.getByText(/Kortkommandon: Alt\+Page Down/)).toBeVisible()
  await expect(window.getByRole('timer')).toHaveText(/^\d\d:\d\d$/)
  await expect(window.getByRole('heading', { level: 2, name: 'Steg 4 av 5: Sammanfattning' })).toBeVisible()
  await expectNoAxeViolations(window)

  // The window steers the same meeting: a step back there moves the wall.
  await window.getByRole('button', { name: 'Föregående steg' }).click()
  await expect(stepHeading(chair, 3)).toBeVisible()
  await expect(window.getByText(TEXTS[3].chair)).toBeVisible()
  // The speaking round is ticked in the window and shows on the wall.
  const round = window.getByText(/^Talarrunda i steg 3:/)
  await expect(round).toHaveText('Talarrunda i steg 3: 0 av 5 har talat')
  await window.getByRole('checkbox', { name: 'Har talat – Elsa' }).check()
  await expect(chair.getByRole('checkbox', { name: 'Har talat – Elsa' })).toBeChecked()
  await expect(chair.getByText(/^Talarrunda i steg 3:/)).toHaveText('Talarrunda i steg 3: 1 av 5 har talat')
  // The window's own shortcut works there too.
  await window.getByRole('heading', { level: 1 }).focus()
  await window.keyboard.press('Alt+PageDown')
  await expect(stepHeading(chair, 4)).toBeVisible()
  await window.close()
})

test('the wall is usable at 1366×768, and reflows on a phone and at 320 px without sideways scrolling', async () => {
  await chair.setViewportSize({ width: 1366, height: 768 })
  await expectWall(chair, 4, LAPTOP_TYPE_PX)

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 320, height: 640 },
  ]) {
    await chair.setViewportSize(viewport)
    await expectNoHorizontalScroll(chair)
    await expect(stepHeading(chair, 4)).toBeVisible()
    await expect(planPartHeading(chair, 4)).toBeVisible()
  }
  await expectNoAxeViolations(chair)
  await chair.setViewportSize(WALL)
})
