import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/**
 * The text of a PDF, page by page joined with new lines, as a reader (or a screen reader) gets it:
 * extracted with pdf.js, so a test sees what the bytes really say, not what we meant to write.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pages = await pdfPageTexts(bytes)
  return { text: pages.join('\n'), pages: pages.length }
}

/** The text of each page of a PDF, as pdfText reads it. */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
  }).promise
  const pages: string[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n)
    const content = await page.getTextContent()
    pages.push(
      content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '')).join(''),
    )
  }
  await pdf.destroy()
  return pages
}

interface StructNode {
  role?: string
  children?: StructNode[]
}

/**
 * How a PDF is tagged for assistive technology: whether it says it is marked, and how many
 * structure elements of each role (H1, P, Table, TH, L, Figure …) its pages carry.
 */
export async function pdfStructure(
  bytes: Uint8Array,
): Promise<{ marked: boolean; roles: Record<string, number> }> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    isEvalSupported: false,
  }).promise
  const roles: Record<string, number> = {}
  const walk = (node: StructNode) => {
    if (node.role) roles[node.role] = (roles[node.role] ?? 0) + 1
    for (const child of node.children ?? []) walk(child)
  }
  for (let n = 1; n <= pdf.numPages; n++) {
    const tree = (await (await pdf.getPage(n)).getStructTree()) as StructNode | null
    if (tree) walk(tree)
  }
  const marked = Boolean((await pdf.getMarkInfo())?.Marked)
  await pdf.destroy()
  return { marked, roles }
}

/**
 * What makes a PDF an archive copy: its PDF/A identification as the XMP metadata states it
 * (`pdfaid:part`, `pdfaid:conformance`), and whether the document has a structure tree
 * (StructTreeRoot: pdf.js gives a page a structure tree only when the catalog has one).
 */
export async function pdfArchive(
  bytes: Uint8Array,
): Promise<{ part: string | null; conformance: string | null; structTree: boolean; version: string }> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    isEvalSupported: false,
  }).promise
  const { metadata, info } = await pdf.getMetadata()
  const tree = await (await pdf.getPage(1)).getStructTree()
  const result = {
    part: metadata?.get('pdfaid:part') ?? null,
    conformance: metadata?.get('pdfaid:conformance') ?? null,
    structTree: tree !== null,
    version: String((info as Record<string, unknown>).PDFFormatVersion ?? ''),
  }
  await pdf.destroy()
  return result
}
