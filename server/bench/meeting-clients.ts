/**
 * The client side of `npm run bench`, run as its own process so it never shares an event loop
 * with the server. For each meeting: one note-taker types into a plan part at a human rate, with
 * keystrokes shaped as Tiptap writes them (typing.ts: characters, new paragraphs, now and then a
 * word made bold); the other participants only read and record the delay from each keystroke to
 * the update that brings it into their own document. Everything talks to 127.0.0.1 only, and
 * every loop is bounded in count and time.
 *
 * Typing starts with a warm-up (`warmupSeconds`) that is not measured: connections settle, the
 * server's code is optimised, and the meetings start typing one after another over it. Then
 * `typing` on stdout tells the runner to sample the server's CPU, `seconds` of typing are timed,
 * typing stops, deliveries drain for DRAIN_MS, and `typed` ends the window. Only keystrokes typed
 * inside the window count, for latency and deliveries alike.
 *
 * A keystroke has arrived at a reader once the reader's document holds the writer's clock as it
 * was after that keystroke (every kind of keystroke advances it), so deliveries are counted the
 * same way however a server batches its messages.
 *
 * Input: the path of a JSON file { kind, wsUrl, meetings: [{ meetingId, writer, readers[] }],
 * seconds, warmupSeconds, rate }; `kind` picks the stock client of the server under test
 * (clients.ts). Output: one JSON line on stdout with latencies (ms), counts and harness CPU.
 *
 * Several processes (cluster.ts): `wsUrls` lists them, and each meeting says which one its
 * note-taker (`writerAt`) and each reader (`readersAt`) connects to; the latencies are then also
 * reported apart for readers on the note-taker's process (`same`) and on another (`cross`).
 */
import fs from 'node:fs'
import * as Y from 'yjs'
import { connectClient, type ServerKind, sleep, waitUntilSynced } from './clients'
import { type Keystroke, Typist } from './typing'

/** What the client process prints: the meeting scenario's result (run.ts, cluster.ts). */
export interface MeetingClientResult {
  delivered: number
  expected: number
  errors: number
  closes: Record<string, number>
  /** Creating every client → all synced, and the closes (refusals) on the way. */
  connectMs: number
  connectCloses: number
  p50: number | null
  p95: number | null
  p99: number | null
  max: number | null
  harnessCpuMs: number
  keystrokes: number
  keystrokeKinds: Record<string, number>
  clients: number
}

interface Input {
  kind: ServerKind
  wsUrl: string
  wsUrls?: string[]
  meetings: {
    meetingId: string
    writer: string
    readers: string[]
    writerAt?: number
    readersAt?: number[]
  }[]
  seconds: number
  warmupSeconds: number
  rate: number
}

interface Sent {
  /** The writer's clock after the keystroke. */
  clock: number
  at: number
  timed: boolean
}

const input = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as Input
// Every provider registers a process exit listener; thousands of clients are intended here.
process.setMaxListeners(0)
const PART = 'needs'
const DRAIN_MS = 1500

const connect = (meetingId: string, token: string, at = 0) =>
  connectClient(input.kind, input.wsUrls?.[at] ?? input.wsUrl, meetingId, token)

/** The 50th and 99th percentiles of sorted latencies, and how many there are. */
function quantiles(sorted: readonly number[]) {
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null
  return { count: sorted.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: sorted.at(-1) ?? null }
}

async function main(): Promise<void> {
  const latencies: number[] = []
  /** The same, by whether the reader is on the note-taker's process (several processes only). */
  const apart = { same: [] as number[], cross: [] as number[] }
  let errors = 0
  /** Unexpected closes once everyone was synced, by close code. */
  const closes: Record<string, number> = {}
  let connectCloses = 0
  let connected = false
  let delivered = 0
  const sessions = input.meetings.map((m, index) => {
    const writerAt = m.writerAt ?? 0
    const writer = connect(m.meetingId, m.writer, writerAt)
    const writerId = writer.doc.clientID
    const sent: Sent[] = []
    const readers = m.readers.map((token, r) => {
      const at = m.readersAt?.[r] ?? 0
      const reader = connect(m.meetingId, token, at)
      const bucket = at === writerAt ? apart.same : apart.cross
      let seen = 0
      reader.doc.on('update', () => {
        const now = performance.now()
        const clock = Y.getState(reader.doc.store, writerId)
        for (; seen < sent.length && sent[seen]!.clock <= clock; seen++) {
          if (!sent[seen]!.timed) continue
          latencies.push(now - sent[seen]!.at)
          bucket.push(now - sent[seen]!.at)
          delivered++
        }
      })
      reader.onDisconnected((code) => {
        if (code === 1000) return
        // Refused or dropped while everyone connects: the provider retries by itself, and the
        // level starts only once all are synced – counted apart from failures while typing.
        if (!connected) {
          connectCloses++
          return
        }
        errors++
        closes[String(code)] = (closes[String(code)] ?? 0) + 1
      })
      return reader
    })
    return { writer, readers, sent, typist: new Typist(writer.doc, PART, index + 1), timed: 0 }
  })

  const all = sessions.flatMap((s) => [s.writer, ...s.readers])
  const connectStarted = performance.now()
  await waitUntilSynced(all, 60_000)
  const connectMs = Math.round(performance.now() - connectStarted)
  connected = true

  const interval = 1000 / input.rate
  const timedKeystrokes = Math.floor(input.seconds * input.rate)
  const timedFrom = performance.now() + input.warmupSeconds * 1000
  const deadline = timedFrom + (input.seconds + 5) * 1000
  const kinds: Record<Keystroke, number> = { char: 0, paragraph: 0, bold: 0, backspace: 0 }
  let cpuStart = process.cpuUsage()
  let windowStarted = Date.now()
  const warmup = setTimeout(() => {
    cpuStart = process.cpuUsage()
    windowStarted = Date.now()
    // The runner samples the server's CPU from here: connecting, syncing and warming up are not counted.
    process.stdout.write('typing\n')
  }, input.warmupSeconds * 1000)
  // The meetings start typing one after another, spread evenly over the warm-up (or over one
  // keystroke interval without a warm-up), as independent people would. Started in the same
  // instant, a server that stores on a timer stores every document in the same turn: Hocuspocus,
  // 10 s (its longest debounce) after the first change, stalled ~400 ms at 100 meetings – an
  // artefact of the bench that an installation, whose meetings start minutes apart, never sees.
  // Spread over 3 s it still stores in bursts (docs/performance.md).
  const spreadMs = Math.max(interval, input.warmupSeconds * 1000)
  await new Promise<void>((resolve) => {
    let typing = sessions.length
    sessions.forEach((s, i) => {
      setTimeout(
        () => {
          const timer = setInterval(() => {
            const at = performance.now()
            if (s.timed >= timedKeystrokes || at > deadline) {
              clearInterval(timer)
              if (--typing === 0) resolve()
              return
            }
            const timed = at >= timedFrom
            const kind = s.typist.type()
            s.sent.push({ clock: Y.getState(s.writer.doc.store, s.writer.doc.clientID), at, timed })
            if (!timed) return
            s.timed++
            kinds[kind]++
          }, interval)
        },
        (i * spreadMs) / sessions.length,
      )
    })
  })
  clearTimeout(warmup)
  await sleep(DRAIN_MS)
  const cpu = process.cpuUsage(cpuStart)
  process.stdout.write('typed\n')
  const keystrokes = sessions.reduce((n, s) => n + s.timed, 0)
  const expected = sessions.reduce((n, s) => n + s.timed * s.readers.length, 0)
  for (const c of all) c.destroy()
  for (const list of [latencies, apart.same, apart.cross]) list.sort((a, b) => a - b)
  const overall = quantiles(latencies)
  process.stdout.write(
    `${JSON.stringify({
      clients: all.length,
      keystrokes,
      keystrokeKinds: kinds,
      delivered,
      expected,
      errors,
      closes,
      connectMs,
      connectCloses,
      p50: overall.p50,
      p95: overall.p95,
      p99: overall.p99,
      max: overall.max,
      ...(input.wsUrls ? { same: quantiles(apart.same), cross: quantiles(apart.cross) } : {}),
      harnessCpuMs: (cpu.user + cpu.system) / 1000,
      seconds: (Date.now() - windowStarted) / 1000,
    })}\n`,
  )
  process.exit(0)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
