import { describe, expect, it } from 'vitest'
import { MAX_SIGNATURE_DRAWING_CHARS, SIGNATURE_BOX } from '../../../shared/limits'
import { SignatureDrawingSchema } from '../../../shared/schemas/signoff'
import { extendStroke, isPathFull, type Stroke, strokesToPath, toBoxPoint } from './signature-path'

describe('toBoxPoint', () => {
  const rect = { left: 100, top: 50, width: 300, height: 100 }

  it('scales a position on the pad to the signature box in whole numbers', () => {
    expect(toBoxPoint(100, 50, rect)).toEqual({ x: 0, y: 0 })
    expect(toBoxPoint(400, 150, rect)).toEqual({ x: SIGNATURE_BOX.width, y: SIGNATURE_BOX.height })
    expect(toBoxPoint(250.3, 100.26, rect)).toEqual({ x: 301, y: 101 })
  })

  it('clamps a pointer that left the pad (it is captured) to the box', () => {
    expect(toBoxPoint(20, 10, rect)).toEqual({ x: 0, y: 0 })
    expect(toBoxPoint(900, 900, rect)).toEqual({ x: SIGNATURE_BOX.width, y: SIGNATURE_BOX.height })
  })

  it('a pad with no size gives the origin rather than NaN or Infinity', () => {
    expect(toBoxPoint(10, 10, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0, y: 0 })
  })
})

describe('extendStroke', () => {
  it('skips a point equal to the last one', () => {
    const stroke = extendStroke([{ x: 1, y: 2 }], { x: 1, y: 2 })
    expect(stroke).toEqual([{ x: 1, y: 2 }])
    expect(extendStroke(stroke, { x: 3, y: 2 })).toEqual([
      { x: 1, y: 2 },
      { x: 3, y: 2 },
    ])
  })
})

describe('strokesToPath', () => {
  it('is null when nothing is drawn', () => {
    expect(strokesToPath([])).toBeNull()
    expect(strokesToPath([[]])).toBeNull()
  })

  it('writes each stroke as a move-to followed by line-tos, accepted by the server schema', () => {
    const path = strokesToPath([
      [
        { x: 12, y: 80 },
        { x: 14, y: 82 },
      ],
      [
        { x: 40, y: 60 },
        { x: 41, y: 62 },
      ],
    ])
    expect(path).toBe('M12 80 L14 82 M40 60 L41 62')
    expect(SignatureDrawingSchema.safeParse(path).success).toBe(true)
  })

  it('draws a single tap as a dot', () => {
    const path = strokesToPath([[{ x: 5, y: 6 }]])
    expect(path).toBe('M5 6 L5 6')
    expect(SignatureDrawingSchema.safeParse(path).success).toBe(true)
  })

  it('points from anywhere on the pad, corners included, pass the schema', () => {
    const rect = { left: 0, top: 0, width: 333, height: 111 }
    const stroke: Stroke = [
      toBoxPoint(-5, -5, rect),
      toBoxPoint(333, 111, rect),
      toBoxPoint(1000, 50, rect),
      toBoxPoint(166.5, 55.5, rect),
    ]
    expect(SignatureDrawingSchema.safeParse(strokesToPath([stroke])).success).toBe(true)
  })

  it('stops at the last whole command within the length limit', () => {
    const long: Stroke = Array.from({ length: 5000 }, (_, i) => ({ x: 600, y: i % 2 === 0 ? 200 : 199 }))
    const path = strokesToPath([long])
    expect(path).not.toBeNull()
    expect(path!.length).toBeLessThanOrEqual(MAX_SIGNATURE_DRAWING_CHARS)
    expect(path!.length).toBeGreaterThan(MAX_SIGNATURE_DRAWING_CHARS - 9)
    expect(SignatureDrawingSchema.safeParse(path).success).toBe(true)
    expect(isPathFull([long])).toBe(true)
    expect(isPathFull([long.slice(0, 10)])).toBe(false)
  })
})
