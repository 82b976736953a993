/**
 * What grew between two V8 heap snapshots (e.g. the memory scenario's baseline and loaded samples,
 * BENCH_HEAP_SNAPSHOTS=DIR):
 *
 *   node --import tsx server/bench/heap-top.ts before.heapsnapshot after.heapsnapshot [count]
 *
 * Sums self size and count per constructor or closure name (strings and code by type), and prints
 * the largest differences.
 */
import fs from 'node:fs'

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }
  nodes: number[]
  strings: string[]
}

function totals(file: string): Map<string, { size: number; count: number }> {
  const heap = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot
  const fields = heap.snapshot.meta.node_fields
  const types = heap.snapshot.meta.node_types[0]
  const width = fields.length
  const typeAt = fields.indexOf('type')
  const nameAt = fields.indexOf('name')
  const sizeAt = fields.indexOf('self_size')
  const byName = new Map<string, { size: number; count: number }>()
  for (let i = 0; i < heap.nodes.length; i += width) {
    const type = types[heap.nodes[i + typeAt]!]!
    const name =
      type === 'object' || type === 'closure'
        ? `${type} ${heap.strings[heap.nodes[i + nameAt]!]}`
        : `(${type})`
    const entry = byName.get(name) ?? { size: 0, count: 0 }
    entry.size += heap.nodes[i + sizeAt]!
    entry.count++
    byName.set(name, entry)
  }
  return byName
}

const [beforeFile, afterFile, count = '30'] = process.argv.slice(2)
if (!beforeFile || !afterFile) {
  console.error('usage: heap-top.ts before.heapsnapshot after.heapsnapshot [count]')
  process.exit(2)
}
const before = totals(beforeFile)
const after = totals(afterFile)
const rows = [...after].map(([name, a]) => {
  const b = before.get(name) ?? { size: 0, count: 0 }
  return { name, size: a.size - b.size, count: a.count - b.count }
})
rows.sort((x, y) => y.size - x.size)
const total = rows.reduce((n, r) => n + r.size, 0)
console.log(`grew by ${(total / 1024).toFixed(0)} kB`)
for (const row of rows.slice(0, Number(count))) {
  console.log(`${(row.size / 1024).toFixed(1).padStart(9)} kB ${String(row.count).padStart(8)}  ${row.name}`)
}
