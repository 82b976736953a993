import * as Y from 'yjs'
import {
  ATTENDANCE,
  FOLLOW_UP_FIELDS,
  GOAL_FIELDS,
  PARTICIPANT_FIELDS,
  planParts,
  RESPONSIBLE_FIELDS,
  SETUP_FIELDS,
  SUPPORT_FIELDS,
  TEXT_PARTS,
} from './layout'

/**
 * The plan as one canonical JSON text: what is signed and hashed. Same plan, same bytes – on any
 * machine, whatever order people typed in: object keys are sorted, every part is present (empty
 * when unused), lists keep their document order, rich text keeps its structure and marks. The
 * meeting's live state (current step, speaking round) is not part of the plan.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

export interface RichNode {
  type: string
  attrs?: Record<string, Json>
  content?: RichNode[]
  text?: string
  marks?: { type: string; attrs?: Record<string, Json> }[]
}

function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (Array.isArray(value)) return value.map(toJson)
  if (typeof value === 'object') {
    const out: Record<string, Json> = {}
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v)
    return out
  }
  return String(value)
}

function richText(node: Y.XmlElement | Y.XmlText | Y.XmlFragment): RichNode[] {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[])
      .filter((op) => typeof op.insert === 'string')
      .map((op) => {
        const marks = Object.entries(op.attributes ?? {}).map(([type, attrs]) =>
          attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0
            ? { type, attrs: toJson(attrs) as Record<string, Json> }
            : { type },
        )
        return marks.length > 0
          ? { type: 'text', text: op.insert as string, marks }
          : { type: 'text', text: op.insert as string }
      })
  }
  const content = node.toArray().flatMap((child) => richText(child as Y.XmlElement | Y.XmlText))
  if (node instanceof Y.XmlElement) {
    const attrs = toJson(node.getAttributes()) as Record<string, Json>
    const element: RichNode = { type: node.nodeName }
    if (Object.keys(attrs).length > 0) element.attrs = attrs
    if (content.length > 0) element.content = content
    return [element]
  }
  return content
}

function pick<T extends string, V>(map: Y.Map<V>, fields: readonly T[]): Record<T, Json> {
  const out = {} as Record<T, Json>
  for (const field of fields) out[field] = toJson(map.get(field) ?? null)
  return out
}

/** The plan as a plain object (before canonical serialisation). */
export function planToObject(doc: Y.Doc): Record<string, Json> {
  const parts = planParts(doc)
  const participants: Record<string, Json> = {}
  for (const [id, person] of parts.participants) participants[id] = pick(person, PARTICIPANT_FIELDS)
  const attendance: Record<string, Json> = {}
  for (const [id, status] of parts.attendance) {
    if ((ATTENDANCE as readonly string[]).includes(status)) attendance[id] = status
  }
  const text: Record<string, Json> = {}
  for (const part of TEXT_PARTS) text[part] = richText(parts.text(part)) as unknown as Json
  return {
    setup: pick(parts.setup, SETUP_FIELDS),
    participants,
    attendance,
    text,
    goals: parts.goals.toArray().map((goal) => pick(goal, GOAL_FIELDS)),
    supports: parts.supports.toArray().map((support) => pick(support, SUPPORT_FIELDS)),
    responsible: pick(parts.responsible, RESPONSIBLE_FIELDS),
    followUp: pick(parts.followUp, FOLLOW_UP_FIELDS),
  }
}

/** JSON with object keys sorted at every level, no whitespace. */
export function canonicalStringify(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonicalStringify).join(',')}]`
  const keys = Object.keys(value).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalStringify(value[k] as Json)}`).join(',')}}`
}

/** The canonical JSON text of a plan: the exact bytes a signature covers. */
export function canonicalPlanJson(doc: Y.Doc): string {
  return canonicalStringify(planToObject(doc))
}
