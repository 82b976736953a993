import { type APIRequestContext, expect, test } from '@playwright/test'
import { pdfPageTexts } from '../../server/test/pdf-text'
import { countPrintJobs, createAdmin, expectNoAxeViolations, type StaffAccount, signIn } from './helpers'

/**
 * "Skriv ut alla kallelser" (issue 12): the convener prints every participant's invitation in one
 * print job – each with its own new link and QR code, one per page – and the earlier links stop
 * working. The meeting is set up over the API; what is tested is the set-up page and the printout.
 */

const CONVENER: StaffAccount = {
  email: 'karin.holm@solbacka.example',
  name: 'Karin Holm',
  password: 'ett långt lösenord för karin',
}

/** Six invitees, and Karin herself as chair: seven at the table, six invitations. */
const INVITEES = [
  { role: 'notetaker', organisation: 'elevhalsa', function: 'kurator', name: 'Amir Haddad' },
  { role: 'participant', organisation: 'bup', function: 'psykolog' },
  { role: 'participant', organisation: 'socialtjanst', function: 'socialsekreterare', name: 'Lena Berg' },
  { role: 'guardian', organisation: 'familj', function: 'vårdnadshavare', name: 'Sara Lind' },
  { role: 'guardian', organisation: 'familj', function: 'vårdnadshavare', name: 'Johan Lind' },
  { role: 'child', organisation: 'familj', function: 'elev', name: 'Elsa' },
] as const
/** How the set-up page names them (participantLabel). */
const LABELS = [
  'Amir Haddad, kurator, Elevhälsa',
  'psykolog, BUP',
  'Lena Berg, socialsekreterare, Socialtjänst',
  'Sara Lind, vårdnadshavare, Familj',
  'Johan Lind, vårdnadshavare, Familj',
  'Elsa, elev, Familj',
]

/** How the server names them to themselves (GET /api/session). */
const NAMES = ['Amir Haddad', 'psykolog, BUP', 'Lena Berg', 'Sara Lind', 'Johan Lind', 'Elsa']

const CSRF = { 'X-SIP-Request': '1' }

async function post(request: APIRequestContext, path: string, data?: unknown) {
  const response = await request.post(path, { headers: CSRF, ...(data === undefined ? {} : { data }) })
  expect(response.ok(), `${path}: ${response.status()}`).toBe(true)
  return response.json()
}

/** The text of each page of a PDF, whitespace removed (a long link breaks over lines). */
async function pdfPages(bytes: Buffer): Promise<string[]> {
  return (await pdfPageTexts(new Uint8Array(bytes))).map((page) => page.replace(/\s+/g, ''))
}

test.use({ timezoneId: 'Europe/Stockholm' })

test('a convener prints every invitation at once, each with its own new link and QR code on a page of its own', async ({
  browser,
}) => {
  // Seven page loads, three axe runs and a PDF on a shared two-core machine.
  test.setTimeout(180_000)
  createAdmin(CONVENER)
  const context = await browser.newContext({ timezoneId: 'Europe/Stockholm' })
  await countPrintJobs(context)
  const page = await context.newPage()
  await signIn(page, CONVENER)

  const startsAt = new Date(Date.now() + 25 * 24 * 3600 * 1000).toISOString()
  const meeting = (await post(page.request, '/api/meetings', {
    type: 'first',
    startsAt,
    durationMinutes: 90,
    place: 'Solbackaskolan, konferensrummet',
    childName: 'Elsa',
    purpose: 'Att Elsa ska komma tillbaka till skolan och må bättre.',
    childParticipation: 'part',
  })) as { id: string }
  await page.request.put(`/api/meetings/${meeting.id}/consent`, {
    headers: CSRF,
    data: {
      givenBy: [{ name: 'Sara Lind', relation: 'guardian' }],
      givenAt: new Date().toISOString().slice(0, 10),
      scope: 'Samordning mellan skola, BUP och socialtjänst.',
    },
  })
  await post(page.request, `/api/meetings/${meeting.id}/participants`, {
    role: 'chair',
    organisation: 'skola',
    function: 'rektor',
    name: CONVENER.name,
    isMe: true,
  })
  const earlier: string[] = []
  for (const invitee of INVITEES) {
    const added = (await post(page.request, `/api/meetings/${meeting.id}/participants`, invitee)) as {
      link: { url: string }
    }
    earlier.push(added.link.url)
  }

  await page.goto(`/moten/${meeting.id}`)
  await expect(page.getByRole('heading', { level: 1, name: 'SIP-möte för Elsa' })).toBeVisible()
  const participants = page.getByRole('region', { name: 'Deltagare', exact: true })
  // Karin convened it: her own row asks for no answer; the others have not answered yet.
  await expect(participants.getByRole('listitem').filter({ hasText: 'Karin Holm' })).not.toContainText('Svar')
  await expect(participants.getByRole('listitem').filter({ hasText: 'Amir Haddad' })).toContainText(
    'Inte svarat',
  )

  // Everyone already has a link: printing replaces them, and the screen says so first.
  await participants.getByRole('button', { name: 'Skriv ut alla kallelser' }).click()
  const confirm = page.getByRole('dialog', { name: 'Ersätta tidigare länkar?' })
  await expect(confirm).toContainText('6 deltagare har redan länkar som gäller')
  for (const label of LABELS) await expect(confirm).toContainText(label)
  await expect(confirm).not.toContainText('Karin Holm')
  await expect(confirm).toContainText('de tidigare länkarna slutar fungera direkt')
  await expectNoAxeViolations(page)
  await confirm.getByRole('button', { name: 'Skapa nya länkar och skriv ut' }).click()

  const panel = participants.getByRole('region', { name: 'Kallelser till 6 deltagare' })
  await expect(panel.getByRole('heading', { name: 'Kallelser till 6 deltagare' })).toBeFocused()
  await expect(panel.getByRole('status')).toHaveText('Kallelserna är klara att skriva ut.')
  await expect(panel).toContainText('Länkarna finns bara i den här utskriften')
  // One print job, opened by itself once every code is drawn.
  await expect.poll(() => page.evaluate(() => (window as unknown as { printJobs: number }).printJobs)).toBe(1)
  await expectNoAxeViolations(page)

  // The print view: only the invitations, one per participant, each with its own link and QR code.
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('heading', { level: 1, name: 'SIP-möte för Elsa' })).toBeHidden()
  const printed = page.getByRole('article', { name: 'Kallelse till SIP-möte' })
  await expect(printed).toHaveCount(LABELS.length)
  const links: string[] = []
  for (const [i, label] of LABELS.entries()) {
    const invitation = printed.nth(i)
    await expect(invitation).toBeVisible()
    await expect(invitation).toContainText(`Till: ${label}`)
    await expect(invitation).toContainText('Solbackaskolan, konferensrummet')
    const qr = invitation.getByRole('img', { name: `QR-kod med den personliga länken för ${label}` })
    await expect(qr).toBeVisible()
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    const url = (await invitation.locator('.print-invitation__url').textContent()) ?? ''
    expect(url).toMatch(/\/j#t=[A-Za-z0-9_-]{43}$/)
    links.push(url)
  }
  expect(new Set(links).size).toBe(LABELS.length)
  for (const url of links) expect(earlier).not.toContain(url)
  await expectNoAxeViolations(page)

  // One invitation per printed page, in the list's order, each page with its own link.
  const pages = await pdfPages(await page.pdf({ format: 'A4' }))
  expect(pages).toHaveLength(LABELS.length)
  for (const [i, label] of LABELS.entries()) {
    expect(pages[i]).toContain(label.replace(/\s+/g, ''))
    expect(pages[i]).toContain(links[i])
    for (const [j, other] of links.entries()) if (j !== i) expect(pages[i]).not.toContain(other)
  }
  await page.emulateMedia({ media: 'screen' })

  // Closing forgets the links; the list shows every participant's new link as active.
  await panel.getByRole('button', { name: 'Stäng' }).click()
  await expect(participants.getByRole('heading', { name: '7 inbjudna' })).toBeFocused()
  await expect(page.getByRole('article', { name: 'Kallelse till SIP-möte' })).toHaveCount(0)

  // The earlier links no longer open anything; each new one opens its own participant's invitation.
  const guest = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const phone = await guest.newPage()
  await phone.goto(earlier[3]!)
  await expect(phone.getByRole('heading', { level: 1, name: 'Länken gäller inte' })).toBeVisible()
  for (const [i, url] of links.entries()) {
    // From /j to /j#t=… would only change the fragment: start from a blank page each time.
    await phone.goto('about:blank')
    await phone.goto(url)
    await expect(phone).toHaveURL(new RegExp(`/m/${meeting.id}\\?as=[0-9a-f-]+$`))
    const as = new URL(phone.url()).searchParams.get('as')
    const session = await phone.request.get(`/api/session?as=${as}`)
    expect(((await session.json()) as { name: string }).name).toBe(NAMES[i])
  }
  await guest.close()
  await context.close()
})
