import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * No module of the client imports itself through others. Type-only and lazy imports count too:
 * a cycle is a knot for the reader whether or not the bundler can untie it. (Biome's
 * noImportCycles leaves type-only imports out, which is how ui/fields ↔ ui/useSchemaForm got in.)
 */

const CLIENT = import.meta.dirname
const IMPORT =
  /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'e2e' ? [] : sources(file)
    return /\.tsx?$/.test(entry.name) ? [file] : []
  })
}

/** The client modules a file imports (relative specifiers; anything outside client/ is left out). */
function importsOf(file: string): string[] {
  const found: string[] = []
  for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const base = path.resolve(path.dirname(file), match[1] ?? match[2] ?? '')
    const target = [`${base}.ts`, `${base}.tsx`, base].find(
      (candidate) => /\.tsx?$/.test(candidate) && fs.existsSync(candidate),
    )
    if (target?.startsWith(CLIENT + path.sep)) found.push(target)
  }
  return found
}

/** One import cycle, as a list of files from a module back to itself, or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const done = new Set<string>()
  const visit = (file: string, trail: string[]): string[] | null => {
    const start = trail.indexOf(file)
    if (start >= 0) return [...trail.slice(start), file]
    if (done.has(file)) return null
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next, [...trail, file])
      if (cycle) return cycle
    }
    done.add(file)
    return null
  }
  for (const file of graph.keys()) {
    const cycle = visit(file, [])
    if (cycle) return cycle
  }
  return null
}

describe('client modules', () => {
  it('import one another without cycles', () => {
    const graph = new Map(sources(CLIENT).map((file) => [file, importsOf(file)]))
    expect(graph.size).toBeGreaterThan(100)
    const cycle = findCycle(graph)
    expect(cycle?.map((file) => path.relative(CLIENT, file)).join(' → ') ?? null).toBeNull()
  })
})
