import { describe, expect, it } from 'vitest'
import type { MinutesBlock } from '../../shared/schemas/minutes'
import { drawablePath, titleLevels } from './blocks'

const fields: MinutesBlock = { kind: 'fields', title: 'Mål 1', rows: [] }

describe('titleLevels', () => {
  it('puts a title one level below the heading it follows, without gaps', () => {
    const blocks: MinutesBlock[] = [
      fields,
      { kind: 'heading', text: 'Planen' },
      fields,
      { kind: 'subheading', text: 'Mål' },
      fields,
      { kind: 'heading', text: 'Underskrifter' },
      fields,
    ]
    expect(titleLevels(blocks)).toEqual([2, 3, 3, 4, 4, 3, 3])
  })
})

describe('drawablePath', () => {
  it('keeps path data the schema accepts', () => {
    expect(drawablePath('M12 80 L14 82 M40 60 L41 62')).toBe('M12 80 L14 82 M40 60 L41 62')
  })

  it('drops anything else: other SVG commands, markup, points outside the box, nothing', () => {
    expect(drawablePath('M0 0 C1 1 2 2 3 3')).toBeNull()
    expect(drawablePath('M0 0"/><script>alert(1)</script>')).toBeNull()
    expect(drawablePath('M601 10 L5 5')).toBeNull()
    expect(drawablePath('')).toBeNull()
    expect(drawablePath(null)).toBeNull()
  })
})
