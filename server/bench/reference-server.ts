/**
 * The y-websocket reference server for the side-by-side run: `setupWSConnection` from
 * `@y/websocket-server` 0.1.1 (the last version on yjs 13) on a `ws` server bound to 127.0.0.1,
 * in its own process, wired as the package's own `server.js` does (an HTTP server whose upgrades
 * go to `ws`). It checks nothing and, by default, stores nothing: documents live in memory for
 * the life of the process.
 *
 * Environment: BENCH_REF_PORT; BENCH_REF_DIR (optional) turns on a small file persistence of our
 * own, used only by the cold-load scenario: a document's stored state is read and applied when
 * its first connection arrives (before the server's SyncStep1), and written when its last
 * connection leaves and at SIGTERM. Prints `listening` once it accepts connections,
 * `loaded <name> <ms>` for every load from a file and `stored <name>` after every store, like
 * hocuspocus-server.ts, so the bench can wait for what it needs.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { docs, setPersistence, setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'

const port = Number(process.env.BENCH_REF_PORT)
const storageDir = process.env.BENCH_REF_DIR
if (!port) throw new Error('BENCH_REF_PORT is required')

const fileOf = (name: string) => path.join(storageDir ?? '', `${encodeURIComponent(name)}.bin`)

function store(name: string, doc: Y.Doc): void {
  fs.writeFileSync(fileOf(name), Y.encodeStateAsUpdate(doc))
  process.stdout.write(`stored ${name}\n`)
}

if (storageDir) {
  setPersistence({
    provider: null,
    // Synchronous on purpose: the document holds its stored state before setupWSConnection
    // sends the server's SyncStep1, as a real persistence would have to ensure.
    bindState: (name, doc) => {
      const started = performance.now()
      let stored: Buffer
      try {
        stored = fs.readFileSync(fileOf(name))
      } catch {
        return
      }
      Y.applyUpdate(doc, stored)
      process.stdout.write(`loaded ${name} ${(performance.now() - started).toFixed(2)}\n`)
    },
    writeState: async (name, doc) => store(name, doc),
  })
}

const wss = new WebSocketServer({ noServer: true })
wss.on('connection', (socket, request) => setupWSConnection(socket, request))
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' })
  response.end('okay')
})
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})

// The package's own server has no shutdown; the bench stops servers with SIGTERM, and the
// cold-load scenario needs what is in memory on disk before the restart.
process.on('SIGTERM', () => {
  if (storageDir) for (const [name, doc] of docs) store(name, doc)
  process.exit(0)
})

server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'))
