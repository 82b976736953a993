/*
 * Checks a server's answer against the JSON Schema of its shared zod schema, as z.toJSONSchema
 * writes it at build time (vite.config.ts, `virtual:room-contract`). A participant's room reads its
 * few answers this way rather than carrying zod (issue 15): the same schema decides, in a form that
 * needs forty lines to check instead of zod's 26 kB gzip. Unknown keys pass (zod strips them; no
 * screen reads them), and a schema with a keyword this file does not check stops the build
 * (`checkable`), so nothing is silently let through.
 */

/** The part of JSON Schema (2020-12) that z.toJSONSchema writes for our answers. */
type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array'

export interface JsonSchema {
  /** One type, or any of several (`["string", "null"]` for a nullable string). */
  type?: JsonType | JsonType[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
}

const CHECKED = new Set<string>([
  'type',
  'properties',
  'required',
  'items',
  'anyOf',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
])
/** Said about a value, not required of it: left out of what the page downloads. */
const NOTES = new Set(['$schema', 'format', 'default', 'description', 'additionalProperties'])

/**
 * The schema as the checker reads it: notes left out (`format` is checked by its `pattern`,
 * unknown keys pass as zod's strip lets them); throws for a keyword it does not check.
 */
export function checkable(schema: Record<string, unknown>, at = '#'): JsonSchema {
  const out: Record<string, unknown> = {}
  for (const [keyword, value] of Object.entries(schema)) {
    if (NOTES.has(keyword)) continue
    if (!CHECKED.has(keyword)) throw new Error(`${at}: JSON Schema keyword ${keyword} is not checked`)
    if (keyword === 'properties')
      out[keyword] = Object.fromEntries(
        Object.entries(value as Record<string, Record<string, unknown>>).map(([name, inner]) => [
          name,
          checkable(inner, `${at}/properties/${name}`),
        ]),
      )
    else if (keyword === 'items') out[keyword] = checkable(value as Record<string, unknown>, `${at}/items`)
    else if (keyword === 'anyOf')
      out[keyword] = (value as Record<string, unknown>[]).map((inner, i) =>
        checkable(inner, `${at}/anyOf/${i}`),
      )
    else out[keyword] = value
  }
  return out as JsonSchema
}

const patterns = new Map<string, RegExp>()
const pattern = (source: string): RegExp => {
  const known = patterns.get(source)
  if (known) return known
  const regex = new RegExp(source)
  patterns.set(source, regex)
  return regex
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value as JsonType
}

/** Whether `value` is what `schema` describes. */
export function matches(schema: JsonSchema, value: unknown): boolean {
  if (schema.anyOf && !schema.anyOf.some((inner) => matches(inner, value))) return false
  if (schema.enum && !schema.enum.includes(value)) return false
  if ('const' in schema && schema.const !== value) return false
  const type = typeOf(value)
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type]
    if (!allowed.includes(type) && !(type === 'integer' && allowed.includes('number'))) return false
  }
  if (type === 'string') {
    const text = value as string
    const length = [...text].length
    if (schema.minLength !== undefined && length < schema.minLength) return false
    if (schema.maxLength !== undefined && length > schema.maxLength) return false
    if (schema.pattern !== undefined && !pattern(schema.pattern).test(text)) return false
  }
  if (type === 'number' || type === 'integer') {
    const number = value as number
    if (!Number.isFinite(number)) return false
    if (schema.minimum !== undefined && number < schema.minimum) return false
    if (schema.maximum !== undefined && number > schema.maximum) return false
  }
  if (type === 'array') {
    const list = value as unknown[]
    if (schema.minItems !== undefined && list.length < schema.minItems) return false
    if (schema.maxItems !== undefined && list.length > schema.maxItems) return false
    if (schema.items && !list.every((item) => matches(schema.items!, item))) return false
  }
  if (type === 'object') {
    const record = value as Record<string, unknown>
    if (schema.required?.some((name) => record[name] === undefined)) return false
    for (const [name, inner] of Object.entries(schema.properties ?? {}))
      if (record[name] !== undefined && !matches(inner, record[name])) return false
  }
  return true
}
