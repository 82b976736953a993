import { expect, type Locator, type Page, test } from '@playwright/test'
import {
  createDemoMeeting,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  focusedId,
  linkFor,
  typeDate,
} from './helpers'

/**
 * The plan components (client/plan) in the scenario's step 1–3: Amir, the note-taker, fills in
 * attendance, the needs, a goal and a support using only the keyboard; Sara, a guardian on her
 * phone, sees all of it as it is written, as text she can read but not change.
 */

/** A change made on one screen shows on the others within this (a Yjs update over the socket). */
const LIVE = { timeout: 2_000 }

async function open(page: Page, url: string, meetingId: string): Promise<void> {
  await page.goto(url)
  await expect(page).toHaveURL(new RegExp(`/m/${meetingId}\\?as=[0-9a-f-]+$`))
  await expect(page.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible()
}

/** A step of the plan: the section headed "3. Behov". */
function step(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true })
}

test('the note-taker fills in the plan by keyboard; a guardian sees it live, read-only', async ({
  browser,
}) => {
  const meeting = createDemoMeeting()
  const notetakerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const guardianContext = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const notetaker = await notetakerContext.newPage()
  const guardian = await guardianContext.newPage()
  await open(notetaker, linkFor(meeting, 'notetaker').url, meeting.meetingId)
  await open(guardian, linkFor(meeting, 'guardian').url, meeting.meetingId)

  // The set-up the server wrote heads the plan on both screens.
  for (const page of [notetaker, guardian]) {
    const about = page.getByRole('region', { name: 'Om mötet' })
    await expect(about).toContainText('Elsa')
    await expect(about).toContainText('Första möte')
  }

  // Step 1: attendance, one radio group per invited person, named by the person.
  const opening = step(notetaker, '1. Inledning')
  const sara = opening.getByRole('group', { name: /^Sara/ })
  await sara.getByRole('radio', { name: 'Närvarande' }).focus()
  await notetaker.keyboard.press('Space')
  await expect(sara.getByRole('radio', { name: 'Närvarande' })).toBeChecked()
  const bup = opening.getByRole('group', { name: /^psykolog, BUP/ })
  await bup.getByRole('radio', { name: 'Närvarande' }).focus()
  // Arrow keys move through a radio group and choose as they go.
  await notetaker.keyboard.press('ArrowRight')
  await expect(bup.getByRole('radio', { name: 'Digitalt' })).toBeChecked()

  // Step 3: the needs, in a rich-text field; a bulleted list does not keep Tab for itself.
  const needs = notetaker.getByRole('textbox', { name: 'Behov', exact: true })
  await needs.focus()
  await notetaker.keyboard.type('Elsa behöver stöd på morgnarna.')
  await notetaker.keyboard.press('Enter')
  await notetaker.keyboard.type('- En trygg start på dagen')
  await notetaker.keyboard.press('Enter')
  await notetaker.keyboard.type('En kompis i klassen')
  await expect(needs.getByRole('listitem')).toHaveCount(2)
  await notetaker.keyboard.press('Tab')
  await expect(notetaker.getByRole('button', { name: 'Lägg till mål på lång sikt' })).toBeFocused()
  await expect(needs.locator('ul ul')).toHaveCount(0)

  // A long-term goal: the new goal takes the cursor; "by when" is flagged until it is filled in.
  await notetaker.keyboard.press('Enter')
  const goal = step(notetaker, '3. Behov').getByRole('group', { name: 'Mål på lång sikt 1' })
  await expect(goal.getByRole('textbox', { name: 'Målet' })).toBeFocused()
  await notetaker.keyboard.type('Elsa går i skolan hela dagar och mår bra')
  await notetaker.keyboard.press('Tab')
  await notetaker.keyboard.type('Närvaro i skolan varje vecka')
  await expect(goal.getByText('Inte klart: skriv till när målet ska vara nått.')).toBeVisible()
  const byWhen = goal.getByLabel('Till när')
  await expect(byWhen).toHaveAttribute('aria-invalid', 'true')
  await notetaker.keyboard.press('Tab')
  await expect(byWhen).toBeFocused()
  await typeDate(notetaker, byWhen, '2027-06-11')
  await expect(goal.getByText('Inte klart: skriv till när målet ska vara nått.')).toHaveCount(0)
  await expect(byWhen).not.toHaveAttribute('aria-invalid')

  // A support: it needs an owner; it is linked to the goal through a list box.
  const addSupport = notetaker.getByRole('button', { name: 'Lägg till insats' })
  await addSupport.focus()
  await notetaker.keyboard.press('Enter')
  const support = step(notetaker, '3. Behov').getByRole('group', { name: 'Insats 1' })
  await expect(support.getByRole('textbox', { name: 'Vad' })).toBeFocused()
  await notetaker.keyboard.type('Samtal med kurator varje måndag morgon')
  await expect(support.getByText(/^Inte klart: skriv vem som ansvarar/)).toBeVisible()
  // Straight on to the responsible: whose part it is has a default and comes after the main line.
  await notetaker.keyboard.press('Tab')
  await expect(support.getByRole('textbox', { name: 'Ansvarig person eller funktion' })).toBeFocused()
  await expect(support.getByRole('combobox', { name: 'Vems del' })).toHaveValue('agency')
  await notetaker.keyboard.type('Amir Haddad, kurator')
  await expect(support.getByText(/^Inte klart: skriv vem som ansvarar/)).toHaveCount(0)
  const goalChoice = support.getByRole('combobox', { name: 'Målet som insatsen hör till' })
  await goalChoice.focus()
  await notetaker.keyboard.press('ArrowDown')
  await expect(goalChoice).toHaveValue(/^[0-9a-f-]{36}$/)
  expect(await focusedId(notetaker)).toMatch(/goalId$/)

  // Sara's phone: everything above, live, as text.
  const seen = step(guardian, '3. Behov')
  await expect(guardian.getByRole('textbox', { name: 'Behov', exact: true })).toContainText(
    'Elsa behöver stöd på morgnarna.',
    LIVE,
  )
  await expect(guardian.getByRole('textbox', { name: 'Behov', exact: true })).toContainText(
    'En kompis i klassen',
    LIVE,
  )
  await expect(seen.getByText('Elsa går i skolan hela dagar och mår bra', { exact: true })).toBeVisible(LIVE)
  await expect(seen).toContainText('11 juni 2027', LIVE)
  await expect(seen.getByText('Samtal med kurator varje måndag morgon', { exact: true })).toBeVisible(LIVE)
  await expect(seen).toContainText('Amir Haddad, kurator', LIVE)
  await expect(seen).toContainText('Mål på lång sikt 1: Elsa går i skolan hela dagar och mår bra', LIVE)
  const attendance = step(guardian, '1. Inledning').getByRole('listitem')
  await expect(attendance.filter({ hasText: /^Sara/ })).toContainText('Närvarande', LIVE)
  await expect(attendance.filter({ hasText: /^psykolog, BUP/ })).toContainText('Digitalt', LIVE)

  // Read-only means text: no form controls, and the rich text cannot be edited.
  await expect(guardian.locator('.plan').locator('input, select, textarea')).toHaveCount(0)
  await expect(guardian.getByRole('textbox', { name: 'Behov', exact: true })).not.toBeEditable()
  await expect(guardian.locator('[contenteditable]')).toHaveCount(0)
  await expectNoHorizontalScroll(guardian)

  await expectNoAxeViolations(notetaker)
  await expectNoAxeViolations(guardian)
  await notetakerContext.close()
  await guardianContext.close()
})
