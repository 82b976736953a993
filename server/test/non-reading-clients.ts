/**
 * Sockets that open and then never read, in a process of their own (as an attacker's would be):
 * `node --import tsx server/test/non-reading-clients.ts <url>...`. Prints "ready" once every
 * socket is open and paused; stays until killed. Used by the S14 tests.
 */
import WebSocket from 'ws'

const urls = process.argv.slice(2)
let open = 0
for (const url of urls) {
  const ws = new WebSocket(url)
  ws.on('open', () => {
    ;(ws as unknown as { _socket: { pause(): void } })._socket.pause()
    open++
    if (open === urls.length) process.stdout.write('ready\n')
  })
  ws.on('error', () => {})
}
// Bounded: gone after a minute even if nobody kills it.
setTimeout(() => process.exit(0), 60_000).unref()
setInterval(() => {}, 1000)
