import { z } from 'zod'
import { LanguageSchema } from './minutes'

/**
 * The closure notice (docs/process.md P10) as a few blocks: the participant's screen shows them
 * (GET /api/session/closure-notice) and the server draws the same blocks into the PDF, so the two
 * cannot say different things. Built by shared/closure/notice.ts.
 */
export const ClosureNoticeBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
])
export type ClosureNoticeBlock = z.infer<typeof ClosureNoticeBlockSchema>

export const ClosureNoticeSchema = z.object({
  lang: LanguageSchema,
  /** "SIP:en för Elsa är avslutad". */
  title: z.string(),
  /** The PDF's file name, without ".pdf": no ids, no names ("SIP-avslut-2027-05-12"). */
  fileName: z.string(),
  blocks: z.array(ClosureNoticeBlockSchema),
})
export type ClosureNotice = z.infer<typeof ClosureNoticeSchema>
