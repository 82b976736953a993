/**
 * Cold-load scenario, client side (run by run.ts in its own process).
 *
 * `seed`: builds the history of a two-hour meeting – KEYSTROKES single-keystroke transactions
 * across the plan's rich-text parts, shaped as Tiptap writes them (typing.ts: new paragraphs,
 * now and then a word made bold; here also ~4 % Backspace), typed by one note-taker who reloads
 * the page every SESSION_KEYSTROKES keystrokes (so the document carries several Yjs client ids,
 * as a real one does). The keystrokes are made
 * locally, one Yjs update each, and sent through a stock client in messages of BATCH keystrokes
 * (the server's per-connection rate limit would otherwise make seeding take minutes). The server
 * applies, stores and compacts them; what it stores after compaction – the document's state –
 * is the same as if each keystroke had been its own message.
 *
 * `probe`: a new client connects and the time from creating it to its first completed handshake
 * is measured, then a second client (room now warm) the same way.
 *
 * Input: one argument, the path of a JSON file ({ mode, kind, wsUrl, meetingId, token,
 * readerToken, keystrokes }). Output: one JSON line on stdout.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import * as Y from 'yjs'
import { TEXT_PARTS, type TextPart } from '../../shared/plan/layout'
import { type BenchClient, connectClient, partText, type ServerKind, sleep, waitUntilSynced } from './clients'
import { Typist } from './typing'

interface Input {
  mode: 'seed' | 'probe'
  kind: ServerKind
  wsUrl: string
  meetingId: string
  token: string
  readerToken: string
  keystrokes: number
}

const SESSION_KEYSTROKES = 2_500
const BATCH = 100
/** How a two-hour meeting's typing falls on the parts (needs and situation carry the most). */
const PART_SHARE: Record<TextPart, number> = {
  opening: 0.07,
  childWords: 0.13,
  situation: 0.25,
  needs: 0.25,
  summary: 0.18,
  disagreements: 0.12,
}
const BACKSPACE_CHANCE = 0.04

const input = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as Input
process.setMaxListeners(0)

/** The history as the server receives it from the note-taker: one Yjs update per keystroke. */
function typeHistory(total: number): Uint8Array[] {
  const updates: Uint8Array[] = []
  let state: Uint8Array | null = null
  let typed = 0
  let session = 0
  const plan = TEXT_PARTS.flatMap((part) =>
    new Array<TextPart>(Math.round(total * PART_SHARE[part])).fill(part),
  ).slice(0, total)
  while (typed < plan.length) {
    // A reload: a new Y.Doc (new client id) that starts from what the server had.
    const doc = new Y.Doc()
    if (state) Y.applyUpdate(doc, state)
    doc.on('update', (update: Uint8Array) => updates.push(update))
    const typists = new Map(
      TEXT_PARTS.map((part, i) => [part, new Typist(doc, part, 42 + session * 100 + i, BACKSPACE_CHANCE)]),
    )
    const end = Math.min(plan.length, typed + SESSION_KEYSTROKES)
    for (; typed < end; typed++) typists.get(plan[typed]!)!.type()
    state = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    session++
  }
  return updates
}

function planHash(doc: Y.Doc): string {
  return createHash('sha256')
    .update(TEXT_PARTS.map((part) => partText(doc, part)).join('\u0000'))
    .digest('hex')
    .slice(0, 16)
}

async function seed(): Promise<object> {
  const started = performance.now()
  const updates = typeHistory(input.keystrokes)
  const generatedMs = performance.now() - started
  const writer = connectClient(input.kind, input.wsUrl, input.meetingId, input.token)
  await waitUntilSynced([writer], 30_000)
  for (let i = 0; i < updates.length; i += BATCH) {
    Y.applyUpdate(writer.doc, Y.mergeUpdates(updates.slice(i, i + BATCH)))
    // Yield now and then so the socket drains as a typing client's would.
    if ((i / BATCH) % 20 === 19) await sleep(5)
  }
  // Stored? A second client must see exactly the writer's state (bounded wait).
  const reader = connectClient(input.kind, input.wsUrl, input.meetingId, input.readerToken)
  await waitUntilConverged(writer, reader, 60_000)
  const result = {
    keystrokes: input.keystrokes,
    updates: updates.length,
    updateBytes: updates.reduce((n, u) => n + u.byteLength, 0),
    messages: Math.ceil(updates.length / BATCH),
    stateBytes: Y.encodeStateAsUpdate(writer.doc).byteLength,
    characters: TEXT_PARTS.reduce((n, part) => n + partText(writer.doc, part).length, 0),
    hash: planHash(writer.doc),
    generatedMs: Math.round(generatedMs),
  }
  writer.destroy()
  reader.destroy()
  return result
}

async function waitUntilConverged(a: BenchClient, b: BenchClient, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  const target = Buffer.from(Y.encodeStateVector(a.doc))
  while (!b.synced() || !Buffer.from(Y.encodeStateVector(b.doc)).equals(target)) {
    if (Date.now() > deadline) throw new Error(`seeded history did not reach a second client in ${ms} ms`)
    await sleep(50)
  }
}

/** Time from creating a client to its first completed handshake. */
async function timeToSync(): Promise<{ ms: number; client: BenchClient }> {
  const started = performance.now()
  const client = connectClient(input.kind, input.wsUrl, input.meetingId, input.readerToken)
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('probe did not sync in 30 s')), 30_000)
    client.onSynced(() => {
      clearTimeout(timer)
      resolve()
    })
  })
  return { ms: performance.now() - started, client }
}

async function probe(): Promise<object> {
  const cold = await timeToSync()
  const warm = await timeToSync()
  const result = {
    coldSyncMs: round(cold.ms),
    warmSyncMs: round(warm.ms),
    stateBytes: Y.encodeStateAsUpdate(cold.client.doc).byteLength,
    hash: planHash(cold.client.doc),
  }
  cold.client.destroy()
  warm.client.destroy()
  return result
}

const round = (ms: number) => Math.round(ms * 100) / 100

;(input.mode === 'seed' ? seed() : probe()).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`)
    process.exit(0)
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  },
)
