import type { MinutesBlock } from '../../shared/schemas/minutes'
import { SignatureDrawingSchema } from '../../shared/schemas/signoff'

/**
 * The heading level of each block's own title (a fields block's "Mål på lång sikt 1"): one below
 * the section or part it follows – h3 under a heading (h2), h4 under a subheading (h3) – so the
 * outline a screen reader lists has no gaps. The document's title is the h1.
 */
export function titleLevels(blocks: readonly MinutesBlock[]): number[] {
  let level = 1
  return blocks.map((block) => {
    if (block.kind === 'heading') level = 2
    else if (block.kind === 'subheading') level = 3
    return level + 1
  })
}

/**
 * A signature drawing to put into an SVG path, or null. Only what the server's schema accepts
 * (move-to and line-to with whole numbers in the box) is drawn, whatever the answer held.
 */
export function drawablePath(drawing: string | null): string | null {
  return drawing !== null && SignatureDrawingSchema.safeParse(drawing).success ? drawing : null
}
