import { describe, expect, it } from 'vitest'
import type { RichNode } from '../plan/canonical'
import { minutesDocument, richTextBlocks } from './document'

const text = (t: string): RichNode => ({ type: 'text', text: t })
const paragraph = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content })
const item = (...content: RichNode[]): RichNode => ({ type: 'listItem', content })

describe('G12: protocol blocks', () => {
  it('rich text keeps paragraphs, headings, line breaks and nested list items in order', () => {
    const blocks = richTextBlocks([
      { type: 'heading', attrs: { level: 3 }, content: [text('Skolan')] },
      paragraph(text('Första raden'), { type: 'hardBreak' }, text('andra, '), {
        type: 'text',
        text: 'fet',
        marks: [{ type: 'bold' }],
      }),
      paragraph(),
      {
        type: 'orderedList',
        content: [
          item(paragraph(text('Ett')), { type: 'bulletList', content: [item(paragraph(text('ett a')))] }),
          item(paragraph(text('Två'))),
        ],
      },
      { type: 'blockquote', content: [paragraph(text('Citat'))] },
    ])
    expect(blocks).toEqual([
      { kind: 'subheading', text: 'Skolan' },
      { kind: 'paragraph', text: 'Första raden\nandra, fet' },
      { kind: 'list', ordered: true, items: ['Ett', '– ett a', 'Två'] },
      { kind: 'paragraph', text: 'Citat' },
    ])
  })

  it('lists people chair first and the family before other participants, and marks who has not signed', () => {
    const doc = minutesDocument({
      lang: 'sv',
      plan: {
        participants: {
          p1: { name: 'Lena', role: 'participant', organisation: 'bup', function: 'psykolog' },
          p2: { name: 'Sara', role: 'guardian', organisation: 'familj', function: '' },
          p3: { name: 'Maja', role: 'chair', organisation: 'skola', function: 'rektor' },
        },
        attendance: { p1: 'present', p3: 'remote' },
      },
      version: { number: 1, hash: 'ab'.repeat(32), lockedAt: Date.UTC(2026, 10, 23, 9, 0) },
      finalizedAt: null,
      signatures: [],
      missing: [],
      required: ['p1', 'p3'],
      verifyUrl: 'http://127.0.0.1:8080/api/meetings/m/plan/verify?version=1',
    })
    const table = doc.blocks.find((b) => b.kind === 'table')
    expect(table?.kind === 'table' && table.rows).toEqual([
      ['Maja', 'Mötesledare', 'Skola', 'rektor', 'Digitalt'],
      ['Sara', 'Vårdnadshavare', 'Familj', '', 'Inte markerad'],
      ['Lena', 'Deltagare', 'BUP', 'psykolog', 'Närvarande'],
    ])
    const pending = doc.blocks.find(
      (b) => b.kind === 'list' && b.items[0]?.includes('har inte skrivit under'),
    )
    expect(pending).toEqual({
      kind: 'list',
      ordered: false,
      items: ['Lena: har inte skrivit under ännu', 'Maja: har inte skrivit under ännu'],
    })
    expect(doc.subtitle).toBe(
      'Version ABABA-BABAB. Planen är låst för underskrift men inte slutförd. Fler kan skriva under.',
    )
    // Locked at 09:00 UTC: shown in Swedish time.
    expect(JSON.stringify(doc)).toContain('23 november 2026 kl. 10:00')
  })
})
