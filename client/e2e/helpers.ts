import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Locator,
  type Page,
} from '@playwright/test'
import { pdfText as extractPdfText } from '../../server/test/pdf-text'
import { addDays, stockholmDay } from '../../shared/dates'
import type { Role } from '../../shared/roles'

const ROOT = path.resolve(import.meta.dirname, '../..')

/** The environment the operator CLI needs to write into the test server's data folder. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SIP_DATA_DIR: process.env.SIP_E2E_DATA,
    SIP_PUBLIC_URL: `http://127.0.0.1:${process.env.SIP_E2E_PORT}`,
    ...extra,
  }
}

function cli(args: string[], extra: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: ROOT,
    env: cliEnv(extra),
    encoding: 'utf8',
  })
}

export interface DemoMeeting {
  meetingId: string
  /** Personal links: `<public URL>/j#t=<token>`. */
  links: { role: Role; name: string; url: string }[]
}

/**
 * Invented finalized meetings of a known shape (`cli -- seed-statistics`, seed 000's 152 meetings of
 * March–May 2026 by default) written into the running server's data folder beside its real ones.
 */
export function seedStatistics(args: string[] = []): void {
  cli(['seed-statistics', '--into-existing', ...args])
}

/** Creates a demo meeting through the documented operator CLI, against the server's data folder. */
export function createDemoMeeting(): DemoMeeting {
  return (JSON.parse(cli(['demo', '--json'])) as { meetings: DemoMeeting[] }).meetings[0]!
}

export function linkFor(meeting: DemoMeeting, role: Role): { name: string; url: string } {
  const link = meeting.links.find((l) => l.role === role)
  if (!link) throw new Error(`no ${role} link`)
  return link
}

/**
 * Opens a role's personal link of a demo meeting in a browser context of its own (kept in
 * `contexts`, for the test to close) and waits until the room is connected: the child's screen
 * says "Du är med" where the others say "Sparat".
 */
export async function openRole(
  browser: Browser,
  meeting: DemoMeeting,
  role: Role,
  viewport: { width: number; height: number },
  contexts: BrowserContext[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport })
  contexts.push(context)
  const page = await context.newPage()
  await page.goto(linkFor(meeting, role).url)
  await expect(page).toHaveURL(new RegExp(`/m/${meeting.meetingId}\\?as=[0-9a-f-]+$`))
  const connected = role === 'child' ? 'Du är med' : /^Sparat$/
  await expect(page.getByRole('status').filter({ hasText: connected })).toBeVisible()
  return { context, page }
}

export interface StaffAccount {
  email: string
  name: string
  password: string
}

/** Creates an administrator through the operator CLI (password from SIP_ADMIN_PASSWORD). */
export function createAdmin(account: StaffAccount): void {
  cli(['create-admin', '--email', account.email, '--name', account.name], {
    SIP_ADMIN_PASSWORD: account.password,
  })
}

/** Signs in on the sign-in page; ends on "Mina SIP-möten". */
export async function signIn(page: Page, account: StaffAccount): Promise<void> {
  await page.goto('/logga-in')
  await page.getByLabel('E-postadress').fill(account.email)
  await page.getByLabel('Lösenord').fill(account.password)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mina SIP-möten' })).toBeVisible()
}

/**
 * Types a date into a focused native date input by keyboard. Chromium lays the segments out by
 * the browser's locale (mm/dd/yyyy for the Chromium here, yyyy-mm-dd for a Swedish one).
 */
export async function typeDate(page: Page, input: Locator, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-')
  await page.keyboard.type(`${month}${day}${year}`)
  if ((await input.inputValue()) === isoDate) return
  // A year-first layout: focus is on the last part; back to the first and type it that way.
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.type(`${year}${month}${day}`)
  await expect(input).toHaveValue(isoDate)
}

/** Types a time (HH:MM) into a focused native time input; a 12-hour layout also needs AM/PM. */
export async function typeTime(page: Page, input: Locator, time: string): Promise<void> {
  const [hours, minutes] = time.split(':') as [string, string]
  await page.keyboard.type(`${hours}${minutes}`)
  if ((await input.inputValue()) === time) return
  // A 12-hour layout: focus is now on AM/PM; back to the hour and type it the 12-hour way.
  const hour = Number(hours)
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.type(`${String(hour % 12 || 12).padStart(2, '0')}${minutes}${hour < 12 ? 'A' : 'P'}`)
  await expect(input).toHaveValue(time)
}

/** The id (or, without one, the tag) of the focused element. */
export async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement
    if (!element) return ''
    return element.id || `${element.tagName.toLowerCase()}:${element.textContent?.trim() ?? ''}`
  })
}

/**
 * Presses Tab until focus is on another element. Native date and time inputs take several Tab
 * stops (each part, then the picker button) before focus leaves them.
 */
export async function tabToNextField(page: Page): Promise<void> {
  const from = await focusedId(page)
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab')
    if ((await focusedId(page)) !== from) return
  }
  throw new Error(`Tab did not leave ${from}`)
}

/** No WCAG 2.1 A/AA violations that axe-core can find on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])
}

/** Nothing on the page is wider than the viewport (WCAG 1.4.10 reflow at 320 CSS pixels). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
}

/**
 * The text of a downloaded PDF as pdf.js extracts it (server/test/pdf-text.ts, which the server's
 * tests use too), all whitespace collapsed to single spaces so that a line break inside a name or
 * a goal does not hide it.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await extractPdfText(bytes)).text.replace(/\s+/g, ' ')
}

/**
 * The chair starts the meeting on the wall and steps to 5 (Avslutning), where the sign-off panel
 * stands beside the closing part of the plan.
 */
export async function chairToClosing(chair: Page): Promise<void> {
  await chair.getByRole('button', { name: 'Starta mötet' }).click()
  for (let step = 2; step <= 5; step++) {
    await chair.getByRole('button', { name: 'Nästa steg' }).click()
    await expect(
      chair.getByRole('heading', { level: 2, name: new RegExp(`^Steg ${step} av 5`) }),
    ).toBeVisible()
  }
  await expect(chair.getByRole('region', { name: 'Underskrift' })).toBeVisible()
}

/** Words of the system, not of a child; none may be on the child's screen, not even for a screen reader. */
export const SYSTEM_WORDS = [
  /barnvy/i,
  /huvudperson/i,
  /sparat/i,
  /ogiltig/i,
  /version/i,
  /hash/i,
  /\bSHA/i,
  /offline/i,
  /du är med som/i,
  /mötesledare/i,
  /\bsekreterare/i, // the role, not a socialsekreterare the adults wrote into the plan
  /vårdnadshavare/i,
  /protokoll/i,
  /[0-9A-F]{5}-[0-9A-F]{5}/, // a version code
  /\b[0-9a-f]{16,}\b/, // a hash
]

/** Everything on the child's screen, as seen and as a screen reader reads it, holds no system word. */
export async function expectNoSystemWords(child: Page): Promise<void> {
  const text = await child.locator('body').evaluate((body) => body.textContent ?? '')
  for (const word of SYSTEM_WORDS) expect(text, `the child's screen says ${word}`).not.toMatch(word)
  const labels = await child
    .locator('[aria-label]')
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label')).join(' '))
  for (const word of SYSTEM_WORDS) expect(labels).not.toMatch(word)
}

/** The whole element inside the viewport (and inside `within`, when it scrolls in a column). */
export async function expectInView(
  page: Page,
  locator: Locator,
  what: string,
  within?: Locator,
): Promise<void> {
  const box = await locator.boundingBox()
  expect(box, `${what} is rendered`).not.toBeNull()
  const { width, height } = page.viewportSize()!
  const area = within ? await within.boundingBox() : { x: 0, y: 0, width, height }
  expect(area, `${what}: its column is rendered`).not.toBeNull()
  const inside =
    box!.x >= Math.max(0, area!.x) - 0.5 &&
    box!.y >= Math.max(0, area!.y) - 0.5 &&
    box!.x + box!.width <= Math.min(width, area!.x + area!.width) + 0.5 &&
    box!.y + box!.height <= Math.min(height, area!.y + area!.height) + 0.5
  expect(inside, `${what} inside the viewport ${width}×${height}: ${JSON.stringify(box)}`).toBe(true)
}

export type Box = { x: number; y: number; width: number; height: number }

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/**
 * The boxes of everything visible on the page that announces something: live regions, the
 * note-taker's strip and the "moved on" notice.
 */
export async function announcementBoxes(page: Page): Promise<(Box & { what: string })[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        '[role="status"], [role="alert"], [aria-live], .notetaker-status, .plan-moved',
      ),
    ]
      .map((element) => ({ element, rect: element.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 1 && rect.height > 1)
      .map(({ element, rect: { x, y, width, height } }) => ({
        what: `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 60)}`,
        x,
        y,
        width,
        height,
      })),
  )
}

/** The id and box of the focused element. */
export async function focusedBox(page: Page): Promise<Box & { id: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement
    const { x, y, width, height } = element.getBoundingClientRect()
    return { id: element.id, x, y, width, height }
  })
}

/** The focused field is not covered by anything that announces (the strip, a status, an alert). */
export async function expectFocusUncovered(page: Page): Promise<void> {
  const focused = await focusedBox(page)
  expect(focused.width, 'a field has focus').toBeGreaterThan(1)
  for (const box of await announcementBoxes(page))
    expect(intersects(focused, box), `${focused.id} covered by ${JSON.stringify(box)}`).toBe(false)
}

/**
 * The sign-off's own line on a screen ("Planen är låst för underskrift. Version …"); the
 * note-taker's strip also says the plan is locked (for his socket), and is not this line.
 */
export function signoffStatus(page: Page): Locator {
  return page
    .getByRole('status')
    .filter({ hasText: /^Planen är (låst för underskrift|slutförd|öppen)/ })
    .filter({ hasNotText: 'Sidan visar den låsta versionen' })
}

/**
 * The browser's print dialog cannot be driven from a test: in this context `window.print()` only
 * counts the print jobs (`window.printJobs`).
 */
export async function countPrintJobs(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const counted = window as unknown as { printJobs: number }
    counted.printJobs = 0
    window.print = () => {
      counted.printJobs += 1
    }
  })
}

/** The header every state-changing API request carries (the server's CSRF check). */
export const CSRF = { 'X-SIP-Request': '1' }
/** UTF-8's byte order mark, which a CSV for Swedish Excel starts with. */
export const BOM = [0xef, 0xbb, 0xbf]

/** POSTs JSON as the signed-in context and answers the JSON reply; fails the test on an error status. */
export async function postJson(request: APIRequestContext, address: string, data: unknown): Promise<unknown> {
  const response = await request.post(address, { headers: CSRF, data })
  expect(response.ok(), `${address}: ${response.status()} ${await response.text()}`).toBe(true)
  return response.json()
}

/** The file `click` makes the page download: its bytes, and the name it was saved under. */
export async function downloadFrom(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  return { name: download.suggestedFilename(), bytes: await fs.readFile(await download.path()) }
}

/**
 * YYYY-MM-DD, `days` from today in Stockholm – the browsers' time zone in these flows, while the
 * machine running them may be on UTC (a local date would be yesterday's after midnight in Sweden).
 */
export function daysFromNow(days: number): string {
  return addDays(stockholmDay(Date.now()), days)
}
