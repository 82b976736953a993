import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildSync } from 'esbuild'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeCodeCache, encodeCodeCache, RUNTIME_TAG, readCodeCache } from './code-cache'
import { loadBundle, mapStackTraces } from './launch'

/**
 * The launcher `npm start` runs (server/launch.ts, decision 011): the bundle compiled with the V8
 * code cache of an earlier start – and a normal start whenever that cache is missing, belongs to
 * another bundle or runtime, or is damaged.
 */

const dirs: string[] = []
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-launch-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** A small CommonJS bundle like dist/server.cjs: main() and a value computed when it runs. */
function writeBundle(dir: string, answer = 42): string {
  const file = path.join(dir, 'server.cjs')
  fs.writeFileSync(
    file,
    `"use strict";
exports.answer = ${answer} + [1, 2, 3].map((n) => n * 2).reduce((a, b) => a + b, 0) - 12;
exports.main = async () => 'main ran';
exports.loadLater = () => require('beside');
`,
  )
  return file
}

/** Flips one byte of the payload (the cache's last byte), keeping the file's length. */
function damage(cacheFile: string): void {
  const bytes = fs.readFileSync(cacheFile)
  bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff
  fs.writeFileSync(cacheFile, bytes)
}

describe('the start-up code cache', () => {
  it('a start without a cache runs the bundle and can store one; the next start uses it', async () => {
    const dir = tempDir()
    const bundleFile = writeBundle(dir)
    const cacheFile = `${bundleFile}.v8-cache`

    const first = loadBundle(bundleFile, cacheFile)
    expect(first.cache).toBe('none')
    expect((first.exports as unknown as { answer: number }).answer).toBe(42)
    expect(await first.exports.main()).toBe('main ran')
    expect(first.storeCache()).toBeUndefined()
    expect(readCodeCache(cacheFile, fs.readFileSync(bundleFile))).toBeDefined()

    const second = loadBundle(bundleFile, cacheFile)
    expect(second.cache).toBe('used')
    expect((second.exports as unknown as { answer: number }).answer).toBe(42)
    expect(await second.exports.main()).toBe('main ran')
  })

  it("require() inside the bundle resolves from the bundle's folder (pdfkit is loaded that way)", async () => {
    const dir = tempDir()
    const bundleFile = writeBundle(dir)
    fs.mkdirSync(path.join(dir, 'node_modules', 'beside'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'node_modules', 'beside', 'index.js'), 'module.exports = "found"')
    const loaded = loadBundle(bundleFile, `${bundleFile}.v8-cache`)
    const { loadLater } = loaded.exports as unknown as { loadLater: () => string }
    expect(loadLater()).toBe('found')
  })

  it('a cache of another bundle of the same length is not used (V8 itself checks only the length)', () => {
    const dir = tempDir()
    const bundleFile = writeBundle(dir, 42)
    const cacheFile = `${bundleFile}.v8-cache`
    expect(loadBundle(bundleFile, cacheFile).storeCache()).toBeUndefined()

    const changed = writeBundle(dir, 43)
    expect(fs.statSync(changed).size).toBe(fs.statSync(cacheFile.replace(/\.v8-cache$/, '')).size)
    const next = loadBundle(changed, cacheFile)
    expect(next.cache).toBe('none')
    expect((next.exports as unknown as { answer: number }).answer).toBe(43)
  })

  it('a damaged, truncated or foreign cache file means a normal start, never a failed one', async () => {
    const dir = tempDir()
    const bundleFile = writeBundle(dir)
    const cacheFile = `${bundleFile}.v8-cache`
    const store = () => expect(loadBundle(bundleFile, cacheFile).storeCache()).toBeUndefined()

    store()
    damage(cacheFile)
    const afterDamage = loadBundle(bundleFile, cacheFile)
    expect(afterDamage.cache).toBe('none')
    expect(await afterDamage.exports.main()).toBe('main ran')

    store()
    fs.truncateSync(cacheFile, fs.statSync(cacheFile).size - 10)
    expect(loadBundle(bundleFile, cacheFile).cache).toBe('none')

    fs.writeFileSync(cacheFile, 'not a cache at all')
    expect(loadBundle(bundleFile, cacheFile).cache).toBe('none')

    // Stored by another Node (V8 would refuse its bytecode; the file says so before V8 is asked).
    const bundle = fs.readFileSync(bundleFile)
    store()
    const payload = decodeCodeCache(fs.readFileSync(cacheFile), bundle)!
    fs.writeFileSync(cacheFile, encodeCodeCache(bundle, payload, `${RUNTIME_TAG} (another build)`))
    expect(loadBundle(bundleFile, cacheFile).cache).toBe('none')
    expect(decodeCodeCache(encodeCodeCache(bundle, payload), bundle)?.equals(payload)).toBe(true)
  })

  it('a cache that cannot be stored is reported, not thrown, and leaves no temporary file', () => {
    const dir = tempDir()
    const bundleFile = writeBundle(dir)
    const cacheFile = path.join(dir, 'missing-folder', 'server.cjs.v8-cache')
    const loaded = loadBundle(bundleFile, cacheFile)
    expect(loaded.storeCache()).toBeInstanceOf(Error)
    expect(fs.readdirSync(dir)).toEqual(['server.cjs'])
  })
})

describe('stack traces through the bundle', () => {
  const original = Error.prepareStackTrace
  afterEach(() => {
    Error.prepareStackTrace = original
  })

  it('name the TypeScript file and line, read from the source map beside the bundle', async () => {
    const dir = tempDir()
    const source = path.join(dir, 'thrower.ts')
    fs.writeFileSync(
      source,
      `export async function main(): Promise<void> {}
export function fail(): never {
  throw new Error('from the bundle')
}
`,
    )
    const bundleFile = path.join(dir, 'server.cjs')
    buildSync({
      entryPoints: [source],
      outfile: bundleFile,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      sourcemap: true,
      minifyWhitespace: true,
      logLevel: 'silent',
    })
    mapStackTraces(bundleFile)
    const loaded = loadBundle(bundleFile, `${bundleFile}.v8-cache`)
    const { fail } = loaded.exports as unknown as { fail: () => never }
    let stack = ''
    try {
      fail()
    } catch (error) {
      stack = (error as Error).stack ?? ''
    }
    expect(stack.split('\n')[0]).toBe('Error: from the bundle')
    expect(stack).toContain(`at fail (${source}:3:9)`)
    expect(stack).not.toContain(`${bundleFile}:`)
  })
})
