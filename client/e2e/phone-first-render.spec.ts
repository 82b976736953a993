import fs from 'node:fs'
import path from 'node:path'
import { type Browser, expect, type Page, test } from '@playwright/test'
import { createDemoMeeting, type DemoMeeting, linkFor } from './helpers'

/*
 * Issue 15: how long a participant's phone waits for the plan. The figure is reported (the test's
 * annotations, the console and, with SIP_PHONE_RENDER_OUT=<folder>, a JSON file and screenshots
 * there), never asserted: a shared machine makes wall-clock limits flaky. What is asserted is the
 * behaviour – the plan's text appears on a throttled phone opening its personal link.
 *
 * The phone: 390×844, the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate) and a slow 4G
 * network (CDP Network.emulateNetworkConditions: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up –
 * Lighthouse's mobile profile), an empty cache. SIP_PHONE_RENDER_RUNS sets how many phones open
 * a link one after another (3 by default; each gets a link of its own and a fresh browser context).
 */

const PHONE = { width: 390, height: 844 }
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1_000_000) / 8,
  uploadThroughput: (750 * 1_000) / 8,
}
const CPU_SLOWDOWN = 4
const RUNS = Number(process.env.SIP_PHONE_RENDER_RUNS ?? 3)
const OUT = process.env.SIP_PHONE_RENDER_OUT
const NOTE = 'Elsa vill slippa ont i magen på morgonen.'
const NOTES = 'Anteckningar från inledningen'

interface Run {
  /** Navigation start → the plan's note first in the document and laid out (ms, page clock). */
  planTextMs: number
  /** First contentful paint (ms), from the Performance API. */
  fcpMs: number | null
  /** Scripts the page fetched: their count and bytes over the wire (compressed). */
  scripts: number
  scriptTransferBytes: number
}

/** A note-taker writes the step-1 note, so there is plan text for the phones to wait for. */
async function writeNote(browser: Browser, meeting: DemoMeeting): Promise<void> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(linkFor(meeting, 'notetaker').url)
  await expect(page.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible()
  const editor = page.getByRole('textbox', { name: NOTES, exact: true })
  await editor.click()
  await editor.pressSequentially(NOTE)
  await expect(page.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible()
  await context.close()
}

/**
 * Watches the document from its first byte for the note and keeps the page clock's reading when it
 * is first there with a size (rendered, not only parsed), so the figure does not depend on how
 * often Playwright polls.
 */
function watchForNote(note: string): void {
  const found = () => {
    for (const element of document.querySelectorAll('[role="textbox"]')) {
      if (element.textContent?.includes(note) && element.getBoundingClientRect().height > 0) return true
    }
    return false
  }
  const observer = new MutationObserver(() => {
    if (!found()) return
    ;(window as unknown as { __planTextAt: number }).__planTextAt = performance.now()
    observer.disconnect()
  })
  observer.observe(document, { childList: true, subtree: true, characterData: true })
}

async function openThrottled(page: Page, url: string): Promise<Run> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  await page.addInitScript(watchForNote, NOTE)
  await page.goto(url)
  // The behaviour: the phone ends up on the meeting with the plan's note shown, read-only.
  await expect(page).toHaveURL(/\/m\/[^?]+\?as=[0-9a-f-]+$/, { timeout: 30_000 })
  const note = page.getByRole('textbox', { name: NOTES, exact: true })
  await expect(note).toContainText(NOTE, { timeout: 30_000 })
  await expect(note).not.toBeEditable()
  await page.waitForFunction(() => 'window' in globalThis && '__planTextAt' in window)
  const figures = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0]
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js'),
    )
    return {
      planTextMs: (window as unknown as { __planTextAt: number }).__planTextAt,
      fcpMs: paint ? paint.startTime : null,
      scripts: scripts.length,
      scriptTransferBytes: scripts.reduce((sum, entry) => sum + entry.transferSize, 0),
    }
  })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
  await cdp.detach()
  return {
    ...figures,
    planTextMs: Math.round(figures.planTextMs),
    fcpMs: figures.fcpMs && Math.round(figures.fcpMs),
  }
}

test('a participant opening the link on a slow phone sees the plan (first render reported)', async ({
  browser,
}) => {
  test.setTimeout(60_000 + RUNS * 45_000)
  const runs: Run[] = []
  for (let run = 0; run < RUNS; run++) {
    // A meeting of its own for each phone: a personal link opens once per browser.
    const meeting = createDemoMeeting()
    await writeNote(browser, meeting)
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    runs.push(await openThrottled(page, linkFor(meeting, 'guardian').url))
    if (OUT && run === 0) {
      fs.mkdirSync(OUT, { recursive: true })
      await expect(page.getByRole('status').filter({ hasText: /^Sparat$/ })).toBeVisible()
      await page.screenshot({ path: path.join(OUT, 'participant-390.png'), fullPage: true })
    }
    await context.close()
  }

  const sorted = runs.map((r) => r.planTextMs).sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  const report = {
    profile: { viewport: PHONE, cpuSlowdown: CPU_SLOWDOWN, network: SLOW_4G, cache: 'disabled' },
    runs,
    medianPlanTextMs: median,
  }
  const summary = `plan text visible after ${runs.map((r) => r.planTextMs).join(' / ')} ms (median ${median} ms); FCP ${runs.map((r) => r.fcpMs).join(' / ')} ms; scripts ${runs[0]?.scriptTransferBytes} bytes over the wire`
  test.info().annotations.push({ type: 'phone first render', description: summary })
  console.log(`phone first render (4× CPU, slow 4G, 390×844): ${summary}`)
  if (OUT) fs.writeFileSync(path.join(OUT, 'phone-first-render.json'), JSON.stringify(report, null, 2))
})
