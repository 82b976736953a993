import { MAX_SIGNATURE_DRAWING_CHARS, SIGNATURE_BOX } from '../../../shared/limits'

/**
 * A signature drawn on the chair's screen, as the server stores it (SignatureDrawingSchema): SVG
 * path data of move-to and line-to commands with whole numbers inside SIGNATURE_BOX.
 */

export interface Point {
  x: number
  y: number
}

/** One pen-down-to-pen-up line. */
export type Stroke = Point[]

/** Where the pad is on screen (DOMRect's fields, so tests need no DOM). */
export interface PadRect {
  left: number
  top: number
  width: number
  height: number
}

const clamp = (value: number, max: number): number => Math.min(max, Math.max(0, value))

/** A pointer position on the pad, scaled to the signature box, in whole numbers, clamped to it. */
export function toBoxPoint(clientX: number, clientY: number, rect: PadRect): Point {
  const scaleX = rect.width > 0 ? SIGNATURE_BOX.width / rect.width : 0
  const scaleY = rect.height > 0 ? SIGNATURE_BOX.height / rect.height : 0
  return {
    x: clamp(Math.round((clientX - rect.left) * scaleX), SIGNATURE_BOX.width),
    y: clamp(Math.round((clientY - rect.top) * scaleY), SIGNATURE_BOX.height),
  }
}

/**
 * Adds a point to the stroke being drawn. A point equal to the last one adds nothing (pointer
 * events repeat positions once scaled to whole numbers).
 */
export function extendStroke(stroke: Stroke, point: Point): Stroke {
  const last = stroke.at(-1)
  if (last && last.x === point.x && last.y === point.y) return stroke
  return [...stroke, point]
}

/**
 * The path data of the strokes, or null when nothing is drawn. A single tap becomes a dot (a
 * line of length zero, which a round line cap draws). Strokes that would take the path past
 * MAX_SIGNATURE_DRAWING_CHARS are cut at the last whole command that fits.
 */
export function strokesToPath(strokes: readonly Stroke[]): string | null {
  let path = ''
  for (const stroke of strokes) {
    const first = stroke[0]
    if (!first) continue
    const points = stroke.length === 1 ? [first, first] : stroke
    for (const [index, { x, y }] of points.entries()) {
      const command = `${index === 0 ? 'M' : 'L'}${x} ${y}`
      const next = path ? `${path} ${command}` : command
      if (next.length > MAX_SIGNATURE_DRAWING_CHARS) return path || null
      path = next
    }
  }
  return path || null
}

/** The path is as long as it may be: further points would be dropped. */
export function isPathFull(strokes: readonly Stroke[]): boolean {
  // The longest command is "L600 200" plus its separating space.
  return (strokesToPath(strokes)?.length ?? 0) > MAX_SIGNATURE_DRAWING_CHARS - 9
}
