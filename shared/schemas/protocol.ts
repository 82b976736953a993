import { z } from 'zod'

/**
 * The protocol of a locked or finalized plan version as one list of blocks: GET
 * /api/meetings/:id/plan/protocol returns it for the print view, and the server renders the same
 * blocks into the PDF (…/protocol.pdf). One builder (shared/protocol/document.ts), two renderers,
 * so the two cannot say different things.
 */
export const ProtocolBlockSchema = z.discriminatedUnion('kind', [
  /** A section of the protocol. */
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
  /** One signature: the typed name, who and how, and the drawn mark if there is one. */
  z.object({
    kind: z.literal('signature'),
    name: z.string(),
    detail: z.string(),
    witness: z.string().nullable(),
    /** SVG path data in the SIGNATURE_BOX coordinate space (shared/limits.ts). */
    drawing: z.string().nullable(),
  }),
])
export type ProtocolBlock = z.infer<typeof ProtocolBlockSchema>

export const ProtocolDocumentSchema = z.object({
  lang: z.enum(['sv', 'en']),
  title: z.string(),
  /** "Version 3KF2A-91B0E" and the status line, under the title. */
  subtitle: z.string(),
  versionCode: z.string(),
  /** Footer of every PDF page, with {{page}} and {{pages}} left to fill. */
  footer: z.string(),
  /** Without extension. */
  fileName: z.string(),
  /** What a drawn signature is called, for the PDF's text alternative ("Handskriven underskrift"). */
  drawnSignatureLabel: z.string(),
  blocks: z.array(ProtocolBlockSchema),
})
export type ProtocolDocument = z.infer<typeof ProtocolDocumentSchema>
