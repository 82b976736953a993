import { isAscii } from 'node:buffer'
import fs from 'node:fs'
import { createRequire, SourceMap } from 'node:module'
import path from 'node:path'
import vm from 'node:vm'
import { readCodeCache, writeCodeCache } from './code-cache'

/**
 * What `node dist/server.mjs` runs (server/build.ts makes it from this file): it compiles the
 * server's bundle, dist/server.cjs, with V8's code cache and calls its main() (server/main.ts).
 *
 * Compiling the 3.6 MB bundle was the largest single cost of a restart (docs/performance.md,
 * "Start-up (issue 15)"), and every device of every meeting waits for the restart. Node 20 has no
 * compile cache of its own for modules (module.enableCompileCache came in Node 22), so the bundle
 * is CommonJS, compiled here as a vm.Script with the bytecode an earlier start stored
 * (server/code-cache.ts, decision 011). Without a usable cache – the first start after a build, a
 * new Node, a damaged file – the start is a normal one, and the cache is stored again once the
 * server has run for a moment.
 */

/** The bundle's exports (server/main.ts). */
export interface ServerBundle {
  main(): Promise<void>
}

export interface LoadedBundle {
  exports: ServerBundle
  /** `used`: V8 took the stored bytecode; `none`: there was none for this bundle; `rejected`: V8 refused it. */
  cache: 'used' | 'none' | 'rejected'
  /** Stores the bytecode V8 has now (what ran so far included); answers why it could not. */
  storeCache(): Error | undefined
}

/**
 * Storing waits this long after the server listens, so the cache holds the code of the first
 * requests too (for a reconnecting room: the socket's open and the document's load), not only
 * of the start.
 */
export const STORE_CACHE_AFTER_MS = 2_000

/** Node's own CommonJS wrapper, on the bundle's first line so that every line number stays. */
const WRAPPER = '(function (exports, require, module, __filename, __dirname) {'

/**
 * Compiles and runs a CommonJS bundle with the code cache in `cacheFile`, as Node would run it.
 * The bundle may require() but not import(): in a vm.Script that needs an experimental API in
 * Node 20 (server/build.ts refuses a bundle that would).
 */
export function loadBundle(bundleFile: string, cacheFile: string): LoadedBundle {
  const bytes = fs.readFileSync(bundleFile)
  const cachedData = readCodeCache(cacheFile, bytes)
  // esbuild escapes what is not ASCII; an ASCII file read as latin1 is the same text, decoded
  // without the UTF-8 decoder's ~10 ms.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')
  const script = new vm.Script(`${WRAPPER}${source}\n})`, {
    filename: bundleFile,
    cachedData,
  })
  const module = { exports: {} as ServerBundle }
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(bundleFile),
    module,
    bundleFile,
    path.dirname(bundleFile),
  )
  return {
    exports: module.exports,
    cache: !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used',
    storeCache: () => writeCodeCache(cacheFile, bytes, script.createCachedData()),
  }
}

/**
 * Stack traces through the bundle name the TypeScript files, lines and columns, as
 * `node --enable-source-maps` shows them for a module Node loads itself – which it does not do
 * for a vm.Script in Node 20. The source map is read at the first stack trace through the bundle,
 * never at start: indexing the 6.5 MB map takes ~0.5 s and ~100 MB, as it did for Node's own
 * mapping. Other frames stay as V8 writes them.
 */
export function mapStackTraces(bundleFile: string): void {
  const mapFile = `${bundleFile}.map`
  let map: SourceMap | null | undefined
  const sourceMap = (): SourceMap | null => {
    if (map !== undefined) return map
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')))
    } catch {
      map = null
    }
    return map
  }
  const mapFrame = (frame: NodeJS.CallSite): string => {
    const text = String(frame)
    const line = frame.getLineNumber()
    const column = frame.getColumnNumber()
    if (frame.getFileName() !== bundleFile || line === null || column === null) return text
    const entry = sourceMap()?.findEntry(line - 1, column - 1 - (line === 1 ? WRAPPER.length : 0))
    if (!entry || !('originalSource' in entry)) return text
    const original = path.resolve(path.dirname(mapFile), entry.originalSource)
    return text.replace(
      `${bundleFile}:${line}:${column}`,
      `${original}:${entry.originalLine + 1}:${entry.originalColumn + 1}`,
    )
  }
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) =>
    Error.prototype.toString.call(error) + frames.map((frame) => `\n    at ${mapFrame(frame)}`).join('')
}
