import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type * as Fontkit from 'fontkit'
import type PDFDocumentClass from 'pdfkit'
import { SIGNATURE_BOX } from '../../shared/limits'
import type { MinutesBlock, MinutesDocument } from '../../shared/schemas/minutes'

/**
 * The minutes as a PDF, drawn with pdfkit (pure JavaScript – no browser on the server) from the
 * same blocks the print view shows (docs/protocol.md G12). DejaVu Sans is embedded (subset), so
 * å, ä, ö and every name people actually have render – the PDF standard fonts only know Latin-1.
 */

const require = createRequire(import.meta.url)

interface Libraries {
  PDFDocument: typeof PDFDocumentClass
  fonts: { regular: Fontkit.Font; bold: Fontkit.Font }
}

/**
 * pdfkit and the fonts are loaded when the first minutes are drawn, not at start: importing them
 * costs ~0.2 s, and a quick restart is what brings a room full of devices back (the reconnect
 * storm, docs/performance.md). The fonts are parsed once and shared by every document – parsing
 * them per PDF cost ~0.4 s a document; each document still makes its own subset.
 */
let libraries: Promise<Libraries> | undefined
function loadLibraries(): Promise<Libraries> {
  libraries ??= (async () => {
    const [{ default: PDFDocument }, fontkit] = await Promise.all([import('pdfkit'), import('fontkit')])
    const open = (file: string): Fontkit.Font => {
      const font = fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)))
      if (!('layout' in font)) throw new Error(`${file} is a font collection`)
      return font
    }
    return { PDFDocument, fonts: { regular: open('DejaVuSans.ttf'), bold: open('DejaVuSans-Bold.ttf') } }
  })().catch((error: unknown) => {
    libraries = undefined
    throw error
  })
  return libraries
}

const MARGIN = 56
const FOOTER_GAP = 28
const SIZE = { title: 17, subtitle: 10.5, heading: 13, subheading: 11, body: 10, small: 8.5 }
const MUTED = '#444444'
/** A drawn signature's width on paper, in points (its box keeps the screen's proportions). */
const SIGNATURE_WIDTH = 170
const SIGNATURE_HEIGHT = (SIGNATURE_WIDTH * SIGNATURE_BOX.height) / SIGNATURE_BOX.width

type Doc = PDFKit.PDFDocument
/** The tagged structure (PDF/UA-style) the content is added to: headings, paragraphs, lists, a table. */
type Struct = PDFKit.PDFStructureElement

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom
}

/** Starts a new page unless `height` points still fit on this one. */
function keepTogether(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage()
}

/** Drawing that carries no content (rules, bullets' room, page furniture): marked as an artifact. */
function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type })
  draw()
  doc.endMarkedContent()
}

function heading(
  doc: Doc,
  root: Struct,
  tag: 'H1' | 'H2' | 'H3',
  text: string,
  size: number,
  gap: number,
): void {
  doc.moveDown(gap)
  // A heading is never the last thing on a page: it keeps a few lines of what follows with it.
  keepTogether(doc, size + 110)
  root.add(doc.struct(tag, {}, () => doc.font('bold').fontSize(size).fillColor('black').text(text)))
  doc.moveDown(0.25)
}

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
 * Column widths in proportion to what each column holds (its longest word or cell, within bounds),
 * so "2026-12-07–2027-06-11" keeps one line and a short "Mål" column does not take a fifth.
 */
function columnWidths(block: Extract<MinutesBlock, { kind: 'table' }>, width: number): number[] {
  const weights = block.columns.map((column, i) => {
    const cells = [column, ...block.rows.map((row) => row[i] ?? '')]
    const longestWord = Math.max(...cells.flatMap((cell) => cell.split(/\s+/).map((w) => w.length)))
    const longestCell = Math.max(...cells.map((cell) => cell.length))
    return Math.max(longestWord + 2, Math.min(longestCell, 28), 6)
  })
  const total = weights.reduce((a, b) => a + b, 0)
  return weights.map((w) => (w / total) * width)
}

function table(doc: Doc, root: Struct, block: Extract<MinutesBlock, { kind: 'table' }>): void {
  keepTogether(doc, SIZE.body * 6)
  doc.fontSize(SIZE.small + 0.5)
  const widths = columnWidths(block, doc.page.width - doc.page.margins.left - doc.page.margins.right)
  doc.table({
    columnStyles: widths.map((width) => ({ width })),
    // pdfkit tags the table (Table, TR, TH, TD) under this parent; its types do not say so.
    ...({ structParent: root } as object),
    position: { x: doc.page.margins.left },
    defaultStyle: { border: 0.5, borderColor: '#888888', padding: 4 },
    data: [
      block.columns.map((text) => ({
        text,
        type: 'TH' as const,
        font: { src: 'bold' },
        backgroundColor: '#eeeeee',
      })),
      ...block.rows.map((row) => row.map((text) => ({ text, font: { src: 'regular' } }))),
    ],
  })
  doc.moveDown(0.8)
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
      root.add(
        doc.struct('P', {}, () =>
          doc.font('regular').fontSize(SIZE.body).fillColor('black').text(block.text, left, doc.y),
        ),
      )
      doc.moveDown(0.4)
      return
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

/** "Version 3FA2C-91B0E – sida 2 av 4" at the foot of every page. */
function footers(doc: Doc, template: string): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const text = template.replace('{{page}}', String(i + 1)).replace('{{pages}}', String(range.count))
    // Below the bottom margin: lift it while writing, or pdfkit would start a new page.
    const margin = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    artifact(
      doc,
      () =>
        doc
          .font('regular')
          .fontSize(SIZE.small)
          .fillColor(MUTED)
          .text(text, doc.page.margins.left, doc.page.height - margin + FOOTER_GAP - SIZE.small, {
            width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
            align: 'center',
            lineBreak: false,
          }),
      'Pagination',
    )
    doc.page.margins.bottom = margin
  }
}

/** The minutes as PDF bytes. */
export async function minutesPdf(minutes: MinutesDocument): Promise<Buffer> {
  const { PDFDocument, fonts } = await loadLibraries()
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_GAP, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // Tagged: headings, paragraphs, lists, the table and the signatures' marks are structure a
    // screen reader can follow, in reading order; page furniture is marked as artifacts.
    tagged: true,
    lang: minutes.lang === 'sv' ? 'sv-SE' : 'en-GB',
    displayTitle: true,
    // PDF/A-2a: an archivable, tagged document a municipality can file as it is (fonts embedded,
    // an sRGB output intent and the XMP identification are pdfkit's part).
    subset: 'PDF/A-2a',
    pdfVersion: '1.7',
    info: { Title: `${minutes.title} – ${minutes.versionCode}`, Creator: 'SIP Live' },
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const { regular, bold } = fonts
  // pdfkit takes a parsed fontkit font where its types say a path or bytes.
  doc.registerFont('regular', regular as unknown as Buffer)
  doc.registerFont('bold', bold as unknown as Buffer)

  const root = doc.struct('Document')
  doc.addStructure(root)
  root.add(doc.struct('H1', {}, () => doc.font('bold').fontSize(SIZE.title).text(minutes.title)))
  doc.moveDown(0.2)
  root.add(
    doc.struct('P', {}, () =>
      doc.font('regular').fontSize(SIZE.subtitle).fillColor(MUTED).text(minutes.subtitle).fillColor('black'),
    ),
  )
  let under: 2 | 3 = 2
  for (const block of minutes.blocks) {
    if (block.kind === 'heading') under = 2
    if (block.kind === 'subheading') under = 3
    render(doc, root, block, minutes.drawnSignatureLabel, under)
  }
  root.end()
  footers(doc, minutes.footer)
  doc.end()
  return done
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
