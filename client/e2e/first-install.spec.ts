import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from './helpers'

/**
 * A fresh installation: the first visitor is sent to create the administrator. Runs before every
 * other browser test (its own project in playwright.config.ts), while the server has no account.
 */

test('a new installation sends the first visitor to create the administrator', async ({ page, request }) => {
  const status = (await (await request.get('/api/setup/status')).json()) as { needsFirstAdmin: boolean }
  // This project runs before every other (playwright.config.ts): nobody has made an account yet.
  expect(status.needsFirstAdmin).toBe(true)

  await page.goto('/')
  await expect(page).toHaveURL(/\/forsta-start$/)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Skapa den första administratören' }),
  ).toBeVisible()

  // Checked with the shared schema before anything is sent.
  await page.getByLabel('Namn').fill('Ada Admin')
  await page.getByLabel('E-postadress').fill('inte en adress')
  await page.getByLabel('Lösenord').fill('kort')
  await page.getByRole('button', { name: 'Skapa administratör' }).click()
  const summary = page.getByRole('alert')
  await expect(summary).toContainText('E-postadress är inte en giltig e-postadress.')
  await expect(summary).toContainText('Lösenord är för kort (minst 12 tecken).')
  await expect(summary).toBeFocused()
  await expect(page.getByLabel('E-postadress')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('E-postadress')).toHaveAccessibleDescription(
    'E-postadress är inte en giltig e-postadress.',
  )
  await expectNoAxeViolations(page)
})
