import { z } from 'zod'
import { LANGUAGES } from '../languages'

/**
 * The minutes (in Swedish "protokoll") of a locked or finalized plan version as one list of
 * blocks: GET /api/meetings/:id/plan/protocol returns them for the print view, and the server
 * renders the same blocks into the PDF (…/protocol.pdf). One builder (shared/minutes/document.ts),
 * two renderers, so the two cannot say different things.
 */
export const MinutesBlockSchema = z.discriminatedUnion('kind', [
  /** A section of the minutes. */
  z.object({ kind: z.literal('heading'), text: z.string() }),
  /** A part within a section (a plan part, a kind of goal). */
  z.object({ kind: z.literal('subheading'), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('list'), ordered: z.boolean(), items: z.array(z.string()) }),
  /** Label–value pairs, optionally under a title (one goal, one support). */
  z.object({
    kind: z.literal('fields'),
    title: z.string().nullable(),
    rows: z.array(z.object({ label: z.string(), value: z.string() })),
  }),
  z.object({ kind: z.literal('table'), columns: z.array(z.string()), rows: z.array(z.array(z.string())) }),
  /**
   * One signature: the typed name, in what capacity and when (`detail`), how it was given and who
   * witnessed it (`how`: "Signerad i rummet, bevittnad av Maja Lind"), and the drawn mark if any.
   */
  z.object({
    kind: z.literal('signature'),
    name: z.string(),
    detail: z.string(),
    how: z.string(),
    /** SVG path data in the SIGNATURE_BOX coordinate space (shared/limits.ts). */
    drawing: z.string().nullable(),
  }),
])
export type MinutesBlock = z.infer<typeof MinutesBlockSchema>

/** The language of the minutes: the document's `lang`, and the `lang` of its address. */
export const LanguageSchema = z.enum(LANGUAGES)

export const MinutesDocumentSchema = z.object({
  lang: LanguageSchema,
  title: z.string(),
  /** "Version 1, kontrollkod 3KF2A-91B0E" and the status line, under the title. */
  subtitle: z.string(),
  versionCode: z.string(),
  /** Footer of every PDF page, with {{page}} and {{pages}} left to fill. */
  footer: z.string(),
  /** Without extension. */
  fileName: z.string(),
  /** What a drawn signature is called, for the PDF's text alternative ("Handskriven underskrift"). */
  drawnSignatureLabel: z.string(),
  blocks: z.array(MinutesBlockSchema),
})
export type MinutesDocument = z.infer<typeof MinutesDocumentSchema>
