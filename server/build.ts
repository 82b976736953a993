import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type BuildOptions, build, type Plugin } from 'esbuild'

/**
 * Bundles the server for `npm start`, which runs it with plain node: starting from a bundle took
 * ~0.5 s instead of ~1.5 s under tsx (module resolution and loading were most of start-up), and
 * after a restart every device in a meeting waits that long to reconnect (docs/performance.md,
 * reconnect storm).
 *
 * Kept outside the bundle: better-sqlite3 (a native addon), and pdfkit, fontkit and the DejaVu
 * fonts, which read data files next to their own code and load only when a PDF is made.
 */
const ROOT = path.resolve(import.meta.dirname, '..')

const COMMON: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'pdfkit', 'fontkit', 'dejavu-fonts-ttf'],
  logLevel: 'warning',
}

/**
 * Fastify requires node:http2 when it loads (~10 ms of a start, more than any other of Node's own
 * modules) but calls it only to make an HTTP/2 server, which SIP Live never asks for. Inside
 * Fastify it becomes a stand-in that requires node:http2 at that call. If a Fastify version uses
 * more of it, the build stops here rather than the server failing later.
 */
const lazyHttp2ForFastify: Plugin = {
  name: 'lazy-http2-for-fastify',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^node:http2$/ }, ({ importer }) => {
      if (!importer.endsWith(path.join('node_modules', 'fastify', 'lib', 'server.js'))) return undefined
      const code = fs.readFileSync(importer, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      const used = new Set([...code.matchAll(/\bhttp2\.(\w+)/g)].map((match) => match[1]))
      const unknown = [...used].filter((name) => name !== 'createServer' && name !== 'createSecureServer')
      if (unknown.length > 0)
        throw new Error(`Fastify uses http2.${unknown.join(', http2.')}: see lazyHttp2ForFastify`)
      return { path: 'http2', namespace: 'lazy' }
    })
    esbuild.onLoad({ filter: /^http2$/, namespace: 'lazy' }, () => ({
      contents: `let http2
const load = () => (http2 ??= require('node:http2'))
module.exports = {
  createServer: (...args) => load().createServer(...args),
  createSecureServer: (...args) => load().createSecureServer(...args),
}`,
      loader: 'js',
    }))
  },
}

/**
 * SIP Live's server in `outdir` (default dist/): server.cjs, the whole server as one CommonJS
 * bundle whose main() starts it (server/main.ts), and server.mjs, the launcher that `npm start`
 * runs (server/start.ts), which compiles the bundle with V8's code cache (decision 011). CommonJS
 * because Node 20 can hand V8 a code cache only for a script, not for an ES module.
 */
export async function buildServer(outdir = 'dist'): Promise<void> {
  const out = path.resolve(ROOT, outdir)
  const server = await build({
    ...COMMON,
    entryPoints: [path.join(ROOT, 'server/main.ts')],
    outfile: path.join(out, 'server.cjs'),
    format: 'cjs',
    plugins: [lazyHttp2ForFastify],
    // The code was written as ES modules, which are strict; so is the bundle, dependencies included
    // (as in the ES module bundle before it). import.meta.url becomes the bundle's own URL.
    banner: {
      js: `"use strict"; const __sipImportMetaUrl = require('node:url').pathToFileURL(__filename).href;`,
    },
    define: { 'import.meta.url': '__sipImportMetaUrl' },
    // No comments, so the file is plain ASCII (read without a UTF-8 decoder) and a third smaller;
    // stack traces still name the TypeScript lines (server/launch.ts maps them).
    minifyWhitespace: true,
    legalComments: 'linked',
    metafile: true,
  })
  // A vm.Script can require() but not import() in Node 20 (server/launch.ts).
  const dynamic = Object.values(server.metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.kind === 'dynamic-import').map((entry) => entry.path),
  )
  if (dynamic.length > 0)
    throw new Error(`the server bundle may not import() ${dynamic.join(', ')}: use require()`)
  await build({
    ...COMMON,
    entryPoints: [path.join(ROOT, 'server/start.ts')],
    outfile: path.join(out, 'server.mjs'),
    format: 'esm',
    external: [],
  })
}

/**
 * Bundles one of the bench's anchor servers as an ES module, as SIP Live's own server was bundled
 * before its code cache (server/bench/). `replace` maps a package to a file of ours (paths
 * relative to the root) that stands in for it.
 */
export async function bundleServer(
  entry: string,
  outfile: string,
  replace: Record<string, string> = {},
): Promise<void> {
  await build({
    ...COMMON,
    entryPoints: [path.join(ROOT, entry)],
    outfile: path.join(ROOT, outfile),
    format: 'esm',
    // Bundled CommonJS packages call require() for Node's own modules; an ES module has none.
    banner: {
      js: "import { createRequire as __sipCreateRequire } from 'node:module'; const require = __sipCreateRequire(import.meta.url);",
    },
    alias: Object.fromEntries(Object.entries(replace).map(([pkg, file]) => [pkg, path.join(ROOT, file)])),
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildServer()
}
