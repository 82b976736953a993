import { createHash } from 'node:crypto'
import { SIGNATURE_BOX } from '../../shared/limits'
import type { MinutesBlock, MinutesDocument } from '../../shared/schemas/minutes'
import {
  artifact,
  type Doc,
  drawPdf,
  heading,
  keepTogether,
  MUTED,
  pageFooters,
  paragraph,
  SIZE,
  type Struct,
  table,
} from '../pdf/document'

/**
 * The minutes as a PDF, drawn with pdfkit from the same blocks the print view shows
 * (docs/protocol.md G12); fonts, tagging and PDF/A are server/pdf/document.ts's.
 */

/** A drawn signature's width on paper, in points (its box keeps the screen's proportions). */
const SIGNATURE_WIDTH = 170
const SIGNATURE_HEIGHT = (SIGNATURE_WIDTH * SIGNATURE_BOX.height) / SIGNATURE_BOX.width

function fields(
  doc: Doc,
  root: Struct,
  block: Extract<MinutesBlock, { kind: 'fields' }>,
  titleTag: 'H3' | 'H4',
): void {
  const left = doc.page.margins.left
  keepTogether(doc, SIZE.body * 2.5 * Math.min(block.rows.length + 1, 4))
  if (block.title !== null) {
    root.add(
      doc.struct(titleTag, {}, () =>
        doc
          .font('bold')
          .fontSize(SIZE.body + 0.5)
          .text(block.title ?? ''),
      ),
    )
    doc.moveDown(0.15)
  }
  for (const row of block.rows) {
    root.add(
      doc.struct('P', {}, () =>
        doc
          .font('bold')
          .fontSize(SIZE.body)
          .text(`${row.label}: `, left, doc.y, { continued: true })
          .font('regular')
          .text(row.value),
      ),
    )
  }
  doc.moveDown(0.6)
}

/**
 * One signature as a framed row: the signer's name, in what capacity and when, and how it was given
 * (who witnessed it) on the left; their drawn mark, if any, on the right beside the name – never
 * between one signer's lines and the next.
 */
function signature(
  doc: Doc,
  root: Struct,
  block: Extract<MinutesBlock, { kind: 'signature' }>,
  drawnAlt: string,
): void {
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right
  const pad = 8
  const drawing = block.drawing
  const textWidth = width - 2 * pad - (drawing !== null ? SIGNATURE_WIDTH + pad : 0)
  keepTogether(doc, Math.max(drawing !== null ? SIGNATURE_HEIGHT : 0, SIZE.body * 4) + 2 * pad + 12)
  const top = doc.y
  const x = left + pad
  doc.y = top + pad
  root.add(
    doc.struct('P', {}, () =>
      doc
        .font('bold')
        .fontSize(SIZE.body + 0.5)
        .fillColor('black')
        .text(block.name, x, doc.y, { width: textWidth }),
    ),
  )
  root.add(
    doc.struct('P', {}, () =>
      doc
        .font('regular')
        .fontSize(SIZE.body)
        .fillColor(MUTED)
        .text(block.detail, x, doc.y, { width: textWidth }),
    ),
  )
  root.add(doc.struct('P', {}, () => doc.text(block.how, x, doc.y, { width: textWidth })))
  let end = doc.y
  if (drawing !== null) {
    const drawLeft = left + width - pad - SIGNATURE_WIDTH
    const drawTop = top + pad
    const scale = SIGNATURE_WIDTH / SIGNATURE_BOX.width
    root.add(
      doc.struct('Figure', { alt: `${drawnAlt}: ${block.name}` }, () => {
        doc.save()
        doc.translate(drawLeft, drawTop).scale(scale)
        doc.path(drawing).lineWidth(5).lineCap('round').lineJoin('round').strokeColor('black').stroke()
        doc.restore()
      }),
    )
    const line = drawTop + SIGNATURE_HEIGHT
    artifact(doc, () =>
      doc
        .moveTo(drawLeft, line)
        .lineTo(drawLeft + SIGNATURE_WIDTH, line)
        .lineWidth(0.5)
        .strokeColor(MUTED)
        .stroke(),
    )
    end = Math.max(end, line)
  }
  const boxBottom = end + pad
  artifact(doc, () =>
    doc
      .rect(left, top, width, boxBottom - top)
      .lineWidth(0.5)
      .strokeColor('#888888')
      .stroke(),
  )
  doc.fillColor('black')
  doc.x = left
  doc.y = boxBottom + 8
}

/**
 * One block. `under` is the level of the heading the block sits under, so a titled group of fields
 * (one goal, one support) is tagged one level below it and the outline never skips a level.
 */
function render(doc: Doc, root: Struct, block: MinutesBlock, drawnAlt: string, under: 2 | 3): void {
  const left = doc.page.margins.left
  switch (block.kind) {
    case 'heading':
      return heading(doc, root, 'H2', block.text, SIZE.heading, 0.8)
    case 'subheading':
      return heading(doc, root, 'H3', block.text, SIZE.subheading, 0.3)
    case 'paragraph':
      return paragraph(doc, root, block.text)
    case 'list': {
      doc.font('regular').fontSize(SIZE.body).fillColor('black')
      // pdfkit tags each item (LI, Lbl, LBody) under the list element.
      const list = doc.struct('L')
      root.add(list)
      doc.list(block.items, left, doc.y, {
        listType: block.ordered ? 'numbered' : 'bullet',
        bulletRadius: 1.8,
        textIndent: 12,
        structParent: list,
      })
      list.end()
      doc.moveDown(0.4)
      return
    }
    case 'fields':
      return fields(doc, root, block, under === 2 ? 'H3' : 'H4')
    case 'table':
      return table(doc, root, block)
    case 'signature':
      return signature(doc, root, block, drawnAlt)
  }
}

/** The minutes as PDF bytes. */
export function minutesPdf(minutes: MinutesDocument): Promise<Buffer> {
  return drawPdf(
    { lang: minutes.lang, title: `${minutes.title} – ${minutes.versionCode}` },
    (doc, root) => {
      root.add(doc.struct('H1', {}, () => doc.font('bold').fontSize(SIZE.title).text(minutes.title)))
      doc.moveDown(0.2)
      root.add(
        doc.struct('P', {}, () =>
          doc
            .font('regular')
            .fontSize(SIZE.subtitle)
            .fillColor(MUTED)
            .text(minutes.subtitle)
            .fillColor('black'),
        ),
      )
      let under: 2 | 3 = 2
      for (const block of minutes.blocks) {
        if (block.kind === 'heading') under = 2
        if (block.kind === 'subheading') under = 3
        render(doc, root, block, minutes.drawnSignatureLabel, under)
      }
    },
    // "Version 3FA2C-91B0E – sida 2 av 4" at the foot of every page.
    (doc) =>
      pageFooters(doc, (page, pages) =>
        minutes.footer.replace('{{page}}', String(page)).replace('{{pages}}', String(pages)),
      ),
  )
}

/**
 * The last few minutes drawn, by their content: everyone downloads the same minutes at the end
 * of a meeting, and a PDF costs ~60 ms of CPU, so a burst of downloads – or someone pressing the
 * link in a loop – draws each distinct document once. A new signature or language is new content
 * and is drawn anew. Kept in memory only, a few dozen at most; never written anywhere.
 */
/** A minutes PDF larger than this is drawn anew each time rather than kept. */
const MAX_CACHED_PDF_BYTES = 1024 * 1024

export function createPdfCache(
  render: (minutes: MinutesDocument) => Promise<Buffer> = minutesPdf,
  size = 32,
): (minutes: MinutesDocument) => Promise<Buffer> {
  const cache = new Map<string, Promise<Buffer>>()
  return (minutes) => {
    const key = createHash('sha256').update(JSON.stringify(minutes)).digest('hex')
    const hit = cache.get(key)
    // biome-ignore lint/nursery/noMisusedPromises: the cache holds promises; this asks whether one is there.
    if (hit) {
      // Most recently used last: the oldest is the first to go.
      cache.delete(key)
      cache.set(key, hit)
      return hit
    }
    const pdf = render(minutes)
    cache.set(key, pdf)
    // Failures are not kept, nor very large documents: the cache stays a few MB at most.
    pdf.then(
      (bytes) => {
        if (bytes.byteLength > MAX_CACHED_PDF_BYTES) cache.delete(key)
      },
      () => cache.delete(key),
    )
    while (cache.size > size) cache.delete(cache.keys().next().value!)
    return pdf
  }
}
