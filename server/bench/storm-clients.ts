/**
 * Reconnect-storm and memory scenarios, client side (run by run.ts in its own process).
 *
 * `storm`: per meeting a note-taker types CHARS keystrokes and leaves once all ten participants
 * have them; the participants stay. `ready` on stdout tells the runner to restart the server.
 * Every participant's stock provider then reconnects by itself; we record when the last one has
 * synced again, check every participant's text is what it was, and then connect one new client
 * per meeting to check the server itself still has it. The note-takers leave before the restart
 * on purpose: on SIP Live participants are read-only, so nothing the server shows after the
 * restart can have come back from a client – it is what the server stored.
 *
 * `fresh`: per meeting a note-taker types CHARS keystrokes and stays, so every room is loaded and
 * the server warm; then all participants connect at once as clients that hold nothing, on their
 * first visit (clients.ts connectFreshClient: on SIP Live the join with the link, then the
 * socket). We record when the last one has synced and holds the note-taker's text.
 *
 * `hold`: connects everyone, prints `synced`, stays idle for holdSeconds, disconnects, exits.
 *
 * Input: one argument, the path of a JSON file. Output: JSON lines on stdout.
 */
import fs from 'node:fs'
import {
  type BenchClient,
  connectClient,
  connectFreshClient,
  partText,
  type ServerKind,
  sleep,
  waitUntilSynced,
} from './clients'
import { Typist } from './typing'

interface Input {
  mode: 'storm' | 'fresh' | 'hold'
  kind: ServerKind
  wsUrl: string
  meetings: { meetingId: string; writer: string; readers: string[] }[]
  holdSeconds: number
  timeoutMs: number
}

const PART = 'needs'
const CHARS = 20
const input = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as Input
process.setMaxListeners(0)

interface Reader {
  client: BenchClient
  meeting: number
  disconnectedAt?: number
  /** When its socket opened again: from here on, waiting is the server's. */
  reopenedAt?: number
  resyncedAt?: number
}

const say = (line: string) => process.stdout.write(`${line}\n`)

function connectReaders(): Reader[] {
  return input.meetings.flatMap((m, meeting) =>
    m.readers.map((token) => ({
      client: connectClient(input.kind, input.wsUrl, m.meetingId, token),
      meeting,
    })),
  )
}

/**
 * Each meeting's note-taker connects and types CHARS keystrokes (one update each, shaped as
 * Tiptap writes them: typing.ts). Returns the note-takers and each meeting's text.
 */
async function typeNotes(): Promise<{ writers: BenchClient[]; expected: string[] }> {
  const writers = input.meetings.map((m) => connectClient(input.kind, input.wsUrl, m.meetingId, m.writer))
  await waitUntilSynced(writers, 60_000)
  const typists = writers.map((w, i) => new Typist(w.doc, PART, i + 1))
  for (let i = 0; i < CHARS; i++) {
    for (const t of typists) t.type()
    await sleep(10)
  }
  return { writers, expected: writers.map((w) => partText(w.doc, PART)) }
}

/** The note-takers type, wait for their participants to have it, and leave. */
async function typeAndLeave(readers: readonly Reader[]): Promise<string[]> {
  const { writers, expected } = await typeNotes()
  const deadline = Date.now() + 30_000
  while (readers.some((r) => partText(r.client.doc, PART) !== expected[r.meeting])) {
    if (Date.now() > deadline) throw new Error('participants did not receive the typing within 30 s')
    await sleep(20)
  }
  for (const w of writers) w.destroy()
  return expected
}

function watchReconnects(readers: readonly Reader[]): void {
  for (const r of readers) {
    r.client.onDisconnected(() => {
      r.disconnectedAt ??= Date.now()
    })
    r.client.onConnected(() => {
      if (r.disconnectedAt !== undefined) r.reopenedAt ??= Date.now()
    })
    r.client.onSynced(() => {
      if (r.disconnectedAt !== undefined) r.resyncedAt ??= Date.now()
    })
  }
}

async function freshClientsMismatch(expected: readonly string[]): Promise<number> {
  const fresh = input.meetings.map((m) => connectClient(input.kind, input.wsUrl, m.meetingId, m.readers[0]!))
  await waitUntilSynced(fresh, 30_000)
  const mismatched = fresh.filter((c, i) => partText(c.doc, PART) !== expected[i]).length
  for (const c of fresh) c.destroy()
  return mismatched
}

async function storm(): Promise<void> {
  const readers = connectReaders()
  await waitUntilSynced(
    readers.map((r) => r.client),
    60_000,
  )
  const expected = await typeAndLeave(readers)
  watchReconnects(readers)
  say('ready')
  const deadline = Date.now() + input.timeoutMs
  while (!readers.every((r) => r.resyncedAt !== undefined)) {
    if (Date.now() > deadline) break
    await sleep(10)
  }
  const resynced = readers.filter((r) => r.resyncedAt !== undefined)
  const result = {
    clients: readers.length,
    resynced: resynced.length,
    firstDisconnectAt: Math.min(...readers.map((r) => r.disconnectedAt ?? Number.POSITIVE_INFINITY)),
    lastResyncAt: Math.max(...resynced.map((r) => r.resyncedAt!)),
    firstReopenAt: Math.min(...resynced.map((r) => r.reopenedAt ?? Number.POSITIVE_INFINITY)),
    lastReopenAt: Math.max(...resynced.map((r) => r.reopenedAt ?? 0)),
    /** The longest a client waited from its socket's opening to being synced: the server's part. */
    maxReopenToSyncMs: Math.max(...resynced.map((r) => r.resyncedAt! - (r.reopenedAt ?? r.resyncedAt!))),
    mismatchedClients: readers.filter((r) => partText(r.client.doc, PART) !== expected[r.meeting]).length,
    mismatchedFreshClients: await freshClientsMismatch(expected),
    charsPerMeeting: CHARS,
  }
  for (const r of readers) r.client.destroy()
  say(JSON.stringify(result))
}

async function freshStorm(): Promise<void> {
  const { writers, expected } = await typeNotes()
  // Let the note-takers' last stores and broadcasts settle: the storm meets an idle, warm server.
  await sleep(500)
  say('ready')
  const started = Date.now()
  const syncedAt: (number | undefined)[] = []
  const refusals: Record<string, number> = {}
  const opening = input.meetings.flatMap((m, meeting) =>
    m.readers.map(async (token) => {
      const index = syncedAt.push(undefined) - 1
      try {
        const client = await connectFreshClient(input.kind, input.wsUrl, m.meetingId, token)
        // Synced and holding the meeting's text: the first sync can land before the text does
        // only if the server answered with less than it has, which counts as not synced.
        const check = () => {
          if (partText(client.doc, PART) === expected[meeting]) syncedAt[index] ??= Date.now()
        }
        client.onSynced(check)
        client.doc.on('update', () => {
          if (client.synced()) check()
        })
        return { client, meeting }
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error)
        refusals[why] = (refusals[why] ?? 0) + 1
        return undefined
      }
    }),
  )
  const opened = (await Promise.all(opening)).filter((o) => o !== undefined)
  const deadline = started + input.timeoutMs
  const refused = Object.values(refusals).reduce((a, b) => a + b, 0)
  while (syncedAt.some((t) => t === undefined) && Date.now() < deadline && refused === 0) await sleep(10)
  const synced = syncedAt.filter((t) => t !== undefined)
  const result = {
    clients: syncedAt.length,
    synced: synced.length,
    refused,
    refusals,
    startToAllSyncedMs: synced.length === syncedAt.length ? Math.max(...synced) - started : null,
    mismatchedClients: opened.filter((o) => partText(o.client.doc, PART) !== expected[o.meeting]).length,
  }
  for (const c of [...opened.map((o) => o.client), ...writers]) c.destroy()
  say(JSON.stringify(result))
}

async function hold(): Promise<void> {
  const clients = input.meetings.flatMap((m) =>
    [m.writer, ...m.readers].map((token) => connectClient(input.kind, input.wsUrl, m.meetingId, token)),
  )
  await waitUntilSynced(clients, 60_000)
  say('synced')
  await sleep(input.holdSeconds * 1000)
  for (const c of clients) c.destroy()
  say(JSON.stringify({ clients: clients.length }))
}

const modes = { storm, fresh: freshStorm, hold }
modes[input.mode]().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  },
)
