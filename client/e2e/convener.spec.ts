import { expect, test } from '@playwright/test'
import {
  createAdmin,
  daysFromNow,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  focusedId,
  type StaffAccount,
  signIn,
  tabToNextField,
  typeDate,
  typeTime,
} from './helpers'

/**
 * "Three and a half weeks before" and "the week before" (shared scenario): a convener signs in,
 * sets up Elsa's first meeting, records consent, invites people and sees who answered.
 * The tests share one server and build on each other: an administrator, then a convener.
 */
test.describe.configure({ mode: 'serial' })

const ADMIN: StaffAccount = {
  email: 'admin@solbacka.example',
  name: 'Ada Admin',
  password: 'ett långt lösenord för admin',
}
const CONVENER: StaffAccount = {
  email: 'maja.lind@solbacka.example',
  name: 'Maja Lind',
  password: 'ett långt lösenord för maja',
}

test.use({ timezoneId: 'Europe/Stockholm' })

/** The meeting the convener creates, for the administrator's look at its log. */
let createdMeetingId = ''

test('an administrator signs in and adds a convener', async ({ page }) => {
  createAdmin(ADMIN)

  await page.goto('/logga-in')
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByLabel('E-postadress').fill(ADMIN.email)
  await page.getByLabel('Lösenord').fill('fel lösenord helt enkelt')
  await page.getByRole('button', { name: 'Logga in' }).click()
  await expect(page.getByRole('alert')).toContainText('Fel e-postadress eller lösenord.')

  await signIn(page, ADMIN)
  await page.getByRole('link', { name: 'Användare' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Användare' })).toBeVisible()
  await expect(page.getByRole('heading', { name: ADMIN.name })).toBeVisible()

  await page.getByLabel('Namn').fill(CONVENER.name)
  await page.getByLabel('E-postadress').fill(CONVENER.email)
  await page.getByLabel('Första lösenord').fill(CONVENER.password)
  await page.getByRole('button', { name: 'Lägg till användare' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Maja Lind är tillagd.' })).toBeVisible()
  await expect(page.getByRole('heading', { name: CONVENER.name })).toBeVisible()
  await expectNoAxeViolations(page)

  await page.getByRole('button', { name: 'Logga ut' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible()
  await expect(page.getByText('Du är utloggad.')).toBeVisible()
})

test('the meeting form is in a sensible Tab order, ending with its button', async ({ page }) => {
  await signIn(page, CONVENER)
  await page.getByRole('link', { name: 'Nytt SIP-möte' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Nytt SIP-möte' })).toBeVisible()

  await page.getByRole('radio', { name: 'Första möte' }).focus()
  const order = [await focusedId(page)]
  for (let i = 0; i < 30 && !order.at(-1)?.startsWith('button:'); i++) {
    await page.keyboard.press('Tab')
    const id = await focusedId(page)
    // Chromium steps through the parts of a date or time field (day, month, year) with Tab.
    if (id !== order.at(-1)) order.push(id)
  }
  expect(order).toEqual([
    'meeting-type-first',
    'meeting-date',
    'meeting-time',
    'meeting-durationMinutes',
    'meeting-place',
    'meeting-remoteAllowed',
    'meeting-videoUrl',
    'meeting-childName',
    'meeting-childAge',
    'meeting-purpose',
    'meeting-questions',
    'meeting-childWords',
    'meeting-childParticipation-whole',
    'meeting-childParticipationNote',
    'button:Skapa mötet',
  ])
})

test('a convener sets up a meeting, records consent, invites four and sees who is coming', async ({
  browser,
}) => {
  const convenerContext = await browser.newContext({ timezoneId: 'Europe/Stockholm' })
  await convenerContext.grantPermissions(['clipboard-read', 'clipboard-write'])
  const page = await convenerContext.newPage()
  await signIn(page, CONVENER)
  await expect(page.getByRole('heading', { name: 'Kommande möten' })).toBeVisible()
  await expectNoAxeViolations(page)

  // The meeting form, by keyboard only: Tab between fields, type, Enter to submit.
  await page.getByRole('link', { name: 'Nytt SIP-möte' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Nytt SIP-möte' })).toBeFocused()
  const meetingDay = daysFromNow(25)
  await tabToNextField(page) // type: "Första möte" is already chosen
  await expect(page.getByRole('radio', { name: 'Första möte' })).toBeFocused()
  await tabToNextField(page)
  await typeDate(page, page.getByLabel('Datum', { exact: true }), meetingDay)
  await tabToNextField(page)
  await typeTime(page, page.getByLabel('Tid', { exact: true }), '09:00')
  await tabToNextField(page) // duration: 90 minutes is the default
  await tabToNextField(page)
  await page.keyboard.type('Solbackaskolan, konferensrummet')
  await tabToNextField(page)
  await page.keyboard.press('Space') // remote participation allowed
  await tabToNextField(page) // the video link is optional: left empty
  await tabToNextField(page)
  // A personal identity number is refused before anything is sent.
  await page.keyboard.type('150314-1234')
  await tabToNextField(page)
  await page.keyboard.type('11 år, åk 5')
  await tabToNextField(page)
  await page.keyboard.type('Att Elsa ska komma tillbaka till skolan och må bättre.')
  await tabToNextField(page)
  await page.keyboard.type(
    'Hur kan skola, BUP och socialtjänst samordna sitt stöd? Vad behöver Elsa och familjen?',
  )
  await tabToNextField(page)
  await page.keyboard.type('Att slippa ont i magen på morgonen och att ha en kompis i klassen.')
  await tabToNextField(page)
  await page.keyboard.press('ArrowDown') // "En del av mötet"
  await expect(page.getByRole('radio', { name: 'En del av mötet' })).toBeChecked()
  await tabToNextField(page)
  await page.keyboard.type('Elsa är med under mötets första del.')
  await tabToNextField(page)
  await expect(page.getByRole('button', { name: 'Skapa mötet' })).toBeFocused()
  await page.keyboard.press('Enter')

  const summary = page.getByRole('alert')
  await expect(summary).toBeFocused()
  await expect(summary).toContainText(
    'Barnets förnamn eller initialer: skriv bara förnamn eller initialer, inget personnummer.',
  )
  const childName = page.getByLabel('Barnets förnamn eller initialer')
  await expect(childName).toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page)

  // The error links to its field; fix it and submit with Enter from the field.
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(childName).toBeFocused()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('Elsa')
  await page.keyboard.press('Enter')

  await expect(page.getByRole('heading', { level: 1, name: 'SIP-möte för Elsa' })).toBeVisible()
  await expect(page.getByText('Mötet är skapat.')).toBeVisible()
  const meetingId = new URL(page.url()).pathname.split('/').at(-1)!
  createdMeetingId = meetingId
  const warnings = page.getByRole('region', { name: 'Att tänka på' })
  await expect(warnings).toContainText('Samtycke är inte registrerat.')
  await expect(warnings).not.toContainText('mindre än tre veckor')

  // Without consent the meeting cannot start, and the screen says why.
  await page.getByRole('button', { name: 'Starta mötet' }).click()
  await page
    .getByRole('dialog', { name: 'Starta mötet nu?' })
    .getByRole('button', { name: 'Starta mötet' })
    .click()
  await expect(page.getByRole('alert')).toContainText(
    'Mötet kan inte starta förrän samtycket är registrerat.',
  )

  // Consent: both guardians, today, for this coordination, and what must not be shared.
  const consent = page.getByRole('region', { name: 'Samtycke' })
  await consent.getByRole('group', { name: 'Person 1' }).getByLabel('Namn').fill('Sara Lind')
  await consent.getByRole('button', { name: 'Lägg till person' }).click()
  const person2 = consent.getByRole('group', { name: 'Person 2' })
  await expect(person2.getByLabel('Namn')).toBeFocused()
  await person2.getByLabel('Namn').fill('Johan Lind')
  await consent
    .getByLabel('Vad samtycket gäller')
    .fill('Samordning mellan skola, BUP och socialtjänst inom den här SIP:en.')
  await consent.getByLabel('Det som inte får delas').fill('BUP:s utredning till skolan.')
  await consent.getByRole('button', { name: 'Spara samtycke' }).click()
  await expect(consent.getByText('Samtycket är sparat.')).toBeVisible()
  await expect(consent).toContainText('Sara Lind, Johan Lind')
  await expect(page.getByRole('region', { name: 'Att tänka på' })).not.toContainText('Samtycke')

  // Four participants: Maja herself as chair, the counsellor, "psykolog, BUP" without a name, Sara.
  const participants = page.getByRole('region', { name: 'Deltagare', exact: true })
  const add = participants.getByRole('region', { name: 'Lägg till deltagare' })
  const addParticipant = async (p: {
    organisation: string
    fn: string
    name?: string
    role: string
    isMe?: boolean
  }) => {
    await add.getByLabel('Verksamhet', { exact: true }).selectOption({ label: p.organisation })
    await add.getByLabel('Funktion').fill(p.fn)
    if (p.name) await add.getByLabel('Namn').fill(p.name)
    await add.getByLabel('Roll i mötet').selectOption({ label: p.role })
    if (p.isMe) await add.getByLabel('Det här är jag').check()
    await add.getByRole('button', { name: 'Lägg till deltagare' }).click()
    const panel = participants.getByRole('region', { name: /^Personlig länk för/ })
    await expect(panel).toBeVisible()
    return panel
  }
  const closePanel = (panel: ReturnType<typeof participants.getByRole>) =>
    panel.getByRole('button', { name: 'Stäng' }).click()

  await closePanel(
    await addParticipant({
      organisation: 'Skola',
      fn: 'biträdande rektor',
      name: 'Maja Lind',
      role: 'Mötesledare',
      isMe: true,
    }),
  )
  await closePanel(
    await addParticipant({
      organisation: 'Elevhälsa',
      fn: 'kurator',
      name: 'Amir Haddad',
      role: 'Sekreterare',
    }),
  )
  const bupPanel = await addParticipant({ organisation: 'BUP', fn: 'psykolog', role: 'Deltagare' })
  await expect(bupPanel.getByRole('heading', { name: 'Personlig länk för psykolog, BUP' })).toBeFocused()
  const linkField = bupPanel.getByLabel('Länk', { exact: true })
  const bupLink = await linkField.inputValue()
  expect(bupLink).toMatch(/\/j#t=[A-Za-z0-9_-]{16,}$/)
  await expect(
    bupPanel.getByRole('img', { name: 'QR-kod med den personliga länken för psykolog, BUP' }),
  ).toBeVisible()
  await bupPanel.getByRole('button', { name: 'Kopiera länk' }).click()
  await expect(bupPanel.getByRole('status')).toHaveText(/Länken är (kopierad|markerad)/)
  if ((await bupPanel.getByRole('status').textContent())?.includes('kopierad')) {
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bupLink)
  }
  await expectNoAxeViolations(page)

  // The printed invitation: only it is printed, with time, place, purpose, QR and link.
  await page.emulateMedia({ media: 'print' })
  const printed = page.getByRole('article', { name: 'Kallelse till SIP-möte' })
  await expect(printed).toBeVisible()
  await expect(printed).toContainText('psykolog, BUP')
  await expect(printed).toContainText('Solbackaskolan, konferensrummet')
  await expect(printed).toContainText('Att Elsa ska komma tillbaka till skolan')
  await expect(printed).toContainText(bupLink)
  await expect(printed).not.toContainText('Sara Lind')
  await expect(page.getByRole('heading', { level: 1, name: 'SIP-möte för Elsa' })).toBeHidden()
  await page.emulateMedia({ media: 'screen' })
  await closePanel(bupPanel)

  await closePanel(
    await addParticipant({
      organisation: 'Familj',
      fn: 'vårdnadshavare',
      name: 'Sara Lind',
      role: 'Vårdnadshavare',
    }),
  )
  await expect(participants.getByRole('heading', { name: '4 inbjudna' })).toBeVisible()

  // Karin at BUP opens her link on another device and answers that she is coming.
  const bupContext = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const bup = await bupContext.newPage()
  await bup.goto(bupLink)
  await expect(bup).toHaveURL(new RegExp(`/m/${meetingId}\\?as=[0-9a-f-]+$`))
  expect(new URL(bup.url()).hash).toBe('')
  const invitation = bup.getByRole('region', { name: 'Kallelse: Första möte' })
  await expect(invitation).toContainText('Att Elsa ska komma tillbaka till skolan och må bättre.')
  await expect(invitation).toContainText('Du har inte svarat än.')
  await expectNoAxeViolations(bup)
  await expectNoHorizontalScroll(bup)
  await invitation.getByRole('button', { name: 'Jag kommer', exact: true }).click()
  await expect(invitation.getByRole('status')).toHaveText('Ditt svar: Kommer')
  await expect(invitation.getByRole('button', { name: 'Jag kommer', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  )

  // Maja sees the answer.
  await page.reload()
  const bupRow = participants.getByRole('listitem').filter({ hasText: 'psykolog, BUP' })
  await expect(bupRow.getByText('Kommer', { exact: true })).toBeVisible()
  await expect(
    participants.getByRole('listitem').filter({ hasText: 'Amir Haddad' }).getByText('Inte svarat'),
  ).toBeVisible()
  // Maja convened the meeting: nobody asks her to answer, so her row shows no answer at all.
  const majaRow = participants.getByRole('listitem').filter({ hasText: 'Maja Lind' })
  await expect(majaRow.getByRole('heading', { name: /Maja Lind/ })).toBeVisible()
  await expect(majaRow).not.toContainText('Svar')

  await page.getByRole('link', { name: 'Mina SIP-möten', exact: true }).click()
  const row = page.getByRole('listitem').filter({ hasText: 'Elsa – Första möte' })
  await expect(row).toContainText(/Inbjudna\s*4/)
  await expect(row).toContainText('1 kommer, 0 kommer inte')

  // Maja opens the meeting room as herself (the chair), without a link.
  await row.getByRole('link', { name: 'Elsa – Första möte' }).click()
  await page.getByRole('button', { name: 'Öppna mötet' }).click()
  await expect(page).toHaveURL(new RegExp(`/m/${meetingId}\\?as=[0-9a-f-]+$`))
  await expect(page.getByText('Du är med som: Maja Lind, Mötesledare')).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Sparat' })).toBeVisible()

  await bupContext.close()
  await convenerContext.close()
})

test('an administrator reads who did what in the meeting', async ({ page }) => {
  await signIn(page, ADMIN)
  await page.goto(`/admin/moten/${createdMeetingId}/logg`)
  // The meeting by its title and date, the people by name and role – no ids, no "anonymous".
  await expect(
    page.getByRole('heading', { level: 1, name: /^Logg för SIP-möte för Elsa, \d+ \p{L}+ \d{4}$/u }),
  ).toBeVisible()
  const log = page.getByRole('list').filter({ hasText: 'Mötet skapat' })
  await expect(log).toContainText('Samtycke registrerat')
  const answered = log.getByRole('listitem').filter({ hasText: 'Svar på kallelsen' })
  await expect(answered).toContainText('psykolog, BUP (Deltagare)')
  const created = log.getByRole('listitem').filter({ hasText: 'Mötet skapat' })
  await expect(created).toContainText('Maja Lind (Sammankallande, Mötesledare)')
  await expect(log).toContainText('Sara Lind (Vårdnadshavare)')
  await expect(log).not.toContainText(/staff:|participant:|anonymous/)
  await expectNoAxeViolations(page)
})

test('screens reflow at 320 pixels without horizontal scrolling', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } })
  const page = await context.newPage()
  await signIn(page, CONVENER)
  await expectNoHorizontalScroll(page)
  await page.getByRole('link', { name: /Elsa – Första möte/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'SIP-möte för Elsa' })).toBeVisible()
  await expectNoHorizontalScroll(page)
  await page.goto('/moten/ny')
  await expect(page.getByRole('heading', { level: 1, name: 'Nytt SIP-möte' })).toBeVisible()
  await expectNoHorizontalScroll(page)
  await context.close()
})

test('a link that is not valid says so on the join page, and leaves the address bar', async ({ page }) => {
  await page.goto(`/j#t=${'B'.repeat(43)}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Länken gäller inte' })).toBeVisible()
  expect(new URL(page.url()).hash).toBe('')
  await expectNoAxeViolations(page)
})
