import { expect, test } from '@playwright/test'
import {
  BOM,
  createAdmin,
  downloadFrom,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  pdfText,
  postJson,
  type StaffAccount,
  seedStatistics,
  signIn,
  typeDate,
} from './helpers'

/**
 * Statistics (issue 14, docs/statistics.md): an administrator grants the permission; the statistics
 * user reads the region's follow-up of March–May 2026 (seed 000's 152 meetings, invented by the
 * operator CLI) as charts with their tables, downloads a table as CSV and the report as PDF; a
 * colleague without the permission gets 403 from the page and the API.
 */
test.describe.configure({ mode: 'serial' })

const ADMIN: StaffAccount = {
  email: 'admin.statistik@solbacka.example',
  name: 'Agnes Admin',
  password: 'ett långt lösenord för agnes',
}
const STATISTICIAN: StaffAccount = {
  email: 'stina.statistik@solbacka.example',
  name: 'Stina Siffra',
  password: 'ett långt lösenord för stina',
}
const COLLEAGUE: StaffAccount = {
  email: 'kalle.statistik@solbacka.example',
  name: 'Kalle Kollega',
  password: 'ett långt lösenord för kalle',
}

const PERIOD = 'from=2026-03-01&to=2026-05-31'

test.use({ timezoneId: 'Europe/Stockholm' })

test.beforeAll(async ({ browser }) => {
  createAdmin(ADMIN)
  const context = await browser.newContext()
  await postJson(context.request, '/api/auth/login', { email: ADMIN.email, password: ADMIN.password })
  for (const account of [STATISTICIAN, COLLEAGUE]) await postJson(context.request, '/api/users', account)
  await context.close()
  // Seed 000's region: 152 meetings over March–May 2026, beside the other flows' meetings of today.
  seedStatistics(['--seed', '14'])
})

test('an administrator grants the statistics permission on the users page', async ({ page }) => {
  await signIn(page, ADMIN)
  await page.goto('/admin/anvandare')
  const row = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: STATISTICIAN.name }) })
  await row.getByText(`Ändra uppgifter: ${STATISTICIAN.name}`).click()
  await row.getByLabel('Verksamhet').selectOption('skola')
  await row.getByLabel('Funktion').fill('Utvecklingsledare')
  await row.getByLabel('Kommun').fill('Solbacka')
  await row.getByLabel('Får se statistik').check()
  await row.getByRole('button', { name: 'Spara' }).click()
  await expect(page.getByText(`Uppgifterna för ${STATISTICIAN.name} är sparade.`)).toBeVisible()
  await expect(row).toContainText('Får se statistik')
  await expectNoAxeViolations(page)
  // The colleague has no such permission, and neither does the administrator by being one.
  const me = await page.request.get(`/api/statistics?${PERIOD}`)
  expect(me.status()).toBe(403)
})

test('the statistics user filters a period and reads the charts, their tables, the CSV and the PDF', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await signIn(page, STATISTICIAN)
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Statistik' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SIP-statistik')

  // The period of the region's follow-up, typed as a person types dates.
  const from = page.getByLabel('Från och med')
  await from.focus()
  await typeDate(page, from, '2026-03-01')
  const to = page.getByLabel('Till och med')
  await to.focus()
  await typeDate(page, to, '2026-05-31')
  await page.getByRole('button', { name: 'Visa statistik' }).click()
  await expect(page).toHaveURL(/fran=2026-03-01.*till=2026-05-31/)

  // Who convened: the chart, and its table as the text alternative – school 116 of 152, 76 %.
  await expect(page.getByRole('img', { name: /^Stapeldiagram: Kallande huvudman\./ })).toBeVisible()
  const conveners = page.getByRole('table', { name: /Kallande huvudman/ })
  await expect(conveners.getByRole('caption')).toContainText('Underlag: 152')
  const school = conveners.getByRole('row', { name: /^Skola/ })
  await expect(school.getByRole('cell')).toHaveText(['116', '76 %'])
  // All three principals in 55 meetings; the region's cancellations and no-shows visible apart.
  const combinations = page.getByRole('table', { name: /Vilka huvudmän deltog/ })
  await expect(combinations.getByRole('row', { name: /^Skola, socialtjänst och region/ })).toContainText('55')
  const attendance = page.getByRole('table', { name: /Närvaro per huvudman/ })
  await expect(attendance.getByRole('columnheader', { name: 'Uteblev' })).toBeVisible()
  await expectNoAxeViolations(page)

  // One table as CSV, as Swedish Excel opens it.
  const csv = await downloadFrom(page, () =>
    page.getByRole('link', { name: /^Ladda ned CSV ?: Kallande huvudman$/ }).click(),
  )
  expect(csv.name).toMatch(/\.csv$/)
  expect([...csv.bytes.subarray(0, 3)]).toEqual(BOM)
  const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n')
  expect(lines[0]).toBe('Huvudman;Antal;Procent')
  expect(lines).toContain('Skola;116;76')

  // The whole report as PDF, in the style of the region's own follow-up.
  const pdf = await downloadFrom(page, () => page.getByRole('link', { name: 'Ladda ned PDF' }).click())
  expect(pdf.name).toMatch(/\.pdf$/)
  const text = await pdfText(new Uint8Array(pdf.bytes))
  expect(text).toContain('SIP-statistik')
  expect(text).toContain('Kallande huvudman')
  expect(text).toContain('Skola, socialtjänst och region')
  // No names in the statistics: not the invented conveners', not the children's.
  expect(text).not.toContain(STATISTICIAN.name)

  // For publication small counts become "< 5" – on the page, stated on the report.
  await page.getByLabel(/För publicering/).check()
  await page.getByRole('button', { name: 'Visa statistik' }).click()
  await expect(page).toHaveURL(/publicering=ja/)
  await expect(page.getByText(/antal under 5 visas som ”< 5”/).first()).toBeVisible()
  await expect(page.getByRole('main').getByText('< 5', { exact: true }).first()).toBeVisible()

  // On a phone the report reflows; wide tables scroll in their own region.
  await page.setViewportSize({ width: 390, height: 844 })
  await expectNoHorizontalScroll(page)
})

test('a staff member without the permission gets 403 from the page and the API', async ({ page }) => {
  await signIn(page, COLLEAGUE)
  await expect(
    page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Statistik' }),
  ).toHaveCount(0)
  await page.goto('/statistik')
  await expect(page.getByText('Du har inte behörighet till statistiken.')).toBeVisible()
  for (const path of ['/api/statistics', '/api/statistics.csv', '/api/statistics.pdf']) {
    const response = await page.request.get(`${path}?${PERIOD}&table=meetings`)
    expect(response.status(), path).toBe(403)
  }
  await expectNoAxeViolations(page)
})
