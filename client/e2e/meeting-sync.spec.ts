import { expect, test } from '@playwright/test'
import { createDemoMeeting, expectNoAxeViolations, linkFor } from './helpers'

test('a note-taker types and a participant on another device sees it live, read-only', async ({
  browser,
}) => {
  const meeting = createDemoMeeting()
  const notetakerContext = await browser.newContext()
  const participantContext = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const notetaker = await notetakerContext.newPage()
  const participant = await participantContext.newPage()
  // Which scripts each screen downloads: the editor is for people who write.
  const scripts = (page: typeof participant) => {
    const urls: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'script') urls.push(new URL(request.url()).pathname)
    })
    return urls
  }
  const notetakerScripts = scripts(notetaker)
  const participantScripts = scripts(participant)

  await notetaker.goto(linkFor(meeting, 'notetaker').url)
  await participant.goto(linkFor(meeting, 'guardian').url)
  for (const page of [notetaker, participant]) {
    // The join page exchanged the link for a cookie and went on to the meeting.
    await expect(page).toHaveURL(new RegExp(`/m/${meeting.meetingId}\\?as=[0-9a-f-]+$`))
    await expect(page.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible()
    // The token has left the address bar.
    expect(page.url()).not.toContain('#t=')
  }
  await expect(notetaker.getByText('Du är med som: Amir Haddad, Sekreterare')).toBeVisible()

  const editor = notetaker.getByRole('textbox', { name: 'Anteckningar från inledningen', exact: true })
  await editor.click()
  await editor.pressSequentially('Elsa vill slippa ont i magen på morgonen.')
  await expect(
    participant.getByRole('textbox', { name: 'Anteckningar från inledningen', exact: true }),
  ).toContainText('Elsa vill slippa ont i magen på morgonen.')
  // Read only, and without the editor: the text is rendered from the document, not editable at all.
  const read = participant.getByRole('textbox', { name: 'Anteckningar från inledningen', exact: true })
  await expect(read).not.toBeEditable()
  await expect(read).not.toHaveAttribute('contenteditable')
  await expect(participant.locator('[contenteditable]')).toHaveCount(0)
  expect(notetakerScripts.some((path) => path.includes('/PlanEditor-'))).toBe(true)
  expect(participantScripts.some((path) => path.includes('/PlanEditor-'))).toBe(false)

  // Presence in text: the guardian sees the note-taker by the name the server knows.
  await expect(participant.getByRole('region', { name: 'Här nu' })).toContainText('Amir Haddad (Sekreterare)')

  await expectNoAxeViolations(notetaker)
  await expectNoAxeViolations(participant)
  await notetakerContext.close()
  await participantContext.close()
})

test('a link that is not valid says so instead of showing an empty meeting', async ({ page }) => {
  await page.goto(`/j#t=${'A'.repeat(43)}`)
  await expect(page.getByRole('heading', { name: 'Länken gäller inte' })).toBeVisible()
  // The token left the address bar at once, even though it was refused.
  expect(new URL(page.url()).hash).toBe('')
  await expectNoAxeViolations(page)
})

test('a meeting address without a participant cookie does not open the meeting', async ({ page }) => {
  const meeting = createDemoMeeting()
  await page.goto(`/m/${meeting.meetingId}`)
  await expect(page.getByRole('heading', { name: 'Länken fungerar inte' })).toBeVisible()
  await page.goto(`/m/${meeting.meetingId}?as=00000000-0000-4000-8000-000000000000`)
  await expect(page.getByRole('heading', { name: 'Länken gäller inte' })).toBeVisible()
})

test('if the editor cannot be downloaded, the note-taker still reads the plan and is told to reload', async ({
  page,
}) => {
  const meeting = createDemoMeeting()
  // As after an update of the server while the page was open: the editor's file is gone.
  await page.route(/\/assets\/PlanEditor-[^/]+\.js$/, (route) => route.fulfill({ status: 404, body: '' }))
  await page.goto(linkFor(meeting, 'notetaker').url)
  await expect(page.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Ladda om sidan för att skriva här.' }).first(),
  ).toBeVisible()
  // The page is still there: the plan's parts are readable, not editable.
  const opening = page.getByRole('textbox', { name: 'Anteckningar från inledningen', exact: true })
  await expect(opening).toBeVisible()
  await expect(opening).not.toBeEditable()
})

test('if the English texts cannot be downloaded, the page stays in Swedish and says so', async ({ page }) => {
  const meeting = createDemoMeeting()
  await page.route(/\/assets\/en-[^/]+\.js$/, (route) => route.fulfill({ status: 404, body: '' }))
  await page.goto(linkFor(meeting, 'guardian').url)
  await expect(page.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible()
  await page.getByRole('button', { name: 'Change language to English' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Engelska texter kunde inte laddas' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv')
  await expect(page.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible()
})
