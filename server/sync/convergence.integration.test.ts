import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { GOAL_FIELDS, SUPPORT_FIELDS, TEXT_PARTS, Y_NAMES } from '../../shared/plan/layout'
import { SYNC_PATH } from '../../shared/protocol'
import { testEngine } from '../test/engine-access'
import {
  connectClient,
  createMeeting,
  loadStoredDoc,
  seededRandom,
  startServer,
  synced,
  type TestClient,
  type TestServer,
  waitFor,
} from '../test/harness'
import seeds from './convergence-seeds.json'

/**
 * S1, S3, S4, S4a, S7, S8, S11: stock clients editing the plan at random, concurrently, some of them
 * offline for a while, across a server restart, all end with the same document – the one stored.
 * Bounded: OPS edits per seed, a few seconds each. More seeds: CONVERGENCE_SEEDS=4,5,6.
 */
const OPS = 200
/** Compacting often puts compaction (S8) in the middle of the edits. */
const OPTIONS = { sync: { compactAfterRows: 25 } }
const WORDS = ['Elsa', 'läser', 'mål', 'stöd', 'skolan', 'varje', 'vecka', 'BUP', 'hemma', 'å', '🙂']

type Random = () => number

const int = (random: Random, n: number) => Math.floor(random() * n)
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!

/** Every part of the plan the clients edit, and the server's own parts, as plain JSON. */
function contentOf(doc: Y.Doc): string {
  return JSON.stringify({
    text: TEXT_PARTS.map((part) => doc.getXmlFragment(part).toString()),
    meeting: doc.getMap(Y_NAMES.meeting).toJSON(),
    followUp: doc.getMap(Y_NAMES.followUp).toJSON(),
    goals: doc.getArray(Y_NAMES.goals).toJSON(),
    supports: doc.getArray(Y_NAMES.supports).toJSON(),
    setup: doc.getMap(Y_NAMES.setup).toJSON(),
    participants: doc.getMap(Y_NAMES.participants).toJSON(),
    stateVector: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b),
  })
}

/** One random edit of the kinds a writer's screen makes, in the plan's shapes. */
function edit(random: Random, doc: Y.Doc, marker: string): void {
  const fragment = doc.getXmlFragment(pick(random, TEXT_PARTS.slice(0, 2)))
  const paragraphs = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
  const kind = random()
  if (kind < 0.15 || paragraphs.length === 0) {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(pick(random, WORDS))])
    fragment.insert(int(random, fragment.length + 1), [paragraph])
  } else if (kind < 0.45) {
    const text = pick(random, paragraphs).get(0) as Y.XmlText
    text.insert(int(random, text.length + 1), `${pick(random, WORDS)} `)
  } else if (kind < 0.6) {
    const text = pick(random, paragraphs).get(0) as Y.XmlText
    if (text.length > 0) {
      const at = int(random, text.length)
      text.delete(at, 1 + int(random, Math.min(5, text.length - at)))
    }
  } else if (kind < 0.65) {
    fragment.delete(fragment.toArray().indexOf(pick(random, paragraphs)), 1)
  } else if (kind < 0.75) {
    doc.getMap(Y_NAMES.meeting).set('step', 1 + int(random, 5))
    if (random() < 0.5) doc.getMap(Y_NAMES.followUp).set('place', pick(random, WORDS))
  } else if (kind < 0.85) {
    // Entries are never deleted here, so every one pushed must be in the end result.
    const goal = new Y.Map<unknown>()
    for (const field of GOAL_FIELDS)
      goal.set(field, field === 'agreed' ? random() < 0.5 : pick(random, WORDS))
    goal.set('id', marker)
    doc.getArray(Y_NAMES.goals).push([goal])
  } else if (kind < 0.9) {
    const support = new Y.Map<unknown>()
    for (const field of SUPPORT_FIELDS) support.set(field, pick(random, WORDS))
    support.set('id', marker)
    doc.getArray(Y_NAMES.supports).push([support])
  } else {
    const goals = doc.getArray<Y.Map<unknown>>(Y_NAMES.goals)
    if (goals.length > 0) pick(random, goals.toArray()).set('what', `${pick(random, WORDS)} ${marker}`)
  }
}

let server: TestServer | undefined
const clients: TestClient[] = []

/**
 * S11: a graceful close that never finishes fails here, by name, instead of timing the test out.
 * On PostgreSQL the close also ends the pool's connections, each a round trip: more time there.
 */
const CLOSE_WITHIN_MS = testEngine() === 'postgres' ? 15_000 : 5_000
/** S11: a graceful close that never finishes fails here, by name, instead of timing the test out. */
async function close(s: TestServer): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`S11: the server did not finish closing within ${CLOSE_WITHIN_MS / 1000} s`)),
      CLOSE_WITHIN_MS,
    )
  })
  try {
    await Promise.race([s.close(), stuck])
  } finally {
    clearTimeout(timer)
  }
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  const s = server
  server = undefined
  if (s) await close(s)
})

async function converge(seed: number): Promise<void> {
  const random = seededRandom(seed)
  server = await startServer(undefined, OPTIONS)
  const meeting = await createMeeting(server.app)
  const { chair, notetaker, guardian } = meeting.people
  // Two sockets per writing seat (a laptop and a phone), and one reader who only watches.
  const writers = [chair, notetaker, chair, notetaker].map((p) => connectClient(server!, meeting.id, p.token))
  const reader = connectClient(server, meeting.id, guardian.token)
  clients.push(...writers, reader)
  await Promise.all(clients.map(synced))

  /** The ids of every goal and support pushed: each must be in the end result. */
  const pushed: string[] = []
  const editTracked = (writer: TestClient, marker: string) => {
    const entries = () =>
      writer.doc.getArray(Y_NAMES.goals).length + writer.doc.getArray(Y_NAMES.supports).length
    const before = entries()
    edit(random, writer.doc, marker)
    if (entries() > before) pushed.push(marker)
  }
  const offline = new Set<TestClient>()
  for (let op = 0; op < OPS; op++) {
    if (op === OPS / 2) {
      // S11, S3: a restart in the middle. The clients keep editing while it is down; the new
      // server listens on another port, so the same providers (and documents) are pointed there.
      const { dataDir } = server
      const old = server
      server = undefined
      await close(old)
      for (let i = 0; i < 5; i++) editTracked(pick(random, writers), `down-${seed}-${i}`)
      server = await startServer(dataDir, OPTIONS)
      const url = `${server.wsUrl}${SYNC_PATH}`
      for (const c of clients) c.provider.serverUrl = url
    }
    const writer = pick(random, writers)
    const roll = random()
    if (roll < 0.04 && !offline.has(writer)) {
      writer.provider.disconnect()
      offline.add(writer)
    } else if (roll < 0.08 && offline.has(writer)) {
      writer.provider.connect()
      offline.delete(writer)
    }
    editTracked(writer, `${seed}-${op}`)
    // Edits land in bursts: several in one turn, then a pause of a few milliseconds.
    if (random() < 0.3) await new Promise((resolve) => setTimeout(resolve, int(random, 15)))
  }
  for (const c of offline) c.provider.connect()

  const stored = async () => {
    const doc = await loadStoredDoc(server!.app, meeting.id)
    const content = contentOf(doc)
    doc.destroy()
    return content
  }
  await waitFor(
    async () => {
      const first = contentOf(reader.doc)
      return clients.every((c) => contentOf(c.doc) === first) && (await stored()) === first
    },
    `seed ${seed}: every client and the stored document converge`,
    20_000,
  )
  const ids = [
    ...reader.doc.getArray<Y.Map<unknown>>(Y_NAMES.goals).toArray(),
    ...reader.doc.getArray<Y.Map<unknown>>(Y_NAMES.supports).toArray(),
  ].map((entry) => entry.get('id'))
  expect(ids.sort()).toEqual([...pushed].sort())
  // Only transient closes: no client was refused for good (4400–4499).
  for (const c of clients) {
    expect(c.closeEvents.filter((e) => e.code >= 4400 && e.code < 4500)).toEqual([])
  }
}

const chosen = process.env.CONVERGENCE_SEEDS?.split(',').map(Number) ?? seeds.seeds

describe('S1, S4, S11: random concurrent edits, offline stretches and a restart converge', () => {
  for (const seed of chosen) {
    it(`S1: seed ${seed}: ${OPS} random edits by four writers, some offline, across a restart, end equal everywhere and stored`, async () => {
      await converge(seed)
    }, 60_000)
  }
  // Seeds that failed on a fault not yet fixed: listed, with what they found, until they pass.
  for (const [seed, found] of Object.entries(seeds.failing as Record<string, string>)) {
    it.skip(`S11: seed ${seed} (${found.slice(0, 60)}…)`, async () => {
      await converge(Number(seed))
    })
  }
})
