import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type * as Fontkit from 'fontkit'
import type PDFDocumentClass from 'pdfkit'
import type { Language } from '../../shared/languages'

/**
 * What every PDF SIP Live draws shares (the minutes, server/minutes/pdf.ts; the closure notice,
 * server/sips/closure-notice.ts; the statistics, server/statistics/pdf.ts): pdfkit – pure JavaScript, no browser on the server – with DejaVu
 * Sans embedded (subset), so å, ä, ö and every name people actually have render (the PDF standard
 * fonts only know Latin-1); tagged structure a screen reader can follow; PDF/A-2a.
 */

const require = createRequire(import.meta.url)

interface Libraries {
  PDFDocument: typeof PDFDocumentClass
  fonts: { regular: Fontkit.Font; bold: Fontkit.Font }
}

/**
 * pdfkit and the fonts are loaded when the first PDF is drawn, not at start: importing them
 * costs ~0.2 s, and a quick restart is what brings a room full of devices back (the reconnect
 * storm, docs/performance.md). The fonts are parsed once and shared by every document – parsing
 * them per PDF cost ~0.4 s a document; each document still makes its own subset.
 */
let libraries: Promise<Libraries> | undefined
function loadLibraries(): Promise<Libraries> {
  libraries ??= (async () => {
    // require, not import(): `npm start` runs the server as a script compiled with its code cache
    // (server/launch.ts), where import() would need an experimental vm API.
    const PDFDocument = require('pdfkit') as typeof PDFDocumentClass
    const fontkit = require('fontkit') as typeof Fontkit
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

export const MARGIN = 56
export const FOOTER_GAP = 28
export const SIZE = { title: 17, subtitle: 10.5, heading: 13, subheading: 11, body: 10, small: 8.5 }
export const MUTED = '#444444'

export type Doc = PDFKit.PDFDocument
/** The tagged structure (PDF/UA-style) the content is added to: headings, paragraphs, lists, a table. */
export type Struct = PDFKit.PDFStructureElement

export function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom
}

/** Starts a new page unless `height` points still fit on this one. */
export function keepTogether(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage()
}

/** Drawing that carries no content (rules, bullets' room, page furniture): marked as an artifact. */
export function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type })
  draw()
  doc.endMarkedContent()
}

export function heading(
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

/** A paragraph of body text at the left margin. */
export function paragraph(doc: Doc, root: Struct, text: string, size: number = SIZE.body): void {
  root.add(
    doc.struct('P', {}, () =>
      doc.font('regular').fontSize(size).fillColor('black').text(text, doc.page.margins.left, doc.y),
    ),
  )
  doc.moveDown(0.4)
}

/**
 * Lets the event loop run between the parts of a long document: laying out text costs the CPU
 * ~1 ms a table cell, and a report of many tables drawn in one go would hold up every meeting's
 * sync for as long.
 */
export function breather(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** A table's text: the header cells, then the rows. */
export interface TableText {
  columns: readonly string[]
  rows: readonly (readonly string[])[]
}

/**
 * Column widths in proportion to what each column holds (its longest word or cell, within bounds),
 * so "2026-12-07–2027-06-11" keeps one line and a short "Mål" column does not take a fifth.
 */
function columnWidths(block: TableText, width: number): number[] {
  const weights = block.columns.map((column, i) => {
    const cells = [column, ...block.rows.map((row) => row[i] ?? '')]
    const longestWord = Math.max(...cells.flatMap((cell) => cell.split(/\s+/).map((w) => w.length)))
    const longestCell = Math.max(...cells.map((cell) => cell.length))
    return Math.max(longestWord + 2, Math.min(longestCell, 28), 6)
  })
  const total = weights.reduce((a, b) => a + b, 0)
  return weights.map((w) => (w / total) * width)
}

/**
 * A table, tagged (Table, TR, TH, TD) so a screen reader reads it as one: header cells bold on grey.
 * `align` per column (figures read best right-aligned); left when not given.
 */
export function table(
  doc: Doc,
  root: Struct,
  block: TableText,
  align: readonly ('left' | 'right')[] = [],
): void {
  keepTogether(doc, SIZE.body * 6)
  doc.fontSize(SIZE.small + 0.5)
  const widths = columnWidths(block, doc.page.width - doc.page.margins.left - doc.page.margins.right)
  doc.table({
    columnStyles: widths.map((width, i) => ({ width, align: { x: align[i] ?? 'left' } })),
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

/** A line at the foot of every page ("sida 2 av 4"), as a pagination artifact. Call after the content. */
export function pageFooters(doc: Doc, text: (page: number, pages: number) => string): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const line = text(i + 1, range.count)
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
          .text(line, doc.page.margins.left, doc.page.height - margin + FOOTER_GAP - SIZE.small, {
            width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
            align: 'center',
            lineBreak: false,
          }),
      'Pagination',
    )
    doc.page.margins.bottom = margin
  }
}

/**
 * Draws one A4 document and answers its bytes: `content` adds the tagged content under the
 * document's root (a long document may be async and let other work run between its parts, see
 * `breather`); `furniture`, if given, then draws on every page (footers), as artifacts.
 */
export async function drawPdf(
  meta: { lang: Language; title: string },
  content: (doc: Doc, root: Struct) => void | Promise<void>,
  furniture?: (doc: Doc) => void,
): Promise<Buffer> {
  const { PDFDocument, fonts } = await loadLibraries()
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_GAP, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // Tagged: headings, paragraphs, lists, tables and figures are structure a screen reader can
    // follow, in reading order; page furniture is marked as artifacts.
    tagged: true,
    lang: meta.lang === 'sv' ? 'sv-SE' : 'en-GB',
    displayTitle: true,
    // PDF/A-2a: an archivable, tagged document a municipality can file as it is (fonts embedded,
    // an sRGB output intent and the XMP identification are pdfkit's part).
    subset: 'PDF/A-2a',
    pdfVersion: '1.7',
    info: { Title: meta.title, Creator: 'SIP Live' },
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const { regular, bold } = fonts
  // pdfkit takes a parsed fontkit font where its types say a path or bytes. The family name is its
  // cache key when it switches back to a font it resolved (every table cell does): without one it
  // opens and compares the font anew each time – seconds for a report of many tables.
  doc.registerFont('regular', regular as unknown as Buffer, 'regular')
  doc.registerFont('bold', bold as unknown as Buffer, 'bold')

  const root = doc.struct('Document')
  doc.addStructure(root)
  await content(doc, root)
  root.end()
  furniture?.(doc)
  doc.end()
  return done
}
