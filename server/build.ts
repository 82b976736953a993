import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

/**
 * Bundles the server into one file, dist/server.mjs, which `npm start` runs with plain node.
 * Starting from it takes ~0.5 s instead of ~1.5 s under tsx (module resolution and loading were
 * most of start-up), and after a restart every device in a meeting waits that long to reconnect
 * (docs/performance.md, reconnect storm).
 *
 * Kept outside the bundle: better-sqlite3 (a native addon), and pdfkit, fontkit and the DejaVu
 * fonts, which read data files next to their own code and load only when a PDF is made.
 */
const ROOT = path.resolve(import.meta.dirname, '..')

/**
 * Bundles one server entry (also the bench's anchor servers, so all start the same way).
 * `replace` maps a package to a file of ours (paths relative to the root) that stands in for it.
 */
export async function bundleServer(
  entry: string,
  outfile: string,
  replace: Record<string, string> = {},
): Promise<void> {
  await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile: path.join(ROOT, outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    external: ['better-sqlite3', 'pdfkit', 'fontkit', 'dejavu-fonts-ttf'],
    // Bundled CommonJS packages call require() for Node's own modules; an ES module has none.
    banner: {
      js: "import { createRequire as __sipCreateRequire } from 'node:module'; const require = __sipCreateRequire(import.meta.url);",
    },
    alias: Object.fromEntries(Object.entries(replace).map(([pkg, file]) => [pkg, path.join(ROOT, file)])),
    logLevel: 'warning',
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleServer('server/index.ts', 'dist/server.mjs')
}
