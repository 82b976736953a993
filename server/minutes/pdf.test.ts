import { describe, expect, it } from 'vitest'
import type { MinutesDocument } from '../../shared/schemas/minutes'
import { createPdfCache } from './pdf'

const protocol = (code: string): MinutesDocument => ({
  lang: 'sv',
  title: 'Samordnad individuell plan (SIP) – protokoll',
  subtitle: `Version ${code}.`,
  versionCode: code,
  footer: 'Version {{code}} – sida {{page}} av {{pages}}',
  fileName: `SIP-protokoll-${code}`,
  drawnSignatureLabel: 'Handskriven underskrift',
  blocks: [{ kind: 'paragraph', text: 'Behov' }],
})

describe('G12: protocol PDFs drawn once per content', () => {
  it('a burst of downloads of one protocol draws it once; new content, or one pushed out, is drawn anew', async () => {
    let drawn = 0
    const pdf = createPdfCache(async (p) => {
      drawn++
      return Buffer.from(p.versionCode)
    }, 2)
    const first = await Promise.all([1, 2, 3, 4, 5].map(() => pdf(protocol('AAAAA-11111'))))
    expect(first.map(String)).toEqual(Array(5).fill('AAAAA-11111'))
    expect(drawn).toBe(1)
    await pdf(protocol('BBBBB-22222'))
    expect(drawn).toBe(2)
    await pdf(protocol('AAAAA-11111'))
    expect(drawn).toBe(2)
    // A third distinct protocol pushes out the least recently used (B).
    await pdf(protocol('CCCCC-33333'))
    await pdf(protocol('BBBBB-22222'))
    expect(drawn).toBe(4)
  })

  it('a very large protocol is not kept: memory stays bounded', async () => {
    let drawn = 0
    const pdf = createPdfCache(async () => {
      drawn++
      return Buffer.alloc(2 * 1024 * 1024)
    })
    await pdf(protocol('AAAAA-11111'))
    await new Promise((resolve) => setImmediate(resolve))
    await pdf(protocol('AAAAA-11111'))
    expect(drawn).toBe(2)
  })

  it('a failed drawing is not kept: the next request tries again', async () => {
    let attempts = 0
    const pdf = createPdfCache(async () => {
      attempts++
      if (attempts === 1) throw new Error('font missing')
      return Buffer.from('ok')
    })
    await expect(pdf(protocol('AAAAA-11111'))).rejects.toThrow('font missing')
    expect(String(await pdf(protocol('AAAAA-11111')))).toBe('ok')
    expect(attempts).toBe(2)
  })
})
