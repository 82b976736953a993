import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { MessageType } from '../../shared/protocol'
import { seededRandom } from '../test/random'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './frames'

/**
 * The hostile-frame fuzz's attacker (server/sync/fuzz.ts runs it in a process of its own): a
 * sequence of frames drawn from one seed, sent over sockets of every role.
 */

type Random = () => number

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const int = (random: Random, below: number): number => Math.floor(random() * below)

function randomBytes(random: Random, length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i++) bytes[i] = int(random, 256)
  return bytes
}

function envelope(type: number, build: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  build(encoder)
  return encoding.toUint8Array(encoder)
}

/** A valid update of a few random operations on a scratch document of a random client. */
function randomUpdate(random: Random): Uint8Array {
  const doc = new Y.Doc({ gc: false })
  doc.clientID = 1 + int(random, 50)
  const names = ['t', 'goals', 'supports', 'setup', 'participants', 'needs', 'meeting', 'x']
  for (let op = 0, ops = 1 + int(random, 5); op < ops; op++) {
    const name = pick(random, names)
    // The scratch document can give a name one kind of type only; the server's may differ (on purpose).
    if (doc.share.has(name)) continue
    switch (int(random, 6)) {
      case 0:
        doc.getText(name).insert(0, 'a'.repeat(1 + int(random, 40)))
        break
      case 1:
        doc.getMap(name).set(String(int(random, 5)), pick(random, ['v', 1, true, null, { a: [1, 2] }]))
        break
      case 2:
        doc.getArray(name).push([pick(random, ['s', 2, new Y.Map(), new Y.Array()])])
        break
      case 3: {
        const map = new Y.Map<unknown>()
        doc.getMap(name).set('nested', map)
        map.set('deeper', new Y.Text('x'))
        break
      }
      case 4:
        doc.getXmlFragment(name).insert(0, [new Y.XmlElement('paragraph'), new Y.XmlText('t')])
        break
      default:
        doc.getText(name).insert(0, 'xy')
        doc.getText(name).delete(0, 1)
    }
  }
  return Y.encodeStateAsUpdate(doc)
}

/**
 * The update that nests `levels` maps under the top-level map `x`, and the one that deletes the
 * outermost – what overflowed Yjs's stack before S13.
 */
export function deepNesting(
  levels: number,
  clientID = 777,
): { create: Uint8Array; deleteOutermost: Uint8Array } {
  // gc off: the attacker's own document must not try to collect what it deletes.
  const attacker = new Y.Doc({ gc: false })
  attacker.clientID = clientID
  let map = attacker.getMap<unknown>('x')
  for (let i = 0; i < levels; i++) {
    const next = new Y.Map<unknown>()
    map.set('k', next)
    map = next
  }
  const create = Y.encodeStateAsUpdate(attacker)
  // The deletion alone: the same first item (client, clock 0), deleted in a one-level copy.
  const copy = new Y.Doc({ gc: false })
  copy.clientID = clientID
  copy.getMap('x').set('k', new Y.Map())
  const before = Y.encodeStateVector(copy)
  copy.getMap('x').delete('k')
  return { create, deleteOutermost: Y.encodeStateAsUpdate(copy, before) }
}

/** Deep nesting, then (maybe) the deletion of the outermost, as one or two updates. */
function nesting(random: Random, levels: number): Uint8Array[] {
  const { create, deleteOutermost } = deepNesting(levels, 100 + int(random, 1000))
  return random() < 0.5 ? [create] : [create, deleteOutermost]
}

function mutate(random: Random, bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes)
  switch (int(random, 4)) {
    case 0:
      for (let i = 0, n = 1 + int(random, 4); i < n && copy.length > 0; i++) {
        const at = int(random, copy.length)
        copy[at] = copy[at]! ^ (1 << int(random, 8))
      }
      return copy
    case 1:
      return copy.subarray(0, int(random, copy.length))
    case 2: {
      const longer = new Uint8Array(copy.length + 1 + int(random, 16))
      longer.set(copy)
      longer.set(randomBytes(random, longer.length - copy.length), copy.length)
      return longer
    }
    default:
      if (copy.length > 0) copy[int(random, copy.length)] = 0xff
      return copy
  }
}

function awarenessFrame(random: Random): Uint8Array {
  const encoder = encoding.createEncoder()
  const entries = 1 + int(random, 3)
  encoding.writeVarUint(encoder, entries)
  for (let i = 0; i < entries; i++) {
    encoding.writeVarUint(encoder, pick(random, [1, 2, 7, int(random, 2 ** 31)]))
    encoding.writeVarUint(encoder, pick(random, [0, 1, 2 ** 31, int(random, 1000)]))
    encoding.writeVarString(
      encoder,
      pick(random, [
        'null',
        '{"user":{"name":"Rektor","role":"chair"}}',
        `{"cursor":"${'x'.repeat(int(random, 6000))}"}`,
        '{"user":',
        '[1,2,3]',
        JSON.stringify({
          user: { color: '#ff0000' },
          deep: JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`),
        }),
      ]),
    )
  }
  return encodeAwareness(encoding.toUint8Array(encoder))
}

/** The frames one step of the sequence sends on one socket. */
export function hostileFrames(random: Random): (Uint8Array | string)[] {
  switch (int(random, 14)) {
    case 0:
      return [randomBytes(random, 1 + int(random, 200))]
    case 1:
      return [
        envelope(MessageType.sync, (e) => {
          encoding.writeVarUint(e, int(random, 4))
          encoding.writeVarUint8Array(e, randomBytes(random, int(random, 100)))
        }),
      ]
    case 2:
      return [encodeSyncUpdate(mutate(random, randomUpdate(random)))]
    case 3:
      return [encodeSyncUpdate(randomUpdate(random))]
    case 4:
      return [encodeSyncStep2(randomUpdate(random))]
    case 5:
      return nesting(random, pick(random, [50, 150, 2500])).map(encodeSyncUpdate)
    case 6:
      return [awarenessFrame(random)]
    case 7:
      return Array.from({ length: 1 + int(random, 20) }, () => new Uint8Array([MessageType.queryAwareness]))
    case 8:
      return [encodeSyncStep1(random() < 0.5 ? randomBytes(random, int(random, 30)) : new Uint8Array([0]))]
    case 9:
      return [envelope(MessageType.meetingState, (e) => encoding.writeVarString(e, '{"status":"finalized"}'))]
    case 10:
      return [
        envelope(pick(random, [4, 99, 101, 2 ** 20]), () => {}),
        envelope(MessageType.auth, (e) => encoding.writeVarUint(e, 0)),
      ]
    case 11:
      return ['{"type":"sync"}']
    case 12: {
      // A state vector that claims far-away clocks: the answer must still be bounded.
      const sv = encoding.createEncoder()
      encoding.writeVarUint(sv, 1)
      encoding.writeVarUint(sv, int(random, 2 ** 31))
      encoding.writeVarUint(sv, int(random, 2 ** 31))
      return [encodeSyncStep1(encoding.toUint8Array(sv))]
    }
    default:
      return [encodeSyncUpdate(mutate(random, mutate(random, randomUpdate(random))))]
  }
}

interface Attacker {
  ws: WebSocket
  open: boolean
}

export interface AttackOptions {
  seed: number
  frames: number
  /** Sync URLs with a token, one per attacking role. */
  urls: readonly string[]
  sockets: number
  maxMs: number
}

export interface AttackResult {
  frames: number
  opens: number
  refusedOpens: number
  closes: Record<string, number>
}

/**
 * The attacker's side, run in a process of its own (server/sync/fuzz-attacker.ts), as a real one
 * would be: its own work – building deep updates, say – must not count as the server's stall.
 */
export async function attack(options: AttackOptions): Promise<AttackResult> {
  const started = performance.now()
  const random = seededRandom(options.seed)
  const closes: Record<string, number> = {}
  let opens = 0
  let refusedOpens = 0
  let sent = 0
  const attackers: (Attacker | undefined)[] = Array.from({ length: options.sockets })
  const connect = (slot: number): Promise<Attacker | undefined> => {
    const url = pick(random, options.urls)
    opens++
    return new Promise((resolve) => {
      const ws = new WebSocket(url)
      const attacker: Attacker = { ws, open: false }
      const timer = setTimeout(() => {
        ws.terminate()
        resolve(undefined)
      }, 5000)
      ws.on('open', () => {
        clearTimeout(timer)
        attacker.open = true
        attackers[slot] = attacker
        resolve(attacker)
      })
      ws.on('unexpected-response', (_req, res) => {
        clearTimeout(timer)
        refusedOpens++
        closes[`http ${res.statusCode}`] = (closes[`http ${res.statusCode}`] ?? 0) + 1
        ws.terminate()
        resolve(undefined)
      })
      ws.on('close', (code) => {
        attacker.open = false
        if (attackers[slot] === attacker) attackers[slot] = undefined
        closes[String(code)] = (closes[String(code)] ?? 0) + 1
      })
      ws.on('error', () => {})
      ws.on('message', () => {})
    })
  }
  for (let step = 0; sent < options.frames && performance.now() - started < options.maxMs; step++) {
    const slot = int(random, attackers.length)
    const attacker = attackers[slot]?.open ? attackers[slot] : await connect(slot)
    const frames = hostileFrames(random)
    if (attacker?.open) {
      for (const frame of frames) attacker.ws.send(frame, { binary: typeof frame !== 'string' })
    }
    sent += frames.length
    if (step % 20 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  for (const attacker of attackers) attacker?.ws.terminate()
  return { frames: sent, opens, refusedOpens, closes }
}
