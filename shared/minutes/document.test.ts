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
      convener: '',
      consent: null,
      audience: { kind: 'family' },
    })
    const table = doc.blocks.find((b) => b.kind === 'table')
    expect(table?.kind === 'table' && table.rows).toEqual([
      ['Maja', 'Mötesledare, rektor', 'Skola', 'Digitalt'],
      ['Sara', 'Vårdnadshavare', 'Familj', 'Inte markerad'],
      ['Lena', 'psykolog', 'BUP', 'Närvarande'],
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
      'Version 1, kontrollkod ABABA-BABAB. Planen är låst för underskrift men inte slutförd. Fler kan skriva under.',
    )
    // Locked at 09:00 UTC: shown in Swedish time.
    expect(JSON.stringify(doc)).toContain('23 november 2026 kl. 10:00')
  })
  it('leaves empty fields out and never says an unset agreement is "Nej"; a staff copy adds the technical check', () => {
    const input = {
      lang: 'sv' as const,
      plan: {
        setup: { childName: 'Elsa', place: '' },
        goals: [
          { id: 'g1', kind: 'short', what: 'Gå till skolan', measure: '', byWhen: '', agreed: null },
          { id: 'g2', kind: 'short', what: 'Sova', agreed: false },
        ],
        supports: [
          { id: 's1', party: 'agency', what: 'Skolskjuts', frequency: '', start: '', end: '2027-01-01' },
        ],
      },
      version: { number: 2, hash: 'cd'.repeat(32), lockedAt: 0 },
      finalizedAt: null,
      signatures: [],
      missing: [],
      required: [],
      convener: 'Eva Ek',
      consent: {
        givenBy: [{ name: 'Sara', relation: 'guardian' }],
        givenAt: '2026-01-10',
        scope: 'Skola och BUP',
        notShared: '',
      },
      audience: { kind: 'family' as const },
    }
    const doc = minutesDocument(input)
    const rows = doc.blocks.flatMap((b) => (b.kind === 'fields' ? b.rows : []))
    expect(rows.every((r) => r.value !== '')).toBe(true)
    expect(rows.map((r) => r.label)).not.toContain('Plats')
    expect(rows.map((r) => r.label)).not.toContain('Får inte delas')
    const agreed = rows
      .filter((r) => r.label === 'Överens med barnet och vårdnadshavarna')
      .map((r) => r.value)
    expect(agreed).toEqual(['Inte bestämt', 'Nej'])
    const supports = doc.blocks.find((b) => b.kind === 'table' && b.columns[0] === 'Insats')
    expect(supports).toEqual({
      kind: 'table',
      columns: ['Insats', 'Vem', 'Hur ofta och var', 'Från–till', 'Mål'],
      rows: [['Skolskjuts', '', '', 'till 2027-01-01', '']],
    })
    expect(JSON.stringify(doc)).not.toContain('cd'.repeat(32))

    const staff = minutesDocument({
      ...input,
      audience: { kind: 'staff', verifyUrl: 'http://x/api/verify', verifyCommand: 'npm run cli -- verify' },
    })
    const staffRows = staff.blocks.flatMap((b) => (b.kind === 'fields' ? b.rows : []))
    expect(staffRows).toContainEqual({ label: 'Kontrollsumma (SHA-256)', value: 'cd'.repeat(32) })
    expect(staffRows).toContainEqual({ label: 'Adress', value: 'http://x/api/verify' })
    expect(staffRows).toContainEqual({ label: 'Kommando', value: 'npm run cli -- verify' })
  })
})

describe('P7, P13: a follow-up’s protocol blocks', () => {
  const base = {
    version: { number: 1, hash: 'ef'.repeat(32), lockedAt: 0 },
    finalizedAt: null,
    signatures: [],
    missing: [],
    required: [],
    convener: '',
    consent: null,
    audience: { kind: 'family' as const },
  }
  const previous = {
    goals: [
      { id: 'g1', kind: 'short', what: 'Sova hela nätter' },
      { id: 'g2', kind: 'short', what: '' },
    ],
    supports: [
      { id: 's1', party: 'agency', what: 'Läxhjälp' },
      { id: 's2', party: 'family', what: 'Väckning' },
    ],
  }
  const plan = {
    goals: [{ id: 'g2', kind: 'short', what: '', outcome: 'not-achieved', outcomeComment: '' }],
    supports: [{ id: 's2', party: 'family', what: 'Väckning', status: 'paused', effect: 'Svårt att säga' }],
  }

  it('P13: removed goals and supports, an untitled goal and a status of another kind read as plain sentences', () => {
    const doc = minutesDocument({
      ...base,
      lang: 'sv',
      plan,
      previous: { plan: previous, versionCode: 'AAAAA-BBBBB' },
    })
    expect(doc.blocks).toContainEqual({
      kind: 'list',
      ordered: false,
      items: [
        'Målet ”(utan beskrivning)” är inte uppnått',
        'Målet ”Sova hela nätter” har tagits bort',
        'Insatsen ”Väckning”: paused',
        'Insatsen ”Läxhjälp” har tagits bort',
      ],
    })
    // P7: the family's own part has its follow-up under its own table.
    const family = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Familjens egen del')
    expect(doc.blocks.slice(family + 2, family + 4)).toEqual([
      { kind: 'subheading', text: 'Hur det har gått' },
      {
        kind: 'fields',
        title: 'Väckning',
        rows: [
          { label: 'Läge', value: 'paused' },
          { label: 'Effekt', value: 'Svårt att säga' },
        ],
      },
    ])
    const english = minutesDocument({
      ...base,
      lang: 'en',
      plan,
      previous: { plan: previous, versionCode: 'X' },
    })
    expect(JSON.stringify(english)).toContain('The goal “Sova hela nätter” was removed')
    expect(JSON.stringify(english)).toContain('Result at the follow-up')
  })

  it('P13: without a previous version there is no changes section, whatever the plan holds', () => {
    const doc = minutesDocument({ ...base, lang: 'sv', plan })
    expect(JSON.stringify(doc)).not.toContain('Förändringar sedan förra mötet')
  })
})
