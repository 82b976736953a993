import { describe, expect, it } from 'vitest'
import { type ClosureNoticeInput, closureNotice, DEFAULT_CLOSURE_HELP } from '../../shared/closure/notice'
import { CLOSE_REASONS } from '../../shared/schemas/sip'
import { pdfArchive, pdfStructure, pdfText } from '../test/pdf-text'
import { closureNoticePdf } from './closure-notice'

const ELSA: ClosureNoticeInput = {
  childName: 'Elsa',
  closedOn: '2027-05-12',
  reason: 'consent-withdrawn',
  helpText:
    'Ring skolans kurator på 08-123 45 67.\n\nDu kan också vända dig till Ungdomsmottagningen i Handen.',
  responsible: { name: 'Amir Haddad', function: 'kurator', organisationLabel: 'Elevhälsa' },
  lang: 'sv',
}

/** pdf.js may break a sentence over lines: compare the words, not the line breaks. */
const words = (text: string) => text.replace(/\s+/g, ' ').trim()

describe('P10: the closure notice as a PDF', () => {
  it('P10: says in plain Swedish that the SIP no longer applies, from when, why, and where to turn', async () => {
    const pdf = await closureNoticePdf(ELSA)
    const { text, pages } = await pdfText(pdf)
    expect(pages).toBe(1)
    const read = words(text)
    expect(read).toContain('SIP:en för Elsa är avslutad')
    expect(read).toContain(
      'Från och med 12 maj 2027 gäller inte längre den samordnade individuella planen (SIP) för Elsa.',
    )
    expect(read).toContain('Ni har tagit tillbaka ert samtycke till samordningen.')
    expect(read).toContain('Om behovet kommer tillbaka')
    expect(read).toContain('Ring skolans kurator på 08-123 45 67.')
    expect(read).toContain('Du kan också vända dig till Ungdomsmottagningen i Handen.')
    expect(read).toContain('Amir Haddad (kurator, Elevhälsa)')
    // No version codes, no ids, no ISO dates: a letter to a family.
    expect(read).not.toMatch(/2027-05-12|[0-9a-f]{8}-[0-9a-f]{4}|[A-Z0-9]{5}-[A-Z0-9]{5}/)
  })

  it('P10: the English notice says the same in English', async () => {
    const { text } = await pdfText(
      await closureNoticePdf({ ...ELSA, lang: 'en', reason: 'no-joint-support' }),
    )
    const read = words(text)
    expect(read).toContain('The SIP for Elsa has ended')
    expect(read).toContain(
      'From 12 May 2027, the coordinated individual plan (SIP) for Elsa no longer applies.',
    )
    expect(read).toContain(
      'Elsa no longer needs support from both the municipality and the region at the same time.',
    )
    expect(read).toContain('If the need comes back')
    expect(read).toContain('The lead coordinator of the SIP was Amir Haddad (kurator, Elevhälsa).')
    expect(read).not.toContain('SIP:en')
  })

  it('P10: tagged for a screen reader (a title, its sections, paragraphs) and an archive copy (PDF/A-2a)', async () => {
    for (const lang of ['sv', 'en'] as const) {
      const pdf = await closureNoticePdf({ ...ELSA, lang })
      const { marked, roles } = await pdfStructure(pdf)
      expect(marked).toBe(true)
      expect(roles.H1).toBe(1)
      expect(roles.H2).toBe(3)
      expect(roles.P).toBe(6)
      const archive = await pdfArchive(pdf)
      expect({ part: archive.part, conformance: archive.conformance }).toEqual({
        part: '2',
        conformance: 'A',
      })
    }
  })

  it('P10: without a huvudansvarig the notice leaves that section out', async () => {
    const { text } = await pdfText(await closureNoticePdf({ ...ELSA, responsible: null }))
    expect(text).not.toContain('Huvudansvarig')
    expect(text).not.toContain('huvudansvaret')
    expect(words(text)).toContain('Om behovet kommer tillbaka')
  })
})

describe('P10: the notice in words', () => {
  it('P9: each of the routine’s reasons is one plain sentence of its own, in both languages', () => {
    for (const lang of ['sv', 'en'] as const) {
      const sentences = CLOSE_REASONS.map((reason) => {
        const notice = closureNotice({ ...ELSA, reason, lang })
        const why = notice.blocks.findIndex((b) => b.kind === 'heading')
        return notice.blocks[why + 1]?.text ?? ''
      })
      expect(new Set(sentences).size).toBe(CLOSE_REASONS.length)
      for (const sentence of sentences) {
        expect(sentence).toMatch(/^[^.]+\.$/)
        expect(sentence).not.toMatch(/\{\{|\}\}/)
      }
    }
    const sv = (reason: (typeof CLOSE_REASONS)[number]) =>
      closureNotice({ ...ELSA, reason }).blocks.map((b) => b.text)
    expect(sv('no-joint-support')).toContain(
      'Elsa behöver inte längre stöd från både kommunen och regionen samtidigt.',
    )
    expect(sv('new-sip-needed')).toContain(
      'Målen för Elsa har ändrats så mycket att det behövs en ny SIP i stället.',
    )
  })

  it('P10: the date is the calendar date in words, never a day earlier in another time zone', () => {
    expect(closureNotice({ ...ELSA, closedOn: '2027-01-01' }).blocks[0]?.text).toContain('1 januari 2027')
    expect(closureNotice({ ...ELSA, closedOn: '2026-12-31', lang: 'en' }).blocks[0]?.text).toContain(
      '31 December 2026',
    )
  })

  it('P10: the file name carries the date only – no child, no ids', () => {
    expect(closureNotice(ELSA).fileName).toBe('SIP-avslut-2027-05-12')
    expect(closureNotice({ ...ELSA, lang: 'en' }).fileName).toBe('SIP-closure-2027-05-12')
  })

  it('P10: a child’s name is put in as written, never read as a template', () => {
    const notice = closureNotice({ ...ELSA, childName: '{{date}} $&' })
    expect(notice.title).toBe('SIP:en för {{date}} $& är avslutad')
  })

  it('P10: the default texts say where to turn, in both languages', () => {
    expect(DEFAULT_CLOSURE_HELP.sv).toContain('Alla kan ta initiativ till en ny SIP.')
    expect(DEFAULT_CLOSURE_HELP.en).toContain('Anyone can take the initiative for a new SIP.')
  })
})
