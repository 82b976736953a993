import { type ClosureNoticeInput, closureNotice, DEFAULT_CLOSURE_HELP } from '../../shared/closure/notice'
import type { Language } from '../../shared/languages'
import type { ClosureHelp } from '../../shared/schemas/sip'
import { TERMS } from '../../shared/terms'
import type { Stores } from '../db/contract'
import { drawPdf, heading, paragraph, SIZE } from '../pdf/document'

/**
 * The closure notice for the family (docs/process.md P10): what the stores say about a closed
 * SIP, and the notice drawn as a PDF. The participant's link (server/routes/closure-notice.ts)
 * and the staff's SIP page (/api/sips/:id/closure-notice.pdf) both build it here.
 */

/** Where each language's text of the installation is kept (the `settings` table). */
export const CLOSURE_HELP_KEYS: Record<Language, string> = { sv: 'closure-help.sv', en: 'closure-help.en' }

/** The installation's text in the closure notice: the stored one, else the default (per language). */
export async function closureHelp(sips: Pick<Stores['sips'], 'setting'>): Promise<ClosureHelp> {
  return {
    sv: (await sips.setting(CLOSURE_HELP_KEYS.sv)) ?? DEFAULT_CLOSURE_HELP.sv,
    en: (await sips.setting(CLOSURE_HELP_KEYS.en)) ?? DEFAULT_CLOSURE_HELP.en,
  }
}

/** Stores both languages' texts (call inside the caller's transaction). */
export async function saveClosureHelp(
  sips: Pick<Stores['sips'], 'putSetting'>,
  help: ClosureHelp,
  userId: string | null,
  now = Date.now(),
): Promise<void> {
  await sips.putSetting(CLOSURE_HELP_KEYS.sv, help.sv, userId, now)
  await sips.putSetting(CLOSURE_HELP_KEYS.en, help.en, userId, now)
}

/**
 * The notice's content for a closed SIP, in `lang`: its child, the closure's date and reason, the
 * installation's text, and the huvudansvarig when it was closed. undefined while the SIP is active
 * (or unknown): there is nothing to give notice of.
 */
export async function closureNoticeInput(
  stores: Pick<Stores, 'sips'>,
  sipId: string,
  lang: Language,
): Promise<ClosureNoticeInput | undefined> {
  const sip = await stores.sips.get(sipId)
  if (!sip?.closure) return undefined
  const current = (await stores.sips.responsibleHistory(sipId))[0]
  return {
    childName: sip.childName,
    closedOn: sip.closure.closedOn,
    reason: sip.closure.reason,
    helpText: (await closureHelp(stores.sips))[lang],
    responsible: current
      ? {
          name: current.name,
          function: current.function,
          organisationLabel:
            current.organisation === 'annan' && current.organisationOther !== ''
              ? current.organisationOther
              : TERMS[lang].organisations[current.organisation],
        }
      : null,
    lang,
  }
}

/** The notice as PDF bytes: one page, tagged, PDF/A-2a like the minutes. */
export function closureNoticePdf(input: ClosureNoticeInput): Promise<Buffer> {
  const notice = closureNotice(input)
  return drawPdf({ lang: notice.lang, title: notice.title }, (doc, root) => {
    heading(doc, root, 'H1', notice.title, SIZE.title, 0)
    doc.moveDown(0.4)
    for (const block of notice.blocks) {
      if (block.kind === 'heading') heading(doc, root, 'H2', block.text, SIZE.heading, 0.6)
      else paragraph(doc, root, block.text, SIZE.body + 1.5)
    }
  })
}

/** The notice as a file to send: its PDF and its file name, with ".pdf" (no ids, no names). */
export async function closureNoticeFile(
  input: ClosureNoticeInput,
): Promise<{ fileName: string; pdf: Buffer }> {
  return { fileName: `${closureNotice(input).fileName}.pdf`, pdf: await closureNoticePdf(input) }
}
