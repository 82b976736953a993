import { type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test'
import {
  chairToClosing,
  createDemoMeeting,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  expectNoSystemWords,
  linkFor,
  openRole,
} from './helpers'

/**
 * Texts per person (issue 12): Elsa follows the meeting on her phone in plain words – no role
 * names, no "Sparat", no version codes, no void signatures, before and after the plan is locked
 * and finalized – and answers "Är du nöjd med mötet?" without signing. Sara (guardian) is asked
 * about her family's part, not about "din verksamhet".
 */

/** A change reaches every screen well within this (a Yjs update or a meetingState frame). */
const LIVE = { timeout: 2_000 }
const PHONE = { width: 390, height: 844 }

/** What each step asks, word for word, of the child and of a guardian (shared/circle.ts). */
const CHILD_TEXTS = [
  'Nu säger alla vem de är. Du får börja om du vill.',
  'Hur har du det just nu? Vad är viktigt för dig?',
  'Vad vill du ska bli bättre? Vem ska hjälpa dig med vad?',
  'Nu säger vi tillsammans vem som gör vad. Vem vill du ska hålla ihop planen?',
  'Nu läser vi planen tillsammans och skriver under. Är du nöjd med mötet?',
]
const GUARDIAN_TEXTS = [
  'Säg ditt namn och vem du är för barnet. Ni i familjen får gärna börja.',
  'Berätta hur du ser på situationen just nu. Vad fungerar bra hemma och i skolan, och vad är svårt?',
  'Vad kan ni i familjen göra, och vad behöver ni hjälp med? Säg till om något är oklart.',
  'Stämmer det som sägs med det ni har kommit överens om? Säg till om något saknas eller om du inte håller med.',
  'Läs planen och skriv under om du håller med. Du får en egen kopia. Är du nöjd med mötet?',
]
const STEP_TITLES = ['Inledning', 'Aktuell situation', 'Behov', 'Sammanfattning', 'Avslutning']

const contexts: BrowserContext[] = []

test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close()
})

async function expectReflowAt320(page: Page): Promise<void> {
  const size = page.viewportSize()!
  await page.setViewportSize({ width: 320, height: 640 })
  await expectNoHorizontalScroll(page)
  await page.setViewportSize(size)
}

function chairPanel(chair: Page): Locator {
  return chair.getByRole('region', { name: 'Underskrift' })
}

/** The end of the meeting on the child's screen: signing, satisfaction, the plan to keep. */
function childEnd(child: Page): Locator {
  return child.getByRole('region', { name: 'Slutet på mötet' })
}

test('the child and a guardian follow the meeting in their own words, and both answer "Är du nöjd med mötet?" without signing', async ({
  browser,
}) => {
  // Three browsers through five steps, a lock and a finalization, with four axe runs.
  test.setTimeout(120_000)
  const meeting = createDemoMeeting()
  const childName = linkFor(meeting, 'child').name
  const chair = (await openRole(browser, meeting, 'chair', { width: 1440, height: 900 }, contexts)).page
  const guardian = (await openRole(browser, meeting, 'guardian', PHONE, contexts)).page
  const child = (await openRole(browser, meeting, 'child', PHONE, contexts)).page

  // The child is greeted by name; the guardian's screen names her role as before.
  await expect(child.getByText(`Hej ${childName}!`)).toBeVisible()
  await expect(guardian.getByText(/^Du är med som: .+, Vårdnadshavare$/)).toBeVisible()
  await expect(child.getByRole('region', { name: 'Nu i mötet' })).toContainText(
    'Mötet har inte börjat än. Snart börjar vi!',
  )
  await expectNoSystemWords(child)
  await expectNoAxeViolations(child)

  await chair.getByRole('button', { name: 'Starta mötet' }).click()
  for (let step = 1; step <= 5; step++) {
    if (step > 1) await chair.getByRole('button', { name: 'Nästa steg' }).click()
    const title = STEP_TITLES[step - 1]!
    const now = child.getByRole('region', { name: 'Nu i mötet' })
    await expect(now).toContainText(`Steg ${step} av 5: ${title}.`, LIVE)
    await expect(now).toContainText(CHILD_TEXTS[step - 1]!)
    await expectNoSystemWords(child)

    const card = guardian.getByRole('region', { name: /^Nu: steg/ })
    await expect(card).toContainText(`Nu: steg ${step} av 5 – ${title}`, LIVE)
    await expect(card).toContainText(GUARDIAN_TEXTS[step - 1]!)
    // Not on the card, and not in the plan's step guides either.
    await expect(guardian.locator('main')).not.toContainText('din verksamhet')
    await expect(guardian.locator('main')).not.toContainText('Vad kan din verksamhet bidra med?')
  }
  await expectNoAxeViolations(guardian)
  await expectReflowAt320(guardian)
  await expectReflowAt320(child)

  // The chair locks the plan: the child reads that it is ready, in plain words.
  await chairPanel(chair).getByRole('button', { name: 'Lås planen för underskrift' }).click()
  await chair
    .getByRole('dialog', { name: 'Lås planen för underskrift?' })
    .getByRole('button', { name: 'Lås planen' })
    .click()
  await expect(
    child.getByRole('status').filter({ hasText: /^Planen är klar\. Nu skriver alla under\./ }),
  ).toBeVisible(LIVE)
  const end = childEnd(child)
  await expect(end.getByRole('group', { name: 'Vill du skriva under planen?' })).toBeVisible()
  await expect(end.getByRole('link', { name: 'Spara planen (PDF)' })).toBeVisible()
  await expectNoSystemWords(child)

  // Sara is asked too, beside her own sign form – before she signs.
  await expect(guardian.getByRole('group', { name: 'Skriv under planen' })).toBeVisible(LIVE)
  await expect(guardian.getByRole('group', { name: 'Är du nöjd med mötet?' })).toBeVisible()

  // Elsa answers with a face, without signing. Sending without a choice says what is missing.
  const question = end.getByRole('group', { name: 'Är du nöjd med mötet?' })
  await expect(question.getByRole('radio')).toHaveCount(5)
  await question.getByRole('button', { name: 'Skicka' }).click()
  await expect(question.getByRole('alert')).toHaveText('Välj hur nöjd du är.')
  await expect(question.getByRole('radio', { name: 'Inte alls nöjd' })).toBeFocused()
  await expectNoAxeViolations(child)
  // By keyboard, the way a screen reader user would: arrows move through the faces.
  await child.keyboard.press('ArrowRight')
  await child.keyboard.press('ArrowRight')
  await child.keyboard.press('ArrowRight')
  await expect(question.getByRole('radio', { name: 'Nöjd', exact: true })).toBeChecked()
  await question.getByRole('radio', { name: 'Jättenöjd' }).check()
  await question.getByRole('textbox', { name: /Vill du säga något mer/ }).fill('Bra att jag fick börja.')
  await question.getByRole('button', { name: 'Skicka' }).click()
  await expect(end.getByText('Tack för att du svarade!')).toBeVisible()
  // She has not signed: the sign form is still hers to use.
  await expect(end.getByRole('group', { name: 'Vill du skriva under planen?' })).toBeVisible()
  await expect(end).not.toContainText('Du har skrivit under')

  // Sara answers without signing too.
  const asked = guardian.getByRole('group', { name: 'Är du nöjd med mötet?' })
  await asked.getByRole('radio', { name: '4 – nöjd' }).check()
  await asked.getByRole('button', { name: 'Skicka svaret' }).click()
  await expect(guardian.getByText('Tack för ditt svar!')).toBeVisible()
  await expect(guardian.getByRole('group', { name: 'Skriv under planen' })).toBeVisible()

  // The chair finalizes (with a reason for anyone present who has not signed).
  const finalize = chairPanel(chair).getByRole('group', { name: 'Slutför planen' })
  const reasons = finalize.getByRole('textbox')
  for (let i = 0; i < (await reasons.count()); i++) await reasons.nth(i).fill('skriver under senare')
  await finalize.getByRole('button', { name: 'Slutför' }).click()
  await expect(
    child.getByRole('status').filter({ hasText: /^Planen är klar\.( \d+ av \d+ har skrivit under\.)?$/ }),
  ).toBeVisible(LIVE)
  await expect(end.getByRole('group', { name: 'Vill du skriva under planen?' })).toHaveCount(0)
  // The meeting is over for her too: not what step 5 asked.
  await expect(child.getByRole('region', { name: 'Nu i mötet' })).toHaveText(
    /Mötet är slut\. Tack för att du var med!/,
  )
  await expect(child.getByRole('region', { name: 'Nu i mötet' })).not.toContainText(CHILD_TEXTS[4]!)
  await expectNoSystemWords(child)
  await expectNoAxeViolations(child)
  await expectReflowAt320(child)

  // After a reload the question is not asked again, and the screen stays plain.
  await child.reload()
  await expect(child.getByRole('status').filter({ hasText: 'Du är med' })).toBeVisible()
  await expect(childEnd(child).getByText('Tack för att du svarade!')).toBeVisible()
  await expect(childEnd(child).getByRole('group', { name: 'Är du nöjd med mötet?' })).toHaveCount(0)
  await expectNoSystemWords(child)
})

test('the child signs on her own phone in plain words, and sees who has signed by name', async ({
  browser,
}) => {
  const meeting = createDemoMeeting()
  const childName = linkFor(meeting, 'child').name
  const chair = (await openRole(browser, meeting, 'chair', { width: 1440, height: 900 }, contexts)).page
  const child = (await openRole(browser, meeting, 'child', PHONE, contexts)).page

  await chairToClosing(chair)
  await chairPanel(chair).getByRole('button', { name: 'Lås planen för underskrift' }).click()
  await chair
    .getByRole('dialog', { name: 'Lås planen för underskrift?' })
    .getByRole('button', { name: 'Lås planen' })
    .click()
  const form = childEnd(child).getByRole('group', { name: 'Vill du skriva under planen?' })
  await expect(form).toBeVisible(LIVE)
  // Without saying yes, nothing is signed, and the box says why.
  await form.getByRole('button', { name: 'Skriv under' }).click()
  const yes = form.getByRole('checkbox', { name: 'Jag vet vad som står i planen och säger ja till den' })
  await expect(yes).toBeFocused()
  await expect(yes).toHaveAttribute('aria-invalid', 'true')
  await yes.check()
  await expect(form.getByRole('textbox', { name: 'Ditt namn' })).toHaveValue(childName)
  await form.getByRole('button', { name: 'Skriv under' }).click()
  await expect(childEnd(child).getByText('Du har skrivit under. Tack!')).toBeVisible()
  await expect(child.getByRole('list', { name: 'Har skrivit under' })).toContainText(childName, LIVE)
  // The chair's panel has it as a signature on her own device.
  await expect(chairPanel(chair).getByRole('list', { name: 'Har skrivit under' })).toContainText(
    childName,
    LIVE,
  )
  await expectNoSystemWords(child)
  await expectNoAxeViolations(child)

  // Unlocking voids her signature; she reads that the plan is being changed, not "ogiltig".
  await chairPanel(chair).getByRole('button', { name: 'Lås upp' }).click()
  const dialog = chair.getByRole('dialog', { name: 'Lås upp planen?' })
  await dialog.getByRole('textbox', { name: 'Varför låses planen upp?' }).fill('Ett mål behöver ändras.')
  await dialog.getByRole('button', { name: 'Lås upp planen' }).click()
  await expect(
    child
      .getByRole('status')
      .filter({ hasText: 'De vuxna ändrar lite i planen. Sedan får alla skriva under igen.' }),
  ).toBeVisible(LIVE)
  await expect(childEnd(child)).toHaveCount(0)
  await expectNoSystemWords(child)
})
