/**
 * The client side of `npm run bench`, run as its own process so it never shares an event loop
 * with the server. For each meeting: one note-taker types into a plan part at a human rate; nine
 * read-only participants record the delay from each keystroke to their own observe event.
 * Everything talks to 127.0.0.1 only, and every loop is bounded in count and time.
 *
 * Input: the path of a JSON file { kind, wsUrl, meetings: [{ meetingId, writer, readers[] }], seconds,
 * rate }; `kind` picks the stock client of the server under test (clients.ts).
 * Output: one JSON line on stdout with latencies (ms), counts and harness CPU.
 */
import fs from 'node:fs'
import type * as Y from 'yjs'
import { connectClient, lastParagraphText, type ServerKind, waitUntilSynced } from './clients'

interface Input {
  kind: ServerKind
  wsUrl: string
  meetings: { meetingId: string; writer: string; readers: string[] }[]
  seconds: number
  rate: number
}

const input = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as Input
// Every provider registers a process exit listener; thousands of clients are intended here.
process.setMaxListeners(0)
const PART = 'needs'

const connect = (meetingId: string, token: string) => connectClient(input.kind, input.wsUrl, meetingId, token)

async function main(): Promise<void> {
  const latencies: number[] = []
  let errors = 0
  let delivered = 0
  const sessions = input.meetings.map((m) => {
    const writer = connect(m.meetingId, m.writer)
    const sent: number[] = []
    const readers = m.readers.map((token) => {
      const reader = connect(m.meetingId, token)
      let seen = 0
      reader.doc.getXmlFragment(PART).observeDeep(() => {
        const now = performance.now()
        const length = textLength(reader.doc)
        for (; seen < length && seen < sent.length; seen++) {
          latencies.push(now - sent[seen]!)
          delivered++
        }
      })
      reader.onDisconnected((code) => {
        if (code !== 1000) errors++
      })
      return reader
    })
    return { writer, readers, sent }
  })

  const all = sessions.flatMap((s) => [s.writer, ...s.readers])
  await waitUntilSynced(all, 60_000)

  // Each writer gets one paragraph to type into, then types `rate` characters a second.
  for (const s of sessions) {
    if (s.writer.doc.getXmlFragment(PART).length === 0) lastParagraphText(s.writer.doc, PART)
  }
  await new Promise((resolve) => setTimeout(resolve, 500))
  for (const s of sessions) s.sent.push(...new Array(textLength(s.writer.doc)).fill(performance.now()))

  const cpuStart = process.cpuUsage()
  const started = Date.now()
  // Tells the runner to sample the server's CPU now: connecting and syncing are not counted.
  process.stdout.write('typing\n')
  const interval = 1000 / input.rate
  const keystrokes = Math.floor(input.seconds * input.rate)
  // Spread the meetings' keystrokes over the interval, as independent people would type.
  await new Promise<void>((resolve) => {
    let tick = 0
    const timers = sessions.map((s, i) =>
      setTimeout(
        () => {
          const timer = setInterval(() => {
            const text = (s.writer.doc.getXmlFragment(PART).get(0) as Y.XmlElement).get(0) as Y.XmlText
            s.sent.push(performance.now())
            text.insert(text.length, 'abcdefghij'[s.sent.length % 10]!)
            if (s.sent.length >= keystrokes || Date.now() - started > (input.seconds + 5) * 1000)
              clearInterval(timer)
          }, interval)
          if (++tick === sessions.length) setTimeout(resolve, input.seconds * 1000 + 1500)
        },
        (i * interval) / sessions.length,
      ),
    )
    void timers
  })
  const cpu = process.cpuUsage(cpuStart)
  process.stdout.write('typed\n')
  const expected = sessions.reduce((n, s) => n + (s.sent.length - 0) * s.readers.length, 0)
  for (const c of all) c.destroy()
  latencies.sort((a, b) => a - b)
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? null
  process.stdout.write(
    `${JSON.stringify({
      clients: all.length,
      keystrokes: sessions.reduce((n, s) => n + s.sent.length, 0),
      delivered,
      expected,
      errors,
      p50: q(0.5),
      p95: q(0.95),
      p99: q(0.99),
      max: latencies[latencies.length - 1] ?? null,
      harnessCpuMs: (cpu.user + cpu.system) / 1000,
      seconds: (Date.now() - started) / 1000,
    })}\n`,
  )
  process.exit(0)
}

function textLength(doc: Y.Doc): number {
  const paragraph = doc.getXmlFragment(PART).get(0) as Y.XmlElement | undefined
  const text = paragraph?.get(0) as Y.XmlText | undefined
  return text?.length ?? 0
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
