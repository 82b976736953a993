import path from 'node:path'
import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import { build } from 'esbuild'
import { roomContractSource } from '../../shared/api/room-contract'
import {
  BOM,
  createAdmin,
  daysFromNow,
  downloadFrom,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  focusedId,
  postJson,
  type StaffAccount,
  signIn,
  tabToNextField,
  typeDate,
} from './helpers'

/**
 * Deviations (avvikelser, docs/process.md P11): a convener records them on a SIP, an administrator
 * lists every one of the installation and exports them as CSV for the municipality's deviation
 * system. The SIP page's section is tested as a component (bundled on its own, against the real
 * server); the administrators' page end to end.
 */
test.describe.configure({ mode: 'serial' })

const ADMIN: StaffAccount = {
  email: 'admin.avvikelser@solbacka.example',
  name: 'Ada Avvikelse',
  password: 'ett långt lösenord för ada',
}
const CONVENER: StaffAccount = {
  email: 'eva.ek.avvikelser@solbacka.example',
  name: 'Eva Ek',
  password: 'ett långt lösenord för eva',
}
const STAFF: StaffAccount = {
  email: 'olle.avvikelser@solbacka.example',
  name: 'Olle Ström',
  password: 'ett långt lösenord för olle',
}

const PHONE = { width: 390, height: 844 }

/** Elsa's first meeting, convened by whoever `request` is signed in as: its id is its SIP's (P1). */
async function createSip(request: APIRequestContext) {
  const meeting = (await postJson(request, '/api/meetings', {
    type: 'first',
    startsAt: new Date(Date.now() + 25 * 24 * 3600 * 1000).toISOString(),
    durationMinutes: 90,
    place: 'Solbackaskolan, konferensrummet',
    childName: 'Elsa',
    purpose: 'Att Elsa ska komma tillbaka till skolan och må bättre.',
    childParticipation: 'part',
  })) as { id: string; sipId: string; type: string; startsAt: string }
  return meeting
}

test.use({ timezoneId: 'Europe/Stockholm' })

/** The administrator (operator CLI), and the convener and a colleague she creates (not administrators). */
test.beforeAll(async ({ browser }) => {
  createAdmin(ADMIN)
  const context = await browser.newContext()
  await postJson(context.request, '/api/auth/login', { email: ADMIN.email, password: ADMIN.password })
  for (const account of [CONVENER, STAFF])
    await postJson(context.request, '/api/users', { ...account, isAdmin: false })
  await context.close()
})

test('P11: an administrator lists every deviation (none of the SIP’s child) and downloads them as CSV', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  // The convener records two deviations on her SIP, over the API.
  const convener = await browser.newContext()
  const convenerPage = await convener.newPage()
  await signIn(convenerPage, CONVENER)
  const sip = await createSip(convenerPage.request)
  await postJson(convenerPage.request, `/api/sips/${sip.sipId}/deviations`, {
    category: 'actor-absent',
    organisation: 'bup',
    description: 'BUP var kallade men kom inte; inget förhinder meddelades.',
    occurredOn: daysFromNow(-2),
  })
  await postJson(convenerPage.request, `/api/sips/${sip.sipId}/deviations`, {
    category: 'late-invitation',
    organisation: 'annan',
    organisationOther: 'Fritidsgården',
    description: '=Kallelsen skickades två veckor före mötet.',
    occurredOn: daysFromNow(-1),
    meetingId: sip.id,
  })
  await convener.close()

  // The administrator finds them from the navigation, on a phone.
  const context = await browser.newContext({ viewport: PHONE })
  const page = await context.newPage()
  await signIn(page, ADMIN)
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Avvikelser' }).click()
  await expect(page).toHaveURL(/\/admin\/avvikelser$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Avvikelser' })).toBeFocused()
  await expect(page.getByText('2 avvikelser', { exact: true })).toBeVisible()
  const items = page.getByRole('main').getByRole('listitem')
  await expect(items).toHaveCount(2)
  // Newest first, the category and organisation in words, who recorded it.
  await expect(items.nth(0)).toContainText('Kallelsen skickades senare än tre veckor före mötet')
  await expect(items.nth(0)).toContainText('Fritidsgården')
  await expect(items.nth(0)).toContainText('Eva Ek')
  await expect(items.nth(1)).toContainText('En kallad aktör kom inte')
  await expect(items.nth(1)).toContainText('BUP var kallade men kom inte; inget förhinder meddelades.')
  // The deviations only: nothing of the SIP, and no form – administrators record nothing here.
  await expect(page.getByRole('main')).not.toContainText('Elsa')
  await expect(page.getByRole('main').getByRole('textbox')).toHaveCount(0)
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0)
  await expectNoAxeViolations(page)
  await expectNoHorizontalScroll(page)

  // Keyboard: Tab to the export and press Enter.
  const exportLink = page.getByRole('link', { name: 'Exportera som CSV' })
  await expect(exportLink).toHaveAccessibleDescription('En fil för Excel eller kommunens avvikelsesystem.')
  for (let i = 0; i < 30 && !(await exportLink.evaluate((e) => e === document.activeElement)); i++)
    await page.keyboard.press('Tab')
  await expect(exportLink).toBeFocused()
  const file = await downloadFrom(page, () => page.keyboard.press('Enter'))
  expect(file.name).toMatch(/^avvikelser-\d{4}-\d{2}-\d{2}\.csv$/)
  expect([...file.bytes.subarray(0, 3)]).toEqual(BOM)
  const rows = file.bytes.subarray(3).toString('utf8').split('\r\n')
  expect(rows[0]).toBe('Datum;Kategori;Organisation;Beskrivning;Möte;Registrerad av;Registrerad')
  expect(rows[1]).toContain(
    `${daysFromNow(-1)};Kallelsen skickades senare än tre veckor före mötet;Fritidsgården;'=Kallelsen`,
  )
  expect(rows[1]).toContain(';Första möte ')
  expect(rows[2]).toContain(
    `${daysFromNow(-2)};En kallad aktör kom inte;BUP;"BUP var kallade men kom inte; inget förhinder meddelades.";Hela SIP:en;Eva Ek;`,
  )
  expect(rows[3]).toBe('')
  expect(file.bytes.toString('utf8')).not.toContain('Elsa')
  await context.close()

  // Staff who are not administrators have no such page.
  const staff = await browser.newContext()
  const staffPage = await staff.newPage()
  await signIn(staffPage, STAFF)
  await expect(
    staffPage.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Avvikelser' }),
  ).toHaveCount(0)
  await staffPage.goto('/admin/avvikelser')
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Du har inte behörighet' })).toBeVisible()
  await expect(staffPage.getByText('Kallelsen skickades')).toHaveCount(0)
  expect((await staffPage.request.get('/api/deviations')).status()).toBe(403)
  await staff.close()
})

/** The section's page: DeviationsSection bundled alone with the app's styles (esbuild). */
async function sectionBundle(): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [
      path.join(import.meta.dirname, 'components', 'deviations-section.entry.tsx'),
      path.join(import.meta.dirname, '..', 'styles.css'),
    ],
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'iife',
    jsx: 'automatic',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
    // What the app's build (vite.config.ts) hands the browser as this module.
    plugins: [
      {
        name: 'room-contract',
        setup(bundler) {
          bundler.onResolve({ filter: /^virtual:room-contract$/ }, () => ({
            path: 'room-contract',
            namespace: 'virtual',
          }))
          bundler.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({
            contents: roomContractSource(),
            loader: 'js',
          }))
        },
      },
    ],
    logLevel: 'warning',
  })
  const files = (ext: string) => result.outputFiles.filter((file) => file.path.endsWith(ext))
  // The app's styles first, then the section's own (deviations.css, bundled with the component).
  const css = files('.css').sort(
    (a, b) => Number(b.path.endsWith('styles.css')) - Number(a.path.endsWith('styles.css')),
  )
  return {
    js: files('.js')
      .map((file) => file.text)
      .join('\n'),
    css: css.map((file) => file.text).join('\n'),
  }
}

/** Serves the section's page on the server's own origin (its requests go to the real server). */
async function openSection(page: Page, props: { sipId: string; meetings: unknown[] }): Promise<void> {
  const { js, css } = await sectionBundle()
  await page.route('**/komponent/avvikelser.js', (route) =>
    route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: js }),
  )
  await page.route('**/komponent/avvikelser', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="sv"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Avvikelser – SIP Live</title>
<style>${css}</style></head><body><div id="root"></div>
<script>window.deviationsSectionProps = ${JSON.stringify(props)}</script>
<script src="/komponent/avvikelser.js"></script></body></html>`,
    }),
  )
  await page.goto('/komponent/avvikelser')
}

test('P11: the SIP page’s section – record a deviation by keyboard, errors at their fields, export as CSV', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const context = await browser.newContext({ viewport: PHONE })
  const page = await context.newPage()
  await signIn(page, CONVENER)
  const sip = await createSip(page.request)
  await openSection(page, {
    sipId: sip.sipId,
    meetings: [{ id: sip.id, type: sip.type, startsAt: sip.startsAt }],
  })

  const section = page.getByRole('region', { name: 'Avvikelser' })
  await expect(section.getByText('Inga avvikelser är registrerade.')).toBeVisible()
  await expect(section.getByRole('link', { name: 'Exportera som CSV' })).toHaveCount(0)
  const description = section.getByRole('textbox', { name: /^Beskrivning/ })
  await expect(description).toHaveAccessibleDescription(
    /^Skriv inga personuppgifter – inga namn, personnummer eller detaljer om barnet\./,
  )
  await expect(section.getByText('Skriv inga personuppgifter – inga namn')).toBeVisible()
  const date = section.getByLabel('Datum', { exact: true })
  await expect(date).toHaveValue(daysFromNow(0))
  await expectNoAxeViolations(page)
  await expectNoHorizontalScroll(page)

  // Nothing filled in: the shared schema's sentences, above the form and at each field.
  const submit = section.getByRole('button', { name: 'Registrera avvikelse' })
  await submit.click()
  const summary = section.getByRole('alert')
  await expect(summary).toBeFocused()
  await expect(summary).toContainText('Kategori måste fyllas i.')
  await expect(summary).toContainText('Verksamhet måste fyllas i.')
  await expect(summary).toContainText('Beskrivning måste fyllas i.')
  await expect(section.getByRole('group', { name: 'Kategori' })).toHaveAccessibleDescription(
    'Kategori måste fyllas i.',
  )
  await expectNoAxeViolations(page)

  // By keyboard alone: from the summary's first link to the category, then through the form.
  await summary.getByRole('link', { name: 'Kategori måste fyllas i.' }).press('Enter')
  expect(await focusedId(page)).toBe('deviation-category-actor-absent')
  await page.keyboard.press('Space')
  await expect(section.getByRole('radio', { name: 'En kallad aktör kom inte' })).toBeChecked()
  await page.keyboard.press('Tab')
  expect(await focusedId(page)).toBe('deviation-organisation')
  await page.keyboard.type('BUP')
  await expect(section.getByLabel('Verksamhet som avvikelsen gäller')).toHaveValue('bup')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  expect(await focusedId(page)).toBe('deviation-description')
  await page.keyboard.type('BUP var kallade men kom inte.')
  await page.keyboard.press('Tab')
  expect(await focusedId(page)).toBe('deviation-occurredOn')
  // A date that has not come yet passes the form's check; the server refuses it, at the field.
  const nextYear = `${new Date().getFullYear() + 1}-01-15`
  await typeDate(page, date, nextYear)
  await tabToNextField(page)
  expect(await focusedId(page)).toBe('deviation-meetingId')
  await page.keyboard.press('Tab')
  await expect(submit).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(summary).toContainText('Datum kan inte vara ett datum som inte har kommit än.')
  await expect(date).toHaveAttribute('aria-invalid', 'true')
  await expect(date).toHaveAccessibleDescription('Datum kan inte vara ett datum som inte har kommit än.')
  await expect(section.getByText('Inga avvikelser är registrerade.')).toBeVisible()

  // Today, on the meeting: recorded, listed, and the form is empty again for the next one.
  await date.focus()
  await typeDate(page, date, daysFromNow(0))
  await tabToNextField(page)
  expect(await focusedId(page)).toBe('deviation-meetingId')
  await page.keyboard.press('ArrowDown')
  await expect(section.getByRole('combobox', { name: 'Möte (valfritt)' })).toHaveValue(sip.id)
  await page.keyboard.press('Tab')
  await expect(submit).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(section.getByRole('status').filter({ hasText: 'Avvikelsen är registrerad.' })).toBeVisible()
  const item = section.getByRole('listitem')
  await expect(item).toHaveCount(1)
  await expect(item).toContainText('En kallad aktör kom inte')
  await expect(item).toContainText('VerksamhetBUP')
  await expect(item).toContainText('GällerFörsta möte')
  await expect(item).toContainText('BUP var kallade men kom inte.')
  await expect(item).toContainText('Eva Ek')
  await expect(description).toHaveValue('')
  await expect(section.getByRole('radio', { checked: true })).toHaveCount(0)
  await expect(summary).toHaveCount(0)
  await expectNoAxeViolations(page)
  await expectNoHorizontalScroll(page)

  // Loaded again, it is the server's list.
  await page.reload()
  await expect(section.getByRole('listitem')).toContainText('En kallad aktör kom inte')

  const file = await downloadFrom(page, () =>
    section.getByRole('link', { name: 'Exportera som CSV' }).click(),
  )
  expect(file.name).toMatch(/^avvikelser-\d{4}-\d{2}-\d{2}\.csv$/)
  expect([...file.bytes.subarray(0, 3)]).toEqual(BOM)
  expect(file.bytes.subarray(3).toString('utf8')).toContain(
    `${daysFromNow(0)};En kallad aktör kom inte;BUP;BUP var kallade men kom inte.;Första möte `,
  )
  await context.close()
})
