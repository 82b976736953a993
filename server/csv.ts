import type { FastifyReply } from 'fastify'

/**
 * CSV as Swedish Excel opens it (docs/api.md "CSV"): UTF-8 with a byte order mark (without it
 * Excel reads å, ä and ö as Latin-1), semicolons between fields (Excel in a Swedish locale uses the
 * comma as the decimal sign and splits on semicolons), CRLF between rows (RFC 4180). A field is
 * quoted when it holds a semicolon, a quote or a line break, its quotes doubled. Every export of
 * the installation (deviations, statistics) is written here.
 */

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8'

const BOM = '\uFEFF'
const SEPARATOR = ';'
const NEWLINE = '\r\n'

/**
 * A cell a spreadsheet would run as a formula (CSV injection: `=HYPERLINK(...)`, `+`, `-`, `@`,
 * and a leading tab or carriage return, which some spreadsheets skip before looking) – so text
 * that someone typed is always shown as text: it gets a leading apostrophe.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export type CsvValue = string | number | null | undefined

/** One field as written: text made safe from formulas, quoted when it must be. */
export function csvCell(value: CsvValue): string {
  const text = value === null || value === undefined ? '' : String(value)
  const safe = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** The whole file: BOM, the header row, then every row, each ending with CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const line = (cells: readonly CsvValue[]): string => cells.map(csvCell).join(SEPARATOR) + NEWLINE
  return BOM + line(header) + rows.map(line).join('')
}

/**
 * Sends a CSV file to save, not to show: `fileName` is plain ASCII (letters, digits, `-`, `.`),
 * so the header needs no encoding.
 */
export function sendCsv(reply: FastifyReply, fileName: string, csv: string): FastifyReply {
  if (!/^[A-Za-z0-9._-]+\.csv$/.test(fileName)) throw new Error(`not a safe CSV file name: ${fileName}`)
  return reply
    .type(CSV_CONTENT_TYPE)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(csv)
}
