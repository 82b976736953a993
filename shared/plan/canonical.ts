import * as Y from 'yjs'
import {
  ATTENDANCE,
  FOLLOW_UP_FIELDS,
  GOAL_FIELDS,
  GOAL_FOLLOW_UP_FIELDS,
  PARTICIPANT_FIELDS,
  planParts,
  RESPONSIBLE_FIELDS,
  SETUP_FIELDS,
  SUPPORT_FIELDS,
  SUPPORT_FOLLOW_UP_FIELDS,
  TEXT_PARTS,
} from './layout'
import type { SkippedPart } from './skipped'

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

/** The plan as a plain object (before canonical serialisation), and what had to be left out of it. */
export interface PlanReading {
  plan: Record<string, Json>
  skipped: SkippedPart[]
}

export interface ReadOptions {
  /**
   * Read as versions locked before G13 were: a field value of the wrong type as whatever JSON it
   * was (not null), and any shared type with a `get` as an entry. Only to recompute such a version
   * for verification (G9). What threw then (a Yjs type as a field value, a string as an entry)
   * was never locked, so it is skipped here as well.
   */
  legacy?: boolean
}

/** A shared type or document: never walked as a plain object (its properties are cyclic internals). */
function isYjs(value: unknown): boolean {
  return value instanceof Y.AbstractType || value instanceof Y.Doc
}

function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (isYjs(value)) return null
  if (Array.isArray(value)) return value.map(toJson)
  if (typeof value === 'object') {
    const out: Record<string, Json> = {}
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v)
    return out
  }
  return String(value)
}

/** What a structured entry is read through. */
interface Entry {
  get(field: string): unknown
}

/** Reads one document; collects what it skips. */
class PlanReader {
  readonly skipped: SkippedPart[] = []

  constructor(private readonly options: ReadOptions) {}

  richText(part: string, node: unknown): RichNode[] {
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
    // Lists are read as their content, as they always were. Y.XmlHook is a Y.Map: like any other
    // value here, not rich text.
    if (!(node instanceof Y.XmlFragment || node instanceof Y.Array)) {
      this.skipped.push({ part, problem: 'not-rich-text' })
      return []
    }
    const content = (node.toArray() as unknown[]).flatMap((child) => this.richText(part, child))
    if (node instanceof Y.XmlElement) {
      const attrs: Record<string, Json> = {}
      for (const [name, value] of Object.entries(node.getAttributes() as Record<string, unknown>)) {
        if (isYjs(value)) this.skipped.push({ part, problem: 'not-rich-text' })
        else attrs[name] = toJson(value)
      }
      const element: RichNode = { type: node.nodeName }
      if (Object.keys(attrs).length > 0) element.attrs = attrs
      if (content.length > 0) element.content = content
      return [element]
    }
    // A fragment nested in a fragment has always been read as its content.
    return content
  }

  /** The fields of one entry; a value of the wrong type reads as null and is reported. */
  pick<T extends string>(
    map: Entry,
    fields: readonly T[],
    where: Omit<SkippedPart, 'problem' | 'field'>,
  ): Record<T, Json> {
    const out = {} as Record<T, Json>
    for (const field of fields) {
      const value = map.get(field)
      const expected = where.part === 'goals' && field === 'agreed' ? 'boolean' : 'string'
      if (value === undefined || value === null || typeof value === expected) {
        out[field] = (value ?? null) as Json
      } else if (this.options.legacy) {
        out[field] = toJson(value)
      } else {
        out[field] = null
        this.skipped.push({ ...where, field, problem: 'wrong-type' })
      }
    }
    return out
  }

  /**
   * A list of entries (goals, supports): entries that are not maps are skipped. The follow-up
   * fields (P7) are read only from an entry that has them, so an entry without them – every entry
   * of every plan before P7 – reads exactly as before (G9). A legacy read never has them: those
   * versions were locked before there were any.
   */
  list<T extends string, F extends string>(
    part: 'goals' | 'supports',
    entries: readonly unknown[],
    fields: readonly T[],
    followUpFields: readonly F[],
  ): Json[] {
    const out: Json[] = []
    entries.forEach((entry, index) => {
      if (!this.isEntry(entry)) {
        this.skipped.push({ part, index, problem: 'not-a-map' })
        return
      }
      const carried =
        this.options.legacy || !(entry instanceof Y.Map)
          ? []
          : followUpFields.filter((field) => entry.has(field))
      out.push(this.pick(entry, [...fields, ...carried], { part, index }))
    })
    return out
  }

  /**
   * A goal, support or participant is a Y.Map. Before G13 any shared type with a `get` was read as
   * one (a list's `get` finds no field: every field null); versions locked so are read the same.
   */
  private isEntry(value: unknown): value is Entry {
    if (value instanceof Y.Map) return true
    return (
      this.options.legacy === true &&
      value instanceof Y.AbstractType &&
      typeof (value as Partial<Entry>).get === 'function'
    )
  }

  read(doc: Y.Doc): Record<string, Json> {
    const parts = planParts(doc)
    const setup = this.pick(parts.setup, SETUP_FIELDS, { part: 'setup' })
    const participants: Record<string, Json> = {}
    for (const [id, person] of parts.participants.entries() as IterableIterator<[string, unknown]>) {
      if (this.isEntry(person))
        participants[id] = this.pick(person, PARTICIPANT_FIELDS, { part: 'participants', key: id })
      else this.skipped.push({ part: 'participants', key: id, problem: 'not-a-map' })
    }
    const attendance: Record<string, Json> = {}
    for (const [id, status] of parts.attendance) {
      if ((ATTENDANCE as readonly unknown[]).includes(status)) attendance[id] = status
    }
    const text: Record<string, Json> = {}
    for (const part of TEXT_PARTS) text[part] = this.richText(part, parts.text(part)) as unknown as Json
    return {
      setup,
      participants,
      attendance,
      text,
      goals: this.list('goals', parts.goals.toArray(), GOAL_FIELDS, GOAL_FOLLOW_UP_FIELDS),
      supports: this.list('supports', parts.supports.toArray(), SUPPORT_FIELDS, SUPPORT_FOLLOW_UP_FIELDS),
      responsible: this.pick(parts.responsible, RESPONSIBLE_FIELDS, { part: 'responsible' }),
      followUp: this.pick(parts.followUp, FOLLOW_UP_FIELDS, { part: 'followUp' }),
    }
  }
}

/**
 * The plan as a plain object, and what was skipped (G13). Never throws on a document's content: an
 * entry of the wrong shape is left out and reported, so a plan a writer damaged can still be locked.
 * For a well-formed plan the object is exactly what it has always been (G9: old versions verify).
 */
export function readPlan(doc: Y.Doc, options: ReadOptions = {}): PlanReading {
  const reader = new PlanReader(options)
  const plan = reader.read(doc)
  return { plan, skipped: reader.skipped }
}

/** The plan as a plain object (before canonical serialisation). */
export function planToObject(doc: Y.Doc): Record<string, Json> {
  return readPlan(doc).plan
}

/** JSON with object keys sorted at every level, no whitespace. */
export function canonicalStringify(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonicalStringify).join(',')}]`
  const keys = Object.keys(value).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalStringify(value[k] as Json)}`).join(',')}}`
}

/** The canonical JSON text of a plan. */
export function canonicalPlanJson(doc: Y.Doc): string {
  return canonicalStringify(planToObject(doc))
}

/** Which meeting a locked version belongs to, and its number (G1). */
export interface VersionBinding {
  meetingId: string
  version: number
}

/**
 * The canonical JSON of a locked version: the plan with its meeting id and version number as two
 * more top-level keys – the exact bytes a signature covers. Bound so, a version cannot pass for
 * another meeting's, nor a relocked one for the version before it (G1, G4, G9). Readers of the
 * plan (the minutes, who must sign) ignore the two keys.
 */
export function canonicalVersionJson(
  doc: Y.Doc,
  binding: VersionBinding,
): { canonicalJson: string; skipped: SkippedPart[] } {
  const { plan, skipped } = readPlan(doc)
  return {
    canonicalJson: canonicalStringify({ ...plan, meetingId: binding.meetingId, version: binding.version }),
    skipped,
  }
}

/** The binding a stored canonical JSON carries; undefined for versions locked before G1 bound them. */
export function versionBindingOf(canonicalJson: string): VersionBinding | undefined {
  try {
    const parsed = JSON.parse(canonicalJson) as Record<string, unknown>
    const { meetingId, version } = parsed
    return typeof meetingId === 'string' && typeof version === 'number' ? { meetingId, version } : undefined
  } catch {
    return undefined
  }
}
