import fs from 'node:fs/promises'
import { type APIRequestContext, type BrowserContext, expect, type Page, test } from '@playwright/test'
import { dateInWords } from '../../shared/closure/notice'
import { stockholmDay } from '../../shared/dates'
import {
  countPrintJobs,
  createAdmin,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  pdfText,
  type StaffAccount,
  signIn,
} from './helpers'

/**
 * P9, P10: once a SIP is closed, every participant link opens the closure notice – read-only, no
 * sync socket – to read, print and download; administrators set the notice's text of where to
 * turn. The SIP is set up and closed over the API by its convener, who is also its huvudansvarig
 * (POST /api/sips/:id/close); what is tested is what the family's links then show.
 */

const ADMIN: StaffAccount = {
  email: 'ulla.admin@closure.example',
  name: 'Ulla Admin',
  password: 'ett långt lösenord för ulla',
}
const HELP = {
  sv: 'Ring Solbacka skolas kurator på 08-123 45 67.\n\nDu kan också kontakta BUP Handen. Alla kan be om en ny SIP.',
  en: "Call Solbacka school's counsellor on 08-123 45 67.",
}

const PHONE = { width: 390, height: 844 }
/** The SIP is closed today, the day of the test in Stockholm. */
const TODAY = stockholmDay(Date.now())

const AMIR: StaffAccount = {
  email: 'amir.haddad@closure.example',
  name: 'Amir Haddad',
  password: 'ett långt lösenord för amir',
}
const CSRF = { 'X-SIP-Request': '1' }

async function send(request: APIRequestContext, method: 'post' | 'put', path: string, data: unknown) {
  const response = await request[method](path, { headers: CSRF, data })
  expect(response.ok(), `${path}: ${response.status()}`).toBe(true)
  return response.json()
}

/**
 * Amir convenes a meeting for Elsa with Sara and Elsa invited, is recorded as huvudansvarig, and
 * closes the SIP today because Elsa no longer needs both principals. Answers the family's links.
 */
async function closedSip(request: APIRequestContext): Promise<{ guardian: string; child: string }> {
  const login = await request.post('/api/auth/login', {
    headers: CSRF,
    data: { email: AMIR.email, password: AMIR.password },
  })
  expect(login.ok()).toBe(true)
  const meeting = (await send(request, 'post', '/api/meetings', {
    type: 'first',
    startsAt: new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString(),
    durationMinutes: 60,
    place: 'Solbackaskolan',
    childName: 'Elsa',
    purpose: 'Att planera stödet till Elsa.',
    childParticipation: 'part',
  })) as { id: string; sipId: string }
  await send(request, 'put', `/api/meetings/${meeting.id}/consent`, {
    givenBy: [{ name: 'Sara Lind', relation: 'guardian' }],
    givenAt: TODAY,
    scope: 'Samordning mellan skola och BUP.',
  })
  const invite = async (person: Record<string, string>) =>
    (
      (await send(request, 'post', `/api/meetings/${meeting.id}/participants`, person)) as {
        link: { url: string }
      }
    ).link.url
  const guardian = await invite({
    role: 'guardian',
    organisation: 'familj',
    function: 'vårdnadshavare',
    name: 'Sara Lind',
  })
  const child = await invite({ role: 'child', organisation: 'familj', function: 'elev', name: 'Elsa' })
  await send(request, 'post', `/api/sips/${meeting.sipId}/responsible`, {
    organisation: 'elevhalsa',
    function: 'kurator',
    name: 'Amir Haddad',
    fromDate: TODAY,
    email: AMIR.email,
  })
  await send(request, 'post', `/api/sips/${meeting.sipId}/close`, {
    reason: 'no-joint-support',
    closedOn: TODAY,
  })
  return { guardian, child }
}

/** Opens a personal link in a context of its own; records every WebSocket the page opens. */
async function openLink(context: BrowserContext, url: string): Promise<{ page: Page; sockets: string[] }> {
  const page = await context.newPage()
  const sockets: string[] = []
  page.on('websocket', (socket) => sockets.push(socket.url()))
  await page.goto(url)
  await expect(page).toHaveURL(/\/m\/[0-9a-f-]+\?as=[0-9a-f-]+$/)
  return { page, sockets }
}

test('P10: an administrator writes where a family turns if the need returns, in Swedish and English', async ({
  page,
}) => {
  createAdmin(ADMIN)
  await signIn(page, ADMIN)
  await page.goto('/admin/anvandare')
  const section = page.getByRole('region', { name: 'Text i beskedet om avslut' })
  const svenska = section.getByLabel('Svenska')
  const english = section.getByLabel('English')
  // Until someone writes it, the default text.
  await expect(svenska).toHaveValue(/Alla kan ta initiativ till en ny SIP\./)
  await expect(english).toHaveValue(/Anyone can take the initiative for a new SIP\./)
  await expectNoAxeViolations(page)

  // Empty is refused, naming the field; nothing is saved.
  await svenska.fill('')
  await section.getByRole('button', { name: 'Spara texten' }).click()
  await expect(page.getByRole('alert')).toContainText('Text på svenska')
  await expect(svenska).toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page)

  await svenska.fill(HELP.sv)
  await english.fill(HELP.en)
  await section.getByRole('button', { name: 'Spara texten' }).click()
  await expect(section.getByRole('status')).toHaveText(/Texten är sparad/)
  await page.reload()
  await expect(
    page.getByRole('region', { name: 'Text i beskedet om avslut' }).getByLabel('Svenska'),
  ).toHaveValue(HELP.sv)
})

test('P9: after closure the guardian’s and the child’s links open the notice – read, print, download – and nothing to write', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  createAdmin(AMIR)
  const contexts: BrowserContext[] = []
  try {
    const staffContext = await browser.newContext()
    contexts.push(staffContext)
    const links = await closedSip(staffContext.request)

    const guardianContext = await browser.newContext({ viewport: PHONE })
    contexts.push(guardianContext)
    await countPrintJobs(guardianContext)
    const { page: guardian, sockets } = await openLink(guardianContext, links.guardian)

    await expect(
      guardian.getByRole('heading', { level: 1, name: 'SIP:en för Elsa är avslutad' }),
    ).toBeVisible()
    const notice = guardian.getByRole('article')
    await expect(notice).toContainText(
      `Från och med ${dateInWords(TODAY, 'sv')} gäller inte längre den samordnade individuella planen (SIP) för Elsa.`,
    )
    await expect(notice).toContainText(
      'Elsa behöver inte längre stöd från både kommunen och regionen samtidigt.',
    )
    await expect(notice.getByRole('heading', { level: 2, name: 'Om behovet kommer tillbaka' })).toBeVisible()
    await expect(notice).toContainText('Amir Haddad (kurator, Elevhälsa)')
    // The installation's text: the first test's, if it ran; the default otherwise.
    await expect(notice).toContainText(/Alla kan (ta initiativ till|be om) en ny SIP\./)
    await expect(guardian.getByText('Mötet hölls inte innan SIP:en avslutades')).toBeVisible()

    // Read-only: no socket, nothing to type into, nothing to sign.
    expect(sockets).toEqual([])
    await expect(guardian.locator('input, textarea, select, [contenteditable="true"]')).toHaveCount(0)
    await expect(guardian.getByRole('button', { name: /Skriv under|Starta/ })).toHaveCount(0)
    await expectNoHorizontalScroll(guardian)
    await expectNoAxeViolations(guardian)

    // Print: the notice alone on paper.
    await guardian.getByRole('button', { name: 'Skriv ut' }).click()
    await expect
      .poll(() => guardian.evaluate(() => (window as unknown as { printJobs: number }).printJobs))
      .toBe(1)
    await guardian.emulateMedia({ media: 'print' })
    await expect(notice).toBeVisible()
    await expect(guardian.getByRole('button', { name: 'Skriv ut' })).toBeHidden()
    await expect(guardian.getByRole('heading', { name: 'Protokollet från mötet' })).toBeHidden()
    await guardian.emulateMedia({ media: 'screen' })

    // Download: the same words as a PDF.
    const [download] = await Promise.all([
      guardian.waitForEvent('download'),
      guardian.getByRole('link', { name: 'Ladda ner beskedet (PDF)' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`SIP-avslut-${TODAY}.pdf`)
    const pdf = await pdfText(await fs.readFile(await download.path()))
    expect(pdf).toContain('SIP:en för Elsa är avslutad')
    expect(pdf).toContain(`Från och med ${dateInWords(TODAY, 'sv')} gäller inte längre`)
    expect(pdf).toContain('Elsa behöver inte längre stöd från både kommunen och regionen samtidigt.')

    // At 320 px nothing scrolls sideways either.
    await guardian.setViewportSize({ width: 320, height: 700 })
    await expectNoHorizontalScroll(guardian)

    // The child's link: greeted by name, the same notice.
    const childContext = await browser.newContext({ viewport: PHONE })
    contexts.push(childContext)
    const { page: child, sockets: childSockets } = await openLink(childContext, links.child)
    await expect(child.getByText('Hej Elsa!')).toBeVisible()
    await expect(child.getByRole('heading', { level: 1, name: 'SIP:en för Elsa är avslutad' })).toBeVisible()
    expect(childSockets).toEqual([])
    await expectNoAxeViolations(child)

    // In English, the English notice.
    await child.getByRole('button', { name: 'Change language to English' }).click()
    await expect(child.getByRole('heading', { level: 1, name: 'The SIP for Elsa has ended' })).toBeVisible()
    await expect(child.getByRole('article')).toContainText(`From ${dateInWords(TODAY, 'en')}`)
    await expectNoAxeViolations(child)
  } finally {
    for (const context of contexts) await context.close()
  }
})
