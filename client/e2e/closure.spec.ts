import fs from 'node:fs/promises'
import { type BrowserContext, expect, type Page, test } from '@playwright/test'
import { closeSipInDataDir } from '../../server/test/close-sip'
import {
  countPrintJobs,
  createAdmin,
  createDemoMeeting,
  type DemoMeeting,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  linkFor,
  pdfText,
  type StaffAccount,
  signIn,
} from './helpers'

/**
 * P9, P10: once a SIP is closed, every participant link opens the closure notice – read-only, no
 * sync socket – to read, print and download; administrators set the notice's text of where to
 * turn. The SIP is closed straight in the server's database through its store
 * (server/test/close-sip.ts, the way the operator CLI writes to it): the close route's own tests
 * prove what closing does besides.
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

/** Closes the demo meeting's SIP as of 12 May 2027, with Amir as huvudansvarig. */
function closeSip(meeting: DemoMeeting): void {
  closeSipInDataDir(
    process.env.SIP_E2E_DATA!,
    meeting.meetingId,
    { closedOn: '2027-05-12', reason: 'no-joint-support' },
    {
      organisation: 'elevhalsa',
      organisationOther: '',
      function: 'kurator',
      name: 'Amir Haddad',
      userId: null,
      fromDate: '2027-01-10',
      meetingId: null,
    },
  )
}

/** Opens a role's link in a context of its own; records every WebSocket the page opens. */
async function openLink(
  context: BrowserContext,
  meeting: DemoMeeting,
  role: 'guardian' | 'child',
): Promise<{ page: Page; sockets: string[] }> {
  const page = await context.newPage()
  const sockets: string[] = []
  page.on('websocket', (socket) => sockets.push(socket.url()))
  await page.goto(linkFor(meeting, role).url)
  await expect(page).toHaveURL(new RegExp(`/m/${meeting.meetingId}\\?as=[0-9a-f-]+$`))
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
  const meeting = createDemoMeeting()
  closeSip(meeting)
  const contexts: BrowserContext[] = []
  try {
    const guardianContext = await browser.newContext({ viewport: PHONE })
    contexts.push(guardianContext)
    await countPrintJobs(guardianContext)
    const { page: guardian, sockets } = await openLink(guardianContext, meeting, 'guardian')

    await expect(
      guardian.getByRole('heading', { level: 1, name: 'SIP:en för Elsa är avslutad' }),
    ).toBeVisible()
    const notice = guardian.getByRole('article')
    await expect(notice).toContainText(
      'Från och med 12 maj 2027 gäller inte längre den samordnade individuella planen (SIP) för Elsa.',
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
    expect(download.suggestedFilename()).toBe('SIP-avslut-2027-05-12.pdf')
    const pdf = await pdfText(await fs.readFile(await download.path()))
    expect(pdf).toContain('SIP:en för Elsa är avslutad')
    expect(pdf).toContain('Från och med 12 maj 2027 gäller inte längre')
    expect(pdf).toContain('Elsa behöver inte längre stöd från både kommunen och regionen samtidigt.')

    // At 320 px nothing scrolls sideways either.
    await guardian.setViewportSize({ width: 320, height: 700 })
    await expectNoHorizontalScroll(guardian)

    // The child's link: greeted by name, the same notice.
    const childContext = await browser.newContext({ viewport: PHONE })
    contexts.push(childContext)
    const { page: child, sockets: childSockets } = await openLink(childContext, meeting, 'child')
    await expect(child.getByText('Hej Elsa!')).toBeVisible()
    await expect(child.getByRole('heading', { level: 1, name: 'SIP:en för Elsa är avslutad' })).toBeVisible()
    expect(childSockets).toEqual([])
    await expectNoAxeViolations(child)

    // In English, the English notice.
    await child.getByRole('button', { name: 'Change language to English' }).click()
    await expect(child.getByRole('heading', { level: 1, name: 'The SIP for Elsa has ended' })).toBeVisible()
    await expect(child.getByRole('article')).toContainText('From 12 May 2027')
    await expectNoAxeViolations(child)
  } finally {
    for (const context of contexts) await context.close()
  }
})
