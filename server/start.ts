import path from 'node:path'
import { loadBundle, mapStackTraces, STORE_CACHE_AFTER_MS } from './launch'

/**
 * `node dist/server.mjs` (`npm start`): the bundle beside this file, with its code cache
 * (server/launch.ts). The cache is stored only when this start went without it.
 */
const bundleFile = path.join(import.meta.dirname, 'server.cjs')
// As Node maps its own modules' traces: only with --enable-source-maps (npm start).
if (process.sourceMapsEnabled) mapStackTraces(bundleFile)
const bundle = loadBundle(bundleFile, `${bundleFile}.v8-cache`)
bundle.exports.main().then(
  () => {
    if (bundle.cache === 'used') return
    setTimeout(() => {
      const error = bundle.storeCache()
      // Not fatal: without the cache the next start is only slower.
      if (error) process.stderr.write(`SIP Live: the start-up code cache was not stored: ${error.message}\n`)
    }, STORE_CACHE_AFTER_MS).unref()
  },
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
