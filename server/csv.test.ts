import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from './csv'

describe('P11: CSV as Swedish Excel opens it', () => {
  it('P11: starts with the UTF-8 byte order mark, separates with semicolons, ends every row with CRLF', () => {
    const csv = toCsv(['Datum', 'Beskrivning'], [['2026-11-29', 'Kallelsen kom sent']])
    const bytes = Buffer.from(csv, 'utf8')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.slice(1)).toBe('Datum;Beskrivning\r\n2026-11-29;Kallelsen kom sent\r\n')
  })

  it('P11: å, ä and ö stay as they are (UTF-8), an empty table is the header alone', () => {
    const csv = toCsv(['Möte', 'Registrerad av'], [])
    expect(csv).toBe('\uFEFFMöte;Registrerad av\r\n')
    expect(Buffer.from(csv, 'utf8').toString('utf8')).toContain('Möte')
  })

  it('P11: quotes a field holding a semicolon, a quote, a CR or an LF, and doubles its quotes', () => {
    expect(csvCell('skola; BUP')).toBe('"skola; BUP"')
    expect(csvCell('hon sa "nej"')).toBe('"hon sa ""nej"""')
    expect(csvCell('rad ett\nrad två')).toBe('"rad ett\nrad två"')
    expect(csvCell('rad ett\r\nrad två')).toBe('"rad ett\r\nrad två"')
    expect(csvCell('helt vanlig text, med komma')).toBe('helt vanlig text, med komma')
    expect(csvCell('')).toBe('')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    // A quoted field with a line break is one row, not two.
    const csv = toCsv(['A', 'B'], [['x\r\ny', 'z']])
    expect(csv.slice(1)).toBe('A;B\r\n"x\r\ny";z\r\n')
  })

  it('P11: text that a spreadsheet would run as a formula gets a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","klicka")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""klicka"")"`,
    )
    expect(csvCell('+46701234567')).toBe("'+46701234567")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)")
    expect(csvCell('\t=1+1')).toBe("'\t=1+1")
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`)
    // Only at the start: inside a text it is harmless.
    expect(csvCell('2 + 2 = 4')).toBe('2 + 2 = 4')
    // A number we write ourselves is a number, not someone's text.
    expect(csvCell(-3)).toBe('-3')
  })
})
